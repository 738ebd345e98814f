import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ChannelSendError, type ChatPort } from '../bot/channel.js';
import type { Clock } from '../domain/clock.js';
import type { OutgoingCard, OutgoingMessage } from '../domain/messages.js';
import { Batcher } from '../lib/batcher.js';
import {
  markOutboundCoalesced,
  markOutboundFailed,
  markOutboundSent,
  outboundSentAt,
  outboundUnsent,
  recordOutboundMany,
} from '../store/audit.js';
import type { Db } from '../store/db.js';
import { isCoalescible, priorityOf } from './lanes.js';
import { jobIdFor, QUEUES } from './names.js';

export interface OutboxJob {
  jobId: string;
  message: OutgoingMessage;
}

export interface OutboxLimits {
  /** Max messages of the chat account in any sliding window; 0 = no limit. */
  max: number;
  windowMs: number;
  attempts: number;
  backoffMs: number;
  /** Max messages to one conversation (the group, or one person) in any window; 0 or absent = no limit. */
  perConversation?: number;
  /**
   * Confirmations to one person queued within this many ms of each other go out as one message
   * when they are still waiting at send time (lanes.ts, `isCoalescible`); 0 or absent = never.
   */
  coalesceMs?: number;
}

/** The producer side: the only way anything is sent. Idempotent by purpose. */
export class Outbox {
  readonly queue: Queue<OutboxJob>;
  /** Messages sent together (the evening burst's confirmations) are recorded and queued together. */
  private readonly sends: Batcher<OutboxJob, void>;
  private lastIndexed = 0;

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly limits: OutboxLimits,
  ) {
    this.queue = new Queue<OutboxJob>(QUEUES.outbox, { connection, prefix });
    this.sends = new Batcher<OutboxJob, void>(
      async (jobs) => {
        await recordOutboundMany(this.db, jobs, this.clock.now());
        await this.queue.addBulk(
          jobs.map((j) => ({ name: 'send', data: j, opts: this.jobOptions(j.jobId, j.message.purpose) })),
        );
        await this.index(jobs);
        return jobs.map(() => undefined);
      },
      // One batch at a time: messages are queued in the order they were sent, also when the
      // sender did not wait (a handler's last step).
      { maxInFlight: 1 },
    );
  }

  /** Enqueues a message; a second call with the same purpose sends nothing new. Returns the job id. */
  async send(message: OutgoingMessage): Promise<string> {
    const jobId = jobIdFor('o', message.purpose);
    // Recorded before it is queued: a crash in between is repaired by recover() at start.
    await this.sends.submit({ jobId, message });
    return jobId;
  }

  /** Re-enqueues recorded but unsent messages (a crash between the record and the enqueue). */
  async recover(sinceHours = 24): Promise<number> {
    const rows = await this.db.query<{
      job_id: string;
      purpose: string;
      to_kind: string;
      to_id: string | null;
      text: string;
      mentions: string[];
      file_name: string | null;
      file_path: string | null;
      card: OutgoingCard | null;
    }>(
      `select job_id, purpose, to_kind, to_id, text, mentions, file_name, file_path, card from outbound_messages
       where sent_at is null and enqueued_at > now() - ($1 || ' hours')::interval order by enqueued_at`,
      [String(sinceHours)],
    );
    for (const r of rows) {
      await this.enqueue(r.job_id, {
        to: r.to_kind === 'person' && r.to_id ? { kind: 'person', id: r.to_id } : { kind: 'group' },
        text: r.text,
        mentions: r.mentions,
        purpose: r.purpose,
        ...(r.file_name && r.file_path ? { file: { name: r.file_name, path: r.file_path } } : {}),
        ...(r.card ? { card: r.card } : {}),
      });
    }
    return rows.length;
  }

  /** Adds the job (idempotent by job id while BullMQ keeps it; the DB's sent mark covers later). */
  private async enqueue(jobId: string, message: OutgoingMessage): Promise<void> {
    await this.queue.add('send', { jobId, message }, this.jobOptions(jobId, message.purpose));
    await this.index([{ jobId, message }]);
  }

  /**
   * Notes each confirmation that may be sent together with others (`isCoalescible`) in its
   * person's small index, scored by when it was queued (strictly increasing, so that the index
   * keeps the order they were sent in): the worker finds its companions there without reading
   * the queue. Best effort: a confirmation not indexed is sent alone.
   */
  private async index(jobs: readonly OutboxJob[]): Promise<void> {
    const todo = jobs.filter((j) => isCoalescible(j.message));
    if (todo.length === 0) return;
    const m = this.connection.multi();
    for (const j of todo) {
      if (j.message.to.kind !== 'person') continue;
      this.lastIndexed = Math.max(Date.now(), this.lastIndexed + 0.001);
      const key = coalesceKey(this.prefix, j.message.to.id);
      m.zremrangebyscore(key, '-inf', this.lastIndexed - COALESCE_INDEX_TTL_MS);
      m.zadd(key, 'NX', this.lastIndexed, j.jobId);
      m.pexpire(key, COALESCE_INDEX_TTL_MS);
    }
    await m.exec().catch(() => undefined);
  }

  /** Lanes (`lanes.ts`): relays first, then replies, roll-calls and summaries, chit-chat, digests, confirmations. */
  private jobOptions(jobId: string, purpose: string) {
    return {
      jobId,
      priority: priorityOf(purpose),
      attempts: this.limits.attempts,
      backoff: { type: OUTBOX_BACKOFF, delay: this.limits.backoffMs },
      removeOnComplete: { age: 7 * 24 * 3600, count: 20_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** A person's index of confirmations waiting to be sent (`Outbox.index`). */
function coalesceKey(prefix: string, personId: string): string {
  return `${prefix}:coalesce:${personId}`;
}

/** Entries older than this are dropped (a confirmation waiting longer is simply sent alone). */
const COALESCE_INDEX_TTL_MS = 3_600_000;
/** At most this many confirmations and characters in one combined message. */
const COALESCE_MAX_MESSAGES = 8;
const COALESCE_MAX_CHARS = 1_500;

export interface OutboxWorkerDeps {
  connection: Redis;
  prefix: string;
  db: Db;
  clock: Clock;
  chat: ChatPort;
  limits: OutboxLimits;
  /** Identifies the chat account for the rate limit. */
  account: string;
  log: Logger;
  onSent?: (m: OutgoingMessage, via: string) => void;
  onFailed?: (m: OutgoingMessage, err: Error) => void;
  /**
   * The last step before the chat: puts in what is never stored nor queued (a login link), and
   * says how to take it back when the message was not delivered (withheld, or the send failed).
   */
  prepare?: (m: OutgoingMessage) => Promise<{ message: OutgoingMessage; revoke: () => Promise<void> }>;
}

/**
 * The consumer side: sends one message at a time, lane by lane and in order within a lane, within an exact
 * sliding-window rate limit kept in Redis (BullMQ's own limiter is a fixed window that lets 2×max through):
 * one for the chat account and, where the chat limits it, one per conversation.
 * A message already marked sent is never sent again; the only duplicate window is a crash
 * between the chat's send and the "sent" mark (one message per kill). For confirmations sent
 * together, every one is marked in one statement before the carried jobs are removed: a crash
 * before the marks shows that message's texts once more, and no other (the carried are still
 * waiting and are carried again; the carrier comes back once its lock expires, maybe alone), a
 * crash after them leaves jobs that find themselves sent.
 *
 * How a failed delivery is handled follows the chat's answer (`ChannelSendError`): 'too-fast'
 * and 'not-connected' wait (the whole outbox: `retryAfterMs`, or one window / a second) without
 * using an attempt and put the message back at the head of its lane; 'rejected' (an error code)
 * uses an attempt and waits at least one rate window, any other error backs off by doubling;
 * 'unknown-outcome' (it may have arrived) is retried by doubling too, so the chat may show it
 * twice (at least once, never lost). The rate-limit slot of a send
 * that certainly did not arrive is given back; one that may have arrived keeps it.
 */
export function startOutboxWorker(d: OutboxWorkerDeps): Worker<OutboxJob> {
  const pacer = new Pacer(d.connection, `${d.prefix}:ratelog:${d.account}`, d.limits);
  const coalesceMs = d.limits.coalesceMs ?? 0;
  // Reads the jobs that may go with a confirmation (only when confirmations are combined).
  const peers =
    coalesceMs > 0 ? new Queue<OutboxJob>(QUEUES.outbox, { connection: d.connection, prefix: d.prefix }) : null;
  const worker: Worker<OutboxJob> = new Worker<OutboxJob>(
    QUEUES.outbox,
    async (job: Job<OutboxJob>, token?: string) => {
      const { jobId, message } = job.data;
      let sentAt: Date | null;
      try {
        sentAt = await outboundSentAt(d.db, jobId);
      } catch (err) {
        // The database is down: wait without using up an attempt (a minute's outage must not
        // fail a message for good), and send nothing we could not mark.
        d.log.warn({ err: (err as Error).message, purpose: message.purpose }, 'database unavailable: outbox waits');
        await worker.rateLimit(DB_WAIT_MS);
        throw Worker.RateLimitError();
      }
      if (sentAt) {
        // Already sent (e.g. carried in another message): nothing to do but to tidy its index entry.
        if (isCoalescible(message)) await forget(d, message.to.id, [jobId]);
        return 'already-sent';
      }
      if (!d.chat.isReady()) {
        await worker.rateLimit(1_000);
        throw Worker.RateLimitError();
      }
      let slot: Slot | undefined;
      if (pacer.on) {
        const taken = await pacer.take(jobId, conversationOf(message));
        if ('until' in taken) {
          const wait = Math.max(1, taken.until - Date.now());
          if (taken.full === 'account') {
            await worker.rateLimit(wait);
            throw Worker.RateLimitError();
          }
          // Only this conversation is full: the rest of the outbox goes on meanwhile. Every
          // message held for it waits until the same moment, so they keep their order.
          await job.moveToDelayed(taken.until, token);
          throw new DelayedError();
        }
        slot = taken;
      }
      const carried = coalesceMs > 0 && peers && isCoalescible(message) ? await gather(d, peers, job, coalesceMs) : [];
      const outgoing: OutgoingMessage =
        carried.length > 0 ? { ...message, text: carried.map((c) => c.data.message.text).join('\n\n') } : message;
      let prepared: { message: OutgoingMessage; revoke: () => Promise<void> };
      try {
        prepared = d.prepare ? await d.prepare(outgoing) : { message: outgoing, revoke: async () => undefined };
      } catch (err) {
        if (slot) await pacer.release(slot);
        throw err;
      }
      let delivered = false;
      try {
        const via = await d.chat.deliver(prepared.message);
        delivered = true;
        // The slot counts from when the chat took the message, not from when we asked: however
        // slow one delivery was, the chat never sees more than `max` in a window.
        if (slot) await pacer.delivered(slot);
        if (via === 'group-fallback') {
          d.log.warn(
            { purpose: message.purpose, to: message.to },
            'point-to-point delivery not possible; sent as @-mention in the group',
          );
        }
        if (via === 'withheld') {
          await prepared.revoke();
          d.log.warn(
            { purpose: message.purpose, to: message.to },
            'private-only message withheld (person not reachable privately); told in the group without it',
          );
        }
        // The only duplicate window: between the chat accepting the message and this mark.
        // If the database fails right here, keep trying to mark it (not to send it again).
        const others = carried.filter((c) => c.data.jobId !== jobId);
        await markPatiently(d, jobId, () =>
          others.length > 0
            ? markOutboundCoalesced(
                d.db,
                jobId,
                others.map((c) => c.data.jobId),
                d.clock.now(),
                via,
                job.attemptsMade + 1,
              )
            : markOutboundSent(d.db, jobId, d.clock.now(), via, job.attemptsMade + 1),
        );
        if (others.length > 0) {
          // Marked sent first: a crash before they are removed leaves jobs that find themselves sent.
          await Promise.all(others.map((c) => c.remove().catch(() => undefined)));
          d.log.info(
            { purpose: message.purpose, carried: others.map((c) => c.data.message.purpose) },
            'confirmations to one person sent as one message',
          );
        }
        if (isCoalescible(message)) await forget(d, message.to.id, [jobId, ...others.map((c) => c.data.jobId)]);
        d.onSent?.(message, via);
        for (const c of others) d.onSent?.(c.data.message, 'coalesced');
        return via;
      } catch (err) {
        if (!delivered) await prepared.revoke().catch(() => undefined);
        const failure = err instanceof ChannelSendError ? err.failure : undefined;
        // Nothing reached the chat: the window's slot is given back (a failed send does not eat it).
        if (slot && !delivered && failure !== 'unknown-outcome') await pacer.release(slot);
        const waits = failure === 'too-fast' || failure === 'not-connected';
        // A wait uses no attempt: the row's attempts stay as they are.
        await markOutboundFailed(d.db, jobId, reasonOf(err), job.attemptsMade + (waits ? 0 : 1)).catch(() => undefined);
        if (waits) {
          const e = err as ChannelSendError;
          const wait = e.retryAfterMs ?? (failure === 'too-fast' ? d.limits.windowMs : NOT_CONNECTED_WAIT_MS);
          d.log.warn(
            { purpose: message.purpose, failure, code: e.code, waitMs: wait },
            failure === 'too-fast'
              ? 'the chat says too fast: the outbox waits'
              : 'chat not connected: the outbox waits',
          );
          await worker.rateLimit(wait);
          throw Worker.RateLimitError();
        }
        if (failure === 'unknown-outcome')
          d.log.warn(
            { purpose: message.purpose, err: (err as Error).message },
            'no answer from the chat: the message is sent again, the chat may show it twice',
          );
        d.onFailed?.(message, err as Error);
        throw err;
      }
    },
    {
      connection: d.connection,
      prefix: d.prefix,
      concurrency: 1,
      autorun: true,
      settings: { backoffStrategy: (made, _type, err) => outboxRetryDelay(made, err, d.limits) },
    },
  );
  worker.on('error', (err) => d.log.error({ err }, 'outbox worker error'));
  worker.on('failed', (job, err) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      d.log.error({ err, purpose: job.data.message.purpose }, 'outbox message failed for good');
      const m = job.data.message;
      if (isCoalescible(m)) void forget(d, m.to.id, [job.data.jobId]);
    }
  });
  if (peers) worker.on('closed', () => void peers.close().catch(() => undefined));
  return worker;
}

const DB_WAIT_MS = 3_000;

/** The outbox's own backoff type (`outboxRetryDelay`); jobs queued before it used 'exponential'. */
const OUTBOX_BACKOFF = 'outbox';

/**
 * How long a failed send waits before its next attempt: doubling from `backoffMs`, but a message
 * the chat refused with an error code ('rejected': an answer of 200 carrying an errcode) waits at
 * least one rate window, as the chat's limits count by the window (a refusal within it would
 * only be refused again).
 */
export function outboxRetryDelay(attemptsMade: number, err: Error | undefined, limits: OutboxLimits): number {
  const doubling = limits.backoffMs * 2 ** Math.max(0, attemptsMade - 1);
  if (err instanceof ChannelSendError && err.failure === 'rejected') return Math.max(doubling, limits.windowMs);
  return doubling;
}
const NOT_CONNECTED_WAIT_MS = 1_000;

/** The conversation a message goes to, for the per-conversation window. */
function conversationOf(m: OutgoingMessage): string {
  return m.to.kind === 'person' ? `p:${m.to.id}` : 'group';
}

/** What outbound_messages.last_error says: the chat's failure kind and code, then its words. */
function reasonOf(err: unknown): string {
  if (err instanceof ChannelSendError)
    return `${err.failure}${err.code !== undefined ? ` (${err.code})` : ''}: ${err.message}`;
  return (err as Error).message;
}

/** Marks a delivered message sent, retrying for up to ~5 minutes while the database is down. */
async function markPatiently(d: OutboxWorkerDeps, jobId: string, mark: () => Promise<void>): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await mark();
      return;
    } catch (err) {
      if (i >= 100) throw err;
      if (i === 1)
        d.log.warn(
          { err: (err as Error).message, jobId },
          'sent but not yet marked (database unavailable); retrying the mark',
        );
      await new Promise((r) => setTimeout(r, DB_WAIT_MS));
    }
  }
}

/**
 * The confirmations to go out together with `job`: every coalescible one to the same person
 * still in the queue (waiting, or delayed by a failed try: a combined message whose outcome was
 * unknown is then sent again whole by whichever of them comes first, not split), not yet marked
 * sent, and queued within `windowMs` of it, `job` included, in the order they were queued; at most
 * COALESCE_MAX_MESSAGES and COALESCE_MAX_CHARS. Empty when there is none besides `job`. Reads
 * only the person's index (`Outbox.index`) and those jobs, never the whole queue.
 */
async function gather(
  d: OutboxWorkerDeps,
  peers: Queue<OutboxJob>,
  job: Job<OutboxJob>,
  windowMs: number,
): Promise<Array<Job<OutboxJob>>> {
  const { message, jobId } = job.data;
  if (message.to.kind !== 'person') return [];
  const to = message.to.id;
  const key = coalesceKey(d.prefix, to);
  try {
    const own = await d.connection.zscore(key, jobId);
    const at = own !== null ? Number(own) : job.timestamp;
    const ids = await d.connection.zrangebyscore(
      key,
      at - windowMs,
      at + windowMs,
      'LIMIT',
      0,
      4 * COALESCE_MAX_MESSAGES,
    );
    if (!ids.some((id) => id !== jobId)) return [];
    const stale: string[] = [];
    const found: Array<Job<OutboxJob>> = [];
    for (const id of ids) {
      if (id === jobId) {
        found.push(job);
        continue;
      }
      const j = await peers.getJob(id);
      const state = j ? await j.getState() : 'unknown';
      if (!j || state === 'completed' || state === 'failed' || state === 'unknown') stale.push(id);
      else if (
        (state === 'waiting' || state === 'prioritized' || state === 'delayed') &&
        sameCoalescible(j.data.message, to)
      )
        found.push(j);
    }
    if (stale.length > 0) await forget(d, to, stale);
    if (!found.includes(job)) found.unshift(job);
    const unsent = await outboundUnsent(
      d.db,
      found.filter((j) => j !== job).map((j) => j.data.jobId),
    );
    const out: Array<Job<OutboxJob>> = [];
    let chars = 0;
    for (const j of found) {
      if (j !== job && !unsent.has(j.data.jobId)) continue;
      const n = j.data.message.text.length + 2;
      // `job` itself always goes; another only while the message stays within its bounds.
      if (j !== job && (out.length >= COALESCE_MAX_MESSAGES || chars + n > COALESCE_MAX_CHARS)) continue;
      out.push(j);
      chars += n;
    }
    return out.length > 1 ? out : [];
  } catch (err) {
    // Redis or the database hiccuped: the confirmation goes alone.
    d.log.warn({ err: (err as Error).message, purpose: message.purpose }, 'could not combine confirmations');
    return [];
  }
}

function sameCoalescible(m: OutgoingMessage, to: string): boolean {
  return isCoalescible(m) && m.to.id === to;
}

/** Drops entries from a person's index (sent, carried, failed for good, or gone). */
async function forget(d: OutboxWorkerDeps, personId: string, jobIds: string[]): Promise<void> {
  await d.connection.zrem(coalesceKey(d.prefix, personId), ...jobIds).catch(() => undefined);
}

interface Slot {
  member: string;
  keys: string[];
}

/**
 * Sliding-window logs in Redis: the account's (`max` in any window) and, when the chat limits
 * it, one per conversation (`perConversation`). A send takes a slot in both at once or in
 * neither (one script); when one is full it says until when, and which.
 */
class Pacer {
  private readonly max: number;
  private readonly perConversation: number;
  /** The logs keep each slot a little longer than the window, so that the chat sees the limit kept. */
  private readonly windowMs: number;

  constructor(
    private readonly r: Redis,
    private readonly accountKey: string,
    limits: OutboxLimits,
  ) {
    this.max = limits.max;
    this.perConversation = limits.perConversation ?? 0;
    // 100 ms a minute (scaled with the window, so a scaled-down window keeps the same share).
    this.windowMs = limits.windowMs + limits.windowMs / 600;
  }

  get on(): boolean {
    return this.max > 0 || this.perConversation > 0;
  }

  async take(jobId: string, conversation: string): Promise<Slot | { until: number; full: 'account' | 'conversation' }> {
    const now = Date.now();
    const member = `${jobId}:${now}`;
    const keys = [this.accountKey, `${this.accountKey}:to:${conversation}`];
    const [code, until] = (await this.r.eval(
      TAKE_SLOTS,
      2,
      keys[0] as string,
      keys[1] as string,
      now,
      this.windowMs,
      this.max,
      this.perConversation,
      member,
    )) as [number, number];
    if (code === 1) return { until, full: 'account' };
    if (code === 2) return { until, full: 'conversation' };
    return { member, keys: keys.filter((_, i) => (i === 0 ? this.max : this.perConversation) > 0) };
  }

  /** Moves a taken slot to the time the chat accepted the message (never fails the send). */
  async delivered(slot: Slot): Promise<void> {
    try {
      // One round trip: the send's hot path already has the database's mark after it.
      const m = this.r.multi();
      for (const k of slot.keys) m.zadd(k, 'XX', Date.now(), slot.member).pexpire(k, Math.ceil(this.windowMs));
      await m.exec();
    } catch {
      // Redis gone right now: the slot keeps its start time (at worst the margin is smaller).
    }
  }

  /** Gives a slot back: the send it was taken for did not reach the chat. */
  async release(slot: Slot): Promise<void> {
    try {
      const m = this.r.multi();
      for (const k of slot.keys) m.zrem(k, slot.member);
      await m.exec();
    } catch {
      // Redis gone: the slot expires with its window.
    }
  }
}

/**
 * Both windows at once. KEYS: the account's log, the conversation's. ARGV: now, window, the
 * account's max (0: none), the conversation's max (0: none), the slot's member. Returns {0, 0}
 * and records the slot in both, or {1 (account) | 2 (conversation), the time it frees up}.
 */
const TAKE_SLOTS = `
  local now = tonumber(ARGV[1]); local win = tonumber(ARGV[2])
  local max = tonumber(ARGV[3]); local cmax = tonumber(ARGV[4])
  local function free_at(key, limit)
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - win)
    if redis.call('ZCARD', key) < limit then return 0 end
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    return math.ceil(tonumber(oldest[2]) + win) + 1
  end
  if max > 0 then
    local t = free_at(KEYS[1], max)
    if t > 0 then return {1, t} end
  end
  if cmax > 0 then
    local t = free_at(KEYS[2], cmax)
    if t > 0 then return {2, t} end
  end
  local ttl = math.ceil(win)
  if max > 0 then redis.call('ZADD', KEYS[1], now, ARGV[5]); redis.call('PEXPIRE', KEYS[1], ttl) end
  if cmax > 0 then redis.call('ZADD', KEYS[2], now, ARGV[5]); redis.call('PEXPIRE', KEYS[2], ttl) end
  return {0, 0}`;
