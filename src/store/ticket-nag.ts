import type { LadderStep } from '../domain/tickets/digest.js';
import { batchedPerDb } from '../lib/batcher.js';
import type { Queryable } from './db.js';

const key = (number: string, due: Date) => `${number}|${due.toISOString()}`;

/** Steps already taken per ticket and deadline: `number|dueIso` → step → local day. */
export async function takenSteps(
  db: Queryable,
  tickets: ReadonlyArray<{ number: string; dueAt: Date }>,
): Promise<Map<string, Map<LadderStep, string>>> {
  const out = new Map<string, Map<LadderStep, string>>();
  if (tickets.length === 0) return out;
  const rows = await db.query<{ ticket_number: string; due_at: Date; step: LadderStep; day: string }>(
    `select ticket_number, due_at, step, day from ticket_escalations
     where ticket_number in (select jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(tickets.map((t) => t.number))],
  );
  for (const r of rows) {
    const k = key(r.ticket_number, new Date(r.due_at));
    const m = out.get(k) ?? new Map<LadderStep, string>();
    m.set(r.step, r.day);
    out.set(k, m);
  }
  return out;
}

export function stepKey(number: string, due: Date): string {
  return key(number, due);
}

export interface StepRecord {
  ticket_number: string;
  due_at: Date;
  step: LadderStep;
  unit_id: string;
  days_overdue: number;
  recipients: string[];
}

/** Records steps once; returns the ones this call recorded (`number|step`). */
export async function recordSteps(
  db: Queryable,
  steps: readonly StepRecord[],
  day: string,
  cycle: string,
  at: Date,
): Promise<Set<string>> {
  if (steps.length === 0) return new Set();
  const rows = await db.query<{ ticket_number: string; step: string }>(
    `insert into ticket_escalations (ticket_number, due_at, step, unit_id, days_overdue, day, cycle, taken_at, ` +
      `recipients)
     select x.ticket_number, x.due_at, x.step, x.unit_id, x.days_overdue, $2, $3, $4, x.recipients
     from jsonb_to_recordset($1::jsonb) as x(ticket_number text, due_at timestamptz, step text, unit_id text, ` +
      `days_overdue int, recipients jsonb)
     on conflict do nothing returning ticket_number, step`,
    [JSON.stringify(steps), day, cycle, at],
  );
  return new Set(rows.map((r) => `${r.ticket_number}|${r.step}`));
}

/** Claims each unit's digest for a cycle once; returns the units this call claimed. */
export async function claimDigests(
  db: Queryable,
  cycle: string,
  digests: ReadonlyArray<{ unit_id: string; numbers: string[]; recipients: string[] }>,
  at: Date,
): Promise<Set<string>> {
  if (digests.length === 0) return new Set();
  const rows = await db.query<{ unit_id: string }>(
    `insert into ticket_digests (cycle, unit_id, numbers, recipients, sent_at)
     select $2, x.unit_id, x.numbers, x.recipients, $3 from jsonb_to_recordset($1::jsonb) as x(unit_id text, numbers ` +
      `jsonb, recipients jsonb)
     on conflict do nothing returning unit_id`,
    [JSON.stringify(digests), cycle, at],
  );
  return new Set(rows.map((r) => r.unit_id));
}

/** 签收: acknowledges the unit's unacknowledged digests (the latest stands for those before it); its cycle, or null. */
export async function ackLatestDigest(
  db: Queryable,
  unitId: string,
  personId: string,
  at: Date,
): Promise<string | null> {
  // The latest list stands for the earlier ones it repeats: one 签收 signs them all (a second 收到 finds none).
  const rows = await db.query<{ cycle: string; sent_at: Date | string }>(
    `update ticket_digests set acked_by = $2, acked_at = $3
     where unit_id = $1 and acked_at is null and sent_at <= $3
     returning cycle, sent_at`,
    [unitId, personId, at],
  );
  const latest = rows.reduce<(typeof rows)[number] | undefined>(
    (a, r) => (a === undefined || new Date(r.sent_at).getTime() > new Date(a.sent_at).getTime() ? r : a),
    undefined,
  );
  return latest?.cycle ?? null;
}

export async function hasUnackedDigest(db: Queryable, unitId: string): Promise<boolean> {
  return (
    (await db.query('select 1 from ticket_digests where unit_id = $1 and acked_at is null limit 1', [unitId])).length >
    0
  );
}

/** When the unit's latest unacknowledged digest was sent, or null when none waits. */

const latestLookups = batchedPerDb(async (db: Queryable, units: string[]): Promise<Array<Date | null>> => {
  const rows = await db.query<{ unit_id: string; sent_at: Date | string }>(
    'select unit_id, max(sent_at) as sent_at from ticket_digests where unit_id = any($1::text[]) and acked_at ' +
      'is null group by unit_id',
    [units],
  );
  const at = new Map(rows.map((r) => [r.unit_id, new Date(r.sent_at)]));
  return units.map((u) => at.get(u) ?? null);
});

/**
 * When the unit's latest unsigned digest was sent (null: none). Asked for nearly every 收到 in the
 * group, so the questions of one moment go to the database as one query.
 */
export function latestUnackedDigestAt(db: Queryable, unitId: string): Promise<Date | null> {
  return latestLookups(db, unitId);
}

/** When the unit last signed (签收) a digest that listed each ticket: number → acked_at. */
export async function lastAcks(db: Queryable, unitId: string, numbers: readonly string[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (numbers.length === 0) return out;
  const rows = await db.query<{ number: string; acked_at: Date | string }>(
    `select n.value as number, max(d.acked_at) as acked_at
     from ticket_digests d cross join lateral jsonb_array_elements_text(d.numbers) as n(value)
     where d.unit_id = $1 and d.acked_at is not null and n.value in (select jsonb_array_elements_text($2::jsonb))
     group by n.value`,
    [unitId, JSON.stringify(numbers)],
  );
  for (const r of rows) out.set(r.number, new Date(r.acked_at));
  return out;
}

/** How often and when last each ticket was listed in a 即时督办 digest: number → { times, last }. */
export async function digestHistory(
  db: Queryable,
  numbers: readonly string[],
): Promise<Map<string, { times: number; last: Date }>> {
  const out = new Map<string, { times: number; last: Date }>();
  if (numbers.length === 0) return out;
  const rows = await db.query<{ number: string; times: number | string; last: Date | string }>(
    `select n.value as number, count(*) as times, max(d.sent_at) as last
     from ticket_digests d cross join lateral jsonb_array_elements_text(d.numbers) as n(value)
     where n.value in (select jsonb_array_elements_text($1::jsonb))
     group by n.value`,
    [JSON.stringify(numbers)],
  );
  for (const r of rows) out.set(r.number, { times: Number(r.times), last: new Date(r.last) });
  return out;
}
