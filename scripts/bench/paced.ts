/**
 * The evening's outbox under a chat's rate limit (issue 17, "sending paced by priority"): the
 * 18:00–18:40 window of the example district (config/district.example.yaml, 18 units) sent
 * through the real Outbox and outbox worker (Redis, PGlite in memory) into a chat that records
 * when it was given each message, 20 messages a minute.
 *
 * Time is scaled, never waited out: one minute is `SCALE_MS` (600 ms, ×100), the window is 20
 * per 600 ms, confirmations are combined within one window, and every figure is given back in
 * minutes and seconds of the evening (real ms × 100). Run alone: `npm run bench:paced`.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { ChatPort, DeliveredVia } from '../../src/bot/channel.js';
import type { DistrictConfig } from '../../src/config/schema.js';
import { systemClock } from '../../src/domain/clock.js';
import type { OutgoingMessage } from '../../src/domain/messages.js';
import { laneOf } from '../../src/jobs/lanes.js';
import { Outbox, type OutboxLimits, startOutboxWorker } from '../../src/jobs/outbox.js';
import { createRedis } from '../../src/jobs/redis.js';
import { obliterate } from '../../src/sim/harness.js';
import { openDb } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';

/** One minute of the evening in real ms (×100). */
export const SCALE_MS = 600;
export const PER_MINUTE = 20;
/** The relays' target: sent within one window of being due (they wait only for the window, never behind a queue). */
export const TARGET_S = 60;
/** Units that report (of the example's 18), and the one of the rush that corrects twice. */
const REPORTING = 16;
const CORRECTING = [4];

interface Planned {
  /** Minutes after 18:00 (negative: before). */
  at: number;
  message: OutgoingMessage;
}

export interface Figure {
  purpose: string;
  dueAt: string;
  sentAt: string;
  delayS: number;
}

export interface PacedResult {
  coalesce: boolean;
  /** Messages handed to the outbox / messages the chat received. */
  queued: number;
  /** The plan's messages by kind: dispatch deliveries, escalations, confirmations. */
  deliveries: number;
  escalations: number;
  confirmations: number;
  chatMessages: number;
  /** Due → sent, seconds of the evening. */
  lastDispatchDelivery: Figure;
  /** The last delivery of the dispatch made in the 18:00 rush (D1): the one that meets a full window. */
  rushDispatchDelivery: Figure;
  lastEscalation: Figure;
  lastConfirmation: Figure;
  /** The longest due → sent of any dispatch delivery, group line or escalation; of any confirmation. */
  worstRelayS: number;
  worstConfirmationS: number;
  /** Confirmations the chat got while a relay (queued before that confirmation was taken) was still waiting. */
  overtakes: number;
  /** Confirmations carried in another one's message. */
  carried: number;
  /** The evening's clock when the last message reached the chat. */
  doneAt: string;
  /** Every message: due, queued, taken by the worker, reached the chat (TIMELINE=1 prints it). */
  timeline: Array<{ purpose: string; due: string; queued: string; taken: string; sent: string }>;
}

/** Seeded, so that every run plans the same evening. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A confirmation about as long as the real one (figures, 满意率, the next step). */
function confirmText(unit: string, version: number): string {
  const head = version > 1 ? `已按更正更新${unit}11月30日日报` : `已收到${unit}11月30日日报`;
  return (
    `${head}（第${version}版）：受理工单12件，办结8件，在办4件，超期0件，满意率98%，` +
    '回访12件，现场核实3件，书面答复5件，退办0件。如有出入，请直接发送更正，例如“更正：办结9件”。'
  );
}

/**
 * The evening as it comes (minutes after 18:00), with issue 17's numbers (18 units, 12 dispatch
 * deliveries, 18 confirmations): 16 of the 18 units report, two from 17:55, fourteen in the forty
 * seconds around the 18:00 deadline, one of them correcting its report twice within the minute
 * (16 + 2 = 18 confirmations; 24 messages due in the rush's minute, over the 20); the 18:00 roll-call in
 * the group; a leader's dispatch to six units at 18:00:15 and another at 18:22 (12 deliveries to
 * the heads, and each dispatch's group line); the 15-minute 签收 reminder of the first to two units
 * at 18:15; the 18:30 escalation to both supervisors; the 18:40 daily summary in the group.
 */
export function eveningPlan(config: DistrictConfig): Planned[] {
  const rnd = random(17);
  const head = (unitId: string) => config.people.find((p) => p.unit === unitId && p.roles.includes('head'));
  const units = config.units.filter((u) => u.reports !== false && head(u.id));
  const plan: Planned[] = [];
  const toPerson = (id: string, text: string, purpose: string): OutgoingMessage => ({
    to: { kind: 'person', id },
    text,
    mentions: [],
    purpose,
  });
  const toGroup = (text: string, purpose: string, mentions: string[] = []): OutgoingMessage => ({
    to: { kind: 'group' },
    text,
    mentions,
    purpose,
  });
  units.forEach((u, i) => {
    const who = head(u.id)?.id as string;
    // 2 early (17:55–17:58), 14 in the deadline rush (17:59:30–18:00:10), 2 never.
    if (i >= REPORTING) return;
    const at = i < 2 ? -5 + 3 * rnd() : -0.5 + (40 / 60) * rnd();
    plan.push({ at, message: toPerson(who, confirmText(u.name, 1), `report-confirm:r-${u.id}`) });
    // A unit of the rush corrects its report twice within the minute (one figure, then another).
    if (CORRECTING.includes(i)) {
      const first = at + (10 + 20 * rnd()) / 60;
      plan.push({ at: first, message: toPerson(who, confirmText(u.name, 2), `report-confirm:c1-${u.id}`) });
      plan.push({
        at: first + (10 + 20 * rnd()) / 60,
        message: toPerson(who, confirmText(u.name, 3), `report-confirm:c2-${u.id}`),
      });
    }
  });
  const missing = units.filter((_, i) => i >= REPORTING);
  plan.push({
    at: 0,
    message: toGroup(
      `截至18:00，以下单位尚未报送日报：${missing.map((u) => u.name).join('、')}`,
      'report-deadline:2026-11-30',
      missing.map((u) => head(u.id)?.id as string),
    ),
  });
  for (const [code, at, from] of [
    ['D1', 15 / 60, 0],
    ['D2', 22, 6],
  ] as const) {
    const targets = units.slice(from, from + 6);
    plan.push({
      at,
      message: toGroup(`已转办${targets.map((u) => u.name).join('、')}，编号 ${code}`, `dispatch:${code}:group`),
    });
    for (const u of targets) {
      const p = head(u.id)?.id as string;
      plan.push({
        at,
        message: toPerson(p, `【督办 ${code}】请立即到现场处置并反馈。`, `dispatch:${code}:deliver:${u.id}:${p}`),
      });
    }
  }
  for (const u of units.slice(0, 2)) {
    const p = head(u.id)?.id as string;
    plan.push({
      at: 15,
      message: toPerson(p, '【D1】尚未签收，请回复“收到”。', `dispatch:D1:ack-reminder:${u.id}:${p}`),
    });
  }
  for (const s of config.people.filter((p) => p.roles.includes('supervisor'))) {
    plan.push({
      at: 30,
      message: toPerson(
        s.id,
        `截至18:30仍未报送：${missing.map((u) => u.name).join('、')}`,
        `report-escalation:2026-11-30:${s.id}`,
      ),
    });
  }
  plan.push({ at: 40, message: toGroup('11月30日日报汇总……', 'daily-summary:2026-11-30') });
  // A stable order for events due at the same moment (as the routines and handlers queue them).
  return plan
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.at - b.p.at || a.i - b.i)
    .map(({ p }) => p);
}

/** A chat that takes every message and notes when (real ms). */
class RecordingChat implements ChatPort {
  readonly got: Array<{ m: OutgoingMessage; at: number }> = [];
  isReady(): boolean {
    return true;
  }
  async deliver(m: OutgoingMessage): Promise<DeliveredVia> {
    this.got.push({ m, at: Date.now() });
    return m.to.kind === 'person' ? 'private' : 'group';
  }
}

/** 18:00 + minutes, as HH:MM:SS. */
function clockOf(minutes: number): string {
  const s = Math.round(18 * 3600 + minutes * 60);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

export async function pacedEvening(config: DistrictConfig, redisUrl: string, coalesce: boolean): Promise<PacedResult> {
  const plan = eveningPlan(config);
  const prefix = `duban-bench-${randomUUID().slice(0, 8)}`;
  const redis = createRedis(redisUrl);
  const db = await openDb({ dataDir: 'memory' });
  await migrate(db);
  const limits: OutboxLimits = {
    max: PER_MINUTE,
    windowMs: SCALE_MS,
    attempts: 6,
    backoffMs: 20,
    coalesceMs: coalesce ? SCALE_MS : 0,
  };
  const chat = new RecordingChat();
  const outbox = new Outbox(redis, prefix, db, systemClock, limits);
  const worker = startOutboxWorker({
    connection: redis,
    prefix,
    db,
    clock: systemClock,
    chat,
    limits,
    account: 'bench',
    log: pino({ level: 'silent' }),
  });
  // When the worker last took each job (for "was the relay already waiting when this confirmation was taken").
  const takenAt = new Map<string, number>();
  worker.on('active', (job) => takenAt.set(job.data.message.purpose, Date.now()));
  const queuedAt = new Map<string, number>();
  try {
    await worker.waitUntilReady();
    // Warm-up (JIT, PGlite's first statements), then an empty window: the evening starts cold but not slow.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        outbox.send({ to: { kind: 'group' }, text: '预热', mentions: [], purpose: `warm-up:${i}` }),
      ),
    );
    while (chat.got.length < 40) await new Promise((r) => setTimeout(r, 20));
    chat.got.length = 0;
    await redis.del(`${prefix}:ratelog:bench`);
    const first = plan[0]?.at ?? 0;
    const t0 = Date.now() + 200;
    const real = (minutes: number) => t0 + (minutes - first) * SCALE_MS;
    // Each moment's messages queued together when due, as a routine or a handler queues them; nobody
    // waits for the previous moment's to be queued (their handlers run side by side).
    const moments = new Map<number, OutgoingMessage[]>();
    for (const p of plan) moments.set(p.at, [...(moments.get(p.at) ?? []), p.message]);
    const queuing: Array<Promise<unknown>> = [];
    for (const [at, ms] of moments) {
      const wait = real(at) - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      for (const m of ms) queuing.push(outbox.send(m).then(() => queuedAt.set(m.purpose, Date.now())));
    }
    await Promise.all(queuing);
    // Until every message is marked sent (carried ones included).
    for (;;) {
      const [row] = await db.query<{ n: number }>(
        'select count(*)::int as n from outbound_messages where sent_at is null',
      );
      if ((row?.n ?? 1) === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // Which chat message carried each planned one (itself, or the confirmation it was combined into).
    const rows = await db.query<{ purpose: string; sent_at: Date; delivered_via: string; to_id: string | null }>(
      'select purpose, sent_at, delivered_via, to_id from outbound_messages',
    );
    const sentAt = new Map<string, number>();
    for (const g of chat.got) sentAt.set(g.m.purpose, g.at);
    const carriedBy = new Map<string, string>();
    for (const r of rows.filter((x) => x.delivered_via === 'coalesced')) {
      const carrier = rows.find(
        (x) => x.to_id === r.to_id && x.delivered_via !== 'coalesced' && x.sent_at.getTime() === r.sent_at.getTime(),
      );
      if (carrier) carriedBy.set(r.purpose, carrier.purpose);
    }
    const when = (purpose: string) => sentAt.get(carriedBy.get(purpose) ?? purpose) as number;
    const minutesOf = (ms: number) => first + (ms - t0) / SCALE_MS;
    const figure = (p: Planned) => {
      const sent = minutesOf(when(p.message.purpose));
      return {
        purpose: p.message.purpose,
        dueAt: clockOf(p.at),
        sentAt: clockOf(sent),
        delayS: Math.round((sent - p.at) * 60),
      };
    };
    const lastBy = (f: (p: Planned) => boolean) => {
      const ps = plan.filter(f);
      return ps.reduce((a, b) => (when(b.message.purpose) > when(a.message.purpose) ? b : a), ps[0] as Planned);
    };
    const isDelivery = (p: Planned) => /^dispatch:[^:]+:deliver:/.test(p.message.purpose);
    const isEscalation = (p: Planned) => p.message.purpose.startsWith('report-escalation:');
    const isConfirmation = (p: Planned) => laneOf(p.message.purpose) === 'confirm';
    const relays = plan.filter((p) => laneOf(p.message.purpose) === 'relay');
    let overtakes = 0;
    for (const g of chat.got.filter((x) => laneOf(x.m.purpose) === 'confirm')) {
      const taken = takenAt.get(g.m.purpose) ?? g.at;
      for (const r of relays) {
        const q = queuedAt.get(r.message.purpose) as number;
        if (q < taken && when(r.message.purpose) > g.at) overtakes++;
      }
    }
    return {
      coalesce,
      queued: plan.length,
      deliveries: plan.filter(isDelivery).length,
      escalations: plan.filter(isEscalation).length,
      confirmations: plan.filter(isConfirmation).length,
      chatMessages: chat.got.length,
      lastDispatchDelivery: figure(lastBy(isDelivery)),
      rushDispatchDelivery: figure(lastBy((p) => isDelivery(p) && p.message.purpose.startsWith('dispatch:D1:'))),
      lastEscalation: figure(lastBy(isEscalation)),
      lastConfirmation: figure(lastBy(isConfirmation)),
      worstRelayS: Math.max(...relays.map((p) => figure(p).delayS)),
      worstConfirmationS: Math.max(...plan.filter(isConfirmation).map((p) => figure(p).delayS)),
      overtakes,
      carried: carriedBy.size,
      doneAt: clockOf(minutesOf(Math.max(...chat.got.map((g) => g.at)))),
      timeline: plan.map((p) => ({
        purpose: p.message.purpose,
        due: clockOf(p.at),
        queued: clockOf(minutesOf(queuedAt.get(p.message.purpose) as number)),
        taken: clockOf(minutesOf(takenAt.get(carriedBy.get(p.message.purpose) ?? p.message.purpose) ?? 0)),
        sent: clockOf(minutesOf(when(p.message.purpose))),
      })),
    };
  } finally {
    await worker.close();
    await outbox.close();
    redis.disconnect();
    await db.close();
    await obliterate(redisUrl, prefix);
  }
}

/** The lines the bench table prints for one evening with and one without combining. */
export function pacedRows(withC: PacedResult, without: PacedResult): Array<[string, string, string]> {
  const d = (x: Figure) => `${x.delayS} s (due ${x.dueAt}, sent ${x.sentAt})`;
  const label = '18:00–18:40, example district, 20/min (time ×100)';
  return [
    [
      `${label}: the evening queued`,
      `${withC.queued} messages: ${withC.deliveries} dispatch deliveries, ${withC.escalations} escalations, ` +
        `${withC.confirmations} report confirmations (18 units: 16 report, 1 corrects twice), ` +
        `${withC.queued - withC.deliveries - withC.escalations - withC.confirmations} others ` +
        '(group lines, roll-call, 签收 reminders, summary)',
      '12 deliveries, 18 confirmations',
    ],
    [
      `${label}: the 18:00:15 dispatch's last delivery (in the rush), due → sent`,
      `${d(withC.rushDispatchDelivery)}; without combining ${without.rushDispatchDelivery.delayS} s`,
      `≤ ${TARGET_S} s, before any confirmation`,
    ],
    [
      `${label}: last dispatch delivery of the evening, due → sent`,
      `${d(withC.lastDispatchDelivery)}; without combining ${without.lastDispatchDelivery.delayS} s`,
      `≤ ${TARGET_S} s, before any confirmation`,
    ],
    [
      `${label}: last escalation, due → sent`,
      `${d(withC.lastEscalation)}; without combining ${without.lastEscalation.delayS} s`,
      `≤ ${TARGET_S} s, before any confirmation`,
    ],
    [
      `${label}: any relay, worst due → sent; confirmations sent while a relay waited`,
      `${withC.worstRelayS} s; ${withC.overtakes} (without combining ${without.worstRelayS} s; ${without.overtakes})`,
      `≤ ${TARGET_S} s; 0`,
    ],
    [
      `${label}: messages queued → messages the chat got, with / without combining`,
      `${withC.queued} → ${withC.chatMessages} (${withC.carried} confirmation(s) carried in another) / ` +
        `${without.queued} → ${without.chatMessages}`,
      'with ≤ without',
    ],
    [
      `${label}: confirmations, due → sent: the last one / the longest, with; without combining`,
      `${withC.lastConfirmation.delayS} s / ${withC.worstConfirmationS} s; ${without.lastConfirmation.delayS} s / ` +
        `${without.worstConfirmationS} s (last message at ${withC.doneAt} / ${without.doneAt})`,
      '',
    ],
  ];
}
