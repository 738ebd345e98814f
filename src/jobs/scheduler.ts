import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DistrictConfig } from '../config/schema.js';
import { QUEUES } from './names.js';

/** What the scheduler needs of a routine: its name and cron patterns (routines/types.ts adds `run`). */
export interface ScheduledRoutine {
  readonly name: string;
  patterns(config: DistrictConfig): string[];
}

export interface RoutineJob {
  routine: string;
}

/**
 * Routines run as BullMQ job schedulers with cron patterns in the district's zone. `sync`
 * upserts one scheduler per routine and pattern (idempotent across restarts) and removes the
 * ones the config no longer has.
 */
/**
 * A routine that fails (e.g. the database is down at 18:00) is retried rather than skipped:
 * routines are idempotent scans, so a retry sends nothing twice. 8 attempts with exponential
 * backoff from 2 s span about 8 minutes.
 */
const ROUTINE_JOB_OPTS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 2_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 1_000 },
};

export class RoutineScheduler<Routine extends ScheduledRoutine = ScheduledRoutine> {
  readonly queue: Queue<RoutineJob>;
  private readonly byName = new Map<string, Routine>();

  constructor(connection: Redis, prefix: string, list: Routine[]) {
    this.queue = new Queue<RoutineJob>(QUEUES.routines, { connection, prefix });
    for (const r of list) this.byName.set(r.name, r);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  get(name: string): Routine | undefined {
    return this.byName.get(name);
  }

  async sync(config: DistrictConfig): Promise<string[]> {
    const wanted = new Set<string>();
    for (const r of this.byName.values()) {
      const patterns = r.patterns(config);
      for (let i = 0; i < patterns.length; i++) {
        const id = `${r.name}#${i}`;
        wanted.add(id);
        await this.queue.upsertJobScheduler(
          id,
          { pattern: patterns[i] as string, tz: config.timezone },
          { name: r.name, data: { routine: r.name }, opts: ROUTINE_JOB_OPTS },
        );
      }
    }
    const existing = await this.queue.getJobSchedulers(0, -1);
    for (const s of existing) {
      const id = s.id ?? s.key;
      if (id && !wanted.has(id)) await this.queue.removeJobScheduler(id);
    }
    return [...wanted];
  }

  /** Runs a routine now, as the scheduler would (replay, CLI): one job in the same queue. */
  async runNow(name: string, key: string): Promise<void> {
    if (!this.byName.has(name)) throw new Error(`unknown routine "${name}"`);
    await this.queue.add(
      name,
      { routine: name },
      {
        ...ROUTINE_JOB_OPTS,
        jobId: `run-${name}-${key}`.replace(/[^A-Za-z0-9_.-]/g, '_'),
        removeOnComplete: true,
        removeOnFail: 100,
      },
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

export function startRoutineWorker<Routine extends ScheduledRoutine>(
  connection: Redis,
  prefix: string,
  scheduler: RoutineScheduler<Routine>,
  run: (r: Routine) => Promise<void>,
  log: Logger,
): Worker<RoutineJob> {
  const worker = new Worker<RoutineJob>(
    QUEUES.routines,
    async (job: Job<RoutineJob>) => {
      const r = scheduler.get(job.data.routine);
      if (!r) {
        log.warn({ routine: job.data.routine }, 'unknown routine job ignored');
        return;
      }
      await run(r);
    },
    { connection, prefix, concurrency: 1 },
  );
  worker.on('error', (err) => log.error({ err }, 'routine worker error'));
  worker.on('failed', (job, err) => log.error({ err, routine: job?.data.routine }, 'routine failed'));
  return worker;
}
