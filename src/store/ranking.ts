/** The figures of the weekly summary, the 回头看 list and the 月评比 (read-only queries). */
import type { DistrictConfig } from '../config/schema.js';
import { addDays, type WorkCalendar } from '../domain/calendar.js';
import { countedDays, type RankingCoverage, rankingCoverage, type UnitMonthFigures } from '../domain/ranking.js';
import type { LookbackInput } from '../domain/tickets/lookback.js';
import { readDeployment } from './deployment.js';
import type { Roster } from '../domain/roster.js';
import { localIso } from '../domain/time.js';
import type { Queryable } from './db.js';
import { held } from './tickets.js';

export interface FigureDeps {
  db: Queryable;
  roster: Roster;
  calendar: WorkCalendar;
  config: DistrictConfig;
}

/** First and last local day of a month (YYYY-MM), and the instants bounding it. */
export function monthBounds(month: string, tz: string): { first: string; last: string; from: Date; to: Date } {
  const first = `${month}-01`;
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { first, last: addDays(next, -1), from: new Date(localIso(first, 0, 0, tz)), to: new Date(localIso(next, 0, 0, tz)) };
}

const COHORT = 'coalesce(t.assigned_at, t.first_seen_at)';

/** A month's figures and what they rest on. */
export interface MonthData {
  figures: UnitMonthFigures[];
  coverage: RankingCoverage;
}

/**
 * Each unit's counts for a month (the 月评比 method, see RANKING_METHOD). `until` is when
 * the ranking is made: tickets of the month not yet due then are not counted for 按时办结率.
 * Only the days the bot was running count (src/store/deployment.ts): report punctuality over
 * the working days since the bot started for the district (its first data) — for a unit, since it
 * is on the roster — and 按时办结率 over tickets due since then (before it no 督办 was recorded).
 */
export async function monthData(d: FigureDeps, month: string, until: Date): Promise<MonthData> {
  const tz = d.config.timezone;
  const b = monthBounds(month, tz);
  const num = (v: unknown) => Number(v ?? 0);
  const dep = await readDeployment(d.db);
  const [dh, dm] = d.config.routines.reportDeadline.split(':').map(Number) as [number, number];
  const deadlineOf = (day: string) => new Date(localIso(day, dh, dm, tz));
  const monthDays: string[] = [];
  for (let x = b.first; x <= b.last; x = addDays(x, 1)) if (d.calendar.isWorkday(x)) monthDays.push(x);
  const passed = countedDays(monthDays, deadlineOf, null, until);
  const running = countedDays(monthDays, deadlineOf, dep.startedAt, until);
  const coverage = rankingCoverage(passed.length, running.length, d.config.ranking.minCoverage);
  const tickets = new Map(
    (
      await d.db.query<Record<string, unknown>>(
        `select t.unit_id, count(*) as tickets,
           count(*) filter (where (t.done or t.due_at <= $3) and t.due_at >= $4) as due,
           count(*) filter (where t.done and t.due_at >= $4 and not exists (select 1 from ticket_escalations e where e.ticket_number = t.number and e.due_at = t.due_at)) as on_time,
           count(*) filter (where t.rating is not null) as rated,
           count(*) filter (where t.rating in ('满意', '基本满意')) as satisfied,
           count(*) filter (where t.reopen_count > 0) as reopened
         from tickets t where ${COHORT} >= $1 and ${COHORT} < $2 group by t.unit_id`,
        [b.from, b.to, until, dep.startedAt ?? new Date(0)],
      )
    ).map((r) => [String(r.unit_id), r]),
  );
  const acks = new Map<string, { delivered: number; inTime: number }>();
  const add = (u: string, delivered: number, inTime: number) => {
    const a = acks.get(u) ?? { delivered: 0, inTime: 0 };
    acks.set(u, { delivered: a.delivered + delivered, inTime: a.inTime + inTime });
  };
  for (const r of await d.db.query<Record<string, unknown>>(
    `select unit_id, count(*) as delivered, count(*) filter (where acked_at is not null and ack_reminded_at is null) as in_time
     from dispatch_targets where delivered_at >= $1 and delivered_at < $2 group by unit_id`,
    [b.from, b.to],
  )) add(String(r.unit_id), num(r.delivered), num(r.in_time));
  for (const r of await d.db.query<Record<string, unknown>>(
    `select unit_id, count(*) as delivered,
       count(*) filter (where acked_at is not null and acked_at <= delivered_at + ($3 || ' hours')::interval) as in_time
     from dual_sides where delivered_at >= $1 and delivered_at < $2 group by unit_id`,
    [b.from, b.to, String(d.config.dual.ackWithinHours)],
  )) add(String(r.unit_id), num(r.delivered), num(r.in_time));
  const reports = await reportsOfDays(d.db, passed);
  const figures = d.roster.units.map((u) => {
    const t = tickets.get(u.id);
    const a = acks.get(u.id);
    const since = dep.unitsSince.get(u.id);
    const days = since ? countedDays(running, deadlineOf, since, until) : running;
    const mine = reports.get(u.id);
    let onTime = 0;
    let filed = 0;
    for (const day of days) {
      const late = mine?.get(day);
      if (late === undefined) continue;
      filed++;
      if (!late) onTime++;
    }
    return {
      unitId: u.id,
      unitName: u.name,
      ticketsDue: num(t?.due),
      ticketsOnTime: num(t?.on_time),
      rated: num(t?.rated),
      satisfied: num(t?.satisfied),
      tickets: num(t?.tickets),
      reopened: num(t?.reopened),
      delivered: a?.delivered ?? 0,
      ackedInTime: a?.inTime ?? 0,
      workdays: u.reports ? days.length : null,
      reportsOnTime: onTime,
      reportsFiled: filed,
    };
  });
  return { figures, coverage };
}

/** Each unit's counts for a month (see monthData). */
export async function monthFigures(d: FigureDeps, month: string, until: Date): Promise<UnitMonthFigures[]> {
  return (await monthData(d, month, until)).figures;
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
  const rows = await d.db.query<{ number: string; title: string; unit_id: string; status: string; done: boolean; rating: string | null; reported_done: boolean; dual_code: string | null; return_approved: boolean }>(
    `select t.number, t.title, t.unit_id, t.status, t.done, t.rating,
       (not t.done and exists (
         select 1 from ticket_approvals a where a.ticket_number = t.number and a.decision = 'approved'
           and not exists (select 1 from ticket_events r where r.ticket_number = t.number and r.kind = 'reopened' and r.at > a.decided_at))) as return_approved,
       (not t.done and exists (
         select 1 from ticket_events e where e.ticket_number = t.number and e.kind = 'reported-done'
           and not exists (select 1 from ticket_events r where r.ticket_number = t.number and r.kind = 'reopened' and r.at > e.at))) as reported_done,
       (select r.code from dual_rounds r where r.ticket_number = t.number and r.status in ('open', 'answered') order by r.seq desc limit 1) as dual_code
     from tickets t
     where ${COHORT} >= $1 and ${COHORT} < $2 and ((not t.done and t.due_at <= $3) or t.rating = '不满意') order by t.unit_id, t.number`,
    [b.from, b.to, at],
  );
  // One the platform holds (退单, 延时申请, 挂起) waits there, as the daily nag leaves it: unless rated 不满意.
  return rows.filter((r) => r.done || r.rating === '不满意' || !held(r.status ?? '')).map((r) => ({ number: r.number, title: r.title, unitId: r.unit_id, done: r.done, rating: r.rating, reportedDone: r.reported_done === true, dualCode: r.dual_code ?? null, returnApproved: r.return_approved === true }));
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
  const rows = await db.query<{ number: string; unit_id: string; unsatisfied: boolean; reopened: boolean; done: boolean }>(
    `select t.number, t.unit_id, bool_or(g.reason = 'unsatisfied') as unsatisfied, bool_or(g.reason = 'reopened') as reopened, t.done
     from dual_triggers g join tickets t on t.number = g.ticket_number
     where g.at >= $1 and g.at < $2 group by t.number, t.unit_id, t.done order by t.unit_id, t.number`,
    [from, to],
  );
  return rows.map((r) => ({ number: r.number, unitId: r.unit_id, unsatisfied: r.unsatisfied === true, reopened: r.reopened === true, done: r.done === true }));
}

export async function weekRounds(db: Queryable, from: Date, to: Date): Promise<{ made: number; answered: number }> {
  const [r] = await db.query<{ made: number; answered: number }>(
    'select count(*)::int as made, count(answered_at)::int as answered from dual_rounds where created_at >= $1 and created_at < $2',
    [from, to],
  );
  return { made: Number(r?.made ?? 0), answered: Number(r?.answered ?? 0) };
}

/** Per unit: dual sides marked late between two instants. */
export async function lateSides(db: Queryable, from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await db.query<{ unit_id: string; n: number }>('select unit_id, count(*)::int as n from dual_sides where late_at >= $1 and late_at < $2 group by unit_id', [from, to]);
  return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}

/** Reports of the given days: unit → day → late. */
export async function reportsOfDays(db: Queryable, days: readonly string[]): Promise<Map<string, Map<string, boolean>>> {
  const out = new Map<string, Map<string, boolean>>();
  if (days.length === 0) return out;
  const rows = await db.query<{ unit_id: string; day: string; late: boolean }>('select unit_id, day, late from reports where day = any($1::text[])', [[...days]]);
  for (const r of rows) {
    const m = out.get(r.unit_id) ?? new Map<string, boolean>();
    m.set(r.day, r.late === true);
    out.set(r.unit_id, m);
  }
  return out;
}
