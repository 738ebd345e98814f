import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How the bot process is started: the compiled JavaScript (npm start, the image) or through tsx. */
export type StartCommand = 'dist' | 'tsx';

export interface StartRun {
  /** Process start → the bot's "ready" log line. */
  readyMs: number;
  /** The process's peak RSS up to 2 s after ready (VmHWM). */
  peakMb: number;
  /** Its RSS 2 s after ready, nothing happening. */
  idleMb: number;
  /** Its RSS once settled (V8 gives memory back after some 15 s idle), where measured. */
  settledMb?: number;
}

export interface StartFigures {
  first: StartRun;
  reopen: StartRun[];
}

function procMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Math.round(Number(m?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** The Node flags `npm start` gives the bot (package.json's start script), so the bench runs what npm start runs. */
export function startFlags(repo: string): string[] {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return /^node\s+(.*?)\s*scripts\/start\.mjs/.exec(pkg.scripts.start)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
}

async function oneStart(
  repo: string,
  command: StartCommand,
  env: Record<string, string>,
  settleMs = 0,
): Promise<StartRun> {
  const args = [
    ...startFlags(repo),
    ...(command === 'dist' ? [join(repo, 'dist/server.js')] : ['--import', 'tsx', join(repo, 'src/server.ts')]),
  ];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: repo,
    env: { ...process.env, SIMULATOR: 'true', SIMULATOR_FORCE: '1', LOG_LEVEL: 'info', HTTP_PORT: '0', ...env },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const readyMs = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stderr.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('"msg":"ready"')) resolve(performance.now() - t0);
    });
    child.on('exit', (code) => reject(new Error(`bot exited (${code}) before ready:\n${buf.slice(-2000)}`)));
  });
  await new Promise((r) => setTimeout(r, 2_000));
  const pid = child.pid ?? 0;
  const run: StartRun = { readyMs, peakMb: procMb(pid, 'VmHWM'), idleMb: procMb(pid, 'VmRSS') };
  if (settleMs > 2_000) {
    await new Promise((r) => setTimeout(r, settleMs - 2_000));
    run.settledMb = procMb(pid, 'VmRSS');
  }
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return run;
}

/**
 * The simulator's start-up, as a newcomer runs it: the first start on a new data folder, then
 * `runs` restarts on the same folder, the last one left idle for `settleMs` after ready. With `databaseUrl` the store
 * is that PostgreSQL server (a scratch schema, dropped after) instead of PGlite; Redis is needed either way.
 */
export async function measureStart(
  repo: string,
  o: { command?: StartCommand; databaseUrl?: string; runs?: number; settleMs?: number } = {},
): Promise<StartFigures> {
  const command = o.command ?? 'dist';
  if (command === 'dist') {
    // As npm start runs it: compiled first (the compile is not part of the figures).
    const { build } = (await import(join(repo, 'scripts/build.mjs'))) as { build: (o: { quiet: boolean }) => boolean };
    build({ quiet: true });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-start-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, QUEUE_PREFIX: `duban-bench-start-${process.pid}` };
  let dropSchema = async () => undefined as unknown;
  if (o.databaseUrl) {
    const schema = `bench_start_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: o.databaseUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(o.databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
    dropSchema = async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    };
  }
  try {
    const first = await oneStart(repo, command, env);
    const reopen: StartRun[] = [];
    const runs = o.runs ?? 3;
    // The last restart stays up until it has settled (if asked).
    for (let i = 0; i < runs; i++)
      reopen.push(await oneStart(repo, command, env, i === runs - 1 ? (o.settleMs ?? 0) : 0));
    return { first, reopen };
  } finally {
    await dropSchema();
    rmSync(dataDir, { recursive: true, force: true });
    await dropQueues(env.QUEUE_PREFIX as string);
  }
}

/** Removes the bench bots' queues from Redis. */
async function dropQueues(prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
