/**
 * `npm run crash [-- a b c d e f]`: crash-and-restart checks on a private redis-server (AOF,
 * noeviction) and a private PostgreSQL, with real bot processes (scripts/crash/bot-proc.ts)
 * killed with SIGKILL. Prints the figures of each case; exits 1 if a check failed.
 *
 *   a  kill -9 during a burst of reports and chit-chat (and right after a routine was enqueued)
 *   b  kill -9 during an outbox drain (duplicates per kill)
 *   c  Redis restarted on the same AOF folder while the bot works
 *   d  PostgreSQL down for CRASH_PG_OUTAGE_S seconds (default 30)
 *   e  chat logout and login: fallback webhook, outbox kept
 *   f  Redis safety warnings (maxmemory-policy, persistence)
 *   g  kill -9 between the chat's send of combined confirmations and the outbox's marks (issue 17)
 *
 * Only what this script started is stopped (by pid / process group), also on failure.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { loadDistrictFile } from '../../src/config/load.js';
import { checkRedisSafety } from '../../src/jobs/redis.js';
import { type Db, openDb } from '../../src/store/db.js';
import { BotProc, duplicates, type Sent } from './lib.js';
import {
  freePort,
  type PrivatePostgres,
  type PrivateRedis,
  sleep,
  startPostgres,
  startRedis,
  waitUntil,
} from './services.js';

const REPO = join(import.meta.dirname, '../..');
const CONFIG = join(REPO, '../shared/fixtures/roster.json');
const config = loadDistrictFile(CONFIG);
const CLOCK_AT = '2026-11-20T17:35:00+08:00'; // a Friday, before the 18:00 deadline
const CLOCK_BASE = String(Date.now());

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}
const checks: Check[] = [];
function check(name: string, ok: boolean, detail = ''): void {
  checks.push({ name, ok, detail });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}
function figure(name: string, value: string | number): void {
  console.log(`  ${name.padEnd(58)} ${value}`);
}

// ---------------------------------------------------------------- traffic
const heads = config.people.filter((p) => p.roles.includes('head') && p.unit);
const talkers = config.people.filter((p) => (p.roles.includes('head') || p.roles.includes('liaison')) && p.unit);
const unitName = (id: string) => config.units.find((u) => u.id === id)?.name ?? id;
const CHAT = [
  '好的',
  '收到，谢谢',
  '明白',
  '大家辛苦了',
  '今天降温了，大家注意保暖',
  '这个情况我们再核实一下',
  '👍',
  '会议改到明天上午',
  '已转相关科室',
  'ok',
];

interface Msg {
  from: string;
  text: string;
  id: string;
  to?: 'group' | 'bot';
  kind: 'report' | 'correction' | 'chat' | 'help';
  unit?: string;
}

/** Reports from `reporting` units, chit-chat, then corrections of the first `corrections` units. */
function burst(tag: string, o: { reporting: number; chat: number; corrections: number; help?: number }): Msg[] {
  const reports: Msg[] = heads.slice(0, o.reporting).map((p, i) => ({
    from: p.id,
    kind: 'report',
    unit: p.unit as string,
    id: `${tag}-r-${p.unit}`,
    text:
      `${unitName(p.unit as string)}：今日受理${10 + i}件，办结${8 + (i % 3)}件，在办${2 + i - (i % 3)}件，` +
      `无超期。`,
  }));
  const chat: Msg[] = Array.from({ length: o.chat }, (_, i) => ({
    from: (talkers[i % talkers.length] as { id: string }).id,
    kind: 'chat',
    id: `${tag}-c-${i}`,
    text: CHAT[i % CHAT.length] as string,
  }));
  const help: Msg[] = Array.from({ length: o.help ?? 0 }, (_, i) => ({
    from: (talkers[(i * 7) % talkers.length] as { id: string }).id,
    kind: 'help',
    id: `${tag}-h-${i}`,
    text: '帮助',
  }));
  const out: Msg[] = [];
  const step = Math.max(1, Math.floor(chat.length / Math.max(1, reports.length)));
  for (let i = 0, r = 0; i < chat.length || r < reports.length; i++) {
    if (i % step === 0 && r < reports.length) out.push(reports[r++] as Msg);
    if (i < chat.length) out.push(chat[i] as Msg);
    if (i > chat.length + reports.length) break;
  }
  out.push(...help);
  for (const p of heads.slice(0, o.corrections)) {
    out.push({
      from: p.id,
      kind: 'correction',
      unit: p.unit as string,
      id: `${tag}-x-${p.unit}`,
      text: `更正：${unitName(p.unit as string)}今日受理30件，办结20件，在办10件。`,
    });
  }
  return out;
}

// ---------------------------------------------------------------- per-case environment
interface Env {
  pg: PrivatePostgres;
  redis: PrivateRedis;
}

async function caseDb(env: Env, name: string): Promise<{ url: string; db: Db }> {
  const admin = await openDb({ databaseUrl: env.pg.url });
  await admin.query(`create database ${name}`);
  await admin.close();
  const url = env.pg.url.replace(/\/postgres$/, `/${name}`);
  return { url, db: await openDb({ databaseUrl: url }) };
}

function botFor(env: Env, dbUrl: string, extra: Record<string, string> = {}): BotProc {
  const dir = mkdtempSync(join(tmpdir(), 'duban-crash-bot-'));
  return new BotProc(
    {
      REDIS_URL: env.redis.url,
      DATABASE_URL: dbUrl,
      QUEUE_PREFIX: `crash-${randomUUID().slice(0, 8)}`,
      DATA_DIR: dir,
      DISTRICT_CONFIG: CONFIG,
      CLOCK_AT,
      CLOCK_BASE,
      LOG_LEVEL: 'info',
      ...extra,
    },
    join(dir, 'logs'),
  );
}

/** Waits until the bot reports idle twice in a row (stalled jobs of a killed process count as active). */
async function drained(bot: BotProc, timeoutMs = 150_000): Promise<number> {
  let quiet = 0;
  return waitUntil(
    'queues drained',
    async () => {
      const a = await bot.ask({ cmd: 'idle' }, 'idle');
      quiet = a.idle === true ? quiet + 1 : 0;
      return quiet >= 2;
    },
    timeoutMs,
    250,
  );
}

async function processedIds(
  db: Db,
  ids: string[],
): Promise<Map<string, { processed: boolean; handler: string | null }>> {
  const rows = await db.query<{ id: string; processed_at: Date | null; handler: string | null }>(
    'select id, processed_at, handler from inbound_messages where id = any($1)',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { processed: r.processed_at !== null, handler: r.handler }]));
}

async function reportRows(db: Db, ids: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ message_id: string; n: number }>(
    'select message_id, count(*)::int as n from report_versions where message_id = any($1) group by message_id',
    [ids],
  );
  return new Map(rows.map((r) => [r.message_id, r.n]));
}

const isReminder = (s: Sent) => s.to === 'group' && s.text.includes('温馨提醒');

// ---------------------------------------------------------------- a: kill -9 during a burst
async function caseA(env: Env): Promise<void> {
  console.log(
    '\n[a] kill -9 during a burst of 15 reports + 300 chit-chat + 5 corrections; then a routine enqueued and ' +
      'the process killed at once',
  );
  const { url, db } = await caseDb(env, 'crash_a');
  const bot = botFor(env, url);
  try {
    figure('bot start to ready (ms)', await bot.start());
    const msgs = burst('a', { reporting: 15, chat: 300, corrections: 5 });
    bot.send({ cmd: 'burst', msgs, gapMs: 0 });
    await waitUntil('40% received', () => bot.received().length >= msgs.length * 0.4, 60_000, 2);
    await bot.kill9();
    const before = new Set(bot.received());
    const proc = await processedIds(db, [...before]);
    const done = [...proc.values()].filter((p) => p.processed).length;
    figure('burst size', msgs.length);
    figure('received (durably queued) before the kill', before.size);
    figure('of these processed before the kill', done);
    const restartMs = await bot.start();
    figure('restart to ready (ms)', restartMs);
    const drainMs = await drained(bot);
    figure('restart: queues drained after (ms; includes stalled-job recovery)', drainMs);
    const after = await processedIds(db, [...before]);
    const lost = [...before].filter((id) => !after.get(id)?.processed);
    check(
      'every message received before the kill is processed after the restart',
      lost.length === 0,
      `${before.size - lost.length}/${before.size}`,
    );
    // The chat redelivers what the killed process never took (as after a reconnect): same ids.
    const missing = msgs.filter((m) => !before.has(m.id));
    figure('messages the killed process never received (redelivered now)', missing.length);
    bot.send({ cmd: 'burst', msgs: missing, gapMs: 0 });
    await waitUntil('redelivered received', () => missing.every((m) => new Set(bot.received()).has(m.id)), 60_000, 50);
    await drained(bot);
    const all = await processedIds(
      db,
      msgs.map((m) => m.id),
    );
    check(
      'every message of the burst processed',
      msgs.every((m) => all.get(m.id)?.processed),
      `${[...all.values()].filter((p) => p.processed).length}/${msgs.length}`,
    );
    const repIds = msgs.filter((m) => m.kind !== 'chat').map((m) => m.id);
    const reps = await reportRows(db, repIds);
    const once = repIds.filter((id) => reps.get(id) === 1).length;
    check(
      'every report and correction stored exactly once (report_versions)',
      once === repIds.length,
      `${once}/${repIds.length}`,
    );
    const [v] = await db.query<{ units: number; v2: number }>(
      'select count(*)::int as units, count(*) filter (where version = 2)::int as v2 from reports where day = ' +
        "'2026-11-20'",
    );
    check(
      '15 units stored, 5 of them at version 2 (the corrections)',
      v?.units === 15 && v?.v2 === 5,
      `${v?.units} units, ${v?.v2} at version 2`,
    );
    // Second kill: a routine enqueued and the process killed in the same tick (the worker may
    // have fetched it already: then it is a stalled job, recovered after the lock expires).
    bot.send({ cmd: 'routine-then-die', name: 'report-reminder', key: 'a1' });
    await bot.waitExit();
    await bot.start();
    figure('routine enqueued + killed at once: restart to drained (ms)', await drained(bot));
    const reminders1 = bot.sent().filter(isReminder).length;
    check(
      'a routine enqueued just before a kill ran once after the restart (one reminder)',
      reminders1 === 1,
      `${reminders1} reminder(s)`,
    );
    const sent = bot.sent();
    const confirms = sent.filter((s) => s.to !== 'group').length;
    figure('bot messages sent (confirmations, reminder)', `${sent.length} (${confirms} private)`);
    const dup = duplicates(sent);
    figure('duplicate sends', dup);
    check('at most one duplicate send per kill', dup <= 2, `${dup} for 2 kills`);
    await bot.stop();
    await routineKilledWhileRunning(env);
    check(
      'each report got one confirmation',
      confirms - dup <= repIds.length && confirms >= repIds.length,
      `${confirms} private for ${repIds.length} reports`,
    );
  } finally {
    await bot.stop();
    await db.close();
  }
}

/** A routine killed while it ran: after its message was enqueued, before its step was recorded. */
async function routineKilledWhileRunning(env: Env): Promise<void> {
  const { url, db } = await caseDb(env, 'crash_a2');
  const bot = botFor(env, url, { KILL_IN_ROUTINE: '1' });
  try {
    await bot.start();
    bot.send({ cmd: 'routine', name: 'report-reminder', key: 'a2' });
    await bot.waitExit();
    await bot.start();
    figure('routine killed while it ran: restart to drained (ms)', await drained(bot));
    const reminders = bot.sent().filter(isReminder).length;
    check(
      'a routine killed while it ran ran again after the restart and sent once',
      reminders === 1,
      `${reminders} reminder(s)`,
    );
    const [step] = await db.query<{ n: number }>(
      "select count(*)::int as n from routine_steps where routine = 'report-reminder'",
    );
    check('its step recorded once', step?.n === 1, String(step?.n));
  } finally {
    await bot.stop();
    await db.close();
  }
}

// ---------------------------------------------------------------- b: kill -9 during an outbox drain
async function caseB(env: Env): Promise<void> {
  const N = 300;
  const kills = [0.2, 0.5, 0.8];
  console.log(`\n[b] kill -9 during an outbox drain: ${N} messages, chat latency 20 ms, ${kills.length} kills`);
  const { url, db } = await caseDb(env, 'crash_b');
  const bot = botFor(env, url, { SEND_DELAY_MS: '20' });
  try {
    await bot.start();
    await bot.ask({ cmd: 'outbox', n: N, tag: 'b' }, 'outbox');
    for (const k of kills) {
      await waitUntil(`${k * 100}% sent`, () => new Set(bot.sent().map((s) => s.text)).size >= N * k, 180_000, 5);
      await bot.kill9();
      figure(
        `killed at ${Math.round(k * 100)}%: distinct messages sent so far`,
        new Set(bot.sent().map((s) => s.text)).size,
      );
      await bot.start();
    }
    const t0 = Date.now();
    await waitUntil(
      'all sent',
      () =>
        new Set(
          bot
            .sent()
            .filter((s) => s.text.startsWith('b#'))
            .map((s) => s.text),
        ).size >= N,
      300_000,
      100,
    );
    await drained(bot);
    figure('after the last restart: all sent within (ms)', Date.now() - t0);
    const sent = bot.sent().filter((s) => s.text.startsWith('b#'));
    const distinct = new Set(sent.map((s) => s.text)).size;
    const dup = duplicates(sent);
    check('every outbox message sent', distinct === N, `${distinct}/${N}`);
    figure('duplicate sends', `${dup} for ${kills.length} kills`);
    check('at most one duplicate per kill', dup <= kills.length, `${dup} <= ${kills.length}`);
    const [row] = await db.query<{ n: number }>(
      "select count(*)::int as n from outbound_messages where purpose like 'b:%' and sent_at is not null",
    );
    check('every outbox row marked sent', row?.n === N, `${row?.n}/${N}`);
  } finally {
    await bot.stop();
    await db.close();
  }
}

// ---------------------------------------------------------------- g: kill -9 after a combined send
async function caseG(env: Env): Promise<void> {
  const N = 40;
  console.log(
    '\n[g] kill -9 right after the chat took several confirmations combined in one message, before any mark: ' +
      `${N} confirmations to 4 heads, 600/min`,
  );
  const { url, db } = await caseDb(env, 'crash_g');
  const bot = botFor(env, url, { SEND_DELAY_MS: '20', PER_MINUTE: '600', KILL_AFTER_COMBINED: '1' });
  try {
    await bot.start();
    bot.send({ cmd: 'confirmations', n: N, tag: 'g' });
    await bot.waitExit();
    const first = bot.sent().filter((s) => s.text.startsWith('g#'));
    const combined = first.find((s) => s.text.includes('\n\n'));
    const carried = combined?.text.split('\n\n') ?? [];
    figure('killed after the combined message; texts in it', carried.length);
    await bot.start();
    await drained(bot);
    const sent = bot.sent().filter((s) => s.text.startsWith('g#'));
    // Each text as often as the chat showed it, in whichever message.
    const shown = new Map<string, number>();
    for (const s of sent)
      for (const t of s.text.split('\n\n')) shown.set(`${s.to}\u0000${t}`, (shown.get(`${s.to}\u0000${t}`) ?? 0) + 1);
    const missing = Array.from({ length: N }, (_, i) => `g#${i}`).filter(
      (t) => ![...shown.keys()].some((k) => k.endsWith(`\u0000${t}`)),
    );
    check('every confirmation reached its person', missing.length === 0, missing.join(', ') || `${N}/${N}`);
    const twice = [...shown.entries()].filter(([, n]) => n > 1).map(([k]) => k.split('\u0000')[1] as string);
    figure('chat messages in all / texts shown twice', `${sent.length} / ${twice.length}`);
    const again = sent
      .slice(first.length)
      .filter((s) => s.text.split('\n\n').some((t) => carried.includes(t)))
      .map((s) => s.text.split('\n\n').length);
    figure("after the restart, messages with the killed one's texts (texts each)", again.join(' + ') || 'none');
    check(
      'only the texts of the one killed message shown twice, none more than twice',
      twice.every((t) => carried.includes(t)) && [...shown.values()].every((n) => n <= 2),
      `twice: ${twice.join(', ') || 'none'}; in the killed message: ${carried.join(', ')}`,
    );
    const rows = await db.query<{ via: string | null; n: number }>(
      'select delivered_via as via, count(*)::int as n from outbound_messages ' +
        "where purpose like 'report-confirm:g-%' group by 1 order by 1",
    );
    const marked = rows.filter((r) => r.via !== null).reduce((a, r) => a + r.n, 0);
    figure('rows by delivered_via', rows.map((r) => `${r.via}: ${r.n}`).join(', '));
    check('every confirmation marked sent once', marked === N, `${marked}/${N}`);
  } finally {
    await bot.stop();
    await db.close();
  }
}

// ---------------------------------------------------------------- c: Redis restarted
async function caseC(env: Env, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  console.log(
    `\n[c${signal === 'SIGKILL' ? '2' : ''}] Redis ` +
      `${signal === 'SIGTERM' ? 'restarted (SIGTERM: AOF flushed)' : 'killed -9 (AOF fsync every second)'} on ` +
      `the same AOF folder while the bot works`,
  );
  const { url, db } = await caseDb(env, signal === 'SIGTERM' ? 'crash_c' : 'crash_c2');
  const bot = botFor(env, url);
  try {
    await bot.start();
    const msgs = burst(signal === 'SIGTERM' ? 'c' : 'k', { reporting: 18, chat: 200, corrections: 0 });
    bot.send({ cmd: 'burst', msgs, gapMs: 3 });
    await waitUntil('30% received', () => bot.received().length >= msgs.length * 0.3, 60_000, 5);
    const tDown = Date.now();
    await env.redis.stop(signal);
    const atStop = bot.received().length;
    figure('received before Redis went down', atStop);
    const during: Msg[] = Array.from({ length: 20 }, (_, i) => ({
      from: (talkers[i % talkers.length] as { id: string }).id,
      kind: 'chat' as const,
      id: `${signal}-during-${i}`,
      text: `停机期间消息${i}`,
    }));
    bot.send({ cmd: 'burst', msgs: during, gapMs: 50 });
    await sleep(3_000);
    await env.redis.start();
    figure('Redis down for (ms)', Date.now() - tDown);
    const reconnectMs = await waitUntil(
      'messages received during the outage queued',
      () => {
        const r = new Set(bot.received());
        return during.every((m) => r.has(m.id));
      },
      60_000,
      20,
    );
    figure('Redis back to the outage messages queued (ms)', reconnectMs);
    // One 帮助 per person (duplicates are counted by recipient and text).
    const afterMsgs: Msg[] = Array.from({ length: talkers.length }, (_, i) => ({
      from: (talkers[i % talkers.length] as { id: string }).id,
      kind: 'help' as const,
      id: `${signal}-after-${i}`,
      text: '帮助',
      to: 'bot' as const,
    }));
    bot.send({ cmd: 'burst', msgs: afterMsgs, gapMs: 0 });
    await waitUntil(
      'everything received',
      () => {
        const r = new Set(bot.received());
        return [...msgs, ...afterMsgs].every((m) => r.has(m.id));
      },
      60_000,
      50,
    );
    figure('drained after (ms)', await drained(bot));
    const received = bot.received();
    const proc = await processedIds(db, received);
    const lost = received.filter((id) => !proc.get(id)?.processed);
    const ok = lost.length === 0;
    if (signal === 'SIGTERM')
      check(
        'nothing lost: every received message processed',
        ok,
        `${received.length - lost.length}/${received.length}`,
      );
    else
      figure(
        'received messages lost with kill -9 of Redis (everysec AOF; informative)',
        `${lost.length}/${received.length}`,
      );
    const reps = await reportRows(
      db,
      msgs.filter((m) => m.kind === 'report').map((m) => m.id),
    );
    const once = [...reps.values()].filter((n) => n === 1).length;
    if (signal === 'SIGTERM') check('all 18 reports stored once', once === 18, `${once}/18`);
    const helps = bot.sent().filter((s) => s.text.includes('督办助手') && s.to !== 'group').length;
    check(
      'the bot reconnected by itself and answered messages sent afterwards',
      helps >= afterMsgs.length,
      `${helps}/${afterMsgs.length} 帮助 answered`,
    );
    check('no duplicate sends', duplicates(bot.sent()) === 0, String(duplicates(bot.sent())));
  } finally {
    await bot.stop();
    await db.close();
    if (!env.redis.running()) await env.redis.start();
  }
}

// ---------------------------------------------------------------- d: PostgreSQL down
async function caseD(env: Env): Promise<void> {
  const outageS = Number(process.env.CRASH_PG_OUTAGE_S ?? 30);
  console.log(`\n[d] PostgreSQL down for ${outageS} s while reports, 帮助 and chit-chat arrive and a routine is due`);
  const { url, db: db0 } = await caseDb(env, 'crash_d');
  await db0.close();
  const port = await freePort();
  const bot = botFor(env, url, { HTTP_PORT: String(port) });
  const health = async () => {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(8_000) });
      return { status: r.status, body: (await r.json()) as { database: boolean } };
    } catch {
      return { status: 0, body: { database: false } };
    }
  };
  try {
    await bot.start();
    const h0 = await health();
    check('/healthz green before', h0.status === 200, String(h0.status));
    const t0 = Date.now();
    await env.pg.stop();
    const redMs = await waitUntil(
      '/healthz red',
      async () => {
        const h = await health();
        return h.status === 503 && h.body.database === false;
      },
      30_000,
      100,
    );
    check('/healthz red (503, database false) while PostgreSQL is down', true, `after ${redMs} ms`);
    const msgs = burst('d', { reporting: 10, chat: 40, corrections: 2, help: 5 });
    bot.send({ cmd: 'burst', msgs, gapMs: 20 });
    await bot.ask({ cmd: 'routine', name: 'report-reminder', key: 'd1' }, 'routine');
    await waitUntil('all received', () => msgs.every((m) => new Set(bot.received()).has(m.id)), 60_000, 50);
    figure('messages received (queued) during the outage', msgs.length);
    await sleep(Math.max(0, outageS * 1000 - (Date.now() - t0)));
    const sentDuring = bot.sent().length;
    await env.pg.start();
    const tUp = Date.now();
    figure('PostgreSQL down for (s)', ((tUp - t0) / 1000).toFixed(1));
    const greenMs = await waitUntil('/healthz green', async () => (await health()).status === 200, 60_000, 100);
    check('/healthz green again (200)', true, `${greenMs} ms after PostgreSQL started`);
    const drainMs = await drained(bot);
    figure('PostgreSQL back to all work done (ms)', Date.now() - tUp);
    void drainMs;
    const db = await openDb({ databaseUrl: url });
    try {
      const proc = await processedIds(
        db,
        msgs.map((m) => m.id),
      );
      const n = [...proc.values()].filter((p) => p.processed).length;
      check('every message received during the outage processed afterwards', n === msgs.length, `${n}/${msgs.length}`);
      const repIds = msgs.filter((m) => m.kind === 'report' || m.kind === 'correction').map((m) => m.id);
      const reps = await reportRows(db, repIds);
      check(
        'reports stored once',
        repIds.every((id) => reps.get(id) === 1),
        `${[...reps.values()].filter((x) => x === 1).length}/${repIds.length}`,
      );
      const sent = bot.sent();
      figure('bot messages while PostgreSQL was down', sentDuring);
      const errors = sent.filter((s) => /抱歉|出错/.test(s.text)).length;
      check('the group sees no error messages (抱歉/出错)', errors === 0, String(errors));
      const helps = sent.filter((s) => s.text.includes('督办助手') && s.to === 'group').length;
      check('帮助 answered after the outage', helps === 5, `${helps}/5`);
      const reminders = sent.filter(isReminder).length;
      check('the routine due during the outage ran once afterwards', reminders === 1, `${reminders}`);
      check('no duplicate sends', duplicates(sent) === 0, String(duplicates(sent)));
    } finally {
      await db.close();
    }
  } finally {
    await bot.stop();
  }
}

// ---------------------------------------------------------------- e: chat logout
async function caseE(env: Env): Promise<void> {
  console.log('\n[e] chat logout (as on a watchdog reset) and login: fallback webhook, outbox kept');
  const { url, db } = await caseDb(env, 'crash_e');
  const hooks: Array<{
    path: string;
    body: { msgtype: string; text: { content: string; mentioned_mobile_list: string[] } };
  }> = [];
  const server: Server = createServer((req, res) => {
    let b = '';
    req.on('data', (d: Buffer) => {
      b += d.toString();
    });
    req.on('end', () => {
      hooks.push({ path: req.url ?? '', body: JSON.parse(b) });
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const KEY = `secret-${randomUUID()}`;
  const bot = botFor(env, url, { FALLBACK_WEBHOOK_URL: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=${KEY}` });
  try {
    await bot.start();
    const t0 = Date.now();
    await bot.ask({ cmd: 'logout' }, 'logout');
    const notified = await waitUntil('fallback notice', () => hooks.length >= 1, 15_000, 20);
    figure('logout to fallback notice (ms)', notified);
    check(
      'the fallback webhook got a WeCom text notice',
      hooks[0]?.body.msgtype === 'text' &&
        /连接已断开/.test(hooks[0]?.body.text.content ?? '') &&
        Array.isArray(hooks[0]?.body.text.mentioned_mobile_list),
      hooks[0]?.body.text.content ?? 'none',
    );
    await bot.ask({ cmd: 'outbox', n: 10, tag: 'e' }, 'outbox');
    await sleep(4_000);
    const whileOut = bot.sent().filter((s) => s.text.startsWith('e#')).length;
    check('nothing sent while logged out', whileOut === 0, String(whileOut));
    await bot.ask({ cmd: 'login' }, 'login');
    const tLogin = Date.now();
    await waitUntil(
      'all 10 sent',
      () =>
        new Set(
          bot
            .sent()
            .filter((s) => s.text.startsWith('e#'))
            .map((s) => s.text),
        ).size === 10,
      60_000,
      20,
    );
    figure('login to the 10 queued messages sent (ms)', Date.now() - tLogin);
    await drained(bot);
    const sent = bot.sent().filter((s) => s.text.startsWith('e#'));
    check(
      'sending resumed after login: 10 messages, each once',
      sent.length === 10 && duplicates(sent) === 0,
      `${sent.length} sends`,
    );
    check(
      'the fallback webhook was told the chat is back',
      hooks.length === 2 && /已恢复/.test(hooks[1]?.body.text.content ?? ''),
      hooks[1]?.body.text.content ?? 'none',
    );
    const log = bot.botLog();
    check('the log says the chat connection was lost', log.includes('chat connection lost'));
    check('the webhook key never appears in the log', !log.includes(KEY));
    figure('whole case (ms)', Date.now() - t0);
  } finally {
    await bot.stop();
    await db.close();
    server.close();
  }
}

// ---------------------------------------------------------------- f: Redis safety
async function caseF(): Promise<void> {
  console.log('\n[f] Redis safety check at start (maxmemory-policy, persistence)');
  for (const o of [
    { noeviction: true, aof: true },
    { noeviction: false, aof: false },
  ]) {
    const r = await startRedis(o);
    const c = new Redis(r.url);
    try {
      const w = await checkRedisSafety(c);
      figure(`noeviction=${o.noeviction} aof=${o.aof}: warnings`, w.length);
      check(
        `checkRedisSafety ${o.noeviction ? 'quiet on a safe Redis' : 'warns about eviction and no persistence'}`,
        o.noeviction ? w.length === 0 : w.length === 2 && w.some((x) => x.includes('noeviction')),
        w.join(' | '),
      );
    } finally {
      c.disconnect();
      await r.destroy();
    }
  }
}

// ---------------------------------------------------------------- main
async function main(): Promise<void> {
  const want = new Set(process.argv.slice(2).filter((a) => /^[a-g]$/.test(a)));
  const all = want.size === 0;
  const on = (c: string) => all || want.has(c);
  const t0 = Date.now();
  let env: Env | undefined;
  let pg: PrivatePostgres | undefined;
  let redis: PrivateRedis | undefined;
  try {
    if (['a', 'b', 'c', 'd', 'e', 'g'].some(on)) {
      redis = await startRedis();
      pg = await startPostgres();
      env = { pg, redis };
      console.log(`private redis-server ${redis.url} (AOF, noeviction), private PostgreSQL 127.0.0.1:${pg.port}`);
    }
    if (on('f')) await caseF();
    if (env && on('e')) await caseE(env);
    if (env && on('a')) await caseA(env);
    if (env && on('b')) await caseB(env);
    if (env && on('g')) await caseG(env);
    if (env && on('c')) {
      await caseC(env, 'SIGTERM');
      await caseC(env, 'SIGKILL');
    }
    if (env && on('d')) await caseD(env);
  } catch (err) {
    check('case ran to the end', false, err instanceof Error ? (err.stack ?? err.message) : String(err));
  } finally {
    await pg?.destroy().catch(() => undefined);
    await redis?.destroy().catch(() => undefined);
  }
  const failed = checks.filter((c) => !c.ok);
  console.log(
    `\n${checks.length - failed.length}/${checks.length} checks passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  for (const f of failed) console.log(`FAILED: ${f.name}: ${f.detail}`);
  process.exit(failed.length > 0 ? 1 : 0);
}

void main();
