/**
 * 三色督办 for a leader's dispatch and a 双派单 round on the working-day clock (issue 18 §3, done-when: "blue/
 * yellow/red over a weekend and a 调休 Saturday"), through the replay pipeline: over an ordinary weekend, over the
 * 调休 Saturday after National Day 2026 (10-10 works) and over the National Day holiday itself. Each unit is told
 * 蓝色提醒 once on the last working day before its deadline day (never on a rest day or the day it was given), a
 * round's sides 黄色预警 on the deadline day, the dispatch 黄色预警 in its last hour, and 红色督办 at the deadline.
 * A WeCom run of the weekend case shows the reminder's 签收 card with its colour.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterConfig } from './helpers.js';
import { runReplay } from './replay-run.js';
import { type Out, run, Scenario, say } from './scenario.js';
import { tempDir, writeCsv } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const LI = 'wxid_leader_li';
const CHU = 'wxid_chengguan_chu';
const ZHANG = 'wxid_zhujian_zhang';
const QIN = 'wxid_chengxi_qin';
const HEADER = '工单编号,标题,诉求内容,承办单位,属地镇街,网格,派单时间,办理时限,状态,满意度,重办次数';

/** A list with one ticket rated 不满意 (a 双派单 round: 区住建局 and 城西街道). */
function ticketList(day: string): string {
  const path = join(tempDir(), 'list.csv');
  return writeCsv(
    path,
    [
      HEADER.split(','),
      [
        `${day.replace(/-/g, '')}01`,
        '楼道污水外溢',
        '市民反映锦绣小区5栋楼道污水外溢，气味难闻，希望尽快维修。',
        '区住建局',
        '城西街道',
        '锦绣社区网格',
        `${day} 08:00`,
        `${day} 18:00`,
        '办理中',
        '不满意',
        1,
      ],
    ],
    'utf8',
  );
}

const COLOUR: Record<string, string> = { 蓝色提醒: 'blue', 黄色预警: 'yellow', 红色督办: 'red' };
/** A message's 三色督办 colour: its opening mark, or a reminder's heading (【蓝色提醒 D1】). */
const mark = (o: Out) =>
  COLOUR[/^(?:@\S+\s+)*【(蓝色提醒|黄色预警|红色督办)(?: [A-Z]{1,2}\d+)?】/.exec(o.text)?.[1] ?? ''] ?? null;
const mine = (o: Out[], who: string) => o.filter((m) => m.to === who);

interface Case {
  name: string;
  given: string;
  /** The leader's words for the deadline, and the dispatch's deadline day. */
  by: string;
  dueDay: string;
  /** The dispatch's blue day; the round's blue and deadline days (2 working days after the import). */
  dispatchBlue: string;
  roundBlue: string;
  roundDue: string;
  /** Every day from the one after `given` to `dueDay`, with whether it is a working day. */
  days: Array<[string, boolean]>;
}

const CASES: Case[] = [
  {
    name: 'an ordinary weekend',
    given: '2026-11-19',
    by: '下周一下班前',
    dueDay: '2026-11-23',
    dispatchBlue: '2026-11-20',
    roundBlue: '2026-11-20',
    roundDue: '2026-11-23',
    days: [
      ['2026-11-20', true],
      ['2026-11-21', false],
      ['2026-11-22', false],
      ['2026-11-23', true],
    ],
  },
  {
    name: 'the 调休 Saturday after National Day',
    given: '2026-10-08',
    by: '10月12日下班前',
    dueDay: '2026-10-12',
    // Saturday 10-10 works (调休): the last working day before Monday; Friday 10-09 is two before.
    dispatchBlue: '2026-10-10',
    // The round's 2 working days: Friday 10-09 and the 调休 Saturday 10-10 (its deadline day).
    roundBlue: '2026-10-09',
    roundDue: '2026-10-10',
    days: [
      ['2026-10-09', true],
      ['2026-10-10', true],
      ['2026-10-11', false],
      ['2026-10-12', true],
    ],
  },
  {
    name: 'the National Day holiday',
    given: '2026-09-29',
    by: '10月8日下班前',
    dueDay: '2026-10-08',
    // Wednesday 09-30 is the last working day before Thursday 10-08, the first after the holiday.
    dispatchBlue: '2026-09-30',
    roundBlue: '2026-09-30',
    roundDue: '2026-10-08',
    days: [
      ['2026-09-30', true],
      ['2026-10-01', false],
      ['2026-10-02', false],
      ['2026-10-05', false],
      ['2026-10-07', false],
      ['2026-10-08', true],
    ],
  },
];

describe.each(CASES)('三色督办 of a dispatch and a 双派单 round over $name', (c) => {
  let s: Scenario;
  const byDay = new Map<string, Out[]>();
  let given: Out[] = [];
  let lastHour: Out[] = [];
  let deadline: Out[] = [];
  let roundLate: Out[] = [];
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig(), t(c.given, '08:00'));
    const imported = await s.play({
      at: t(c.given, '09:40'),
      from: 'wxid_sup_liu',
      to: 'bot',
      file: ticketList(c.given),
    });
    expect(imported[0]?.text).toContain('已启动双派单 SP1');
    const d = await s.play(
      say(t(c.given, '10:00'), LI, `@褚局长 滨河路夜市占道经营反复投诉，请${c.by}拿出整治方案报我`, {
        mentions: [CHU],
      }),
    );
    expect(d.find((o) => o.to === 'group')?.text).toMatch(
      /^已转办区城市管理局（褚局长），时限\d+月\d+日（星期.）18:00，编号 D1$/,
    );
    // 区住建局 signs its side; 城西街道 and 城管局 do not.
    await s.play(say(t(c.given, '10:20'), ZHANG, 'SP1 签收', { to: 'bot' }));
    given = await s.play(run(t(c.given, '11:00'), 'dispatch-check'), run(t(c.given, '14:00'), 'dual-check'));
    for (const [day] of c.days) {
      byDay.set(
        day,
        await s.play(
          run(t(day, '08:30'), 'dispatch-check'),
          run(t(day, '08:30'), 'dual-check'),
          run(t(day, '15:00'), 'dispatch-check'),
          run(t(day, '15:00'), 'dual-check'),
        ),
      );
      if (day === c.dueDay) lastHour = await s.play(run(t(day, '17:00'), 'dispatch-check'));
      if (day === c.roundDue) roundLate = await s.play(run(t(day, '18:00'), 'dual-check'));
      if (day === c.dueDay) deadline = await s.play(run(t(day, '18:00'), 'dispatch-check'));
    }
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('the day it is given: the 签收 reminders carry no colour (deadlines two working days or more away)', () => {
    expect(mine(given, CHU).map((o) => [mark(o), o.text.startsWith('【调度提醒 D1】李主任交办')])).toEqual([
      [null, true],
    ]);
    expect(mine(given, QIN).map(mark)).toEqual([null]);
    expect(mine(given, ZHANG)).toEqual([]);
  });

  it('nothing on a rest day', () => {
    for (const [day, works] of c.days) if (!works) expect(byDay.get(day), day).toEqual([]);
  });

  it('the dispatch: 蓝色提醒 once, on the last working day before its deadline day, asking for the 签收', () => {
    const blue = [...byDay.entries()].flatMap(([day, o]) => mine(o, CHU).map((m) => [day, mark(m)]));
    expect(blue).toEqual([[c.dispatchBlue, 'blue']]);
    const text = mine(byDay.get(c.dispatchBlue) ?? [], CHU)[0]?.text ?? '';
    expect(text).toMatch(/^【蓝色提醒 D1】李主任交办的“滨河路夜市占道经营反复投诉.*”将于\d+月\d+日（星期.）18:00到期/);
    expect(text).toContain('贵单位尚未签收。请回复“收到”签收，并合理安排，按时反馈办理结果。');
  });

  it('each side of the round: 蓝色提醒 the working day before its deadline day, 黄色预警 on that day', () => {
    for (const who of [ZHANG, QIN]) {
      const got = [...byDay.entries()].flatMap(([day, o]) =>
        mine(o, who)
          // The ladder past the deadline is red (and its 书面督办 brings a Word file).
          .filter((m) => mark(m) !== 'red' && !m.file)
          .map((m) => [day, mark(m)]),
      );
      expect(got, who).toEqual([
        [c.roundBlue, 'blue'],
        [c.roundDue, 'yellow'],
      ]);
    }
    const signed = mine(byDay.get(c.roundBlue) ?? [], ZHANG)[0]?.text ?? '';
    expect(signed).toMatch(/^【蓝色提醒 SP1】工单 \d+「楼道污水外溢」的答复时限为\d+月\d+日（星期.）18:00，/);
    expect(signed).toContain('贵单位尚未答复，请按时办理并回复“SP1 办理情况”。');
    const unsigned = mine(byDay.get(c.roundDue) ?? [], QIN)[0]?.text ?? '';
    expect(unsigned).toBe(
      `【黄色预警 SP1】工单 ${c.given.replace(/-/g, '')}01「楼道污水外溢」的答复时限为今日18:00，` +
        '贵单位尚未签收。请回复“SP1 签收”，办理后回复“SP1 办理情况”。',
    );
  });

  it('the dispatch in its last hour: 黄色预警; at the deadline: 红色督办 in the group, to the supervision team', () => {
    expect(mine(lastHour, CHU).map(mark)).toEqual(['yellow']);
    expect(deadline.filter((o) => o.to === 'group' && o.text.includes('【调度超时 D1】')).map(mark)).toEqual(['red']);
    for (const sup of ['wxid_sup_liu', 'wxid_sup_chen'])
      expect(
        mine(deadline, sup)
          .filter((o) => o.text.includes('【提请督办 D1】'))
          .map(mark),
      ).toEqual(['red']);
    expect(mine(deadline, LI).find((o) => o.text.startsWith('【调度进展 D1】'))?.text).toContain(
      '· 区城市管理局：未签收、未反馈，已超时【红色督办】',
    );
  });

  it('the round at its deadline: 红色督办 (即时督办) to each side', () => {
    for (const who of [ZHANG, QIN])
      expect(
        mine(roundLate, who)
          .filter((o) => o.text.includes('【即时督办 SP1】'))
          .map(mark),
        who,
      ).toEqual(['red']);
  });
});

describe('on WeCom: the reminder to a unit that has not signed carries its 签收 card, titled with the colour', () => {
  type Line = { at: string; to: string; text?: string; card?: { title: string; buttons: string[] } };
  let out: Line[] = [];
  beforeAll(() => {
    const r = runReplay<Line>(
      [
        {
          at: t('2026-11-19', '10:00'),
          from: LI,
          text: '@督办助手 @褚局长 滨河路夜市占道经营反复投诉，请下周一下班前拿出整治方案报我',
          mentions: [CHU],
        },
        { at: t('2026-11-20', '08:30'), run: 'dispatch-check' },
        { at: t('2026-11-20', '09:10'), from: CHU, text: '收到，周一前报方案', to: 'bot' },
        { at: t('2026-11-23', '17:00'), run: 'dispatch-check' },
      ],
      { channel: 'wecom' },
    );
    expect(r.stderr).toBe('');
    out = r.out;
  }, 120_000);

  it('蓝色提醒: the text, then the card 【蓝色提醒】点对点调度 D1 with its 签收 button', () => {
    const friday = out.filter((l) => l.at === t('2026-11-20', '08:30') && l.to === CHU);
    expect(friday.map((l) => (l.card ? `card:${l.card.title}` : l.text?.split('李主任')[0]))).toEqual([
      '【蓝色提醒 D1】',
      'card:【蓝色提醒】点对点调度 D1',
    ]);
    expect(friday[1]?.card?.buttons).toEqual(['签收']);
  });

  it('signed since: the 黄色预警 before the deadline has no card', () => {
    const monday = out.filter((l) => l.at === t('2026-11-23', '17:00') && l.to === CHU);
    expect(monday).toHaveLength(1);
    expect(monday[0]?.text).toMatch(/^【黄色预警 D1】.*将于11月23日（星期一）18:00到期/);
    expect(monday[0]?.card).toBeUndefined();
  });
});
