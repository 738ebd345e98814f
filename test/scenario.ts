import type { DistrictConfig } from '../src/config/schema.js';
import { ManualClock } from '../src/domain/clock.js';
import { isoInZone } from '../src/domain/time.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { playLine, type ScenarioLine, scenarioLineSchema } from '../src/sim/scenario.js';
import type { DbOptions } from '../src/store/db.js';
import { REDIS_URL, rosterConfig, testLogger } from './helpers.js';

export interface Out {
  at: string;
  to: string;
  text: string;
  mentions: string[];
  file?: string;
}

/** The replay pipeline in-process: play scenario lines, read what the bot sent. */
export class Scenario {
  readonly out: Out[] = [];
  private n = 0;
  private constructor(
    readonly h: Harness,
    readonly clock: ManualClock,
  ) {}

  /** `start`: the clock when the bot first starts (the deployment the 月评比 counts from). */
  /** `db`: the store to use (default: a new in-memory PGlite). */
  static async open(
    config: DistrictConfig = rosterConfig(),
    start = '2026-01-01T00:00:00Z',
    db?: DbOptions,
  ): Promise<Scenario> {
    const clock = new ManualClock(start);
    const h = await startHarness({ config, redisUrl: REDIS_URL, clock, log: testLogger(), ...(db ? { db } : {}) });
    const s = new Scenario(h, clock);
    h.world.onSent((m) => s.out.push({ at: isoInZone(clock.now(), config.timezone), ...m }));
    return s;
  }

  /** Plays lines; returns only what they made the bot send. */
  async play(...lines: Array<Record<string, unknown>>): Promise<Out[]> {
    const from = this.out.length;
    for (const raw of lines) {
      const line: ScenarioLine = scenarioLineSchema.parse(raw);
      const problem = await playLine(this.h, this.clock, line, `t${++this.n}`);
      if (problem) throw new Error(problem);
    }
    return this.out.slice(from);
  }

  close(): Promise<void> {
    return this.h.close();
  }
}

export const say = (at: string, from: string, text: string, extra: Record<string, unknown> = {}) => ({
  at,
  from,
  text,
  ...extra,
});
export const run = (at: string, routine: string) => ({ at, run: routine });
