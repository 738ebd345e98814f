/**
 * Private services for the crash checks: a redis-server and a PostgreSQL cluster of our own on
 * spare loopback ports in a temp folder, and helpers to stop exactly what we started (by pid or
 * process group, never by name). The machine's shared Redis and PostgreSQL are never touched.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitUntil(
  what: string,
  fn: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  stepMs = 50,
): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await fn()) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

/** A port nobody listens on right now (bound once on 127.0.0.1 and released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Kills a detached child's whole process group; ignores one that is gone already. */
export function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // gone
    }
  }
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  /** Starts (or starts again, on the same folder and AOF). */
  start(): Promise<void>;
  /** SIGTERM (AOF flushed) or SIGKILL; waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  running(): boolean;
  /** Stops it and removes the folder. */
  destroy(): Promise<void>;
}

export async function startRedis(o: { noeviction?: boolean; aof?: boolean; dir?: string } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'duban-crash-redis-'));
  let child: ChildProcess | undefined;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    o.aof === false ? 'no' : 'yes',
    '--appendfsync',
    'everysec',
    '--maxmemory-policy',
    o.noeviction === false ? 'allkeys-lru' : 'noeviction',
    '--daemonize',
    'no',
    '--protected-mode',
    'yes',
    '--logfile',
    join(dir, 'redis.log'),
  ];
  const url = `redis://127.0.0.1:${port}`;
  const r: PrivateRedis = {
    url,
    port,
    dir,
    async start() {
      child = spawn('redis-server', args, { detached: true, stdio: 'ignore' });
      await waitUntil(
        'private redis-server',
        async () => {
          const c = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
          c.on('error', () => undefined);
          try {
            await c.connect();
            return (await c.ping()) === 'PONG';
          } catch {
            return false;
          } finally {
            c.disconnect();
          }
        },
        15_000,
      );
    },
    async stop(signal = 'SIGTERM') {
      if (!child) return;
      const c = child;
      killGroup(c, signal);
      await exited(c);
      child = undefined;
    },
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async destroy() {
      await r.stop('SIGKILL').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await r.start();
  return r;
}

export interface PrivatePostgres {
  url: string;
  port: number;
  dir: string;
  start(): Promise<void>;
  /** pg_ctl stop -m fast (clients are disconnected), waits for the exit. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * initdb in a temp folder (owned by the postgres user: PostgreSQL refuses to run as root),
 * listening on 127.0.0.1 only, trust auth for local connections, sockets in its own folder.
 */
export async function startPostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'duban-crash-pg-'));
  chmodSync(root, 0o755);
  const dir = join(root, 'data');
  const sock = join(root, 'sock');
  mkdirSync(sock);
  const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  const uid = Number(pw.stdout.trim());
  chownSync(sock, uid, Number(gid.stdout.trim()));
  const asPostgres = (cmd: string, args: string[]) =>
    process.getuid?.() === 0 ? { cmd: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] } : { cmd, args };
  const init = asPostgres(join(PG_BIN, 'initdb'), [
    '-D',
    dir,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  // initdb creates dir itself; it needs write access to root.
  chownSync(root, uid, Number(gid.stdout.trim()));
  const r = spawnSync(init.cmd, init.args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr}`);
  let child: ChildProcess | undefined;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const pg: PrivatePostgres = {
    url,
    port,
    dir: root,
    async start() {
      const run = asPostgres(join(PG_BIN, 'postgres'), [
        '-D',
        dir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${sock}`,
        '-c',
        'fsync=off',
      ]);
      child = spawn(run.cmd, run.args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr?.resume();
      await waitUntil(
        'private PostgreSQL',
        () => spawnSync(join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']).status === 0,
        30_000,
        100,
      );
    },
    async stop() {
      if (!child) return;
      const c = child;
      // SIGINT to the postmaster = "fast" shutdown; the group kill reaches it through runuser.
      killGroup(c, 'SIGINT');
      const done = await Promise.race([exited(c).then(() => true), sleep(15_000).then(() => false)]);
      if (!done) killGroup(c, 'SIGKILL');
      await exited(c);
      child = undefined;
    },
    async destroy() {
      await pg.stop().catch(() => killGroup(child, 'SIGKILL'));
      rmSync(root, { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}
