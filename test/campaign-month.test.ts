/**
 * 百日攻坚 (issue 19 §4) over a replayed month in the example district: 区住建局 reports 老旧小区改造 and 加装电梯,
 * 区卫健局 家庭医生签约, each working day from 10月30日 to 11月30日 in changing styles, as part of the 18:00 report.
 * 加装电梯 stops after 11月13日 (stalled), 老旧小区改造 goes too slowly (below the line), 家庭医生签约 keeps close
 * to it. One cumulative figure is wrong and asked about, then corrected; one campaign message is withdrawn (撤回).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { addDays, WorkCalendar } from '../src/domain/calendar.js';
import { progressRows } from '../src/store/campaign.js';
import { campaignStatuses } from '../src/usecases/campaign.js';
import { REPO } from './helpers.js';
import { type Out, run, Scenario, say } from './scenario.js';

const config = loadDistrictFile(join(REPO, 'config/district.example.yaml'));
const calendar = new WorkCalendar();
const ZHANG = 'wxid_zhujian_zhang';
const XU = 'wxid_zhujian_xu';
const ZHOU = 'wxid_weijian_zhou';
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** Working days from 10月30日 to 11月30日. */
const DAYS: string[] = [];
for (let d = '2026-10-30'; d <= '2026-11-30'; d = addDays(d, 1)) if (calendar.isWorkday(d)) DAYS.push(d);

/** What 区住建局 did each day: 老旧小区改造 and 加装电梯 (by 10月30日: 3 and 9 since the start). */
function zhujianDay(day: string): { a: number; b: number } {
  if (day === '2026-10-30') return { a: 0, b: 0 };
  const a = day === '2026-11-05' || day === '2026-11-26' ? 1 : 0;
  const b = day <= '2026-11-13' ? 1 : 0;
  return { a, b };
}

/** 区住建局's report of a day, in one of five styles (the fifth gives no 累计). */
function zhujianText(day: string, k: number, a: number, b: number, A: number, B: number): string {
  const hot = `受理${8 + (k % 5)}件，办结${8 + (k % 5)}件`;
  const aa = a === 0 ? '今日无新增' : `今日完成${a}个小区`;
  switch (k % 5) {
    case 0:
      return (
        `【区住建局】${md(day)}日报：\n一、12345热线：今日${hot}，无超期。\n二、百日攻坚推进情况。` +
        `一是老旧小区改造：${aa}，累计完成${A}个小区；二是加装电梯：${b === 0 ? '今日无新增' : `今日完工${b}部`}，` +
        `累计完工${B}部。`
      );
    case 1:
      return `区住建局${md(day)}：${hot}。百日攻坚：老旧小区改造${aa}，累计${A}个；加装电梯今日${b}部，累计${B}部。`;
    case 2:
      return `区住建局日报：${hot}\n项目\t今日完成\t累计完成\n老旧小区改造\t${a}\t${A}\n加装电梯\t${b}\t${B}`;
    case 3:
      return (
        `住建局今日${hot}👍\n🔥攻坚进展🔥\n1.老旧小区改造：${aa}，截至目前已完成${A}个\n` +
        `2.加装电梯：累计完工${B}部，其中今日${b}部`
      );
    default:
      return `区住建局 ${hot}，无超期。攻坚：老旧小区改造${aa}；加装电梯${b === 0 ? '暂无进展' : `今日完工${b}部`}。`;
  }
}

let s: Scenario;
const sent: Out[] = [];

beforeAll(async () => {
  s = await Scenario.open(config, '2026-10-30T00:00:00Z');
  let A = 3;
  let B = 9;
  let Y = 0;
  for (const [k, day] of DAYS.entries()) {
    const { a, b } = zhujianDay(day);
    A += a;
    B += b;
    // 11月11日: 累计 typed one too many (18 for 17).
    const shownB = day === '2026-11-11' ? B + 1 : B;
    sent.push(...(await s.play(say(at(day, '17:40'), ZHANG, zhujianText(day, k, a, b, A, shownB)))));
    if (day === '2026-11-11') sent.push(...(await s.play(say(at(day, '17:55'), ZHANG, '更正：加装电梯累计17部'))));
    const y = day === '2026-10-30' ? 600 : 55;
    Y = day === '2026-10-30' ? 600 : Y + y;
    const wj =
      day === '2026-10-30'
        ? '区卫健局：今日受理6件，办结6件。百日攻坚：家庭医生签约累计签约600人。'
        : `区卫健局：今日受理${5 + (k % 3)}件，办结${5 + (k % 3)}件。🏥家庭医生签约今日新签约${y}人，累计签约${Y}人；` +
          `家医团队入户随访${40 + k}人次。`;
    sent.push(...(await s.play(say(at(day, '17:45'), ZHOU, wj))));
    if (day === '2026-11-20') sent.push(...(await s.play(run(at(day, '17:00'), 'weekly-summary'))));
    if (day >= '2026-11-16') sent.push(...(await s.play(run(at(day, '18:40'), 'daily-summary'))));
  }
  // 11月20日 the liaison sends lift progress apart, then withdraws it: it never happened.
  sent.push(...(await s.play(say(at('2026-11-20', '18:10'), XU, '百日攻坚：加装电梯今日完工1部，累计20部'))));
  sent.push(...(await s.play({ at: at('2026-11-20', '18:12'), from: XU, recall: true })));
}, 240_000);

afterAll(async () => {
  await s?.close();
});

const to = (who: string, day: string) => sent.filter((o) => o.to === who && o.at.startsWith(day)).map((o) => o.text);

describe('百日攻坚 over a replayed month', () => {
  it('each report is confirmed with its campaign figures, in every style', () => {
    expect(to(ZHANG, '2026-10-30')[0]).toBe(
      '已收到区住房和城乡建设局10月30日日报：受理8件、办结8件、超期0件。\n' +
        '百日攻坚：老旧小区改造今日无新增、累计3个；加装电梯今日无新增、累计9部。',
    );
    const nov2 = to(ZHANG, '2026-11-02')[0];
    expect(nov2).toContain('百日攻坚：老旧小区改造今日无新增、累计3个；加装电梯今日1部、累计10部。');
    // The table (11月3日), 截至目前 and 其中今日 (11月4日), no 累计 at all (11月5日).
    expect(to(ZHANG, '2026-11-03')[0]).toContain('老旧小区改造今日无新增、累计3个；加装电梯今日1部、累计11部。');
    expect(to(ZHANG, '2026-11-04')[0]).toContain('老旧小区改造今日无新增、累计3个；加装电梯今日1部、累计12部。');
    expect(to(ZHANG, '2026-11-05')[0]).toContain('百日攻坚：老旧小区改造今日1个；加装电梯今日1部。');
    expect(to(ZHOU, '2026-11-02')[0]).toContain('百日攻坚：家庭医生签约今日55人、累计655人。');
  });

  it('a cumulative figure that does not add up is asked about, stored as reported, then corrected', () => {
    const [confirm, fix] = to(ZHANG, '2026-11-11');
    expect(confirm).toContain(
      '请核实“加装电梯”累计数：11月10日报送累计16部，今日新增1部，累计应为17部，本次报送累计18部。' +
        '已按报送数记录；如有误，请发送更正，例如“更正：加装电梯累计17部”。',
    );
    expect(fix).toBe('已更正区住房和城乡建设局11月11日百日攻坚进展：加装电梯累计17部。');
    // Only that one question in the month.
    expect(sent.filter((o) => o.text.includes('请核实“')).length).toBe(1);
  });

  it('a withdrawn campaign message no longer counts', async () => {
    expect(to(XU, '2026-11-20')).toEqual([
      '已收到区住房和城乡建设局11月20日百日攻坚进展：加装电梯今日1部、累计20部。',
      '已撤回区住房和城乡建设局11月20日百日攻坚进展（加装电梯），以此前报送的数据为准。',
    ]);
    const rows = await progressRows(s.h.app.db, ['dianti'], '2026-11-20');
    expect(rows.filter((r) => r.day === '2026-11-20').map((r) => [r.senderId, r.withdrawn])).toEqual([
      [ZHANG, false],
      [XU, true],
    ]);
  });

  it('behind: 加装电梯 stalled from its 3rd idle working day, 老旧小区改造 below the line', async () => {
    const byId = async (day: string) =>
      Object.fromEntries((await campaignStatuses(s.h.app.ctx, day)).map((x) => [x.item.id, x]));
    const nov13 = await byId('2026-11-13');
    expect(nov13.dianti).toMatchObject({ state: 'on-track', done: 19 });
    expect((await byId('2026-11-17')).dianti).toMatchObject({ state: 'on-track', stalledWorkdays: null });
    expect((await byId('2026-11-18')).dianti).toMatchObject({ state: 'behind', stalledWorkdays: 3, gapPoints: null });
    const nov30 = await byId('2026-11-30');
    expect(nov30.dianti).toMatchObject({ state: 'behind', done: 19, stalledWorkdays: 11, lastProgress: '2026-11-13' });
    expect(nov30.laojiu).toMatchObject({ state: 'behind', done: 5, planned: 7, stalledWorkdays: null, dayNo: 43 });
    expect(nov30.laojiu?.gapPoints).toBeCloseTo(15.1, 1);
    expect(nov30.jiayi).toMatchObject({ state: 'on-track', done: 1755, gapPoints: null });
    expect(nov30.xuewei).toMatchObject({ state: 'unreported', done: null });
    expect(nov30.anfang).toMatchObject({ state: 'unreported', dayNo: 29 });
  });

  it('the daily summary: the day counter and the items behind after the hotline anomalies', () => {
    const summary = (day: string) => to('group', day).find((t) => t.includes('日报汇总')) ?? '';
    const nov30 = summary('2026-11-30');
    const block =
      '百日攻坚第43天，剩57天。7项攻坚任务中2项进度滞后：\n' +
      '· 老旧小区改造（区住房和城乡建设局）：完成5/16个（31.3%），时间进度43%，计划应完成7个，落后15.1个百分点\n' +
      '· 加装电梯（区住房和城乡建设局）：连续11个工作日无进展，完成19/30部（63.3%），时间进度43%\n' +
      '尚未报送进展：新增学位（区教育局）、城镇新增就业（区人力资源和社会保障局）、雨污分流改造（区生态环境分局）、' +
      '智慧安防小区建设（区公安分局）。\n各单位（';
    expect(nov30).toContain(block);
    expect(nov30.indexOf('需关注：')).toBeLessThan(nov30.indexOf('百日攻坚第43天'));
    expect(summary('2026-11-17')).toContain('百日攻坚第30天，剩70天。7项攻坚任务中1项进度滞后：\n· 老旧小区改造');
    expect(summary('2026-11-18')).toContain(
      '· 加装电梯（区住房和城乡建设局）：连续3个工作日无进展，完成19/30部（63.3%）',
    );
  });

  it("the lead unit's head is told once per item and week", () => {
    const notices = sent.filter((o) => o.text.startsWith('【百日攻坚进度提醒】'));
    expect(notices.map((o) => [o.at.slice(0, 10), o.to, o.text.match(/“(.+?)”/)?.[1]])).toEqual([
      ['2026-11-16', ZHANG, '老旧小区改造'],
      ['2026-11-18', ZHANG, '加装电梯'],
      ['2026-11-23', ZHANG, '老旧小区改造'],
      ['2026-11-23', ZHANG, '加装电梯'],
      ['2026-11-30', ZHANG, '老旧小区改造'],
      ['2026-11-30', ZHANG, '加装电梯'],
    ]);
    expect(notices[1]?.text).toBe(
      '【百日攻坚进度提醒】区住房和城乡建设局：“加装电梯”进度滞后，连续3个工作日无进展，完成19/30部（63.3%），' +
        '时间进度31%。请加快推进，并在每日日报中报送进展情况。',
    );
  });

  it('the weekly summary (17:00): the items behind and what each gained in the week', () => {
    const weekly = to('wxid_leader_li', '2026-11-20').find((t) => t.startsWith('【每周汇总】')) ?? '';
    expect(weekly).toContain('\n\n百日攻坚第33天，剩67天。7项攻坚任务中2项进度滞后：\n');
    expect(weekly).toContain(
      '本周新增：老旧小区改造无新增（累计4/16个），加装电梯无新增（累计19/30部），' +
        '家庭医生签约220人（累计1370/5000人）。',
    );
    // Sent at 17:00, before the day's reports: the items as the reports up to the day before left them.
    expect(weekly.endsWith('（进展截至11月19日日报）')).toBe(true);
    // Then the week's card, with a caption of its own (on WeChat a file is a message of its own).
    const i = sent.findIndex((o) => o.to === 'wxid_leader_li' && o.text.startsWith('【每周汇总】'));
    expect(sent[i + 1]).toMatchObject({
      to: 'wxid_leader_li',
      text: '百日攻坚周报（11月16日至11月20日），百日攻坚第33天，剩67天。',
    });
    expect(sent[i + 2]).toMatchObject({ to: 'wxid_leader_li', file: '百日攻坚周报-2026-11-16.png' });
  });
});
