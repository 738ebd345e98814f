import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { App } from '../app.js';
import type { Env } from '../config/env.js';
import type { DistrictConfig } from '../config/schema.js';
import { WorkCalendar } from '../domain/calendar.js';
import { simBadAtText, simBadChannelText, simBannerText, simWecomBanner } from '../domain/texts/simulator.js';
import { isoInZone, localDay } from '../domain/time.js';
import { readOption } from '../lib/args.js';
import { createLogger, type Logger } from '../log.js';
import { parseStartTime, SimClock } from './clock.js';
import type { SimWorld } from './world.js';

/**
 * The simulator's log: to `DATA_DIR/sim.log`, so that the terminal shows only the chat, unless
 * LOG_LEVEL is set explicitly (then to stderr at that level, as in production).
 */
export function simulatorLog(env: Env, raw: NodeJS.ProcessEnv): { log: Logger; file?: string } {
  if (raw.LOG_LEVEL) return { log: createLogger(env.LOG_LEVEL) };
  const file = join(env.DATA_DIR, 'sim.log');
  return {
    log: createLogger(
      'info',
      pino.destination({ dest: file, mkdir: true, sync: true }) as unknown as NodeJS.WritableStream,
    ),
    file,
  };
}

/**
 * The simulator's queue prefix: its own per data folder (unless QUEUE_PREFIX is set explicitly).
 * Outbox job ids come from the messages' purposes (`report-reminder:2026-11-30`), so a new data
 * folder on a prefix an earlier run used would find that run's finished jobs in Redis and send
 * nothing. The prefix is kept in the folder: a reopened folder keeps its queues, a new one (or one
 * removed with rm -rf) starts clean.
 */
export function simulatorQueuePrefix(dataDir: string, raw: NodeJS.ProcessEnv): string {
  if (raw.QUEUE_PREFIX) return raw.QUEUE_PREFIX;
  const file = join(dataDir, 'sim-queue-prefix');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_.-]+$/.test(kept)) return kept;
  }
  const prefix = `duban-sim-${randomBytes(4).toString('hex')}`;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${prefix}\n`);
  return prefix;
}

/** The simulator's clock from `--at "2026-11-30 16:30"` (district zone), or the real now. */
export function simulatorClock(argv: readonly string[], tz: string): SimClock | { error: string } {
  const at = readOption(argv, 'at');
  if (at === undefined) return new SimClock(Date.now());
  const t = parseStartTime(at, tz);
  if (!t) return { error: simBadAtText(at, tz) };
  return new SimClock(t);
}

/**
 * In the simulator the routines run on the simulated clock (SimSession), never on BullMQ's
 * wall-clock schedulers: removes any a previous run left under this queue prefix.
 */
export async function dropWallClockSchedulers(app: App): Promise<number> {
  const existing = await app.scheduler.queue.getJobSchedulers(0, -1);
  for (const s of existing) {
    const id = s.id ?? s.key;
    if (id) await app.scheduler.queue.removeJobScheduler(id);
  }
  return existing.length;
}

/** The simulator's channel from `--channel wechaty|wecom` (undefined: not given, CHAT_CHANNEL decides). */
export function simulatorChannel(argv: readonly string[]): 'wechaty' | 'wecom' | undefined | { error: string } {
  const c = readOption(argv, 'channel');
  if (c === undefined || c === 'wechaty' || c === 'wecom') return c;
  return { error: simBadChannelText(c) };
}

export function simulatorBanner(
  clock: SimClock,
  config: Pick<DistrictConfig, 'timezone' | 'calendar'>,
  logFile: string | undefined,
  world?: Pick<SimWorld, 'kind' | 'botName'>,
): string {
  const now = clock.now();
  const workday = new WorkCalendar(config.calendar).isWorkday(localDay(now, config.timezone));
  const text = simBannerText(
    isoInZone(now, config.timezone).replace('T', ' ').slice(0, 16),
    config.timezone,
    workday,
    logFile,
  );
  return world?.kind === 'wecom' ? `${text}\n${simWecomBanner(world.botName)}` : text;
}
