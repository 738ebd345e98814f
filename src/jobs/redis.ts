import { Redis, type RedisOptions } from 'ioredis';

/** A connection for BullMQ (workers need maxRetriesPerRequest: null; it reconnects by itself). */
export function createRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(200 * times, 5_000),
    ...extra,
  });
}

/** One quick try to reach Redis, for the start-up check; never retries. */
export async function pingRedis(url: string, timeoutMs = 2_000): Promise<{ ok: true } | { ok: false; error: string }> {
  const r = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    enableOfflineQueue: false,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
    return { ok: true };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  } finally {
    r.disconnect();
  }
}

export { REDIS_MISSING_HELP } from '../domain/texts/system.js';

/** Warnings about a Redis that could lose queued work (eviction, no persistence). */
export async function checkRedisSafety(r: Redis): Promise<string[]> {
  const warnings: string[] = [];
  try {
    const policy = (await r.config('GET', 'maxmemory-policy')) as string[];
    if (policy[1] && policy[1] !== 'noeviction') {
      warnings.push(`Redis maxmemory-policy is "${policy[1]}"; it must be "noeviction" or queued messages can be lost`);
    }
    const aof = (await r.config('GET', 'appendonly')) as string[];
    const save = (await r.config('GET', 'save')) as string[];
    if (aof[1] !== 'yes' && !save[1]) {
      warnings.push(
        'Redis has no persistence (appendonly no, save ""): a Redis restart loses queued messages; enable AOF ' +
          'in production',
      );
    }
  } catch (err) {
    warnings.push(
      `could not read Redis config (${(err as Error).message}); check maxmemory-policy=noeviction and ` +
        `persistence by hand`,
    );
  }
  return warnings;
}
