/** Console login links and sessions (migration 006). Tokens are random; only hashes are stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { ReportFigures } from '../domain/report/figures.js';
import type { Queryable } from './db.js';

export type TokenKind = 'link' | 'session';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** 32 random bytes, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * Issues a token; returns the token (shown once, never stored). A link asked for by the same
 * message twice (a redelivery) is a new token: the earlier one stays valid until it expires.
 */
export async function issueToken(
  db: Queryable,
  kind: TokenKind,
  personId: string,
  now: Date,
  ttlMs: number,
  fromMessage: string | null = null,
): Promise<string> {
  const token = newToken();
  await db.query(
    'insert into console_tokens (token_hash, kind, person_id, created_at, expires_at, from_message) values ($1,' +
      '$2,$3,$4,$5,$6)',
    [hashToken(token), kind, personId, now, new Date(now.getTime() + ttlMs), fromMessage],
  );
  return token;
}

/**
 * Spends a login link: marks it used in the same statement that checks it (two tabs opening
 * the same link get one session). Returns the person, or null for an unknown, used or expired link.
 */
export async function redeemLink(db: Queryable, token: string, now: Date): Promise<string | null> {
  const rows = await db.query<{ person_id: string }>(
    `update console_tokens set used_at = $2 where token_hash = $1 and kind = 'link' and used_at is null and ` +
      `expires_at > $2 returning person_id`,
    [hashToken(token), now],
  );
  return rows[0]?.person_id ?? null;
}

/** The person of a live session, or null. */
export async function sessionPerson(db: Queryable, token: string, now: Date): Promise<string | null> {
  const rows = await db.query<{ person_id: string }>(
    `select person_id from console_tokens where token_hash = $1 and kind = 'session' and used_at is null and ` +
      `expires_at > $2`,
    [hashToken(token), now],
  );
  return rows[0]?.person_id ?? null;
}

/** Revokes a link or session that was never handed over (a withheld or failed delivery). */
export async function revokeToken(db: Queryable, token: string, now: Date): Promise<void> {
  await db.query(
    'update console_tokens set used_at = coalesce(used_at, $2), expires_at = least(expires_at, $2) where ' +
      'token_hash = $1',
    [hashToken(token), now],
  );
}

/** Ends a session (logout). */
export async function endSession(db: Queryable, token: string, now: Date): Promise<void> {
  await db.query(`update console_tokens set used_at = $2 where token_hash = $1 and kind = 'session'`, [
    hashToken(token),
    now,
  ]);
}

/** Removes tokens that expired more than a day ago. */
export async function pruneTokens(db: Queryable, now: Date): Promise<void> {
  await db.query('delete from console_tokens where expires_at < $1', [new Date(now.getTime() - 86_400_000)]);
}

// ---- Read models for the console pages -------------------------------------------------

export interface UnitDay extends Omit<ReportFigures, 'returned'> {
  day: string;
  late: boolean;
  receivedAt: Date;
}

/** A unit's reports between two days (inclusive), oldest first. */
export async function unitReports(db: Queryable, unitId: string, fromDay: string, toDay: string): Promise<UnitDay[]> {
  const rows = await db.query<Record<string, unknown>>(
    'select * from reports where unit_id = $1 and day >= $2 and day <= $3 order by day',
    [unitId, fromDay, toDay],
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    day: String(r.day),
    received: num(r.received),
    completed: num(r.completed),
    inProgress: num(r.in_progress),
    overdue: num(r.overdue),
    reopened: num(r.reopened),
    unsatisfied: num(r.unsatisfied),
    onTimeRate: num(r.on_time_rate),
    satisfactionRate: num(r.satisfaction_rate),
    late: r.late === true,
    receivedAt: new Date(r.received_at as string | Date),
  }));
}

/** Dispatches answered since a time (the 调度 page lists them under the open ones). */
export async function recentlyAnsweredDispatchIds(db: Queryable, since: Date): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    "select code from dispatches where status = 'answered' and answered_at >= $1 order by id desc limit 50",
    [since],
  );
  return rows.map((r) => r.code);
}

/** The highest ladder step taken per ticket for its current deadline. */
export async function ticketSteps(
  db: Queryable,
  numbers: readonly string[],
): Promise<Map<string, { step: string; at: Date }[]>> {
  const out = new Map<string, { step: string; at: Date }[]>();
  if (numbers.length === 0) return out;
  const rows = await db.query<{ ticket_number: string; step: string; taken_at: Date }>(
    `select e.ticket_number, e.step, e.taken_at from ticket_escalations e join tickets t on t.number = ` +
      `e.ticket_number and t.due_at = e.due_at
     where e.ticket_number in (select jsonb_array_elements_text($1::jsonb)) order by e.taken_at`,
    [JSON.stringify(numbers)],
  );
  for (const r of rows) {
    const l = out.get(r.ticket_number) ?? [];
    l.push({ step: r.step, at: new Date(r.taken_at) });
    out.set(r.ticket_number, l);
  }
  return out;
}

/**
 * 双派单 rounds for the 调度 page: those still open or awaiting the back-check, then those closed since a time (newest
 * first).
 */
export async function consoleDualRoundIds(db: Queryable, closedSince: Date): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `select id from dual_rounds where status in ('open', 'answered') or closed_at >= $1
     order by case when status = 'closed' then 1 else 0 end, case when status = 'closed' then -id else id end limit 50`,
    [closedSince],
  );
  return rows.map((r) => Number(r.id));
}
