import type { DistrictConfig } from '../config/schema.js';
import type { ScheduledRoutine } from '../jobs/scheduler.js';
import type { AppContext } from '../usecases/context.js';

/** A scheduled routine: cron patterns (in the district's zone) and what it does when run. */
export interface Routine extends ScheduledRoutine {
  /** Cron patterns from the config; empty means "run only when asked" (replay, CLI). */
  patterns(config: DistrictConfig): string[];
  run(ctx: AppContext): Promise<void>;
}

/** "HH:mm" to a cron pattern for every day at that time (each routine checks working days itself). */
export function dailyAt(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return `${m} ${h} * * *`;
}
