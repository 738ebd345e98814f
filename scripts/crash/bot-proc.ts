/**
 * One bot process for the crash checks: the real app (buildApp) with the mock chat (MockWorld),
 * on the Redis, database and queue prefix the parent gives in the environment. The parent
 * drives the chat with JSON commands on stdin (one per line) and reads two append-only logs:
 *   LOG_DIR/received.jsonl  every message handed durably to the inbound queue ({id})
 *   LOG_DIR/sent.jsonl      every message the mock chat accepted from the bot ({to,text,mentions})
 * and the pino log (LOG_DIR/bot.log). Lines are appended synchronously, so a `kill -9` loses
 * nothing that was written.
 *
 * Environment: REDIS_URL, DATABASE_URL (absent: PGlite in DATA_DIR/pg), QUEUE_PREFIX, DATA_DIR,
 * LOG_DIR, HTTP_PORT (optional), CLOCK_AT (the bot's clock at the run's start, ISO; it ticks),
 * CLOCK_BASE (epoch ms the parent fixed for that start), SEND_DELAY_MS (the chat's latency),
 * PER_MINUTE (outbox limit, default 0 = none), FALLBACK_WEBHOOK_URL, DISTRICT_CONFIG, KILL_IN_ROUTINE,
 * KILL_AFTER_COMBINED (below).
 */
import { appendFileSync, createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildApp } from '../../src/app.js';
import { webhookFallback } from '../../src/bot/fallback.js';
import { loadDistrictFile } from '../../src/config/load.js';
import type { Clock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/log.js';
import { reportReminder } from '../../src/routines/report-reminder.js';
import { MockWorld } from '../../src/sim/mock-world.js';

const env = process.env;
const logDir = env.LOG_DIR as string;
mkdirSync(logDir, { recursive: true });
const config = loadDistrictFile(env.DISTRICT_CONFIG as string);
const log = createLogger(env.LOG_LEVEL ?? 'info', createWriteStream(join(logDir, 'bot.log'), { flags: 'a' }));

// A clock that ticks from the scenario's moment (the same offset for every restart of a run).
const offset = Date.parse(env.CLOCK_AT ?? new Date().toISOString()) - Number(env.CLOCK_BASE ?? Date.now());
const clock: Clock = { now: () => new Date(Date.now() + offset) };

const world = new MockWorld(config);
const sendDelay = Number(env.SEND_DELAY_MS ?? 0);
{
  // The chat's latency: the message travels, then the chat accepts it (observed by onSent).
  const p = world.puppet as unknown as { messageSendText: (...a: unknown[]) => Promise<unknown> };
  const observed = p.messageSendText.bind(p);
  p.messageSendText = async (...a: unknown[]) => {
    if (sendDelay > 0) await new Promise((r) => setTimeout(r, sendDelay));
    return observed(...a);
  };
}
world.onSent((s) => {
  appendFileSync(join(logDir, 'sent.jsonl'), `${JSON.stringify({ ...s, pid: process.pid, t: Date.now() })}\n`);
  // KILL_AFTER_COMBINED=1: the first message that carries several confirmations kills this process
  // (SIGKILL) once the chat has it and before the outbox marks anything: the combined send's crash window.
  const marker = join(logDir, 'killed-after-combined');
  if (env.KILL_AFTER_COMBINED && s.text.includes('\n\n') && !existsSync(marker)) {
    writeFileSync(marker, String(Date.now()));
    process.kill(process.pid, 'SIGKILL');
  }
});

// KILL_IN_ROUTINE=1: the first report-reminder run kills this process (SIGKILL) right after it
// enqueued its message and before it recorded its step: the worst moment for a routine.
if (env.KILL_IN_ROUTINE) {
  const marker = join(logDir, 'killed-in-routine');
  const run = reportReminder.run.bind(reportReminder);
  reportReminder.run = async (ctx) => {
    if (existsSync(marker)) return run(ctx);
    return run({
      ...ctx,
      send: async (m) => {
        const id = await ctx.send(m);
        writeFileSync(marker, String(Date.now()));
        process.kill(process.pid, 'SIGKILL');
        return id;
      },
    });
  };
}

const app = await buildApp({
  config,
  redisUrl: env.REDIS_URL as string,
  queuePrefix: env.QUEUE_PREFIX as string,
  db: env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: join(env.DATA_DIR as string, 'pg') },
  channel: world.channel,
  dataDir: env.DATA_DIR as string,
  clock,
  log,
  schedule: false,
  outboxLimits: { max: Number(env.PER_MINUTE ?? 0), backoffMs: 200 },
  http: env.HTTP_PORT ? { host: '127.0.0.1', port: Number(env.HTTP_PORT) } : false,
  ...(env.FALLBACK_WEBHOOK_URL ? { fallback: webhookFallback(env.FALLBACK_WEBHOOK_URL, log) } : {}),
});

// Observe what is handed to the inbound queue: written only once Redis has the job.
const add = app.inbound.add.bind(app.inbound);
app.inbound.add = async (m) => {
  await add(m);
  appendFileSync(join(logDir, 'received.jsonl'), `${JSON.stringify({ id: m.id, pid: process.pid, t: Date.now() })}\n`);
};

await app.start();
world.login();
while (!app.channel.isReady()) await new Promise((r) => setTimeout(r, 20));
process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid })}\n`);

interface Cmd {
  cmd:
    | 'say'
    | 'burst'
    | 'outbox'
    | 'confirmations'
    | 'routine'
    | 'routine-then-die'
    | 'logout'
    | 'login'
    | 'idle'
    | 'stop';
  from?: string;
  text?: string;
  to?: 'group' | 'bot';
  id?: string;
  msgs?: Array<{ from: string; text: string; id: string; to?: 'group' | 'bot' }>;
  /** Messages per millisecond-tick in a burst (0 = all at once). */
  gapMs?: number;
  n?: number;
  tag?: string;
  name?: string;
  key?: string;
}

const answer = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function handle(c: Cmd): Promise<void> {
  switch (c.cmd) {
    case 'say':
      world.say(c.from as string, c.text as string, {
        to: c.to ?? 'group',
        id: c.id as string,
        timestamp: clock.now().getTime(),
      });
      break;
    case 'burst':
      for (const m of c.msgs ?? []) {
        world.say(m.from, m.text, { to: m.to ?? 'group', id: m.id, timestamp: clock.now().getTime() });
        if (c.gapMs) await new Promise((r) => setTimeout(r, c.gapMs));
      }
      answer({ burst: 'emitted', n: c.msgs?.length ?? 0 });
      break;
    case 'outbox':
      for (let i = 0; i < (c.n ?? 0); i++) {
        await app.outbox.send({ to: { kind: 'group' }, text: `${c.tag}#${i}`, mentions: [], purpose: `${c.tag}:${i}` });
      }
      answer({ outbox: 'enqueued', n: c.n });
      break;
    case 'confirmations': {
      // Report confirmations to a few heads, queued while the outbox is paused: they wait together.
      const heads = config.people.filter((p) => p.roles.includes('head')).slice(0, 4);
      await app.outbox.queue.pause();
      for (let i = 0; i < (c.n ?? 0); i++) {
        const to = heads[i % heads.length]?.id as string;
        const m = { to: { kind: 'person' as const, id: to }, text: `${c.tag}#${i}`, mentions: [] };
        await app.outbox.send({ ...m, purpose: `report-confirm:${c.tag}-${i}` });
      }
      await app.outbox.queue.resume();
      answer({ outbox: 'enqueued', n: c.n });
      break;
    }
    case 'routine':
      await app.scheduler.runNow(c.name as string, c.key as string);
      answer({ routine: 'enqueued', name: c.name });
      break;
    case 'routine-then-die':
      // Enqueued, then killed in the same tick: the worker has not run it.
      await app.scheduler.runNow(c.name as string, c.key as string);
      process.kill(process.pid, 'SIGKILL');
      break;
    case 'logout':
      await world.puppet.logout();
      answer({ logout: true });
      break;
    case 'login':
      world.login();
      answer({ login: true });
      break;
    case 'idle':
      answer({ idle: await app.idle() });
      break;
    case 'stop':
      await app.stop();
      answer({ stopped: true });
      process.exit(0);
  }
}

const rl = createInterface({ input: process.stdin });
let chain: Promise<unknown> = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  chain = chain.then(() => handle(JSON.parse(line) as Cmd)).catch((err: unknown) => answer({ error: String(err) }));
});
