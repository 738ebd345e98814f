import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { type App, type AppOptions, buildApp } from '../app.js';
import type { DistrictConfig } from '../config/schema.js';
import type { Clock } from '../domain/clock.js';
import { QUEUES } from '../jobs/names.js';
import { createRedis } from '../jobs/redis.js';
import type { Db, DbOptions } from '../store/db.js';
import { waitIdle } from './drain.js';
import { MockWorld } from './mock-world.js';

export interface HarnessOptions {
  config: DistrictConfig;
  redisUrl: string;
  clock?: Clock;
  log: Logger;
  db?: Db | DbOptions;
  /** Unique per run unless given. */
  queuePrefix?: string;
  dataDir?: string;
  /** Outbox limit (0 = off, as replay wants). */
  perMinute?: number;
  windowMs?: number;
  http?: { host: string; port: number } | false;
  schedule?: boolean;
  /** A world made beforehand (so a puppet server can wrap its mock). */
  world?: MockWorld;
  /**
   * Use this channel instead of the world's (e.g. Wechaty through a puppet-service client of its mock), or a
   * function that builds one from the app's deps.
   */
  channel?: AppOptions['channel'];
  /** Simulator mode: the HTTP server adds the /sim chat page for this world. */
  simulator?: boolean;
}

export interface Harness {
  app: App;
  world: MockWorld;
  prefix: string;
  /** Waits until every queue is empty and nothing is in flight (or the timeout passes). */
  drain(timeoutMs?: number): Promise<boolean>;
  /** Stops the app and removes this run's Redis keys. */
  close(): Promise<void>;
}

/** The real pipeline (Wechaty + mock puppet + BullMQ + store) on a fresh key prefix. */
export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const prefix = o.queuePrefix ?? `duban-t-${randomUUID().slice(0, 8)}`;
  const world = o.world ?? new MockWorld(o.config);
  const app = await buildApp({
    config: o.config,
    redisUrl: o.redisUrl,
    queuePrefix: prefix,
    db: o.db ?? { dataDir: 'memory' },
    channel: o.channel ?? world.channel,
    dataDir: o.dataDir ?? mkdtempSync(join(tmpdir(), 'duban-')),
    ...(o.clock ? { clock: o.clock } : {}),
    log: o.log,
    http: o.http ?? false,
    ...(o.simulator ? { simulator: world } : {}),
    schedule: o.schedule ?? false,
    outboxLimits: { max: o.perMinute ?? 0, windowMs: o.windowMs ?? 60_000, backoffMs: 200 },
  });
  await app.start();
  world.login();
  const t0 = Date.now();
  while (!app.channel.isReady()) {
    if (Date.now() - t0 > 15_000) throw new Error('mock chat did not become ready');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    app,
    world,
    prefix,
    drain: (timeoutMs = 30_000) => waitIdle(app, timeoutMs),
    async close() {
      await app.stop();
      await obliterate(o.redisUrl, prefix);
    },
  };
}

/** Removes every key of a run's prefix (tests and replay clean up after themselves). */
export async function obliterate(redisUrl: string, prefix: string): Promise<void> {
  const r = createRedis(redisUrl);
  try {
    for (const name of Object.values(QUEUES)) {
      const q = new Queue(name, { connection: r, prefix });
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}
