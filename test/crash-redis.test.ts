import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type PrivateRedis, startRedis } from '../scripts/crash/services.js';
import { checkRedisSafety } from '../src/jobs/redis.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import type { SentRecord } from '../src/sim/mock-world.js';
import { rosterConfig, testLogger, waitFor } from './helpers.js';

/**
 * Crash checks that run fast enough for the suite, each on a private redis-server (spare
 * loopback port, temp folder) that the test starts, restarts and removes. The long ones
 * (kill -9 with stalled-job recovery, a PostgreSQL outage) are in `npm run crash`.
 */
describe('Redis: safety check at start and a restart under load', () => {
  const started: PrivateRedis[] = [];
  afterAll(async () => {
    for (const r of started) await r.destroy();
  });

  it.each([
    [{ noeviction: true, aof: true }, []],
    [{ noeviction: false, aof: true }, ['maxmemory-policy']],
    [{ noeviction: true, aof: false }, ['no persistence']],
    [{ noeviction: false, aof: false }, ['maxmemory-policy', 'no persistence']],
  ] as const)('checkRedisSafety on a Redis with %o warns about %o', async (o, expected) => {
    const r = await startRedis(o);
    started.push(r);
    const c = new Redis(r.url);
    try {
      const warnings = await checkRedisSafety(c);
      expect(warnings).toHaveLength(expected.length);
      for (const [i, w] of expected.entries()) expect(warnings[i]).toContain(w);
    } finally {
      c.disconnect();
      await r.destroy();
    }
  });

  it('Redis restarted on the same AOF folder: nothing lost, the bot reconnects by itself', async () => {
    const redis = await startRedis({ noeviction: true, aof: true });
    started.push(redis);
    let h: Harness | undefined;
    try {
      h = await startHarness({ config: rosterConfig(), redisUrl: redis.url, log: testLogger() });
      const sent: SentRecord[] = [];
      h.world.onSent((s) => sent.push(s));
      const heads = ['wxid_zhujian_zhang', 'wxid_jiaoyu_sun', 'wxid_weijian_zhou', 'wxid_renshe_wu'];
      // Three different asks per person: the same message repeated within minutes gets no second answer (issue 14).
      const before = heads.map((id) => h?.world.say(id, '帮助', { to: 'bot' }) as string);
      expect(await h.drain()).toBe(true);
      // Work waiting in Redis when it goes down: an outbox message the chat cannot take yet.
      const ready = h.app.channel.isReady.bind(h.app.channel);
      let chatUp = false;
      h.app.channel.isReady = () => chatUp && ready();
      await h.app.outbox.send({
        to: { kind: 'group' },
        text: '重启前入队',
        mentions: [],
        purpose: 'redis-restart:queued',
      });
      await redis.stop('SIGTERM');
      // Messages that arrive while Redis is down wait in the receiver (it retries).
      const during = heads.map((id) => h?.world.say(id, '使用说明', { to: 'bot' }) as string);
      await waitFor(() => h?.app.channel.pending() === heads.length, 10_000);
      await redis.start();
      chatUp = true;
      const after = heads.map((id) => h?.world.say(id, '菜单', { to: 'bot' }) as string);
      // Usually ~1 s; a job that held a lock when Redis went down is recovered only after the
      // lock expires and the stalled check runs (30-60 s), hence the generous timeout.
      await waitFor(() => sent.length >= 13, 100_000, 50);
      expect(await h.drain(60_000)).toBe(true);
      const ids = [...before, ...during, ...after];
      const rows = await h.app.db.query<{ id: string }>(
        'select id from inbound_messages where processed_at is not null and id = any($1)',
        [ids],
      );
      expect(rows).toHaveLength(12);
      expect(sent.filter((s) => s.text === '重启前入队')).toHaveLength(1);
      expect(sent.filter((s) => s.to !== 'group')).toHaveLength(12);
    } finally {
      await h?.close();
      await redis.destroy();
    }
  }, 180_000);
});
