import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { IncomingMessage } from '../domain/messages.js';
import { jobIdFor, QUEUES } from './names.js';

/**
 * Retries are for the database (or Redis) being down; a bad input is answered by the router,
 * not retried. Exponential from 500 ms, capped at 5 s so that work resumes within 5 s of the
 * database coming back; 400 attempts wait out an outage of about half an hour.
 */
export const INBOUND_ATTEMPTS = 400;
export const INBOUND_BACKOFF = 'capped-exponential';
export function inboundBackoff(attemptsMade: number): number {
  return Math.min(500 * 2 ** Math.max(0, attemptsMade - 1), 5_000);
}

/**
 * The receiving side only records a message durably here (job id = message id, so a
 * redelivered message is one job); a worker processes it, even after a crash or while the
 * database is down (retries with backoff).
 */
export class InboundQueue {
  readonly queue: Queue<IncomingMessage>;
  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue<IncomingMessage>(QUEUES.inbound, { connection, prefix });
  }

  async add(m: IncomingMessage): Promise<void> {
    await this.queue.add('message', m, {
      jobId: jobIdFor('in', m.id),
      attempts: INBOUND_ATTEMPTS,
      backoff: { type: INBOUND_BACKOFF },
      removeOnComplete: { age: 24 * 3600, count: 50_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/**
 * Runs tasks one after another per key, and tasks of different keys side by side. Jobs are
 * fetched in arrival order, so each key's messages are processed in the order they arrived.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

export function startInboundWorker(
  connection: Redis,
  prefix: string,
  process: (m: IncomingMessage) => Promise<void>,
  log: Logger,
  opts: { concurrency?: number; orderKey?: (m: IncomingMessage) => string } = {},
): Worker<IncomingMessage> {
  // Several messages at once, but one sender's (or one unit's) messages in the order they
  // arrived: a correction is never processed before its report.
  const serial = new KeyedSerializer();
  const keyOf = opts.orderKey ?? ((m: IncomingMessage) => m.senderId);
  const worker = new Worker<IncomingMessage>(
    QUEUES.inbound,
    async (job: Job<IncomingMessage>) => {
      await serial.run(keyOf(job.data), () => process(job.data));
    },
    { connection, prefix, concurrency: opts.concurrency ?? 8, settings: { backoffStrategy: inboundBackoff } },
  );
  worker.on('error', (err) => log.error({ err }, 'inbound worker error'));
  worker.on('failed', (job, err) => log.warn({ err: err.message, id: job?.data.id, attempt: job?.attemptsMade }, 'inbound message failed; will retry'));
  return worker;
}
