/**
 * The QA's working day (11-30 → 12-01): one overdue ticket must not produce three contradictory
 * messages in the same minute (即时督办, 书面督办, 回头看); a unit whose only tickets it reported
 * done is not named in the group; 回头看 never re-dispatches a ticket the nag pursues, a
 * ticket awaiting the platform as 未办结, nor one side of an open 双派单 round.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterConfig } from './helpers.js';
import { type Out, run, Scenario, say } from './scenario.js';
import { HEADER, TICKET_ROWS, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const D1 = '2026-11-30';
const D2 = '2026-12-01';
const FENG = 'wxid_gongan_feng';
const WU = 'wxid_renshe_wu';
const CHU = 'wxid_chengguan_chu';
const ZHANG = 'wxid_zhujian_zhang';
const ZHENG = 'wxid_shengtai_zheng';
const QIN = 'wxid_chengxi_qin';
const OVERSIGHT = ['wxid_leader_li', 'wxid_leader_wang', 'wxid_sup_liu', 'wxid_sup_chen'];

const ROWS = [
  HEADER,
  TICKET_ROWS.gonganOverdue,
  TICKET_ROWS.rensheOverdue,
  TICKET_ROWS.chengguanOverdue,
  TICKET_ROWS.zhujianOverdue,
  TICKET_ROWS.shengtaiUnsatisfied,
];

async function importList(s: Scenario, dir: string, name: string): Promise<void> {
  const out = await s.play({
    at: t(D1, '09:40'),
    from: 'wxid_sup_liu',
    file: await writeXlsx(join(dir, name), ROWS),
    to: 'group',
  });
  expect(out[0]?.text).toContain('新增5条');
}

const about = (out: readonly Out[], to: string, number: string) =>
  out.filter((o) => o.to === to && o.text.includes(number));

interface Case {
  name: string;
  /** How 褚局长 and 张局长 report their tickets done. */
  chuDone: string;
  zhangDone: string;
  /** How 冯局长 and 吴局长 sign the 15:00 list (in the group, or privately). */
  fengAck: string;
  wuAck: string;
  privately: boolean;
  /** The order of the two 09:00 routines on 12-01 (they share the minute). */
  reviewFirst: boolean;
}

const CASES: Case[] = [
  {
    name: 'plain words, nag first',
    chuDone: '2026112100088 已办结，已对湖滨路夜市油烟问题集中整治',
    zhangDone: '2026112000153 已办结 电梯已更换控制柜',
    fengAck: '签收',
    wuAck: '收到，今天处理完',
    privately: false,
    reviewFirst: false,
  },
  {
    name: 'no spaces, emoji, private acks',
    chuDone: '2026112100088已办结👍3家烧烤店加装油烟净化器',
    zhangDone: '2026112000153已经办结：今天恢复运行',
    fengAck: '收到👌',
    wuAck: '好的，签收',
    privately: true,
    reviewFirst: false,
  },
  {
    name: 'full-width punctuation, 回头看 runs first',
    chuDone: '2026112100088 已经办结：摊点已清理。',
    zhangDone: '2026112000153 已办结，滨江花园3栋电梯恢复运行！',
    fengAck: '签收了',
    wuAck: '收到',
    privately: false,
    reviewFirst: true,
  },
];

describe.each(CASES)('12-01 09:00: one message per ticket per unit ($name)', (c) => {
  let s: Scenario;
  let d1pm: Out[] = [];
  let d2am: Out[] = [];
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig(), t(D1, '08:00'));
    await importList(s, tempDir(), 'tickets.xlsx');
    const done = await s.play(say(t(D1, '10:00'), CHU, c.chuDone), say(t(D1, '10:01'), ZHANG, c.zhangDone));
    expect(done.filter((o) => o.text.includes('的办结情况'))).toHaveLength(2);
    d1pm = await s.play(run(t(D1, '15:00'), 'ticket-nag'));
    const to = c.privately ? { to: 'bot' } : {};
    const acks = await s.play(say(t(D1, '15:05'), FENG, c.fengAck, to), say(t(D1, '15:06'), WU, c.wuAck, to));
    expect(acks.map((o) => o.text)).toEqual([expect.stringContaining('已签收'), expect.stringContaining('已签收')]);
    const order = c.reviewFirst ? ['monthly-review', 'ticket-nag'] : ['ticket-nag', 'monthly-review'];
    d2am = await s.play(...order.map((r) => run(t(D2, '09:00'), r)));
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    '11-30 15:00: 城管局 (its only ticket reported done) is not named in the group, gets its list privately, ' +
      'marked',
    () => {
      const group = d1pm.filter((o) => o.to === 'group');
      expect(group).toHaveLength(1);
      const g = group[0]?.text ?? '';
      expect(g).not.toContain('区城市管理局');
      expect(g).not.toContain('已报办结');
      expect(group[0]?.mentions).not.toContain(CHU);
      expect(g).toContain('区公安分局（冯局长）：超期1件');
      expect(g).toContain('【即时督办】截至11月30日15:00，以下2个单位');
      const chu = d1pm.filter((o) => o.to === CHU);
      expect(chu).toHaveLength(1);
      expect(chu[0]?.text).toContain('2026112100088 夜市油烟扰民（超期');
      expect(chu[0]?.text).toContain('（单位已报办结，待平台确认）');
      expect(chu[0]?.text).not.toContain('抓紧办理');
    },
  );

  it('冯局长 and 吴局长 get ONE message about their ticket: the written notice, acknowledging their 签收', () => {
    for (const [who, number] of [
      [FENG, '2026112400217'],
      [WU, '2026112500031'],
    ] as const) {
      const mine = about(d2am, who, number);
      expect(mine.map((o) => o.text.slice(0, 8))).toEqual(['【书面督办通知】']);
      expect(mine[0]?.text).toContain('已于11月30日签收');
      expect(d2am.some((o) => o.to === who && o.text.startsWith('【回头看】'))).toBe(false);
    }
  });

  it('the group line says the ticket is at 书面督办 (the same step the unit was told)', () => {
    const g = d2am.find((o) => o.to === 'group')?.text ?? '';
    expect(g).toContain('区公安分局（冯局长）：超期1件（其中1件已书面督办）');
    expect(g).toContain('区人力资源和社会保障局（吴局长）：超期1件（其中1件已书面督办）');
  });

  it(
    'reported-done tickets: listed once by the nag, never ' + 're-dispatched as 未办结; the group does not name 城管局',
    () => {
      expect(about(d2am, CHU, '2026112100088')).toHaveLength(1);
      expect(about(d2am, ZHANG, '2026112000153')).toHaveLength(1);
      expect(d2am.some((o) => o.text.includes('未办结）'))).toBe(false);
      expect(d2am.find((o) => o.to === 'group')?.text ?? '').not.toContain('区城市管理局');
    },
  );

  it(
    'the 双派单 ticket is not re-dispatched by 回头看 (not to either side); the oversight gets the counts by ' +
      'reason',
    () => {
      expect(d2am.some((o) => o.text.startsWith('【回头看】区生态环境分局'))).toBe(false);
      expect(d2am.some((o) => (o.to === ZHENG || o.to === QIN) && o.text.includes('2026112300411'))).toBe(false);
      const sums = d2am.filter((o) => o.text.startsWith('【回头看】11月份'));
      expect(sums.map((o) => o.to).sort()).toEqual([...OVERSIGHT].sort());
      const text = sums[0]?.text ?? '';
      expect(text).toContain('共5件');
      expect(text).toContain(
        '超期未办结2件已在每日工单督办中跟进，不重复交办（区公安分局1件，区人力资源和社会保障局1件）',
      );
      expect(text).toContain('单位已报办结、待平台确认2件（区城市管理局1件，区住房和城乡建设局1件）');
      expect(text).toMatch(/双派单办理中1件，不重复交办（2026112300411：SP\d+）/);
    },
  );
});

describe(
  '回头看 with no daily nag configured: reported-done ' + 'tickets are marked, not 未办结; the 双派单 ticket left out',
  () => {
    const PHRASES = [
      '2026112100088 已办结，已集中整治',
      '2026112100088已经办结👍',
      '2026112100088 已办结。摊点已全部清理！',
    ];
    let s: Scenario;
    let review: Out[] = [];
    beforeAll(async () => {
      const base = rosterConfig();
      s = await Scenario.open({ ...base, routines: { ...base.routines, ticketNag: [] } }, t(D1, '08:00'));
      await importList(s, tempDir(), 'tickets.xlsx');
      // Said three ways over the day (the last one counts): each is recorded.
      for (const [k, p] of PHRASES.entries()) {
        const out = await s.play(say(t(D1, `1${k}:00`), CHU, p));
        expect(out[0]?.text).toContain('已记录工单 2026112100088 的办结情况');
      }
      review = await s.play(run(t(D2, '09:00'), 'monthly-review'));
    });
    afterAll(async () => {
      await s?.close();
    });

    it(
      '城管局 gets 2026112100088 marked （单位已报办结，待平台确认）; 公安分局 its ticket as 未办结; 生态环境分局 ' +
        'nothing',
      () => {
        const chu = review.find((o) => o.to === CHU)?.text ?? '';
        expect(chu).toMatch(/^【回头看】区城市管理局：以下11月份工单尚未解决或群众不满意，现重新交办/);
        expect(chu).toContain('1. 2026112100088 夜市油烟扰民（单位已报办结，待平台确认）');
        expect(chu).not.toContain('未办结）');
        expect(review.find((o) => o.to === FENG)?.text).toContain('2026112400217 学校门口交通拥堵（未办结）');
        expect(review.some((o) => o.to === ZHENG || o.to === QIN)).toBe(false);
      },
    );
  },
);
