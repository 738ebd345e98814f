import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChatPort } from '../bot/channel.js';
import type { Clock } from '../domain/clock.js';
import type { OutgoingMessage } from '../domain/messages.js';
import { Batcher } from '../lib/batcher.js';
import { markOutboundFailed, markOutboundSent, outboundSentAt, recordOutboundMany } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { priorityOf } from './lanes.js';
import { jobIdFor, QUEUES } from './names.js';

export interface OutboxJob {
  jobId: string;
  message: OutgoingMessage;
}

export interface OutboxLimits {
  /** Max messages in any sliding window; 0 = no limit. */
  max: number;
  windowMs: number;
  attempts: number;
  backoffMs: number;
}

/** The producer side: the only way anything is sent. Idempotent by purpose. */
export class Outbox {
  readonly queue: Queue<OutboxJob>;
  /** Messages sent together (the evening burst's confirmations) are recorded and queued together. */
  private readonly sends: Batcher<OutboxJob, void>;

  constructor(
    connection: Redis,
    prefix: string,
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
    }>(
      `select job_id, purpose, to_kind, to_id, text, mentions, file_name, file_path from outbound_messages
       where sent_at is null and enqueued_at > now() - ($1 || ' hours')::interval`,
      [String(sinceHours)],
    );
    for (const r of rows) {
      await this.enqueue(r.job_id, {
        to: r.to_kind === 'person' && r.to_id ? { kind: 'person', id: r.to_id } : { kind: 'group' },
        text: r.text,
        mentions: r.mentions,
        purpose: r.purpose,
        ...(r.file_name && r.file_path ? { file: { name: r.file_name, path: r.file_path } } : {}),
      });
    }
    return rows.length;
  }

  /** Adds the job (idempotent by job id while BullMQ keeps it; the DB's sent mark covers later). */
  private async enqueue(jobId: string, message: OutgoingMessage): Promise<void> {
    await this.queue.add('send', { jobId, message }, this.jobOptions(jobId, message.purpose));
  }

  /** Replies and leaders' relays go before reminders, and those before the day's digests (`lanes.ts`). */
  private jobOptions(jobId: string, purpose: string) {
    return {
      jobId,
      priority: priorityOf(purpose),
      attempts: this.limits.attempts,
      backoff: { type: 'exponential' as const, delay: this.limits.backoffMs },
      removeOnComplete: { age: 7 * 24 * 3600, count: 20_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

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
 * sliding-window rate limit kept in Redis (BullMQ's own limiter is a fixed window that lets 2×max through).
 * A message already marked sent is never sent again; the only duplicate window is a crash
 * between the chat's send and the "sent" mark (one message per kill).
 */
export function startOutboxWorker(d: OutboxWorkerDeps): Worker<OutboxJob> {
  const logKey = `${d.prefix}:ratelog:${d.account}`;
  const worker: Worker<OutboxJob> = new Worker<OutboxJob>(
    QUEUES.outbox,
    async (job: Job<OutboxJob>) => {
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
      if (sentAt) return 'already-sent';
      if (!d.chat.isReady()) {
        await worker.rateLimit(1_000);
        throw Worker.RateLimitError();
      }
      let slot: string | undefined;
      if (d.limits.max > 0) {
        // A small margin so that the chat sees the limit kept, not only our slot times.
        const taken = await takeSlot(d.connection, logKey, d.limits.max, d.limits.windowMs + SEND_JITTER_MS, jobId);
        if (taken.wait > 0) {
          await worker.rateLimit(taken.wait);
          throw Worker.RateLimitError();
        }
        slot = taken.member;
      }
      const prepared = d.prepare ? await d.prepare(message) : { message, revoke: async () => undefined };
      let delivered = false;
      try {
        const via = await d.chat.deliver(prepared.message);
        delivered = true;
        // The slot counts from when the chat took the message, not from when we asked: however
        // slow one delivery was, the chat never sees more than `max` in a window.
        if (slot) await slotDelivered(d.connection, logKey, slot, d.limits.windowMs + SEND_JITTER_MS);
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
        await markSentPatiently(d, jobId, via, job.attemptsMade + 1);
        d.onSent?.(message, via);
        return via;
      } catch (err) {
        if (!delivered) await prepared.revoke().catch(() => undefined);
        d.onFailed?.(message, err as Error);
        await markOutboundFailed(d.db, jobId, (err as Error).message, job.attemptsMade + 1).catch(() => undefined);
        throw err;
      }
    },
    { connection: d.connection, prefix: d.prefix, concurrency: 1, autorun: true },
  );
  worker.on('error', (err) => d.log.error({ err }, 'outbox worker error'));
  worker.on('failed', (job, err) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
      d.log.error({ err, purpose: job.data.message.purpose }, 'outbox message failed for good');
  });
  return worker;
}

const SEND_JITTER_MS = 100;
const DB_WAIT_MS = 3_000;

/** Marks a delivered message sent, retrying for up to ~5 minutes while the database is down. */
async function markSentPatiently(d: OutboxWorkerDeps, jobId: string, via: string, attempts: number): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await markOutboundSent(d.db, jobId, d.clock.now(), via, attempts);
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
 * Sliding-window log: returns 0 and records a send if fewer than `max` sends happened in the
 * last `windowMs`; otherwise returns how long to wait. Atomic in Redis.
 */
async function takeSlot(
  r: Redis,
  key: string,
  max: number,
  windowMs: number,
  jobId: string,
): Promise<{ wait: number; member: string }> {
  const now = Date.now();
  const member = `${jobId}:${now}`;
  const script = `
    local now = tonumber(ARGV[1]); local win = tonumber(ARGV[2]); local max = tonumber(ARGV[3])
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - win)
    if redis.call('ZCARD', KEYS[1]) < max then
      redis.call('ZADD', KEYS[1], now, ARGV[4])
      redis.call('PEXPIRE', KEYS[1], win)
      return 0
    end
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    return tonumber(oldest[2]) + win - now + 1`;
  const wait = (await r.eval(script, 1, key, now, windowMs, max, member)) as number;
  return { wait: Math.max(0, wait), member };
}

/** Moves a taken slot to the time the chat accepted the message (never fails the send). */
async function slotDelivered(r: Redis, key: string, member: string, windowMs: number): Promise<void> {
  try {
    // One round trip: the send's hot path already has the database's mark after it.
    await r.multi().zadd(key, 'XX', Date.now(), member).pexpire(key, windowMs).exec();
  } catch {
    // Redis gone right now: the slot keeps its start time (at worst the margin is smaller).
  }
}
