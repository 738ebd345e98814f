/**
 * Issue 12 items 4 and 5 played on WeCom, where the group shows the bot only messages that @ it: a unit's answer
 * addressed to its leader without the code (报告王主任… / @王副主任 … / a quote of the dispatch) is that dispatch's
 * answer, or the bot asks which; the usual acknowledgements after a ticket nag sign it as 签收 does.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from './replay-run.js';
import { tempDir } from './ticket-helpers.js';

type Line = { at: string; to: string; text?: string; mentions?: string[]; card?: unknown };

const at = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`;
const WANG = 'wxid_leader_wang';
const LI = 'wxid_leader_li';
const LIU = 'wxid_sup_liu';
const CHU = 'wxid_chengguan_chu';
const SUN = 'wxid_jiaoyu_sun';
const ZHOU = 'wxid_weijian_zhou';
const WU = 'wxid_renshe_wu';
const ZHENG = 'wxid_shengtai_zheng';

function replay(lines: object[]): Line[] {
  const r = runReplay<Line>(lines, { channel: 'wecom' });
  if (r.status !== 0 || r.stderr !== '') throw new Error(`replay failed (${r.status}): ${r.stderr}`);
  return r.out;
}
const textsAt = (out: Line[], hhmm: string, to?: string) =>
  out.filter((l) => l.at === at(hhmm) && l.text && (to === undefined || l.to === to)).map((l) => l.text as string);

/** A leader's dispatch in the group, @-ing the bot and the unit's head. */
const dispatch = (hhmm: string, leader: string, text: string) => ({
  at: at(hhmm),
  from: leader,
  text: `@督办助手 @褚局长 ${text}`,
  to: 'group',
});
const QUOTE_LINE = '- - - - - - - - - - - - - - -';
const unit = (hhmm: string, text: string, to = 'group') => ({ at: at(hhmm), from: CHU, text, to });

describe('issue 12.4 on WeCom: an answer addressed to the leader, with no code', () => {
  let out: Line[] = [];
  beforeAll(() => {
    out = replay([
      dispatch('09:00', WANG, '湖滨路夜市占道经营问题群众反映强烈，请组织集中整治，明天中午前反馈。'),
      unit('09:05', '@王副主任 @督办助手 收到'),
      unit('09:30', '@督办助手 报告王主任，湖滨路占道经营已集中整治，清理流动摊点15处，后续每天巡查。'),
      dispatch('10:00', WANG, '湖滨路路灯不亮，请今天下班前反馈。'),
      unit('10:30', '@王副主任 湖滨路路灯已经全部修复，今晚恢复照明 @督办助手'),
      dispatch('11:00', WANG, '人民路井盖缺失，请今天下午4点前反馈。'),
      // A WeCom quote reply, as the adapter writes body.quote into the text (wecom/inbound.ts).
      unit(
        '11:30',
        `@督办助手 「引用：人民路井盖缺失，请今天下午4点前反馈。」\n${QUOTE_LINE}\n已补齐，现场设置了警示牌`,
      ),
      dispatch('12:00', WANG, '建设路油烟扰民，请今天下午反馈。'),
      unit('12:30', '@督办助手 向王主任汇报：建设路油烟净化器已经装好了，已回访群众'),
      // Several open: the bot asks which, unless the leader addressed has only one of them open.
      dispatch('13:00', LI, '人民路占道，请今天下午反馈。'),
      dispatch('13:01', WANG, '湖滨路占道，请今天下午反馈。'),
      dispatch('13:02', WANG, '新华街油烟扰民，请今天下午反馈。'),
      unit('13:10', '@督办助手 两处占道都已经清理完毕'),
      unit('13:11', '@督办助手 报告王主任，湖滨路占道已清理'),
      unit('13:12', '@督办助手 报告李主任：人民路占道已清理'),
      unit('13:13', '@督办助手 D6'),
      unit('13:14', '报告王主任，新华街油烟净化器已装好', 'bot'),
    ]);
  });

  it('报告王主任… / @王副主任 … @督办助手 / a quote / 向王主任汇报… each answer the one open dispatch', () => {
    for (const [hhmm, code, words] of [
      ['09:30', 'D1', '报告王主任，湖滨路占道经营已集中整治，清理流动摊点15处，后续每天巡查。'],
      ['10:30', 'D2', '湖滨路路灯已经全部修复，今晚恢复照明'],
      ['11:30', 'D3', '已补齐，现场设置了警示牌'],
      ['12:30', 'D4', '向王主任汇报：建设路油烟净化器已经装好了，已回访群众'],
    ] as const) {
      const [relay] = textsAt(out, hhmm, WANG);
      expect(relay, hhmm).toMatch(new RegExp(`^【调度反馈 ${code}】区城市管理局（褚局长）：\n`));
      // What the leader reads is the unit's words: no @督办助手, no quoted dispatch.
      expect(relay).not.toContain('@督办助手');
      expect(relay).not.toContain('- - - -');
      expect(relay?.split('\n')[1]).toBe(words);
      expect(textsAt(out, hhmm, CHU)).toEqual([`已收到贵单位对 ${code} 的反馈，已转报王副主任。谢谢！`]);
    }
    expect(textsAt(out, '09:05', CHU)[0]).toMatch(/^已登记签收 D1，/);
  });

  it('with several open it asks which, unless the leader addressed has one open; the code then links it', () => {
    const all = textsAt(out, '13:10');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatch(/请问这条反馈对应哪一件？[\s\S]*D5 人民路占道[\s\S]*D6 湖滨路占道[\s\S]*D7 新华街油烟扰民/);
    const wang = textsAt(out, '13:11');
    expect(wang).toHaveLength(1);
    expect(wang[0]).toMatch(/请问这条反馈对应哪一件？[\s\S]*D6 [\s\S]*D7 /);
    expect(wang[0]).not.toContain('D5');
    expect(textsAt(out, '13:12', LI)[0]).toMatch(
      /^【调度反馈 D5】区城市管理局（褚局长）：\n报告李主任：人民路占道已清理/,
    );
    expect(textsAt(out, '13:13', WANG)[0]).toMatch(
      /^【调度反馈 D6】区城市管理局（褚局长）：\n报告王主任，湖滨路占道已清理/,
    );
    // Privately too: 报告王主任 while only D7 of his is open.
    expect(textsAt(out, '13:14', WANG)[0]).toMatch(/^【调度反馈 D7】/);
  });
});

const HEADER = '工单编号,标题,诉求内容,承办单位,属地镇街,派单时间,办理时限,状态,满意度,重办次数';
const OVERDUE = [
  ['N001', '占道经营', '区城市管理局'],
  ['N002', '校车接送', '区教育局'],
  ['N003', '医保报销', '区卫生健康局'],
  ['N004', '养老金查询', '区人力资源和社会保障局'],
  ['N005', '噪音扰民', '区生态环境分局'],
].map(([n, title, u]) => `${n},${title},市民反映${title}。,${u},城东街道,2026-11-20 09:00,2026-11-25 18:00,办理中,,0`);

describe('issue 12.5 on WeCom: the usual acknowledgements after a ticket nag sign it', () => {
  let out: Line[] = [];
  beforeAll(() => {
    const file = join(tempDir(), 'nag.csv');
    writeFileSync(file, `${[HEADER, ...OVERDUE].join('\n')}\n`);
    out = replay([
      { at: at('08:40'), from: LIU, to: 'bot', file },
      { at: at('09:01'), run: 'ticket-nag' },
      { at: at('09:10'), from: CHU, text: '@督办助手 收到了', to: 'group' },
      { at: at('09:11'), from: SUN, text: '收到🙏 @督办助手', to: 'group' },
      { at: at('09:12'), from: ZHOU, text: '@刘组长 @督办助手 收到，马上督促落实', to: 'group' },
      { at: at('09:13'), from: WU, text: '已收到', to: 'bot' },
      { at: at('09:14'), from: ZHENG, text: '@督办助手 好的', to: 'group' },
    ]);
  });

  it('收到了 / 收到🙏 @督办助手 / @刘组长 … 收到 / 已收到 (privately) / 好的 each sign the digest', () => {
    for (const [hhmm, who, name] of [
      ['09:10', CHU, '褚局长'],
      ['09:11', SUN, '孙局长'],
      ['09:12', ZHOU, '周局长'],
      ['09:14', ZHENG, '郑局长'],
    ] as const) {
      const said = out.filter((l) => l.at === at(hhmm) && l.text);
      expect(
        said.map((l) => [l.to, l.text]),
        hhmm,
      ).toEqual([['group', `@${name} 已签收，督办记录已更新。`]]);
      expect(said[0]?.mentions).toEqual([who]);
    }
    expect(textsAt(out, '09:13')).toEqual(['已签收，督办记录已更新。']);
    expect(out.find((l) => l.at === at('09:13') && l.text)?.to).toBe(WU);
  });
});
