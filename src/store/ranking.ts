/**
 * The counts behind the weekly summary, the 回头看 list and the 月评比 (read-only queries; the figures are made in
 * domain/ranking.ts).
 */
import type { DistrictConfig } from '../config/schema.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { monthBounds, type UnitAckCounts, type UnitTicketCounts } from '../domain/ranking.js';
import type { Roster } from '../domain/roster.js';
import type { LookbackInput } from '../domain/tickets/lookback.js';
import type { Queryable } from './db.js';
import { held } from './tickets.js';

export interface FigureDeps {
  db: Queryable;
  roster: Roster;
  calendar: WorkCalendar;
  config: DistrictConfig;
}

const COHORT = 'coalesce(t.assigned_at, t.first_seen_at)';
const num = (v: unknown) => Number(v ?? 0);

/**
 * Ticket counts per unit for the tickets of a month (by 派单时间, else when first seen, in
 * [from, to)): those now due (done, or due by `until`) since `since`, done and never overdue,
 * rated, rated 满意 / 基本满意, reopened.
 */
export async function monthTicketCounts(
  db: Queryable,
  from: Date,
  to: Date,
  until: Date,
  since: Date,
): Promise<Map<string, UnitTicketCounts>> {
  const rows = await db.query<Record<string, unknown>>(
    `select t.unit_id, count(*) as tickets,
       count(*) filter (where (t.done or t.due_at <= $3) and t.due_at >= $4) as due,
       count(*) filter (where t.done and t.due_at >= $4 and not exists (select 1 from ticket_escalations e where ` +
      `e.ticket_number = t.number and e.due_at = t.due_at)) as on_time,
       count(*) filter (where t.rating is not null) as rated,
       count(*) filter (where t.rating in ('满意', '基本满意')) as satisfied,
       count(*) filter (where t.reopen_count > 0) as reopened
     from tickets t where ${COHORT} >= $1 and ${COHORT} < $2 group by t.unit_id`,
    [from, to, until, since],
  );
  return new Map(
    rows.map((r) => [
      String(r.unit_id),
      {
        tickets: num(r.tickets),
        due: num(r.due),
        onTime: num(r.on_time),
        rated: num(r.rated),
        satisfied: num(r.satisfied),
        reopened: num(r.reopened),
      },
    ]),
  );
}

/** Dispatch deliveries per unit in [from, to), and those signed before their reminder. */
export async function dispatchAckCounts(db: Queryable, from: Date, to: Date): Promise<UnitAckCounts[]> {
  const rows = await db.query<Record<string, unknown>>(
    `select unit_id, count(*) as delivered, count(*) filter (where acked_at is not null and ack_reminded_at is ` +
      `null) as in_time
     from dispatch_targets where delivered_at >= $1 and delivered_at < $2 group by unit_id`,
    [from, to],
  );
  return rows.map((r) => ({ unitId: String(r.unit_id), delivered: num(r.delivered), inTime: num(r.in_time) }));
}

/** 双派单 side deliveries per unit in [from, to), and those signed within `ackWithinHours`. */
export async function dualAckCounts(
  db: Queryable,
  from: Date,
  to: Date,
  ackWithinHours: number,
): Promise<UnitAckCounts[]> {
  const rows = await db.query<Record<string, unknown>>(
    `select unit_id, count(*) as delivered,
       count(*) filter (where acked_at is not null and acked_at <= delivered_at + ($3 || ' hours')::interval) as in_time
     from dual_sides where delivered_at >= $1 and delivered_at < $2 group by unit_id`,
    [from, to, String(ackWithinHours)],
  );
  return rows.map((r) => ({ unitId: String(r.unit_id), delivered: num(r.delivered), inTime: num(r.in_time) }));
}

/** A ticket as 回头看 weighs it (the domain's input shape). */
export type LookbackTicket = LookbackInput;

/**
 * 回头看: the month's tickets still unresolved at `at` — open and past their deadline (a ticket
 * still within its time limit is being handled, not unresolved; one the platform holds, 挂起 /
 * 退单 / 延时申请, waits there as in the daily nag) — or rated 不满意.
 */
export async function lookbackTickets(d: FigureDeps, month: string, at: Date): Promise<LookbackTicket[]> {
  const b = monthBounds(month, d.config.timezone);
  const rows = await d.db.query<{
    number: string;
    title: string;
    unit_id: string;
    status: string;
    done: boolean;
    rating: string | null;
    reported_done: boolean;
    dual_code: string | null;
    return_approved: boolean;
  }>(
    `select t.number, t.title, t.unit_id, t.status, t.done, t.rating,
       (not t.done and exists (
         select 1 from ticket_approvals a where a.ticket_number = t.number and a.decision = 'approved'
           and not exists (select 1 from ticket_events r where r.ticket_number = t.number and r.kind = 'reopened' ` +
      `and r.at > a.decided_at))) as return_approved,
       (not t.done and exists (
         select 1 from ticket_events e where e.ticket_number = t.number and e.kind = 'reported-done'
           and not exists (select 1 from ticket_events r where r.ticket_number = t.number and r.kind = 'reopened' ` +
      `and r.at > e.at))) as reported_done,
       (select r.code from dual_rounds r where r.ticket_number = t.number and r.status in ('open', 'answered') order ` +
      `by r.seq desc limit 1) as dual_code
     from tickets t
     where ${COHORT} >= $1 and ${COHORT} < $2 and ((not t.done and t.due_at <= $3) or t.rating = '不满意') order by ` +
      `t.unit_id, t.number`,
    [b.from, b.to, at],
  );
  // One the platform holds (退单, 延时申请, 挂起) waits there, as the daily nag leaves it: unless rated 不满意.
  return rows
    .filter((r) => r.done || r.rating === '不满意' || !held(r.status ?? ''))
    .map((r) => ({
      number: r.number,
      title: r.title,
      unitId: r.unit_id,
      done: r.done,
      rating: r.rating,
      reportedDone: r.reported_done === true,
      dualCode: r.dual_code ?? null,
      returnApproved: r.return_approved === true,
    }));
}

export interface WeekTicket {
  number: string;
  unitId: string;
  unsatisfied: boolean;
  reopened: boolean;
  done: boolean;
}

/** The tickets that became 不满意 or 重办 between two instants (the dual triggers). */
export async function weekTickets(db: Queryable, from: Date, to: Date): Promise<WeekTicket[]> {
  const rows = await db.query<{
    number: string;
    unit_id: string;
    unsatisfied: boolean;
    reopened: boolean;
    done: boolean;
  }>(
    `select t.number, t.unit_id, bool_or(g.reason = 'unsatisfied') as unsatisfied, bool_or(g.reason = ` +
      `'reopened') as reopened, t.done
     from dual_triggers g join tickets t on t.number = g.ticket_number
     where g.at >= $1 and g.at < $2 group by t.number, t.unit_id, t.done order by t.unit_id, t.number`,
    [from, to],
  );
  return rows.map((r) => ({
    number: r.number,
    unitId: r.unit_id,
    unsatisfied: r.unsatisfied === true,
    reopened: r.reopened === true,
    done: r.done === true,
  }));
}

export async function weekRounds(db: Queryable, from: Date, to: Date): Promise<{ made: number; answered: number }> {
  const [r] = await db.query<{ made: number; answered: number }>(
    'select count(*)::int as made, count(answered_at)::int as answered from dual_rounds where created_at >= $1 ' +
      'and created_at < $2',
    [from, to],
  );
  return { made: Number(r?.made ?? 0), answered: Number(r?.answered ?? 0) };
}

/** Per unit: dual sides marked late between two instants. */
export async function lateSides(db: Queryable, from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await db.query<{ unit_id: string; n: number }>(
    'select unit_id, count(*)::int as n from dual_sides where late_at >= $1 and late_at < $2 group by unit_id',
    [from, to],
  );
  return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}

/** Reports of the given days: unit → day → late. */
export async function reportsOfDays(
  db: Queryable,
  days: readonly string[],
): Promise<Map<string, Map<string, boolean>>> {
  const out = new Map<string, Map<string, boolean>>();
  if (days.length === 0) return out;
  const rows = await db.query<{ unit_id: string; day: string; late: boolean }>(
    'select unit_id, day, late from reports where day = any($1::text[])',
    [[...days]],
  );
  for (const r of rows) {
    const m = out.get(r.unit_id) ?? new Map<string, boolean>();
    m.set(r.day, r.late === true);
    out.set(r.unit_id, m);
  }
  return out;
}
