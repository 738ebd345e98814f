import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { IncomingMessage } from '../domain/messages.js';
import { Batcher } from '../lib/batcher.js';
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

/** One inbound job: the messages received together (usually one; many in a burst). */
export interface InboundBatch {
  messages: IncomingMessage[];
}

/** Messages per job at most (a burst is queued in a few round trips, a job stays small). */
export const INBOUND_BATCH = 100;

function jobOptions(ms: IncomingMessage[]) {
  const first = ms[0] as IncomingMessage;
  return {
    // A batch re-added after a Redis error is the same job; a message in two batches (a
    // redelivery) is processed once anyway: the store records each message id once.
    jobId: jobIdFor('in', ms.length === 1 ? first.id : `${first.id}+${ms.length}`),
    attempts: INBOUND_ATTEMPTS,
    backoff: { type: INBOUND_BACKOFF },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

/**
 * The receiving side only records a message durably here; a worker processes it, even after
 * a crash or while the database is down (retries with backoff). Messages arriving together
 * (an 18:00 burst) share one job and one round trip: a message's `add` resolves once Redis
 * holds the job that carries it.
 */
export class InboundQueue {
  readonly queue: Queue<InboundBatch>;
  private readonly adds: Batcher<IncomingMessage, void>;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue<InboundBatch>(QUEUES.inbound, { connection, prefix });
    this.adds = new Batcher<IncomingMessage, void>(
      async (ms) => {
        await this.queue.add('messages', { messages: ms }, jobOptions(ms));
        return ms.map(() => undefined);
      },
      { maxBatch: INBOUND_BATCH },
    );
  }

  add(m: IncomingMessage): Promise<void> {
    return this.adds.submit(m);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/**
 * Processes inbound jobs. `processBatch` must start its per-key work synchronously (see the
 * router), so that jobs fetched in order keep each unit's messages in order even with several
 * jobs running at once. A job fails (and is retried whole; processed messages are skipped)
 * when any of its messages could not be processed.
 */
export function startInboundWorker(
  connection: Redis,
  prefix: string,
  processBatch: (ms: IncomingMessage[]) => Promise<void>,
  log: Logger,
  opts: { concurrency?: number } = {},
): Worker<InboundBatch> {
  const worker = new Worker<InboundBatch>(
    QUEUES.inbound,
    async (job: Job<InboundBatch>) => {
      await processBatch(job.data.messages);
    },
    { connection, prefix, concurrency: opts.concurrency ?? 8, settings: { backoffStrategy: inboundBackoff } },
  );
  worker.on('error', (err) => log.error({ err }, 'inbound worker error'));
  worker.on('failed', (job, err) =>
    log.warn(
      { err: err.message, ids: job?.data.messages.map((m) => m.id), attempt: job?.attemptsMade },
      'inbound messages failed; will retry',
    ),
  );
  return worker;
}
