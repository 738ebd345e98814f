import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { ChatChannel } from '../../src/bot/channel.js';
import { createChannel } from '../../src/bot/factory.js';
import type { DistrictConfig } from '../../src/config/schema.js';
import { systemClock } from '../../src/domain/clock.js';
import { Roster } from '../../src/domain/roster.js';
import { type Harness, startHarness } from '../../src/sim/harness.js';
import { MockWorld } from '../../src/sim/mock-world.js';

export interface BurstMessage {
  from: string;
  text: string;
}

const CHAT = [
  '收到',
  '好的',
  '收到，马上落实',
  '今天下雨，大家注意安全',
  '请问明天几点开会？',
  '已阅',
  '👍',
  '辛苦了',
  '明白',
  '好的，谢谢领导',
];

/** 18 reports, 1,000 chit-chat messages and 200 corrections, shuffled with a fixed seed. */
export function burstMessages(config: DistrictConfig): BurstMessage[] {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const heads = config.people.filter((p) => p.roles.includes('head'));
  const msgs: BurstMessage[] = [];
  for (const h of heads) {
    const unit = config.units.find((u) => u.id === h.unit);
    msgs.push({
      from: h.id,
      text:
        `${unit?.name}：今日受理工单${10 + Math.floor(rnd() * 10)}件，办结${5 + Math.floor(rnd() * 5)}件，` +
        `在办3件，无超期。`,
    });
  }
  for (let i = 0; i < 1000; i++) {
    const p = config.people[Math.floor(rnd() * config.people.length)];
    msgs.push({ from: p?.id ?? heads[0]!.id, text: CHAT[Math.floor(rnd() * CHAT.length)] ?? '收到' });
  }
  const tail: BurstMessage[] = [];
  for (let i = 0; i < 200; i++) {
    const h = heads[i % heads.length]!;
    const unit = config.units.find((u) => u.id === h.unit);
    tail.push({
      from: h.id,
      text: `更正：${unit?.name}今日受理${12 + (i % 5)}件，办结${8 + (i % 4)}件，在办${4 - (i % 4)}件。`,
    });
  }
  // Reports first in spirit, then the rest shuffled (a correction never precedes its report).
  const rest = [...msgs.slice(18), ...tail];
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...msgs.slice(0, 18), ...rest];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number);
};

export interface BurstResult {
  label: string;
  messages: number;
  seconds: number;
  perSecond: number;
  p50Stored: number;
  p99Stored: number;
  p50Outbox: number;
  p99Outbox: number;
  lost: number;
  reports: number;
  versions: number;
  rssAfterMb: number;
  /** From the first message handed to the chat to the last one received by the bot. */
  receivedSeconds: number;
  /** The bot process' CPU time over the wall time until everything (outbox too) was done. */
  cpuShare: number;
  /** The machine's busy share over the same time (all cores: bot, Redis, PostgreSQL, the rest). */
  machineBusy: number;
}

/** Busy and total jiffies of all cores, from /proc/stat (zeros where there is none). */
function machineCpu(): { busy: number; total: number } {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const total = f.reduce((a, b) => a + b, 0);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Sends the burst through the full bot (Wechaty + mock + inbound queue + store + outbox). */
export async function burstThroughBot(
  label: string,
  config: DistrictConfig,
  redisUrl: string,
  db: Parameters<typeof startHarness>[0]['db'],
  spreadMs: number,
  messages?: BurstMessage[],
): Promise<BurstResult> {
  const h: Harness = await startHarness({ config, redisUrl, log: pino({ level: 'silent' }), db, perMinute: 0 });
  try {
    const msgs = messages ?? burstMessages(config);
    const cpu0 = process.cpuUsage();
    const machine0 = machineCpu();
    const t0 = Date.now();
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i]!;
      h.world.say(m.from, m.text);
      if (spreadMs > 0) {
        const due = t0 + (spreadMs * (i + 1)) / msgs.length;
        const wait = due - Date.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      } else if (i % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    await h.drain(300_000);
    const cpu = process.cpuUsage(cpu0);
    const machine1 = machineCpu();
    const drainedMs = Date.now() - t0;
    const db0 = h.app.db;
    const rows = await db0.query<{ received_at: Date; processed_at: Date | null; id: string }>(
      'select id, received_at, processed_at from inbound_messages',
    );
    const stored = rows
      .filter((r) => r.processed_at)
      .map((r) => new Date(r.processed_at as Date).getTime() - new Date(r.received_at).getTime());
    const outs = await db0.query<{ lag: number }>(
      `select (extract(epoch from o.enqueued_at - i.received_at) * 1000)::float8 as lag from outbound_messages o
       join inbound_messages i on o.purpose = 'report-confirm:' || i.id`,
    );
    // From the first message handed to the chat to the last one processed (as for the echo bot).
    const last = Math.max(...rows.map((r) => new Date(r.processed_at ?? 0).getTime()));
    const seconds = (last - t0) / 1000;
    const receivedLast = Math.max(...rows.map((r) => new Date(r.received_at).getTime()));
    if (process.env.TIMELINE) {
      const tl = await db0.query<{ b: number; n: number; chat: number }>(
        `select floor(extract(epoch from processed_at) * 10)::bigint - floor(${t0} / 100.0)::bigint as b, ` +
          `count(*)::int as n, count(*) filter (where handler <> 'report')::int as chat from inbound_messages ` +
          `group by 1 order by 1`,
      );
      console.error('processed per 100 ms (all / not reports):', tl.map((r) => `${r.b}:${r.n}/${r.chat}`).join(' '));
      const rc = await db0.query<{ b: number; n: number }>(
        `select floor(extract(epoch from received_at) * 10)::bigint - floor(${t0} / 100.0)::bigint as b, ` +
          `count(*)::int as n from inbound_messages group by 1 order by 1`,
      );
      console.error('received per 100 ms:', rc.map((r) => `${r.b}:${r.n}`).join(' '));
      const ob = await db0.query<{ b: number; n: number }>(
        `select floor(extract(epoch from sent_at) * 10)::bigint - floor(${t0} / 100.0)::bigint as b, count(*)` +
          `::int as n from outbound_messages group by 1 order by 1`,
      );
      console.error('sent per 100 ms:', ob.map((r) => `${r.b}:${r.n}`).join(' '));
    }
    const [rep] = await db0.query<{ n: number }>('select count(*)::int as n from reports');
    const [ver] = await db0.query<{ n: number }>('select count(*)::int as n from report_versions');
    return {
      label,
      messages: msgs.length,
      seconds,
      perSecond: msgs.length / seconds,
      p50Stored: pct(stored, 50),
      p99Stored: pct(stored, 99),
      p50Outbox: pct(
        outs.map((o) => o.lag),
        50,
      ),
      p99Outbox: pct(
        outs.map((o) => o.lag),
        99,
      ),
      lost: msgs.length - rows.filter((r) => r.processed_at).length,
      reports: rep?.n ?? 0,
      versions: ver?.n ?? 0,
      rssAfterMb: Math.round(process.memoryUsage().rss / 1048576),
      receivedSeconds: (receivedLast - t0) / 1000,
      cpuShare: (cpu.user + cpu.system) / 1000 / drainedMs,
      machineBusy: (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total),
    };
  } finally {
    await h.close();
  }
}

/** The ceiling: a bare echo bot on the same chat channel (Wechaty on the mock), the same burst. */
export async function burstThroughEchoBot(
  config: DistrictConfig,
): Promise<{ perSecond: number; seconds: number; rssDeltaMb: number }> {
  const rss0 = process.memoryUsage().rss;
  const world = new MockWorld(config);
  const msgs = burstMessages(config);
  // Counted where the bot's own pipeline is counted from: the reply reaching the chat.
  let echoed = 0;
  world.onSent(() => {
    echoed++;
  });
  let n = 0;
  const channel: ChatChannel = await createChannel(
    { kind: 'wechaty', puppet: world.puppetInterface, name: `echo-${randomUUID()}` },
    {
      group: { topic: config.group.topic, ...(config.group.id ? { id: config.group.id } : {}) },
      roster: Roster.fromConfig(config),
      clock: systemClock,
      maxAgeSeconds: 3600,
      filesDir: mkdtempSync(join(tmpdir(), 'duban-echo-')),
      sendPerMinute: 0,
      receive: async (m) => {
        await channel.deliver({ to: { kind: 'group' }, text: m.text, mentions: [], purpose: `echo:${n++}` });
      },
      log: pino({ level: 'silent' }),
    },
  );
  await channel.start();
  world.login();
  while (!channel.isReady()) await new Promise((r) => setTimeout(r, 20));
  const t0 = Date.now();
  for (let i = 0; i < msgs.length; i++) {
    const m = msgs[i]!;
    world.say(m.from, m.text);
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  while (echoed < msgs.length) await new Promise((r) => setTimeout(r, 5));
  const seconds = (Date.now() - t0) / 1000;
  const rssDeltaMb = Math.round((process.memoryUsage().rss - rss0) / 1048576);
  await channel.stop();
  return { perSecond: msgs.length / seconds, seconds, rssDeltaMb };
}
