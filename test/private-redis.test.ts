import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pingRedis } from '../src/jobs/redis.js';
import { findRedisServer, privateRedisAllowed, startPrivateRedis } from '../src/sim/private-redis.js';
import { missing, named } from './skip-reason.js';

const REPO = join(import.meta.dirname, '..');
const binary = findRedisServer();
const roots: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'duban-private-redis-'));
  roots.push(d);
  return d;
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
afterAll(() => {
  for (const d of roots) rmSync(d, { recursive: true, force: true });
});

/** A loopback port nothing listens on (a Redis that is installed but not running). */
async function deadPort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

function runServer(env: Record<string, string>, onOut: (out: string, child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const base = { ...process.env };
    delete base.WECHATY_PUPPET_SERVICE_TOKEN;
    delete base.SIMULATOR;
    delete base.DATABASE_URL;
    // As `npm start` in a checkout runs it (scripts/start.mjs sets this).
    base.DUBAN_CHECKOUT = '1';
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/server.ts')], {
      cwd: REPO,
      env: { ...base, HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const add = (d: Buffer) => {
      out += d.toString();
      onOut(out, child);
    };
    child.stdout.on('data', add);
    child.stderr.on('data', add);
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(kill);
      resolve({ code, out });
    });
  });
}

describe('the simulator’s private Redis', () => {
  const noBinary = missing(
    !binary,
    'no redis-server binary on PATH (apt-get install redis-server): the private Redis is not tested here',
  );
  if (noBinary) {
    it.skip(named('starts a private Redis', noBinary), () => undefined);
    return;
  }

  it('starts on loopback and a spare port with its data under DATA_DIR/redis, and stops', async () => {
    const dataDir = tmp();
    const r = await startPrivateRedis({ dataDir, binary: binary as string });
    try {
      expect(r.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect(r.port).not.toBe(6379);
      expect((await pingRedis(r.url)).ok).toBe(true);
      expect(r.dir).toBe(join(dataDir, 'redis'));
      expect(Number(readFileSync(join(r.dir, 'redis.pid'), 'utf8'))).toBe(r.pid);
      expect(readdirSync(r.dir)).toContain('appendonlydir'); // queued work survives a restart
    } finally {
      await r.stop();
    }
    expect(alive(r.pid)).toBe(false);
    expect((await pingRedis(r.url, 300)).ok).toBe(false);
    expect(existsSync(join(r.dir, 'redis.pid'))).toBe(false);
  });

  it('stops one left running by a killed bot before starting on the same folder', async () => {
    const dataDir = tmp();
    const first = await startPrivateRedis({ dataDir, binary: binary as string });
    const second = await startPrivateRedis({ dataDir, binary: binary as string });
    try {
      expect(alive(first.pid)).toBe(false);
      expect((await pingRedis(second.url)).ok).toBe(true);
    } finally {
      await second.stop();
      await first.stop();
    }
  });

  it('only for the simulator with no chat token, and a Redis URL on this machine', () => {
    expect(privateRedisAllowed({ simulator: true, REDIS_URL: 'redis://127.0.0.1:6379' })).toBe(true);
    expect(privateRedisAllowed({ simulator: true, REDIS_URL: 'redis://localhost:6380' })).toBe(true);
    expect(
      privateRedisAllowed({
        simulator: false,
        WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_x',
        REDIS_URL: 'redis://127.0.0.1:6379',
      }),
    ).toBe(false);
    expect(
      privateRedisAllowed({
        simulator: true,
        WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_x',
        REDIS_URL: 'redis://127.0.0.1:6379',
      }),
    ).toBe(false);
    expect(privateRedisAllowed({ simulator: true, REDIS_URL: 'redis://redis.example.org:6379' })).toBe(false);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'npm start with no Redis running: the simulator starts its own, says so, and stops it on %s',
    async (signal) => {
      const dataDir = tmp();
      let pid = 0;
      const r = await runServer(
        {
          REDIS_URL: `redis://127.0.0.1:${await deadPort()}`,
          DATA_DIR: dataDir,
          QUEUE_PREFIX: `duban-t-private-${process.pid}`,
        },
        (out, child) => {
          if (!pid && out.includes('"msg":"ready"')) {
            pid = Number(readFileSync(join(dataDir, 'simulator', 'redis', 'redis.pid'), 'utf8'));
            child.kill(signal); // SIGINT: as Ctrl-C (the private Redis has its own process group)
          }
        },
      );
      expect(r.out).toContain('已为模拟器在本机启动一个专用的 Redis');
      expect(r.out).toContain('"msg":"ready"');
      expect(r.code).toBe(0);
      expect(pid).toBeGreaterThan(0);
      expect(alive(pid)).toBe(false);
      expect(existsSync(join(dataDir, 'simulator', 'redis', 'redis.pid'))).toBe(false);
    },
    90_000,
  );

  it('production (a chat token set) never starts one: it stops with the message', async () => {
    const dataDir = tmp();
    const r = await runServer(
      {
        REDIS_URL: `redis://127.0.0.1:${await deadPort()}`,
        DATA_DIR: dataDir,
        WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_test_token',
      },
      () => undefined,
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('无法连接 Redis');
    expect(r.out).not.toContain('专用的 Redis');
    expect(existsSync(join(dataDir, 'redis'))).toBe(false);
  }, 60_000);
});
