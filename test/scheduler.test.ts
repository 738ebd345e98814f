import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedis } from '../src/jobs/redis.js';
import { RoutineScheduler } from '../src/jobs/scheduler.js';
import type { Routine } from '../src/routines/types.js';
import { obliterate } from '../src/sim/harness.js';
import { REDIS_URL, rosterConfig } from './helpers.js';

const noop = async () => undefined;

describe('routine scheduler', () => {
  const prefix = `duban-t-${randomUUID().slice(0, 8)}`;
  const redis = createRedis(REDIS_URL);
  afterEach(async () => {
    await obliterate(REDIS_URL, prefix);
  });

  it('upserts one job scheduler per routine and time, idempotently, and drops stale ones', async () => {
    const list: Routine[] = [
      { name: 'a', patterns: () => ['30 17 * * *'], run: noop },
      {
        name: 'b',
        patterns: (c) => c.routines.ticketNag.map((t) => `${t.slice(3)} ${t.slice(0, 2)} * * *`),
        run: noop,
      },
    ];
    const s = new RoutineScheduler(redis, prefix, list);
    const config = rosterConfig();
    await s.sync(config);
    await s.sync(config); // a restart
    let all = await s.queue.getJobSchedulers(0, -1);
    expect(all.map((j) => j.key ?? j.id).sort()).toEqual(['a#0', 'b#0', 'b#1']);
    expect(all.find((j) => (j.key ?? j.id) === 'a#0')?.tz).toBe('Asia/Shanghai');
    // The config now has one nag time: the second scheduler goes away.
    await s.sync({ ...config, routines: { ...config.routines, ticketNag: ['09:00'] } });
    all = await s.queue.getJobSchedulers(0, -1);
    expect(all.map((j) => j.key ?? j.id).sort()).toEqual(['a#0', 'b#0']);
    await s.close();
    redis.disconnect();
  });
});
