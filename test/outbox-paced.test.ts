import { randomUUID } from 'node:crypto';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { pacedLimits } from '../src/app.js';
import { ChannelSendError, type ChatPort, type DeliveredVia } from '../src/bot/channel.js';
import { systemClock } from '../src/domain/clock.js';
import type { OutgoingMessage } from '../src/domain/messages.js';
import { laneOf } from '../src/jobs/lanes.js';
import { Outbox, type OutboxJob, type OutboxLimits, outboxRetryDelay, startOutboxWorker } from '../src/jobs/outbox.js';
import { createRedis } from '../src/jobs/redis.js';
import { obliterate } from '../src/sim/harness.js';
import type { Db } from '../src/store/db.js';
import { openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { REDIS_URL, testLogger, waitFor } from './helpers.js';

/**
 * The outbox paced by priority (issue 17): the real Outbox and worker on Redis and PGlite, sending into a chat that
 * records what it was given and can be told to refuse (a test double of the chat, not of our code).
 */
class RecordingChat implements ChatPort {
  readonly sent: OutgoingMessage[] = [];
  /** By purpose: thrown by that message's next deliveries, one each, before one succeeds. */
  private readonly refusals = new Map<string, ChannelSendError[]>();
  calls = 0;
  /** When each delivery was asked for (ms since the epoch), by purpose. */
  readonly asked = new Map<string, number[]>();
  /** Runs inside a delivery, before it succeeds (e.g. to queue more while the outbox is busy). */
  during?: (m: OutgoingMessage, n: number) => Promise<void>;

  isReady(): boolean {
    return true;
  }

  refuse(purpose: string, ...errors: ChannelSendError[]): void {
    this.refusals.set(purpose, [...(this.refusals.get(purpose) ?? []), ...errors]);
  }

  /** The next delivery of this message reaches the chat but its answer is lost (as a crash right after the send). */
  loseAnswer(purpose: string): void {
    this.lost.add(purpose);
  }

  private readonly lost = new Set<string>();

  async deliver(m: OutgoingMessage): Promise<DeliveredVia> {
    this.calls++;
    this.asked.set(m.purpose, [...(this.asked.get(m.purpose) ?? []), Date.now()]);
    const refusal = this.refusals.get(m.purpose)?.shift();
    if (refusal) throw refusal;
    await this.during?.(m, this.sent.length);
    this.sent.push(m);
    if (this.lost.delete(m.purpose)) throw new ChannelSendError('connection dropped', 'unknown-outcome');
    return m.to.kind === 'person' ? 'private' : 'group';
  }
}

interface Rig {
  outbox: Outbox;
  worker: Worker<OutboxJob>;
  chat: RecordingChat;
  db: Db;
  send(purpose: string, text: string, to?: string, extra?: Partial<OutgoingMessage>): Promise<string>;
  /** Nothing waiting, delayed or active. */
  idle(): Promise<boolean>;
  row(jobId: string): Promise<Row>;
}

interface Row {
  sent_at: Date | null;
  delivered_via: string | null;
  attempts: number;
  last_error: string | null;
}

let closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
  closers = [];
});

async function rig(limits: Partial<OutboxLimits>): Promise<Rig> {
  const prefix = `duban-t-${randomUUID().slice(0, 8)}`;
  const redis: Redis = createRedis(REDIS_URL);
  const db = await openDb({ dataDir: 'memory' });
  await migrate(db);
  const full: OutboxLimits = { max: 0, windowMs: 60_000, attempts: 3, backoffMs: 50, ...limits };
  const chat = new RecordingChat();
  const outbox = new Outbox(redis, prefix, db, systemClock, full);
  const worker = startOutboxWorker({
    connection: redis,
    prefix,
    db,
    clock: systemClock,
    chat,
    limits: full,
    account: 'main',
    log: testLogger(),
  });
  closers.push(async () => {
    await worker.close();
    await outbox.close();
    redis.disconnect();
    await db.close();
    await obliterate(REDIS_URL, prefix);
  });
  return {
    outbox,
    worker,
    chat,
    db,
    send: (purpose, text, to, extra = {}) =>
      outbox.send({
        to: to ? { kind: 'person', id: to } : { kind: 'group' },
        text,
        mentions: [],
        purpose,
        ...extra,
      }),
    async idle() {
      const c = await outbox.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
      return Object.values(c).every((n) => n === 0);
    },
    async row(jobId) {
      const [r] = await db.query<Row>(
        'select sent_at, delivered_via, attempts, last_error from outbound_messages where job_id = $1',
        [jobId],
      );
      if (!r) throw new Error(`no row for ${jobId}`);
      return r;
    },
  };
}

const isConfirmation = (m: OutgoingMessage) => laneOf(m.purpose) === 'confirm';
const isRelay = (m: OutgoingMessage) => laneOf(m.purpose) === 'relay';

describe('outbox paced by priority', () => {
  it('with a limit and a backlog, no confirmation is sent while a relay or an escalation is waiting', async () => {
    const r = await rig({ max: 3, windowMs: 300, coalesceMs: 300 });
    // Relays queued so far (their send resolved), and at each confirmation's delivery the relays not yet sent.
    const queuedRelays: string[] = [];
    const overtaken: string[] = [];
    r.chat.during = async (m, n) => {
      if (isConfirmation(m)) {
        const sent = new Set(r.chat.sent.map((s) => s.purpose));
        for (const p of queuedRelays) if (!sent.has(p)) overtaken.push(`${m.purpose} before ${p}`);
      }
      // The evening as it comes: while the backlog is being sent, dispatches and the 18:30 escalation arrive.
      if (n === 2 || n === 9) {
        for (const p of [`dispatch:D${n}:deliver:u1:head${n}`, `dispatch:D${n}:deliver:u2:head${n}`]) {
          await r.send(p, `调度${n}`, `head-${p}`);
          queuedRelays.push(p);
        }
      }
      if (n === 5) {
        await r.send('report-escalation:2026-11-30:sup', '未报单位', 'sup');
        queuedRelays.push('report-escalation:2026-11-30:sup');
      }
    };
    await r.outbox.queue.pause();
    for (let i = 1; i <= 12; i++) await r.send(`report-confirm:m${i}`, `确认${i}`, `unit-head-${i}`);
    await r.send('report-deadline:2026-11-30', '点名');
    await r.send('daily-summary:2026-11-30', '汇总');
    await r.outbox.queue.resume();
    await waitFor(async () => r.chat.sent.length === 19 && (await r.idle()), 30_000);
    expect(overtaken).toEqual([]);
    const order = r.chat.sent.map((m) => m.purpose);
    // The roll-call and the summary went before every confirmation; confirmations kept their order.
    const firstConfirmation = r.chat.sent.findIndex(isConfirmation);
    expect(order.indexOf('report-deadline:2026-11-30')).toBeLessThan(firstConfirmation);
    expect(order.indexOf('daily-summary:2026-11-30')).toBeLessThan(firstConfirmation);
    expect(order.filter((p) => p.startsWith('report-confirm:'))).toEqual(
      Array.from({ length: 12 }, (_, i) => `report-confirm:m${i + 1}`),
    );
    // Each relay went out right after the delivery during which it was queued.
    expect(r.chat.sent.filter(isRelay)).toHaveLength(5);
    expect(order.slice(3, 5)).toEqual(['dispatch:D2:deliver:u1:head2', 'dispatch:D2:deliver:u2:head2']);
  }, 60_000);

  it('confirmations to one person waiting together go as one message with every text, each marked sent once', {
    timeout: 60_000,
  }, async () => {
    const r = await rig({ max: 1, windowMs: 400, coalesceMs: 5_000 });
    await r.outbox.queue.pause();
    // A relay first (it takes the window), a confirmation with a file (never combined), then three plain ones
    // to the same person and one to another.
    await r.send('dispatch:D1:deliver:u1:a', '调度', 'a');
    const withFile = await r.send('report-confirm:f0', '附件确认', 'a', { file: { name: 'x.xlsx', path: '/nope' } });
    const ids = [
      await r.send('report-confirm:m1', '确认一', 'a'),
      await r.send('report-flags-confirmed:m2', '已核实', 'a'),
      await r.send('report-confirm:m3', '确认二', 'b'),
      await r.send('report-withdrawn:m4', '已撤回', 'a'),
    ];
    await r.outbox.queue.resume();
    await waitFor(async () => r.chat.sent.length >= 4 && (await r.idle()), 30_000);
    expect(r.chat.sent.map((m) => [m.to.kind === 'person' ? m.to.id : 'group', m.text])).toEqual([
      ['a', '调度'],
      ['a', '附件确认'],
      ['a', '确认一\n\n已核实\n\n已撤回'],
      ['b', '确认二'],
    ]);
    const [m1, m2, m3, m4] = await Promise.all(ids.map((id) => r.row(id)));
    expect(m1).toMatchObject({ delivered_via: 'private', attempts: 1, last_error: null });
    expect(m3).toMatchObject({ delivered_via: 'private', attempts: 1 });
    for (const carried of [m2, m4]) {
      expect(carried).toMatchObject({ delivered_via: 'coalesced', attempts: 1, last_error: null });
      // Its carrier: the message to the same person at the same sent_at.
      expect(carried?.sent_at?.getTime()).toBe(m1?.sent_at?.getTime());
    }
    expect((await r.row(withFile)).delivered_via).toBe('private');
    // The carried jobs are gone from the queue; nothing is left to send, now or after a restart.
    expect(await r.outbox.queue.getJob(ids[1] as string)).toBeUndefined();
    expect(await r.outbox.queue.getJob(ids[3] as string)).toBeUndefined();
    expect(await r.outbox.recover()).toBe(0);
    await r.send('report-withdrawn:m4', '已撤回', 'a');
    expect(await waitFor(() => r.idle())).toBe(true);
    expect(r.chat.sent).toHaveLength(4);
  });

  it('a combined message whose outcome is unknown is sent again whole, never its confirmations alone', async () => {
    // The state a crash between the chat's send and the marks leaves: the carrier not marked, the carried waiting.
    const r = await rig({ max: 0, coalesceMs: 5_000 });
    r.chat.loseAnswer('report-confirm:m1');
    await r.outbox.queue.pause();
    const ids = [
      await r.send('report-confirm:m1', '确认一', 'a'),
      await r.send('report-confirm:m2', '确认二', 'a'),
      await r.send('report-confirm:m3', '确认三', 'a'),
    ];
    await r.outbox.queue.resume();
    await waitFor(async () => r.chat.sent.length >= 2 && (await r.idle()), 20_000);
    // One message twice (the existing one-message window), each text in it, none alone.
    expect(r.chat.sent.map((m) => m.text)).toEqual(['确认一\n\n确认二\n\n确认三', '确认一\n\n确认二\n\n确认三']);
    // Marked once each: one carrier (whichever went first the second time), the others carried by it.
    const rows = await Promise.all(ids.map((id) => r.row(id)));
    expect(rows.map((x) => x.delivered_via).sort()).toEqual(['coalesced', 'coalesced', 'private']);
    expect(new Set(rows.map((x) => x.sent_at?.getTime())).size).toBe(1);
    expect(rows.every((x) => x.sent_at !== null)).toBe(true);
  }, 30_000);

  it("a 'too-fast' answer, then success: sent exactly once, no attempt used, the window's slot given back", {
    timeout: 30_000,
  }, async () => {
    // One message a minute: had the refused send kept its slot, the retry would wait a whole minute.
    const r = await rig({ max: 1, windowMs: 60_000 });
    r.chat.refuse('report-reminder:2026-11-30', new ChannelSendError('api freq out of limit', 'too-fast', 45009, 50));
    const id = await r.send('report-reminder:2026-11-30', '提醒');
    await waitFor(async () => r.chat.sent.length === 1 && (await r.idle()), 20_000);
    expect(r.chat.calls).toBe(2);
    expect(r.chat.sent.map((m) => m.text)).toEqual(['提醒']);
    const job = await r.outbox.queue.getJob(id);
    expect(await job?.getState()).toBe('completed');
    expect(job?.failedReason).toBeFalsy();
    expect(await r.row(id)).toMatchObject({ attempts: 1, delivered_via: 'group', last_error: null });
    expect((await r.row(id)).sent_at).not.toBeNull();
  });

  it("'not-connected' waits the same way: nothing was sent, no attempt used", async () => {
    const r = await rig({ max: 1, windowMs: 60_000, attempts: 1 });
    r.chat.refuse(
      'report-reminder:2026-11-30',
      new ChannelSendError('connection closed', 'not-connected', undefined, 20),
      new ChannelSendError('connection closed', 'not-connected', undefined, 20),
    );
    // With a single attempt allowed, a wait that used one would fail the message for good.
    const id = await r.send('report-reminder:2026-11-30', '提醒');
    await waitFor(async () => r.chat.sent.length === 1 && (await r.idle()), 20_000);
    expect(r.chat.calls).toBe(3);
    expect(await r.row(id)).toMatchObject({ attempts: 1, last_error: null });
  }, 30_000);

  it("'rejected' uses an attempt and waits a window; rejected every time, it fails for good with the reason recorded", {
    timeout: 60_000,
  }, async () => {
    // One message a window: had a refused send kept its slot, the next try would wait a window more.
    const r = await rig({ max: 1, windowMs: 1_500, attempts: 3 });
    const rejected = () => new ChannelSendError('invalid chatid', 'rejected', 93006);
    r.chat.refuse('my-items:m1', rejected(), rejected(), rejected());
    r.chat.refuse('my-items:m2', rejected());
    const never = await r.send('my-items:m1', '待办', 'a');
    await waitFor(async () => (await (await r.outbox.queue.getJob(never))?.getState()) === 'failed', 40_000);
    // Each retry came a window after the refusal (a refusal within the window would only be refused again).
    const asked = r.chat.asked.get('my-items:m1') ?? [];
    expect(asked).toHaveLength(3);
    for (let i = 1; i < asked.length; i++) expect(asked[i]! - asked[i - 1]!).toBeGreaterThanOrEqual(1_400);
    // Three refused sends, none kept its slot: the next message goes at once, and is refused once.
    const once = await r.send('my-items:m2', '待办二', 'a');
    await waitFor(async () => r.chat.sent.length === 1 && (await r.idle()), 40_000);
    expect(r.chat.sent.map((m) => m.text)).toEqual(['待办二']);
    expect(r.chat.calls).toBe(5);
    expect(await r.row(never)).toMatchObject({
      sent_at: null,
      attempts: 3,
      last_error: 'rejected (93006): invalid chatid',
    });
    expect(await r.row(once)).toMatchObject({ attempts: 2, last_error: null });
  });

  it('the retry delay: doubling from backoffMs, at least a window after an error code', () => {
    const limits: OutboxLimits = { max: 20, windowMs: 60_000, attempts: 6, backoffMs: 2_000 };
    const refused = new ChannelSendError('45009 api freq out of limit', 'rejected', 45009);
    const dropped = new ChannelSendError('socket closed', 'unknown-outcome');
    expect([1, 2, 3].map((n) => outboxRetryDelay(n, new Error('x'), limits))).toEqual([2_000, 4_000, 8_000]);
    expect([1, 2, 3].map((n) => outboxRetryDelay(n, dropped, limits))).toEqual([2_000, 4_000, 8_000]);
    expect([1, 5, 7].map((n) => outboxRetryDelay(n, refused, limits))).toEqual([60_000, 60_000, 128_000]);
  });

  it("'unknown-outcome' is sent again (at least once), using an attempt", async () => {
    const r = await rig({ max: 0, attempts: 3 });
    r.chat.refuse('my-items:m1', new ChannelSendError('no answer within 10 s', 'unknown-outcome'));
    const id = await r.send('my-items:m1', '待办', 'a');
    await waitFor(async () => r.chat.sent.length === 1 && (await r.idle()), 20_000);
    expect(r.chat.calls).toBe(2);
    expect(await r.row(id)).toMatchObject({ attempts: 2, last_error: null });
  }, 30_000);

  it('a full conversation holds only its own messages, in order; the others go on', async () => {
    const r = await rig({ max: 0, perConversation: 1, windowMs: 500 });
    await r.outbox.queue.pause();
    await r.send('dispatch:D1:group', '群一');
    await r.send('dispatch:D2:group', '群二');
    await r.send('my-items:m1', '私聊', 'a');
    await r.outbox.queue.resume();
    await waitFor(async () => r.chat.sent.length === 3 && (await r.idle()), 20_000);
    expect(r.chat.sent.map((m) => m.text)).toEqual(['群一', '私聊', '群二']);
  }, 30_000);

  it("the account's window is the stricter of ours and the chat's; a conversation's window is the chat's", () => {
    const ours: OutboxLimits = { max: 12, windowMs: 60_000, attempts: 6, backoffMs: 2_000 };
    expect(pacedLimits(ours, { perMinute: 20, perConversationPerMinute: null })).toMatchObject({
      max: 12,
      perConversation: 0,
      coalesceMs: 60_000,
    });
    expect(pacedLimits({ ...ours, max: 30 }, { perMinute: 20, perConversationPerMinute: 10 })).toMatchObject({
      max: 20,
      perConversation: 10,
    });
    // 0 is "none of ours": the chat's own limit still holds. No limit at all: nothing waits, nothing is combined.
    expect(pacedLimits({ ...ours, max: 0 }, { perMinute: 20, perConversationPerMinute: null }).max).toBe(20);
    expect(pacedLimits({ ...ours, max: 0 }, { perMinute: null, perConversationPerMinute: null })).toMatchObject({
      max: 0,
      coalesceMs: 0,
    });
  });
});
