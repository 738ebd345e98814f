import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { redactUrl } from '../config/env.js';
import { privateRedisStartedText } from '../domain/texts/simulator.js';
import { pingRedis } from '../jobs/redis.js';

/**
 * The simulator's own Redis, for a laptop where `redis-server` is installed but not running:
 * started on loopback and a spare port, its data (AOF) under DATA_DIR/redis, stopped when the
 * bot stops (also on Ctrl-C or SIGTERM: it runs in its own process group, so the terminal's
 * Ctrl-C reaches the bot, which stops its queues first and Redis last). Never in production:
 * the caller asks only when the simulator runs without a chat token.
 */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly dir: string;
  stop(): Promise<void>;
}

export const PRIVATE_REDIS_STARTED = (r: PrivateRedis, configured: string) =>
  privateRedisStartedText(configured, r.port, r.dir);

/** Would a private Redis be right here? Only the simulator, with no chat token, for a Redis URL on this machine. */
export function privateRedisAllowed(env: {
  simulator: boolean;
  WECHATY_PUPPET_SERVICE_TOKEN?: string | undefined;
  REDIS_URL: string;
}): boolean {
  if (!env.simulator || env.WECHATY_PUPPET_SERVICE_TOKEN) return false;
  try {
    const u = new URL(env.REDIS_URL);
    return u.protocol === 'redis:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** The `redis-server` binary on PATH (or in the usual places), if any. */
export function findRedisServer(path = process.env.PATH ?? ''): string | undefined {
  const dirs = [...path.split(delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin', '/opt/homebrew/bin'];
  for (const d of dirs) {
    const p = join(d, 'redis-server');
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

async function sparePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (addr && typeof addr === 'object' ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A private Redis left running by a bot that was killed (-9): stop it before using its folder. */
async function stopLeftover(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // not Linux, or gone
  }
  if (pid > 0 && alive(pid) && (cmd === '' || cmd.includes('redis-server'))) {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  }
  rmSync(pidFile, { force: true });
}

/** Starts a private Redis; throws with the reason if it does not answer within `timeoutMs`. */
export async function startPrivateRedis(o: {
  dataDir: string;
  binary: string;
  timeoutMs?: number;
}): Promise<PrivateRedis> {
  const dir = resolve(o.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  await stopLeftover(pidFile);
  const port = await sparePort();
  const args = [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--protected-mode',
    'yes',
    '--dir',
    dir,
    '--pidfile',
    pidFile,
    '--logfile',
    join(dir, 'redis.log'),
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'no',
  ];
  const child: ChildProcess = spawn(o.binary, args, { stdio: 'ignore', detached: true });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let gone = false;
  void exited.then(() => (gone = true));
  // Whatever way this process ends, the private Redis ends with it.
  const onExit = () => {
    if (!gone) child.kill('SIGTERM');
  };
  process.once('exit', onExit);
  child.unref();
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  let last = 'not started';
  for (;;) {
    if (gone) break;
    const p = await pingRedis(url, 500);
    if (p.ok) break;
    last = p.error;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = async () => {
    process.removeListener('exit', onExit);
    if (!gone) {
      child.kill('SIGTERM'); // Redis flushes its AOF and exits
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
    rmSync(pidFile, { force: true });
  };
  if (gone || !(await pingRedis(url, 500)).ok) {
    await stop();
    let log = '';
    try {
      log = readFileSync(join(dir, 'redis.log'), 'utf8').trim().split('\n').slice(-3).join('\n');
    } catch {
      // no log
    }
    throw new Error(`redis-server (${o.binary}) did not start: ${gone ? 'it exited' : last}${log ? `\n${log}` : ''}`);
  }
  return { url, port, pid: child.pid ?? 0, dir, stop };
}

/**
 * server.ts's hook: a private Redis if this is the simulator and a redis-server is installed
 * (and says so on stderr), else undefined (the caller prints how to start one).
 */
export async function startSimulatorRedis(
  env: { simulator: boolean; WECHATY_PUPPET_SERVICE_TOKEN?: string | undefined; REDIS_URL: string },
  dataDir: string,
): Promise<PrivateRedis | undefined> {
  if (!privateRedisAllowed(env)) return undefined;
  const binary = findRedisServer();
  if (!binary) return undefined;
  try {
    const r = await startPrivateRedis({ dataDir, binary });
    process.stderr.write(`${PRIVATE_REDIS_STARTED(r, redactUrl(env.REDIS_URL))}\n`);
    return r;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return undefined;
  }
}
