import { FlowProducer, type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { jobIdFor, QUEUES } from './names.js';

/** A 双派单 job: the round's parent ('round'), or one side's delivery ('side'). */
export interface DualJob {
  roundId: number;
  code: string;
  side?: string;
}

/** What handlers and routines may ask of the dual queue (AppContext.dual). */
export interface DualFlows {
  /** Adds the round's flow: a parent that waits for one child per side. Idempotent by job ids. */
  addRound(r: { id: number; code: string; sides: readonly string[] }): Promise<void>;
}

const JOB_OPTS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export const roundJobId = (code: string) => jobIdFor('dual-round', code);
export const sideJobId = (code: string, side: string) => jobIdFor('dual-side', `${code}|${side}`);

/**
 * The producer side of the `dual` queue: each round is one BullMQ flow. The children deliver
 * to each side point-to-point (through the outbox); the parent runs once both are done. A
 * failed child does not hold the parent forever (ignoreDependencyOnFailure): the parent
 * reads from the store which sides were delivered, and dual-check adds the flow again.
 */
export class DualQueue implements DualFlows {
  readonly queue: Queue<DualJob>;
  private readonly flows: FlowProducer;
  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue<DualJob>(QUEUES.dual, { connection, prefix });
    this.flows = new FlowProducer({ connection, prefix });
    this.flows.on('error', () => undefined);
  }

  async addRound(r: { id: number; code: string; sides: readonly string[] }): Promise<void> {
    await this.flows.add({
      name: 'round',
      queueName: QUEUES.dual,
      data: { roundId: r.id, code: r.code },
      opts: { ...JOB_OPTS, jobId: roundJobId(r.code) },
      children: r.sides.map((side) => ({
        name: 'side',
        queueName: QUEUES.dual,
        data: { roundId: r.id, code: r.code, side },
        opts: { ...JOB_OPTS, jobId: sideJobId(r.code, side), ignoreDependencyOnFailure: true },
      })),
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.queue.close(), this.flows.close()]);
  }
}

export interface DualProcessors {
  side(job: DualJob): Promise<unknown>;
  round(job: DualJob): Promise<unknown>;
}

export function startDualWorker(connection: Redis, prefix: string, p: DualProcessors, log: Logger): Worker<DualJob> {
  const worker = new Worker<DualJob>(
    QUEUES.dual,
    async (job: Job<DualJob>) => (job.name === 'side' ? p.side(job.data) : p.round(job.data)),
    { connection, prefix, concurrency: 1 },
  );
  worker.on('error', (err) => log.error({ err }, 'dual worker error'));
  worker.on('failed', (job, err) => log.error({ err, code: job?.data.code, side: job?.data.side }, 'dual job failed'));
  return worker;
}
