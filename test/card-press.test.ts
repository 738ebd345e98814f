/**
 * One-tap 签收 (issue 17) on the real app: the mock Wechaty chat, PGlite, the BullMQ queues on
 * Redis. Deliveries carry a card (ignored by Wechaty); a press goes through `app.onCardAction`
 * (what a channel with cards calls), is recorded exactly as the typed 签收 it stands for, and
 * a press by someone not responsible is refused and recorded.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { CardAction, CardVerdict } from '../src/bot/channel.js';
import { buttonKey } from '../src/domain/sign-card.js';
import { jobIdFor } from '../src/jobs/names.js';
import { MockWorld } from '../src/sim/mock-world.js';
import { cardMessageId } from '../src/usecases/card-press.js';
import { rosterConfig, testLogger } from './helpers.js';
import { type Out, run, Scenario, say } from './scenario.js';
import { HEADER, TICKET_ROWS, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `2026-11-${day}T${hhmm}:00+08:00`;
const LI = 'wxid_leader_li';
const ZHANG = 'wxid_zhujian_zhang';
const XU = 'wxid_zhujian_xu';
const YOU = 'wxid_hubin_you';
const DISPATCH = '@张局长 @尤主任 环海路小区污水外溢，请三个工作日内到现场处置并反馈。';
const D1_ZHUJIAN = buttonKey({ kind: 'dispatch', code: 'D1', unitId: 'zhujian' });

/** Presses a button as the channel would report it, then waits for everything it caused. */
async function press(
  s: Scenario,
  at: string,
  o: { id: string; from: string; action: string; chat?: 'group' | 'private'; card?: string },
): Promise<{ verdict: CardVerdict; out: Out[] }> {
  s.clock.set(at);
  const from = s.out.length;
  const a: CardAction = {
    id: o.id,
    cardKey: o.card ?? 'card-under-test',
    actionKey: o.action,
    chat: o.chat ?? 'private',
    roomId: o.chat === 'group' ? s.h.world.groupId : null,
    senderId: o.from,
    senderName: s.h.app.roster.person(o.from)?.name ?? o.from,
    receivedAt: s.clock.now().toISOString(),
  };
  const verdict = await s.h.app.onCardAction(a);
  expect(await s.h.drain()).toBe(true);
  return { verdict, out: s.out.slice(from) };
}

/** What a 签收 leaves in the store, without the message id (a typed message's and a press's differ). */
async function ackRows(s: Scenario, messageId: string) {
  const db = s.h.app.db;
  const targets = await db.query(
    `select t.unit_id, t.acked_at, t.acked_by, t.answered_at from dispatch_targets t join dispatches d on d.id = ` +
      `t.dispatch_id where d.code = 'D1' order by t.unit_id`,
  );
  const events = await db.query(
    `select e.unit_id, e.kind, e.actor_id, e.text, e.at, e.detail, e.message_id = $1 as this_message
     from dispatch_events e join dispatches d on d.id = e.dispatch_id where d.code = 'D1' order by e.id`,
    [messageId],
  );
  const inbound = await db.query(
    `select chat, sender_id, known_sender, text, mentions, sent_at, received_at, handler, error
     from inbound_messages where id = $1`,
    [messageId],
  );
  return { targets, events, inbound };
}

async function cardOf(s: Scenario, purpose: string) {
  const job = await s.h.app.outbox.queue.getJob(jobIdFor('o', purpose));
  return job?.data.message.card;
}

describe('a dispatch delivery signed by its card: the same rows as typing it', () => {
  let typed: Scenario;
  let carded: Scenario;
  let typedRows: Awaited<ReturnType<typeof ackRows>>;
  let typedOut: Out[] = [];
  beforeAll(async () => {
    typed = await Scenario.open(rosterConfig(), t('19', '08:00'));
    await typed.play(say(t('19', '19:30'), LI, DISPATCH, { mentions: [ZHANG, YOU] }));
    typedOut = await typed.play(say(t('19', '19:50'), ZHANG, 'D1 收到', { to: 'bot' }));
    const id = (await typed.h.app.db.query<{ id: string }>(`select id from inbound_messages where text = 'D1 收到'`))[0]
      ?.id as string;
    typedRows = await ackRows(typed, id);
    await typed.close();
    carded = await Scenario.open(rosterConfig(), t('19', '08:00'));
    await carded.play(say(t('19', '19:30'), LI, DISPATCH, { mentions: [ZHANG, YOU] }));
  });
  afterAll(async () => {
    await carded?.close();
  });

  it('each delivery carries a 签收 card naming the dispatch and the unit; Wechaty sends the text only', async () => {
    const card = await cardOf(carded, `dispatch:D1:deliver:zhujian:${ZHANG}`);
    expect(card?.title).toBe('点对点调度 D1');
    expect(card?.buttons).toEqual([{ key: D1_ZHUJIAN, text: '签收' }]);
    expect(card?.key).toMatch(/^dispatch_D1_deliver_zhujian_wxid_zhujian_zhang-[0-9a-f]{16}$/);
    expect((await cardOf(carded, `dispatch:D1:deliver:hubin:${YOU}`))?.buttons[0]?.key).toBe('ack|dispatch|D1|hubin');
    const sent = carded.out.filter((o) => o.to === ZHANG);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain('请回复“收到”签收；办理后请直接回复办理结果');
  });

  it('the head presses 签收: accepted, the same rows as a typed “D1 收到”, no second message', async () => {
    const { verdict, out } = await press(carded, t('19', '19:50'), { id: 'ev-1', from: ZHANG, action: D1_ZHUJIAN });
    expect(verdict).toEqual({ accepted: true, title: '已签收', text: '已签收（张局长 11月19日19:50）', scope: 'all' });
    expect(await ackRows(carded, 'card:ev-1')).toEqual(typedRows);
    expect(typedRows.inbound).toEqual([expect.objectContaining({ handler: 'dispatch-answer', text: 'D1 收到' })]);
    expect(typedRows.events.filter((e) => e.kind === 'ack')).toHaveLength(1);
    // Typed, the bot confirms; pressed, the card itself is the confirmation.
    expect(typedOut.map((o) => o.text)).toEqual(['已登记签收 D1，办理时限11月24日（星期二）18:00，办理后请回复结果。']);
    expect(out).toEqual([]);
  });

  it('a redelivered press (same event id, also twice at once) is handled once', async () => {
    const again = await Promise.all([
      press(carded, t('19', '19:51'), { id: 'ev-1', from: ZHANG, action: D1_ZHUJIAN }),
      press(carded, t('19', '19:51'), { id: 'ev-1', from: ZHANG, action: D1_ZHUJIAN }),
    ]);
    // Signed by the first delivery: the card shows that record; the press's row stays as it was handled.
    for (const r of again)
      expect(r.verdict).toEqual({
        accepted: true,
        title: '已签收',
        text: '此前已签收（张局长 11月19日19:50）',
        scope: 'all',
      });
    expect(again.flatMap((r) => r.out)).toEqual([]);
    const db = carded.h.app.db;
    expect(await db.query(`select id, handler from inbound_messages where id like 'card:%'`)).toEqual([
      { id: 'card:ev-1', handler: 'dispatch-answer' },
    ]);
    expect(await db.query(`select 1 from dispatch_events where kind = 'ack'`)).toHaveLength(1);
  });

  it('another unit’s head, the leader who sent it, a stranger, an unreadable key: refused, recorded', async () => {
    const cases = [
      {
        id: 'ev-you',
        from: YOU,
        action: D1_ZHUJIAN,
        text: '该事项应由区住房和城乡建设局负责同志签收，本次点击不计为签收。',
      },
      {
        id: 'ev-li',
        from: LI,
        action: D1_ZHUJIAN,
        text: '该事项应由区住房和城乡建设局负责同志签收，本次点击不计为签收。',
      },
      { id: 'ev-x', from: 'wxid_nobody', action: D1_ZHUJIAN, text: expect.stringContaining('不在本群督办名单中') },
      { id: 'ev-bad', from: YOU, action: 'ack|dispatch|D1', text: expect.stringContaining('未能识别这张卡片') },
    ];
    for (const c of cases) {
      const { verdict, out } = await press(carded, t('19', '20:00'), c);
      expect(verdict).toEqual({ accepted: false, title: '无需您签收', text: c.text, scope: 'presser' });
      expect(out).toEqual([]);
    }
    const rows = await carded.h.app.db.query(
      `select id, sender_id, text, handler, error, processed_at is not null as processed from inbound_messages
       where handler = 'card-refused' order by id`,
    );
    expect(rows).toEqual([
      {
        id: 'card:ev-bad',
        sender_id: YOU,
        text: 'ack|dispatch|D1',
        handler: 'card-refused',
        error: 'unknown-card',
        processed: true,
      },
      {
        id: 'card:ev-li',
        sender_id: LI,
        text: 'D1 收到',
        handler: 'card-refused',
        error: 'not-responsible',
        processed: true,
      },
      {
        id: 'card:ev-x',
        sender_id: 'wxid_nobody',
        text: 'D1 收到',
        handler: 'card-refused',
        error: 'stranger',
        processed: true,
      },
      {
        id: 'card:ev-you',
        sender_id: YOU,
        text: 'D1 收到',
        handler: 'card-refused',
        error: 'not-responsible',
        processed: true,
      },
    ]);
    const hubin = await carded.h.app.db.query(
      `select acked_at from dispatch_targets t join dispatches d on d.id = t.dispatch_id where t.unit_id = 'hubin'`,
    );
    expect(hubin).toEqual([{ acked_at: null }]);
  });

  it('the liaison presses the signed card later: the card shows who signed and when; nothing sent', async () => {
    const { verdict, out } = await press(carded, t('19', '20:10'), { id: 'ev-xu', from: XU, action: D1_ZHUJIAN });
    expect(verdict).toEqual({
      accepted: true,
      title: '已签收',
      text: '此前已签收（张局长 11月19日19:50）',
      scope: 'all',
    });
    expect(out).toEqual([]);
    const db = carded.h.app.db;
    expect(
      await db.query(
        `select sender_id, text, handler, error, processed_at is not null as processed from inbound_messages
         where id = 'card:ev-xu'`,
      ),
    ).toEqual([{ sender_id: XU, text: 'D1 收到', handler: 'card-already-signed', error: null, processed: true }]);
    expect(await db.query(`select actor_id from dispatch_events where kind = 'ack'`)).toEqual([{ actor_id: ZHANG }]);
  });

  it('the unit answered already: a late press changes nothing and adds no message', async () => {
    await carded.play(say(t('20', '10:00'), ZHANG, 'D1 已到现场处置，管道已疏通。', { to: 'bot' }));
    await carded.play(say(t('20', '10:05'), YOU, 'D1 已处置完毕，路面已清理。', { to: 'bot' }));
    const hubin = buttonKey({ kind: 'dispatch', code: 'D1', unitId: 'hubin' });
    const { verdict, out } = await press(carded, t('20', '10:10'), { id: 'ev-late', from: YOU, action: hubin });
    // Answered (so signed) already: the answer stands; the card shows the 签收 its answer made.
    expect(verdict.text).toBe('此前已签收（尤主任 11月20日10:05）');
    expect(out).toEqual([]);
    const handler = await carded.h.app.db.query(`select handler from inbound_messages where id = 'card:ev-late'`);
    expect(handler).toEqual([{ handler: 'card-already-signed' }]);
  });

  it('a card for a dispatch the store does not know (e.g. withdrawn): told in a word, privately', async () => {
    const gone = buttonKey({ kind: 'dispatch', code: 'D99', unitId: 'zhujian' });
    const { verdict, out } = await press(carded, t('20', '10:20'), { id: 'ev-gone', from: ZHANG, action: gone });
    expect(verdict.accepted).toBe(true);
    expect(out.map((o) => [o.to, o.text])).toEqual([
      [ZHANG, '该事项已办结或已撤回，无需再签收。如有疑问，请联系区督导专班。'],
    ]);
    const handler = await carded.h.app.db.query(`select handler from inbound_messages where id = 'card:ev-gone'`);
    expect(handler).toEqual([{ handler: 'card-unmatched' }]);
  });
});

const D30 = '2026-11-30';
const at30 = (hhmm: string) => `${D30}T${hhmm}:00+08:00`;
const FENG = 'wxid_gongan_feng';
const WU = 'wxid_renshe_wu';
const CHU = 'wxid_chengguan_chu';
const ZHENG = 'wxid_shengtai_zheng';
const ROWS = [
  HEADER,
  TICKET_ROWS.gonganOverdue,
  TICKET_ROWS.rensheOverdue,
  TICKET_ROWS.chengguanOverdue,
  TICKET_ROWS.shengtaiUnsatisfied,
];

describe('ticket digests and 双派单 deliveries signed by their cards', () => {
  let s: Scenario;
  let imported: Out[] = [];
  let nag: Out[] = [];
  let groupCard: { key: string; title: string; buttons: Array<{ key: string; text: string }> } | undefined;
  const digestOf = async (unit: string) =>
    s.h.app.db.query<{ acked_by: string | null }>('select acked_by from ticket_digests where unit_id = $1', [unit]);
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig(), at30('08:00'));
    imported = await s.play({
      at: at30('09:40'),
      from: 'wxid_sup_liu',
      file: await writeXlsx(join(tempDir(), 'tickets.xlsx'), ROWS),
      to: 'group',
    });
    await s.play(say(at30('10:00'), CHU, '2026112100088 已办结，已集中整治'));
    nag = await s.play(run(at30('15:00'), 'ticket-nag'));
    const purpose = (
      await s.h.app.db.query<{ purpose: string }>(
        `select purpose from outbound_messages where purpose like 'ticket-nag:%:group:%'`,
      )
    )[0]?.purpose as string;
    groupCard = await cardOf(s, purpose);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the group digest carries one card for the units it names; each private list its own', async () => {
    expect(nag.filter((o) => o.to === 'group')).toHaveLength(1);
    expect(groupCard?.buttons).toEqual([
      { key: expect.stringMatching(/^ack\|digest\|2026-11-30%4015%3A00\|/), text: '签收' },
    ]);
    expect(groupCard?.buttons[0]?.key.split('|')[3]?.split(',').sort()).toEqual(['gongan', 'renshe']);
    const wuCard = await cardOf(s, `ticket-nag:2026-11-30@15:00:renshe:${WU}`);
    // The title carries the unit's 三色督办 colour (its ticket is overdue: red); so does the group card's.
    expect(wuCard?.title).toBe('【红色督办】即时督办 · 区人力资源和社会保障局');
    expect(groupCard?.title).toBe('【红色督办】即时督办');
    expect(wuCard?.buttons[0]?.key).toBe('ack|digest|2026-11-30%4015%3A00|renshe');
  });

  it('a head presses the group card: their unit signed (only theirs), seen by them; no second message', async () => {
    // A dispatch reached 公安 after the digest: a typed 签收 would sign it; the digest's card signs the digest.
    await s.play(
      say(at30('15:02'), LI, '@冯局长 学校门口交通拥堵请加派警力疏导，今天18点前反馈。', { mentions: [FENG] }),
    );
    const { verdict, out } = await press(s, at30('15:05'), {
      id: 'g-feng',
      from: FENG,
      action: groupCard?.buttons[0]?.key as string,
      chat: 'group',
    });
    expect(verdict).toEqual({
      accepted: true,
      title: '已签收',
      text: '区公安分局已签收（冯局长 11月30日15:05）',
      scope: 'presser',
    });
    expect(out).toEqual([]);
    expect(await digestOf('gongan')).toEqual([{ acked_by: FENG }]);
    expect(await digestOf('renshe')).toEqual([{ acked_by: null }]);
    const d = await s.h.app.db.query(
      `select t.acked_at from dispatch_targets t join dispatches d on d.id = t.dispatch_id where t.unit_id = 'gongan'`,
    );
    expect(d).toEqual([{ acked_at: null }]);
    const handled = await s.h.app.db.query(`select chat, handler, text from inbound_messages where id = 'card:g-feng'`);
    expect(handled).toEqual([{ chat: 'group', handler: 'ticket-commands', text: '签收' }]);
  });

  it('a head whose unit the group card does not name is refused; the private card signs its unit', async () => {
    const refused = await press(s, at30('15:06'), {
      id: 'g-chu',
      from: CHU,
      action: groupCard?.buttons[0]?.key as string,
      chat: 'group',
    });
    expect(refused.verdict).toMatchObject({ accepted: false, scope: 'presser' });
    expect(refused.verdict.text).toBe('该督办应由所列单位负责同志签收，本次点击不计为签收。');
    const wuKey = (await cardOf(s, `ticket-nag:2026-11-30@15:00:renshe:${WU}`))?.buttons[0]?.key as string;
    const { verdict, out } = await press(s, at30('15:07'), { id: 'p-wu', from: WU, action: wuKey });
    expect(verdict).toEqual({ accepted: true, title: '已签收', text: '已签收（吴局长 11月30日15:07）', scope: 'all' });
    expect(out).toEqual([]);
    expect(await digestOf('renshe')).toEqual([{ acked_by: WU }]);
    // Pressed again (another event): signed already, the card shows by whom and when; nothing sent.
    const again = await press(s, at30('15:08'), { id: 'p-wu-2', from: WU, action: wuKey });
    expect(again.verdict).toEqual({
      accepted: true,
      title: '已签收',
      text: '此前已签收（吴局长 11月30日15:07）',
      scope: 'all',
    });
    expect(again.out).toEqual([]);
  });

  it('a 双派单 delivery carries its card; the side head’s press signs the round as “SP… 签收” would', async () => {
    const delivered = imported.find((o) => o.to === ZHENG && o.text.startsWith('【双派单'));
    const code = /【双派单 (SP\d+)】/.exec(delivered?.text ?? '')?.[1];
    expect(code).toBeDefined();
    const purpose = (
      await s.h.app.db.query<{ purpose: string }>(`select purpose from outbound_messages where purpose like $1`, [
        `dual:${code}:deliver:%:${ZHENG}`,
      ])
    )[0]?.purpose as string;
    const card = await cardOf(s, purpose);
    expect(card?.title).toBe(`双派单 ${code}`);
    expect(card?.buttons[0]?.key).toBe(`ack|dual|${code}|shengtai`);
    const { verdict, out } = await press(s, at30('15:10'), {
      id: 'sp',
      from: ZHENG,
      action: card?.buttons[0]?.key as string,
    });
    expect(verdict.accepted).toBe(true);
    expect(out).toEqual([]);
    const side = await s.h.app.db.query(
      `select s.acked_by from dual_sides s join dual_rounds r on r.id = s.round_id
       where r.code = $1 and s.unit_id = $2`,
      [code ?? '', 'shengtai'],
    );
    expect(side).toEqual([{ acked_by: ZHENG }]);
    const handled = await s.h.app.db.query(`select handler, text from inbound_messages where id = 'card:sp'`);
    expect(handled).toEqual([{ handler: 'dual-answer', text: `${code} 签收` }]);
  });
});

const QIN = 'wxid_chengxi_qin';
/** The rows above and an overdue 住建局 ticket (its digest: a head and a liaison, on two cards). */
const ROWS_ZHUJIAN = [
  ...ROWS,
  [
    '2026112000153',
    '小区电梯长期停运',
    '',
    '住建局',
    '城西街道',
    '',
    '2026-11-20 09:00',
    '2026-11-25 18:00',
    '办理中',
    '',
    0,
  ],
];

describe('a press on an item the unit signed before: the card shows the record; nothing queued', () => {
  let s: Scenario;
  let groupKey = '';
  let sp = '';
  const privateKey = async (unit: string, who: string) =>
    ((await cardOf(s, `ticket-nag:2026-11-30@15:00:${unit}:${who}`))?.buttons[0]?.key ?? '') as string;
  /** What the press left in the inbound audit. */
  const rowOf = async (event: string) =>
    s.h.app.db.query(
      `select sender_id, text, handler, error, processed_at is not null as processed from inbound_messages
       where id = $1`,
      [cardMessageId(event)],
    );
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig(), at30('08:00'));
    const imported = await s.play({
      at: at30('09:40'),
      from: 'wxid_sup_liu',
      file: await writeXlsx(join(tempDir(), 'tickets.xlsx'), ROWS_ZHUJIAN),
      to: 'group',
    });
    // The round's delivery among what 郑局长 got (a 四个必到 item for the same ticket may come first).
    const toZheng = imported.filter((o) => o.to === ZHENG).map((o) => o.text);
    sp = /【双派单 (SP\d+)】/.exec(toZheng.join('\n'))?.[1] ?? '';
    await s.play(say(at30('10:00'), LI, '@张局长 小区电梯长期停运请今天派人到现场核实并反馈。', { mentions: [ZHANG] }));
    await s.play(run(at30('15:00'), 'ticket-nag'));
    const purpose = (
      await s.h.app.db.query<{ purpose: string }>(
        `select purpose from outbound_messages where purpose like 'ticket-nag:%:group:%'`,
      )
    )[0]?.purpose as string;
    groupKey = (await cardOf(s, purpose))?.buttons[0]?.key ?? '';
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the cards are there: a dispatch, a 双派单 side, the digests (the group card names 住建局 too)', async () => {
    expect(sp).toMatch(/^SP\d+$/);
    expect(groupKey.split('|')[3]?.split(',').sort()).toEqual(['chengguan', 'gongan', 'renshe', 'zhujian']);
    expect(await privateKey('zhujian', ZHANG)).toBe('ack|digest|2026-11-30%4015%3A00|zhujian');
  });

  it('a dispatch signed by typing, then pressed by the liaison: the head’s 签收 shown, nothing sent', async () => {
    const typed = await s.play(say(at30('15:10'), ZHANG, 'D1 收到', { to: 'bot' }));
    expect(typed.map((o) => o.text)).toEqual([expect.stringMatching(/^已登记签收 D1/)]);
    const { verdict, out } = await press(s, at30('15:11'), { id: 'x-d1', from: XU, action: D1_ZHUJIAN });
    expect(verdict).toEqual({
      accepted: true,
      title: '已签收',
      text: '此前已签收（张局长 11月30日15:10）',
      scope: 'all',
    });
    expect(out).toEqual([]);
    expect(await rowOf('x-d1')).toEqual([
      { sender_id: XU, text: 'D1 收到', handler: 'card-already-signed', error: null, processed: true },
    ]);
    const acks = await s.h.app.db.query(`select actor_id from dispatch_events where kind = 'ack'`);
    expect(acks).toEqual([{ actor_id: ZHANG }]);
  });

  it('a 双派单 side signed by typing, then pressed: the typed 签收 shown, no message, one ack', async () => {
    const typed = await s.play(say(at30('15:12'), ZHENG, `${sp} 签收`, { to: 'bot' }));
    expect(typed.map((o) => o.text)).toEqual([expect.stringMatching(new RegExp(`^已登记签收 ${sp}`))]);
    const action = buttonKey({ kind: 'dual', code: sp, unitId: 'shengtai' });
    const { verdict, out } = await press(s, at30('15:13'), { id: 'x-sp', from: ZHENG, action });
    expect(verdict).toEqual({
      accepted: true,
      title: '已签收',
      text: '此前已签收（郑局长 11月30日15:12）',
      scope: 'all',
    });
    expect(out).toEqual([]);
    expect(await rowOf('x-sp')).toEqual([
      { sender_id: ZHENG, text: `${sp} 签收`, handler: 'card-already-signed', error: null, processed: true },
    ]);
    const acks = await s.h.app.db.query(`select actor_id from dual_events where kind = 'ack' and side <> 'street'`);
    expect(acks).toEqual([{ actor_id: ZHENG }]);
  });

  it('a digest signed by typing, then its private card pressed: the typed 签收 shown, no message', async () => {
    const typed = await s.play(say(at30('15:14'), FENG, '签收', { to: 'bot' }));
    expect(typed).toHaveLength(1);
    const { verdict, out } = await press(s, at30('15:15'), {
      id: 'x-feng',
      from: FENG,
      action: await privateKey('gongan', FENG),
    });
    expect(verdict).toEqual({
      accepted: true,
      title: '已签收',
      text: '此前已签收（冯局长 11月30日15:14）',
      scope: 'all',
    });
    expect(out).toEqual([]);
    expect(await rowOf('x-feng')).toEqual([
      { sender_id: FENG, text: '签收', handler: 'card-already-signed', error: null, processed: true },
    ]);
  });

  it('the liaison presses the group card, then the head his private card: the liaison’s 签收 stands', async () => {
    const liaison = await press(s, at30('15:20'), { id: 'x-xu', from: XU, action: groupKey, chat: 'group' });
    expect(liaison.verdict).toEqual({
      accepted: true,
      title: '已签收',
      text: '区住房和城乡建设局已签收（徐科长 11月30日15:20）',
      scope: 'presser',
    });
    const head = await press(s, at30('15:22'), {
      id: 'x-zhang',
      from: ZHANG,
      action: await privateKey('zhujian', ZHANG),
    });
    expect(head.verdict).toEqual({
      accepted: true,
      title: '已签收',
      text: '此前已签收（徐科长 11月30日15:20）',
      scope: 'all',
    });
    // On the group card (seen by the presser only), the unit is named.
    const onGroup = await press(s, at30('15:23'), { id: 'x-zhang-g', from: ZHANG, action: groupKey, chat: 'group' });
    expect(onGroup.verdict).toEqual({
      accepted: true,
      title: '已签收',
      text: '区住房和城乡建设局此前已签收（徐科长 11月30日15:20）',
      scope: 'presser',
    });
    expect([...liaison.out, ...head.out, ...onGroup.out]).toEqual([]);
    const digest = await s.h.app.db.query<{ acked_by: string; acked_at: Date }>(
      `select acked_by, acked_at from ticket_digests where unit_id = 'zhujian'`,
    );
    expect(digest).toEqual([{ acked_by: XU, acked_at: new Date(at30('15:20')) }]);
    expect((await rowOf('x-zhang'))[0]).toMatchObject({ handler: 'card-already-signed', processed: true });
  });

  it('a fresh press still signs, as the typed 签收 would (the street side of the round)', async () => {
    const action = buttonKey({ kind: 'dual', code: sp, unitId: 'chengxi' });
    const { verdict, out } = await press(s, at30('15:30'), { id: 'x-qin', from: QIN, action });
    expect(verdict).toEqual({ accepted: true, title: '已签收', text: '已签收（秦主任 11月30日15:30）', scope: 'all' });
    expect(out).toEqual([]);
    expect((await rowOf('x-qin'))[0]).toMatchObject({ handler: 'dual-answer', text: `${sp} 签收` });
    const side = await s.h.app.db.query(
      `select s.acked_by from dual_sides s join dual_rounds r on r.id = s.round_id
       where r.code = $1 and s.unit_id = $2`,
      [sp, 'chengxi'],
    );
    expect(side).toEqual([{ acked_by: QIN }]);
  });

  it('two presses at the same moment (both read “unsigned”): the digest is signed once', async () => {
    const both = await Promise.all([
      press(s, at30('15:40'), { id: 'x-wu-1', from: WU, action: await privateKey('renshe', WU) }),
      press(s, at30('15:40'), { id: 'x-wu-2', from: WU, action: groupKey, chat: 'group' }),
    ]);
    expect(both.every((r) => r.verdict.accepted && r.verdict.title === '已签收')).toBe(true);
    const digest = await s.h.app.db.query(`select acked_by, acked_at from ticket_digests where unit_id = 'renshe'`);
    expect(digest).toEqual([{ acked_by: WU, acked_at: new Date(at30('15:40')) }]);
  });
});

describe('a press while the 签收 record is slow to read (the database busy)', () => {
  it('answered in time (signing as if unsigned); the 签收 is recorded once the store answers', async () => {
    const s = await Scenario.open(rosterConfig(), t('19', '08:00'));
    try {
      await s.play(say(t('19', '19:30'), LI, DISPATCH, { mentions: [ZHANG, YOU] }));
      // A transaction holds the (single-connection) store until released: every other query waits.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered = () => {};
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const busy = s.h.app.db.transaction(async (tx) => {
        await tx.query('select 1');
        entered();
        await held;
      });
      await inside;
      s.clock.set(t('19', '19:50'));
      const verdict = await s.h.app.onCardAction({
        id: 'slow-1',
        cardKey: 'k',
        actionKey: D1_ZHUJIAN,
        chat: 'private',
        roomId: null,
        senderId: ZHANG,
        senderName: '张局长',
        receivedAt: s.clock.now().toISOString(),
      });
      // Answered while the store was still held.
      const stillHeld = await Promise.race([busy.then(() => false), Promise.resolve(true)]);
      release();
      await busy;
      expect(stillHeld).toBe(true);
      expect(verdict).toEqual({
        accepted: true,
        title: '已签收',
        text: '已签收（张局长 11月19日19:50）',
        scope: 'all',
      });
      expect(await s.h.drain()).toBe(true);
      const target = await s.h.app.db.query(`select acked_by from dispatch_targets where unit_id = 'zhujian'`);
      expect(target).toEqual([{ acked_by: ZHANG }]);
    } finally {
      await s.close();
    }
  });
});

describe('a press while the inbound queue cannot be reached', () => {
  it('the verdict still comes within seconds: the 签收 is being recorded (queued once Redis answers)', async () => {
    const config = rosterConfig();
    const app = await buildApp({
      config,
      // Nothing listens on port 1: every Redis command waits for a connection that never comes.
      redisUrl: 'redis://127.0.0.1:1',
      queuePrefix: 'duban-t-cards-down',
      db: { dataDir: 'memory' },
      channel: new MockWorld(config).channel,
      dataDir: tempDir(),
      log: testLogger(),
    });
    try {
      const verdict = await app.onCardAction({
        id: 'down-1',
        cardKey: 'k',
        actionKey: D1_ZHUJIAN,
        chat: 'private',
        roomId: null,
        senderId: ZHANG,
        senderName: '张局长',
        receivedAt: new Date().toISOString(),
      });
      expect(verdict).toEqual({
        accepted: true,
        title: '签收登记中',
        text: '已收到您的签收，系统正在登记。如稍后仍收到未签收提醒，请直接回复“收到”。',
        scope: 'presser',
      });
    } finally {
      await app.stop();
    }
  });
});
