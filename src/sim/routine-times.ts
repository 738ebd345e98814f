import type { DistrictConfig } from '../config/schema.js';
import type { Routine } from '../routines/types.js';
import { type CronPattern, fireTimes, parseCron } from './cron.js';

/** One run of a routine the simulated clock passed. */
export interface DueRun {
  at: Date;
  routine: string;
}

const DAY_MS = 86_400_000;

/**
 * The routines' fire times from their cron patterns (the ones production registers with
 * BullMQ), for the simulator's clock: every run in (from, to], in time order, each routine
 * once per fire time (two patterns of one routine at the same minute are one run), and
 * routines due at the same minute in the order the bot lists them.
 */
export class RoutineTimes {
  private readonly list: Array<{ name: string; patterns: CronPattern[] }>;
  /** Routines that fire more than a few times a day (their silent runs are summed up). */
  readonly frequent: ReadonlySet<string>;

  constructor(
    routines: readonly Routine[],
    private readonly config: DistrictConfig,
  ) {
    this.list = routines.map((r) => ({ name: r.name, patterns: r.patterns(config).map(parseCron) }));
    const probe = new Date(Date.UTC(2026, 10, 30));
    this.frequent = new Set(
      this.list.filter((r) => this.runsOf(r, probe, new Date(probe.getTime() + DAY_MS)).length > 4).map((r) => r.name),
    );
  }

  private runsOf(r: { patterns: CronPattern[] }, from: Date, to: Date): number[] {
    const times = new Set<number>();
    for (const p of r.patterns) for (const t of fireTimes(p, from, to, this.config.timezone)) times.add(t.getTime());
    return [...times];
  }

  between(from: Date, to: Date): DueRun[] {
    const runs: Array<DueRun & { order: number }> = [];
    this.list.forEach((r, order) => {
      for (const t of this.runsOf(r, from, to)) runs.push({ at: new Date(t), routine: r.name, order });
    });
    runs.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
    return runs.map(({ at, routine }) => ({ at, routine }));
  }
}
