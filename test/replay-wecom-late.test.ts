/**
 * Replay on WeCom: a dispatch's deadline notice in the group says a reply there must @ the bot (as
 * the reminders before it do); the late unit's answer, however written, reaches the leader only
 * when it @s the bot or is sent privately. On Wechaty the notice keeps its words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from './replay-run.js';

type Line = { at: string; to: string; text?: string; mentions?: string[] };

function replay(lines: object[], channel: 'wecom' | 'wechaty'): Line[] {
  const r = runReplay<Line>(lines, { channel });
  if (r.status !== 0 || r.stderr !== '') throw new Error(`replay failed (${r.status}): ${r.stderr}`);
  return r.out;
}

const at = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`;
const LI = 'wxid_leader_li';
const ZHANG = 'wxid_zhujian_zhang';
const ZHOU = 'wxid_weijian_zhou';
const SUN = 'wxid_jiaoyu_sun';
const NOTE = '（如在群内回复，请@督办助手）';

const ONE = [
  { at: at('09:05'), from: LI, text: '@督办助手 @张局长 @周局长 请今天下班前核查湖滨路井盖缺失情况，并反馈处置结果。' },
  { at: at('09:10'), from: ZHANG, text: '@督办助手 收到', to: 'group' },
  { at: at('09:11'), from: ZHOU, text: '收到', to: 'bot' },
  { at: at('16:30'), from: ZHANG, text: '@督办助手 D1 已核查，缺失井盖3处已补装。', to: 'group' },
  { at: at('18:00'), run: 'dispatch-check' },
  // After the notice, 周局长 answers in three ways: in the group without @ (never seen), @ at the end, privately.
  { at: at('18:05'), from: ZHOU, text: '卫健局已核查完毕，井盖已补装', to: 'group' },
  { at: at('18:06'), from: ZHOU, text: '卫健局已核查完毕，辖区内3处井盖均已补装到位 @督办助手', to: 'group' },
];

describe('WeCom: the deadline notice in the group says to @ the bot', () => {
  let out: Line[] = [];
  beforeAll(() => {
    out = replay(ONE, 'wecom');
  }, 120_000);

  it('one dispatch late: the group notice names the late unit and ends with the @ note', () => {
    const notice = out.find((l) => l.to === 'group' && l.text?.includes('【调度超时 D1】'));
    expect(notice?.text).toContain('区卫生健康局尚未反馈');
    expect(notice?.text).not.toContain('区住房和城乡建设局尚未反馈');
    expect(notice?.text?.endsWith(`请即办理并回复结果${NOTE}。`)).toBe(true);
    expect(notice?.mentions).toContain(ZHOU);
  });

  it('the un-@ group answer never arrives; the one with @ at the end is relayed to the leader', () => {
    const relayed = out.filter((l) => l.to === LI && l.text?.startsWith('【调度反馈 D1】区卫生健康局'));
    expect(relayed).toHaveLength(1);
    expect(relayed[0]?.at).toBe(at('18:06'));
    // The @督办助手 typed at the end is not passed on to the leader.
    expect(relayed[0]?.text).toContain('（超时反馈）：\n卫健局已核查完毕，辖区内3处井盖均已补装到位\n原调度：');
  });
});

describe('WeCom: two dispatches late in one check share one notice, with the note; privately answered', () => {
  let out: Line[] = [];
  beforeAll(() => {
    out = replay(
      [
        { at: at('09:05'), from: LI, text: '@督办助手 @张局长 请今天18:00前报送湖滨路积水点排查情况。' },
        { at: at('09:06'), from: LI, text: '@督办助手 @孙局长 请于今天下班前反馈校门口护学岗安排。' },
        { at: at('18:00'), run: 'dispatch-check' },
        { at: at('18:10'), from: SUN, text: 'D2 护学岗已安排，每日7:30-8:00两人值守。', to: 'bot' },
      ],
      'wecom',
    );
  }, 120_000);

  it('the notice lists both, asking for the @ in the group', () => {
    const notices = out.filter((l) => l.to === 'group' && l.text?.includes('【红色督办】【调度超时】'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain(`以下2件调度时限已到，相关单位尚未反馈，请即办理并回复结果${NOTE}：`);
    expect(notices[0]?.mentions).toEqual(expect.arrayContaining([ZHANG, SUN]));
  });

  it('a private answer after the deadline is relayed as usual', () => {
    expect(out.some((l) => l.to === LI && l.text?.startsWith('【调度反馈 D2】区教育局'))).toBe(true);
  });
});

describe('Wechaty: the deadline notices keep their words (every group message is read)', () => {
  it('no @ note in the notice of one dispatch', () => {
    const out = replay(ONE, 'wechaty');
    const notice = out.find((l) => l.to === 'group' && l.text?.includes('【调度超时 D1】'));
    expect(notice?.text?.endsWith('区卫生健康局尚未反馈，请即办理并回复结果。')).toBe(true);
    expect(out.filter((l) => l.text?.includes('请@督办助手'))).toEqual([]);
  }, 120_000);
});
