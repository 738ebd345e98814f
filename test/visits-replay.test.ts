/**
 * 四个必到 (issue 18 §2) through `cli replay` (test/visits-scenario.ts): for each trigger (面对面/上门, reopened,
 * 不满意, cannot be solved soon: an extension asked, a deadline extended on a later import, the unit saying so) one
 * visit recorded in the words heads use and one left unrecorded that goes to the supervision team; delivery right
 * after the import's answer within working hours, the next working morning after a night import. On Wechaty and on
 * WeCom (the bot sees group messages only with @; the visit items carry no card).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from './replay-run.js';
import { HEADER, writeCsv } from './ticket-helpers.js';
import { at, visitScenario } from './visits-scenario.js';

interface Out {
  at: string;
  to: string;
  text: string;
  mentions?: string[];
  card?: unknown;
}

const SUP = ['wxid_sup_liu', 'wxid_sup_chen'];

/** What the bot sent at that time (optionally to one person), @-mention in front removed. */
function reader(out: Out[]) {
  const sent = (when: string, to?: string) => out.filter((o) => o.at === when && (to === undefined || o.to === to));
  const said = (when: string, to?: string) => (sent(when, to)[0]?.text ?? '').replace(/^@\S+ /, '');
  const visits = (when: string) => sent(when).filter((o) => o.text.startsWith('【四个必到'));
  return { sent, said, visits };
}

describe('四个必到 in replay (Wechaty): each trigger recorded and unrecorded', () => {
  let dir: string;
  let out: Out[] = [];
  let stderr = '';
  let r: ReturnType<typeof reader>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'duban-visits-'));
    const run = runReplay<Out>(visitScenario(dir).lines);
    expect(run.status, run.stderr).toBe(0);
    out = run.out;
    stderr = run.stderr;
    r = reader(out);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the import opens one item per ticket, says so in its answer and delivers each right after it, privately', () => {
    expect(stderr).not.toMatch(/line \d+:/);
    const monday = at('11-30', '10:00');
    const answer = r.sent(monday, 'wxid_sup_liu')[0]?.text ?? '';
    expect(answer).toContain('新增“四个必到”领导走访事项6项（V1、V2、V3、V4、V5、V6），已私信通知承办单位负责同志。');
    const items = r.visits(monday);
    expect(items.map((o) => [o.text.slice(0, 8), o.to])).toEqual([
      ['【四个必到】V1', 'wxid_zhujian_zhang'],
      ['【四个必到】V2', 'wxid_jiaoyu_sun'],
      ['【四个必到】V3', 'wxid_weijian_zhou'],
      ['【四个必到】V4', 'wxid_renshe_wu'],
      ['【四个必到】V5', 'wxid_gongan_feng'],
      ['【四个必到】V6', 'wxid_shengtai_zheng'],
    ]);
    // After the answer that names them.
    expect(out.indexOf(items[0] as Out)).toBeGreaterThan(out.findIndex((o) => o.text === answer));
    expect(items[0]?.text).toBe(
      '【四个必到】V1 区住房和城乡建设局\n' +
        '工单2026113000001（老旧小区楼顶漏水）：群众要求面对面沟通。\n' +
        '诉求：楼顶漏水多次反映未解决，希望住建局领导上门查看\n' +
        '按照“四个必到”要求，须由单位负责同志亲自上门走访，请于12月7日（星期一）前完成。\n' +
        '走访后请直接回复走访情况，如：V1 已上门 张局长 已与群众达成整改协议（非当天走访的请写明日期）。',
    );
    expect(items[1]?.text).toContain('工单2026113000002（学校周边施工噪音）：已重办2次。');
    expect(items[2]?.text).toContain('：群众对办理结果不满意。');
    expect(items[3]?.text).toContain('：已申请延期，问题短期内难以解决。');
    expect(items[4]?.text).toContain('：已重办3次。');
    for (const o of items) expect(o.text).not.toMatch(/[!！]/);
  });

  it('a deadline moved later on a later import opens an item, delivered right after that import', () => {
    const tuesday = at('12-01', '10:00');
    expect(r.said(tuesday, 'wxid_sup_liu')).toContain('新增“四个必到”领导走访事项1项（V8）');
    expect(r.visits(tuesday).map((o) => o.to)).toEqual(['wxid_chengguan_chu']);
    expect(r.visits(tuesday)[0]?.text).toContain(
      '工单2026113000007（夜市占道经营）：办理时限已延长，问题短期内难以解决。',
    );
    expect(r.visits(tuesday)[0]?.text).toContain('请于12月8日（星期二）前完成');
  });

  it('a unit saying its ticket cannot be solved soon opens an item; the sender is told which', () => {
    const said = at('11-30', '16:00');
    expect(r.visits(said).map((o) => o.to)).toEqual(['wxid_minzheng_jiang']);
    expect(r.visits(said)[0]?.text).toContain('工单2026113000008（困难家庭救助）：承办单位反映问题短期内难以解决。');
    expect(r.said(said, 'group')).toBe(
      '已记录：工单2026113000008短期内难以解决。按照“四个必到”要求，须由单位负责同志于12月7日（星期一）前' +
        '亲自上门走访（V7），已通知单位负责同志。',
    );
  });

  it('a night import: the answer says when, the item goes out the next working morning', () => {
    const night = at('12-01', '19:30');
    expect(r.said(night, 'wxid_sup_liu')).toContain(
      '新增“四个必到”领导走访事项1项（V9），将于下一个工作日上午通知承办单位负责同志。',
    );
    expect(r.visits(night)).toEqual([]);
    const morning = r.visits(at('12-02', '09:00'));
    expect(morning.map((o) => [o.to, o.text.slice(0, 8)])).toEqual([['wxid_minzheng_jiang', '【四个必到】V9']]);
  });

  it('records visits as heads type them: the layout, their own words, 已走访, 补充 and 更正', () => {
    expect(r.said(at('12-01', '10:30'))).toBe(
      '已登记V1（工单2026113000001）走访情况：12月1日，张局长上门走访，已与群众达成整改协议。',
    );
    expect(r.said(at('12-02', '09:40'), 'wxid_jiaoyu_sun')).toBe(
      '已登记V2（工单2026113000002）走访情况：12月1日，孙局长上门走访，家长表示理解。',
    );
    expect(r.said(at('12-02', '10:00'))).toBe('已登记V3（工单2026113000003）走访情况：12月2日，周局长上门走访。');
    expect(r.said(at('12-02', '10:05'))).toBe(
      '已更新V3（工单2026113000003）走访情况：12月2日，周局长上门走访，已与群众约定月底前恢复门诊。',
    );
    expect(r.said(at('12-02', '10:10'), 'wxid_zhujian_xu')).toBe(
      '已更新V1（工单2026113000001）走访情况：12月1日，张局长上门走访，已与群众达成整改协议；群众已在整改协议上签字。',
    );
    expect(r.said(at('12-02', '10:15'), 'wxid_zhujian_xu')).toMatch(
      /^已更新V1（工单2026113000001）走访情况：11月30日，/,
    );
  });

  it('without a code: taken when the unit owes one visit, asked which when it owes two (never dropped)', () => {
    expect(r.said(at('12-01', '15:00'))).toBe(
      '已登记V8（工单2026113000007）走访情况：12月1日，褚局长上门走访，向商户和居民说明了整治安排。',
    );
    expect(r.said(at('12-02', '11:00'))).toBe(
      '区民政局有2项领导走访待完成，未能确定本条登记的是哪一项，请注明编号后重新发送，' +
        '如：V7 蒋局长已上门走访，群众表示理解\n' +
        'V7 工单2026113000008（困难家庭救助）：承办单位反映问题短期内难以解决，12月7日（星期一）前走访\n' +
        'V9 工单2026120100009（养老补贴发放）：群众要求面对面沟通，12月8日（星期二）前走访',
    );
    expect(r.said(at('12-02', '11:05'))).toBe(
      '已登记V7（工单2026113000008）走访情况：12月2日，蒋局长上门走访，群众表示理解。',
    );
  });

  it("another unit's head is refused politely; staff sent instead of the head is not a visit", () => {
    expect(r.said(at('11-30', '11:00'))).toBe(
      'V1是区住房和城乡建设局的必到事项，应由该单位负责同志或联络员登记，本条未予登记。',
    );
    expect(r.said(at('12-03', '10:00'))).toMatch(
      /^按照“四个必到”要求，V4须由单位负责同志亲自上门走访，安排工作人员上门不能代替，本条未予登记。/,
    );
  });

  it('an item acknowledged (V5 收到) is answered with what it asks, not taken as a record', () => {
    expect(r.said(at('12-03', '09:50'), 'wxid_gongan_feng')).toBe(
      'V5（工单2026113000005）须由单位负责同志于12月7日（星期一）前亲自上门走访，目前尚未登记。' +
        '走访后请直接回复走访情况，如：V5 已上门 冯局长 已与群众达成整改协议（非当天走访的请写明日期）。',
    );
  });

  it('我的待办 lists the owed visit; a leader asking about one is told how it stands', () => {
    expect(r.said(at('12-03', '10:05'))).toContain(
      'V4 工单2026113000004（社保补缴）：已申请延期，问题短期内难以解决，12月7日（星期一）前走访',
    );
    expect(r.said(at('12-03', '10:10'), 'wxid_leader_li')).toBe(
      'V4 区人力资源和社会保障局 工单2026113000004（社保补缴）：已申请延期，问题短期内难以解决。' +
        '须由单位负责同志于12月7日（星期一）前上门走访，目前尚未登记走访情况。',
    );
  });

  it('reminds the unrecorded ones the working day before and on the due day, not on Saturday', () => {
    const fri = r.visits(at('12-04', '09:00'));
    expect(fri.map((o) => o.to)).toEqual(['wxid_renshe_wu', 'wxid_gongan_feng', 'wxid_shengtai_zheng']);
    expect(fri[0]?.text).toMatch(
      /^【四个必到·提醒】V4 工单2026113000004（社保补缴）的领导走访须于12月7日（星期一）前完成/,
    );
    expect(r.sent(at('12-05', '09:00'))).toEqual([]);
    const mon = r.visits(at('12-07', '09:00'));
    expect(mon.map((o) => o.to)).toEqual([
      'wxid_renshe_wu',
      'wxid_gongan_feng',
      'wxid_shengtai_zheng',
      'wxid_minzheng_jiang',
    ]);
    expect(mon[0]?.text).toContain('的领导走访今日（12月7日）到期');
    expect(mon[3]?.text).toContain('V9 工单2026120100009（养老补贴发放）的领导走访须于12月8日（星期二）前完成');
  });

  it('sends the unrecorded ones past due to the supervision team once, in one list, and tells the units', () => {
    const tue = r.visits(at('12-08', '09:00'));
    const team = tue.filter((o) => SUP.includes(o.to));
    expect(team.map((o) => o.to)).toEqual(SUP);
    expect(team[0]?.text).toBe(
      '【四个必到·逾期未走访】以下3项领导走访逾期未登记，请跟进督办：\n' +
        'V4 区人力资源和社会保障局 工单2026113000004（社保补缴）：已申请延期，问题短期内难以解决，' +
        '应于12月7日（星期一）前走访\n' +
        'V5 区公安分局 工单2026113000005（小区门口违停）：已重办3次，应于12月7日（星期一）前走访\n' +
        'V6 区生态环境分局 工单2026113000006（工地夜间施工）：群众对办理结果不满意，应于12月7日（星期一）前走访',
    );
    expect(tue.filter((o) => o.text.startsWith('【四个必到·逾期】')).map((o) => o.to)).toEqual([
      'wxid_renshe_wu',
      'wxid_gongan_feng',
      'wxid_shengtai_zheng',
    ]);
    expect(r.sent(at('12-08', '09:10'))).toEqual([]);
    const wed = r.visits(at('12-09', '09:00'));
    expect(wed.filter((o) => SUP.includes(o.to))[0]?.text).toMatch(
      /^【四个必到·逾期未走访】V9 区民政局 工单2026120100009（养老补贴发放）：群众要求面对面沟通。/,
    );
  });

  it('the weekly summary lists owed and done visits per unit', () => {
    const text = r.said(at('12-04', '17:00'), 'wxid_leader_li');
    expect(text).toContain('【四个必到】领导走访情况：');
    expect(text).toContain('· 区人力资源和社会保障局：待走访1件，本周已走访0件');
    expect(text).toContain('· 区民政局：待走访1件，本周已走访1件');
    expect(text).toContain('· 区城市管理局：待走访0件，本周已走访1件');
  });
});

describe('四个必到 in replay on WeCom: the same items read well, group records need @, no card', () => {
  let dir: string;
  let out: Out[] = [];
  let r: ReturnType<typeof reader>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'duban-visits-wecom-'));
    const lines = visitScenario(dir, { atBot: true }).lines;
    // Not @-mentioning the bot in the group: WeCom never shows it to the bot.
    lines.push({
      at: at('12-03', '09:30'),
      from: 'wxid_shengtai_zheng',
      text: 'V6 已上门 郑局长 已向工地下达整改通知',
    });
    lines.sort((a, b) => String(a.at).localeCompare(String(b.at)));
    const run = runReplay<Out>(lines, { channel: 'wecom' });
    expect(run.status, run.stderr).toBe(0);
    out = run.out;
    r = reader(out);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers the items privately as plain text (no 签收 card: a visit is answered by its record)', () => {
    const items = r.visits(at('11-30', '10:00'));
    expect(items).toHaveLength(6);
    for (const o of items) expect(o.card).toBeUndefined();
    expect(items[0]?.text).toContain('走访后请直接回复走访情况，如：V1 已上门 张局长 已与群众达成整改协议');
  });

  it('takes @-messages in the group and private ones; a group message without @ is not seen', () => {
    expect(r.said(at('12-01', '10:30'))).toBe(
      '已登记V1（工单2026113000001）走访情况：12月1日，张局长上门走访，已与群众达成整改协议。',
    );
    expect(r.said(at('11-30', '16:00'), 'group')).toMatch(/^已记录：工单2026113000008短期内难以解决。/);
    expect(r.said(at('12-02', '11:00'))).toMatch(/^区民政局有2项领导走访待完成/);
    expect(r.sent(at('12-03', '09:30'))).toEqual([]);
    const team = r.visits(at('12-08', '09:00')).find((o) => o.to === 'wxid_sup_liu');
    expect(team?.text).toContain('V6 区生态环境分局');
  });
});

describe('四个必到 in replay: a ticket reopened a second time on a later import, an import repeated', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the item at the import that reaches the threshold, once; the same file again opens nothing', () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-visits-'));
    const row = (reopened: number, status: string) => [
      '2026113000009',
      '路灯不亮',
      '小区路灯长期不亮',
      '区住建局',
      '城东街道',
      '',
      '2026-11-30 09:00',
      '2026-12-04 18:00',
      status,
      '',
      reopened,
    ];
    const once = writeCsv(join(dir, '工单1.csv'), [HEADER, row(1, '办理中')], 'utf8');
    const twice = writeCsv(join(dir, '工单2.csv'), [HEADER, row(2, '办理中')], 'utf8');
    const run = runReplay<Out>([
      { at: at('11-30', '10:00'), from: 'wxid_sup_liu', to: 'bot', file: once },
      { at: at('11-30', '10:30'), run: 'visit-check' },
      { at: at('12-01', '10:00'), from: 'wxid_sup_liu', to: 'bot', file: twice },
      { at: at('12-01', '10:10'), from: 'wxid_sup_liu', to: 'bot', file: twice },
      { at: at('12-01', '10:30'), run: 'visit-check' },
      { at: at('12-01', '10:40'), from: 'wxid_zhujian_zhang', to: 'bot', text: 'V1 已到现场，已更换灯具' },
    ]);
    expect(run.status, run.stderr).toBe(0);
    const visits = run.out.filter((o) => o.text.startsWith('【四个必到】'));
    expect(visits.map((o) => [o.at, o.to])).toEqual([[at('12-01', '10:00'), 'wxid_zhujian_zhang']]);
    expect(visits[0]?.text).toContain('V1 区住房和城乡建设局\n工单2026113000009（路灯不亮）：已重办2次。');
    expect(run.out.filter((o) => o.at === at('12-01', '10:10') && o.text.includes('四个必到'))).toEqual([]);
    expect(run.out.find((o) => o.at === at('12-01', '10:40'))?.text).toBe(
      '已登记V1（工单2026113000009）走访情况：12月1日，张局长上门走访，已更换灯具。',
    );
  }, 180_000);
});
