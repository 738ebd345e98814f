import type { RejectedRow } from '../domain/texts/tickets.js';
import type { OpenTicket } from '../domain/tickets/digest.js';
import type { TicketInput } from '../domain/tickets/row.js';
import { HELD_STATES, ticketState } from '../domain/tickets/status.js';
import { ticketTitle } from '../domain/tickets/title.js';
import type { Queryable } from './db.js';

interface TicketRow {
  number: string;
  title: string;
  content: string;
  unit_id: string;
  street: string | null;
  grid: string | null;
  assigned_at: Date | null;
  deadline_at: Date | null;
  due_at: Date;
  status: string;
  done: boolean;
  rating: string | null;
  reopen_count: number;
  category: string | null;
  address: string | null;
}

const d = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function fromRow(r: TicketRow): TicketInput {
  return {
    number: r.number,
    title: r.title,
    content: r.content,
    unitId: r.unit_id,
    street: r.street,
    grid: r.grid,
    assignedAt: d(r.assigned_at),
    deadlineAt: d(r.deadline_at),
    dueAt: d(r.due_at) as Date,
    status: r.status,
    done: r.done,
    rating: r.rating,
    reopenCount: r.reopen_count,
    ...(r.category !== null && r.category !== undefined ? { category: r.category } : {}),
    ...(r.address !== null && r.address !== undefined ? { address: r.address } : {}),
  };
}

export async function getTicket(db: Queryable, number: string): Promise<TicketInput | undefined> {
  const rows = await db.query<TicketRow>('select * from tickets where number = $1', [number]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

const RECORD =
  `number text, title text, content text, unit_id text, street text, grid text, assigned_at timestamptz,
  deadline_at timestamptz, due_at timestamptz, status text, done boolean, rating text, reopen_count int, reopened_at ` +
  `timestamptz, category text, address text`;

/** The stored tickets of these numbers (one query). */
export async function ticketsByNumbers(db: Queryable, numbers: readonly string[]): Promise<Map<string, TicketInput>> {
  const stored = new Map<string, TicketInput>();
  if (numbers.length === 0) return stored;
  const rows = await db.query<TicketRow>(
    'select * from tickets where number in (select jsonb_array_elements_text($1::jsonb))',
    [JSON.stringify(numbers)],
  );
  for (const r of rows) stored.set(r.number, fromRow(r));
  return stored;
}

/** A ticket to write, and whether this change reopens it (reopened_at is then `at`). */
export interface TicketWrite {
  ticket: TicketInput;
  reopened: boolean;
}

/**
 * Inserts or updates tickets by number in one statement (first_seen_at kept, updated_at = `at`; a
 * ticket read without a category or address keeps the stored one).
 */
export async function writeTickets(db: Queryable, writes: readonly TicketWrite[], at: Date): Promise<void> {
  if (writes.length === 0) return;
  const rows = writes.map(({ ticket: t, reopened }) => ({
    number: t.number,
    title: t.title,
    content: t.content,
    unit_id: t.unitId,
    street: t.street,
    grid: t.grid,
    assigned_at: t.assignedAt,
    deadline_at: t.deadlineAt,
    due_at: t.dueAt,
    status: t.status,
    done: t.done,
    rating: t.rating,
    reopen_count: t.reopenCount,
    reopened_at: reopened ? at : null,
    category: t.category ?? null,
    address: t.address ?? null,
  }));
  await db.query(
    `insert into tickets (number, title, content, unit_id, street, grid, assigned_at, deadline_at, due_at, ` +
      `status, done, rating, reopen_count, reopened_at, category, address, first_seen_at, updated_at)
     select x.number, x.title, x.content, x.unit_id, x.street, x.grid, x.assigned_at, x.deadline_at, x.due_at, ` +
      `x.status, x.done, x.rating, x.reopen_count, x.reopened_at, x.category, x.address, $2, $2
     from jsonb_to_recordset($1::jsonb) as x(${RECORD})
     on conflict (number) do update set title = excluded.title, content = excluded.content, unit_id = ` +
      `excluded.unit_id,
       street = excluded.street, grid = excluded.grid, assigned_at = excluded.assigned_at, deadline_at = ` +
      `excluded.deadline_at,
       due_at = excluded.due_at, status = excluded.status, done = excluded.done, rating = excluded.rating,
       reopen_count = excluded.reopen_count, reopened_at = coalesce(excluded.reopened_at, tickets.reopened_at), ` +
      `category = coalesce(excluded.category, tickets.category), address = coalesce(excluded.address, ` +
      `tickets.address), updated_at = excluded.updated_at`,
    [JSON.stringify(rows), at],
  );
}

export interface NewTicketEvent {
  ticketNumber: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface InsertedTicketEvent extends NewTicketEvent {
  id: string;
  at: Date;
}

/**
 * Inserts ticket events in one statement, all at `at` from `source`. With `returning`, gives
 * back the inserted rows with their ids (in no particular order); else an empty list.
 */
export async function insertTicketEvents(
  db: Queryable,
  events: readonly NewTicketEvent[],
  at: Date,
  source: string,
  o: { returning?: boolean } = {},
): Promise<InsertedTicketEvent[]> {
  if (events.length === 0) return [];
  const rows = await db.query<{
    id: string | number;
    ticket_number: string;
    kind: string;
    detail: Record<string, unknown>;
    at: Date | string;
  }>(
    `insert into ticket_events (ticket_number, kind, at, source, detail)
     select x.ticket_number, x.kind, $2, $3, x.detail from jsonb_to_recordset($1::jsonb) as x(ticket_number text, ` +
      `kind text, detail jsonb)${o.returning ? ' returning id, ticket_number, kind, detail, at' : ''}`,
    [
      JSON.stringify(events.map((e) => ({ ticket_number: e.ticketNumber, kind: e.kind, detail: e.detail }))),
      at,
      source,
    ],
  );
  return rows.map((r) => ({
    id: String(r.id),
    ticketNumber: r.ticket_number,
    kind: r.kind,
    detail: r.detail,
    at: new Date(r.at),
  }));
}

export async function recordTicketEvent(
  db: Queryable,
  number: string,
  kind: string,
  at: Date,
  source: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await db.query('insert into ticket_events (ticket_number, kind, at, source, detail) values ($1,$2,$3,$4,$5)', [
    number,
    kind,
    at,
    source,
    JSON.stringify(detail),
  ]);
}

export interface ImportRecord {
  source: string;
  senderId: string | null;
  fileName: string | null;
  at: Date;
  counts: BatchOutcome & { rejected: number };
  rejected: readonly RejectedRow[];
}

export async function recordImport(db: Queryable, r: ImportRecord): Promise<void> {
  await db.query(
    `insert into ticket_imports (source, sender_id, file_name, at, created, updated, unchanged, rejected, rejected_rows)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [
      r.source,
      r.senderId,
      r.fileName,
      r.at,
      r.counts.created,
      r.counts.updated,
      r.counts.unchanged,
      r.counts.rejected,
      JSON.stringify(r.rejected.slice(0, 10_000)),
    ],
  );
}

/** Of these numbers, those the unit already reported done (and not reopened since). */
export async function alreadyReportedDone(db: Queryable, numbers: readonly string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db.query<{ ticket_number: string }>(
    `select distinct e.ticket_number from ticket_events e where e.ticket_number in (select ` +
      `jsonb_array_elements_text($1::jsonb)) and e.kind = 'reported-done'
       and not exists (select 1 from ticket_events r where r.ticket_number = e.ticket_number and r.kind = 'reopened' ` +
      `and r.at > e.at)`,
    [JSON.stringify(numbers)],
  );
  return new Set(rows.map((r) => r.ticket_number));
}

/** SQL: whether a leader approved the ticket's 退办 / 不再办理 (and it was not reopened since). */
const RETURN_APPROVED = (alias: string) =>
  `exists (
       select 1 from ticket_approvals a where a.ticket_number = ${alias}.number and a.decision = 'approved'
         and not exists (select 1 from ticket_events r where r.ticket_number = ${alias}.number and r.kind = ` +
  `'reopened' and r.at > a.decided_at)
     ) as return_approved`;

/** The unit said 已办结 and the ticket was not reopened since (the platform has not confirmed it yet). */
const REPORTED_DONE = (alias: string) =>
  `exists (
       select 1 from ticket_events e where e.ticket_number = ${alias}.number and e.kind = 'reported-done'
         and not exists (select 1 from ticket_events r where r.ticket_number = ${alias}.number and r.kind = ` +
  `'reopened' and r.at > e.at)
     ) as reported_done`;

/** A status the platform holds the ticket in (退单, 延时申请, 挂起): it waits, never nagged nor listed. */
export const held = (status: string) => status !== '' && HELD_STATES.has(ticketState(status));

/** An open ticket as the nag, the 蓝色提醒 and a unit's 待办 read it (with what the platform holds it in). */
interface OpenTicketRow {
  number: string;
  title: string;
  /** Where selected, a ticket without a 标题 is named by the start of its 诉求内容 (ticketTitle). */
  content?: string;
  unit_id?: string;
  due_at: Date;
  reopen_count: number;
  status: string;
  reported_done: boolean;
  return_approved: boolean;
}

function openTicketOf(r: OpenTicketRow, unitId = r.unit_id ?? ''): OpenTicket {
  return {
    number: r.number,
    title: r.content === undefined ? r.title : ticketTitle(r.title, r.content),
    unitId,
    dueAt: new Date(r.due_at),
    reopenCount: r.reopen_count,
    reportedDone: r.reported_done === true,
    returnApproved: r.return_approved === true,
  };
}

/** A ticket's history as 三色督办 reads it: deadline extensions and 不满意 ratings. */
export interface TicketHistoryCounts {
  extensions: number;
  unsatisfied: number;
}

/**
 * 三色督办's red by history, set-based over the history events only (partial index, migration 020): each open
 * ticket extended at least `extensions` times or rated 不满意 at least `unsatisfied` times, with both counts.
 * An extension is a change (one import) that moved the deadline later without reopening the ticket (a reopened
 * ticket's new 办理时限 is a new round, not a 延期). A 不满意 is each change of the rating to 不满意, and the
 * rating the ticket was first seen with (the first rating change's `from`, else the rating now).
 */
export async function openTicketsRedByHistory(
  db: Queryable,
  th: { extensions: number; unsatisfied: number },
): Promise<Map<string, TicketHistoryCounts>> {
  // Only a ticket with enough deadline and rating changes can be red: `extensions` of them, or 2n − 1 for n 不满意
  // (不满意 → 满意 → 不满意, the first seen with). Counting its history events first (reopens too: the index's own
  // rows) reads only the index; the rest reads those few tickets' events.
  const least = Math.max(1, Math.min(th.extensions, 2 * th.unsatisfied - 1));
  const rows = await db.query<{ number: string; extensions: number; unsatisfied: number }>(
    `with k as (
       select ticket_number from ticket_events where kind in ('deadline', 'rating', 'reopened')
       group by ticket_number having count(*) >= $3::int
     ), c as (
       select e.ticket_number, e.at,
         bool_or(e.kind = 'deadline' and (e.detail->>'to')::timestamptz > (e.detail->>'from')::timestamptz) as later,
         bool_or(e.kind = 'reopened') as reopened,
         bool_or(e.kind = 'rating' and e.detail->>'to' = '不满意') as unsatisfied,
         min(case when e.kind = 'rating' then coalesce(e.detail->>'from', '') end) as rated_from
       from ticket_events e
       where e.ticket_number = any(array(select ticket_number from k)) and e.kind in ('deadline', 'rating', 'reopened')
       group by e.ticket_number, e.at
     ), h as (
       select ticket_number,
         count(*) filter (where later and not reopened)::int as extensions,
         count(*) filter (where unsatisfied)::int as unsatisfied,
         (array_agg(rated_from order by at) filter (where rated_from is not null))[1] as first_from
       from c group by ticket_number
     ), x as (
       select t.number, h.extensions,
         h.unsatisfied + case when coalesce(h.first_from, t.rating) = '不满意' then 1 else 0 end as unsatisfied
       from h join tickets t on t.number = h.ticket_number and not t.done
       union all
       select t.number, 0, 1 from tickets t
       where not t.done and t.rating = '不满意' and $2::int <= 1
         and not exists (select 1 from h where h.ticket_number = t.number)
     )
     select number, extensions, unsatisfied from x where extensions >= $1::int or unsatisfied >= $2::int`,
    [th.extensions, th.unsatisfied, least],
  );
  return new Map(rows.map((r) => [r.number, { extensions: Number(r.extensions), unsatisfied: Number(r.unsatisfied) }]));
}

/**
 * The nag scan's one pass: open tickets due before `until` (overdue or due today) and open
 * reopened ones, through the two partial indexes; with `red` (三色督办's thresholds), also the open
 * tickets red by their history, each listed ticket with its counts; those the platform holds
 * (退单, 延时申请, 挂起) left out.
 */
export async function openTicketsToNag(
  db: Queryable,
  until: Date,
  red?: { extensions: number; unsatisfied: number },
): Promise<OpenTicket[]> {
  const history = red ? await openTicketsRedByHistory(db, red) : new Map<string, TicketHistoryCounts>();
  // reported_done: the unit said 已办结 (and the ticket was not reopened since); the platform has not confirmed it yet.
  const rows = await db.query<OpenTicketRow>(
    `with o as (
       select number, title, unit_id, due_at, reopen_count, status from tickets where not done and due_at < $1
       union all
       select number, title, unit_id, due_at, reopen_count, status from tickets where not done and reopen_count > 0 ` +
      `and due_at >= $1
       union all
       select number, title, unit_id, due_at, reopen_count, status from tickets
       where number in (select jsonb_array_elements_text($2::jsonb)) and not done and reopen_count = 0 and due_at >= $1)
     select o.*, ${REPORTED_DONE('o')}, ${RETURN_APPROVED('o')} from o`,
    [until, JSON.stringify([...history.keys()])],
  );
  return rows
    .filter((r) => !held(r.status))
    .map((r) => {
      const t = openTicketOf(r);
      const h = history.get(t.number);
      return h ? { ...t, ...h } : t;
    });
}

/**
 * 蓝色提醒: open tickets due after `from` and by `until` (the next working days' deadlines), those
 * the platform holds, the unit reported done or a leader approved returning left out.
 */
export async function openTicketsDueBetween(db: Queryable, from: Date, until: Date): Promise<OpenTicket[]> {
  const rows = await db.query<OpenTicketRow>(
    `select t.number, t.title, t.content, t.unit_id, t.due_at, t.reopen_count, t.status,
       ${REPORTED_DONE('t')}, ${RETURN_APPROVED('t')}
     from tickets t where not t.done and t.due_at > $1 and t.due_at <= $2 order by t.due_at, t.number`,
    [from, until],
  );
  return rows
    .filter((r) => !held(r.status) && r.reported_done !== true && r.return_approved !== true)
    .map((r) => openTicketOf(r));
}

/**
 * A unit's open tickets that are overdue at `now` or reopened, oldest due first (the unit's 待办
 * list), each with whether the unit reported it 已办结 (not reopened since) as the nag marks it.
 */
export async function overdueOrReopenedOfUnit(db: Queryable, unitId: string, now: Date): Promise<OpenTicket[]> {
  const rows = await db.query<OpenTicketRow>(
    `select t.number, t.title, t.content, t.due_at, t.reopen_count, t.status,
       ${REPORTED_DONE('t')}, ${RETURN_APPROVED('t')}
     from tickets t
     where t.unit_id = $1 and not t.done and (t.due_at < $2 or t.reopen_count > 0) order by t.due_at, t.number`,
    [unitId, now],
  );
  return rows.filter((r) => !held(r.status)).map((r) => openTicketOf(r, unitId));
}

/** A unit's open ticket as a message without its number may name it: number, title and 诉求. */
export interface UnitOpenTicket {
  number: string;
  title: string;
  content: string;
  dueAt: Date;
}

/**
 * All of a unit's open tickets (those the platform holds left out), soonest due first, at most `limit`: which one a
 * message naming no number speaks of (学位那件已办结).
 */
export async function openTicketsOfUnit(db: Queryable, unitId: string, limit = 500): Promise<UnitOpenTicket[]> {
  const rows = await db.query<{ number: string; title: string; content: string; due_at: Date; status: string }>(
    `select number, title, content, due_at, status from tickets where unit_id = $1 and not done
     order by due_at, number limit $2`,
    [unitId, limit],
  );
  return rows
    .filter((r) => !held(r.status))
    .map((r) => ({
      number: r.number,
      title: ticketTitle(r.title, r.content),
      content: r.content,
      dueAt: new Date(r.due_at),
    }));
}

/**
 * How many open tickets are overdue at `now`, and how many are reopened (all units; those the platform holds left out).
 */
export async function overdueAndReopenedCounts(
  db: Queryable,
  now: Date,
): Promise<{ overdue: number; reopened: number }> {
  const rows = await db.query<{ status: string; overdue: number; reopened: number }>(
    `select status, count(*) filter (where due_at < $1)::int as overdue, count(*) filter (where reopen_count > ` +
      `0)::int as reopened
     from tickets where not done group by status`,
    [now],
  );
  const counted = rows.filter((r) => !held(r.status));
  return { overdue: counted.reduce((n, r) => n + r.overdue, 0), reopened: counted.reduce((n, r) => n + r.reopened, 0) };
}
