/** 四个必到 (issue 18 §2): the visit items, their steps and their visit records. SQL only. */
import type { VisitReason } from '../domain/visits/triggers.js';
import type { Queryable } from './db.js';

export interface VisitItem {
  code: string;
  ticketNumber: string;
  unitId: string;
  reasons: VisitReason[];
  openedAt: Date;
  dueDay: string;
  visitedOn: string | null;
  visitor: string | null;
  agreed: string | null;
  recordedBy: string | null;
  recordedAt: Date | null;
  /** The ticket's title and content ('' when the ticket is gone). */
  title: string;
  content: string;
  /** The ticket's reopen count (0 when the ticket is gone). */
  reopenCount: number;
  /** Why it cannot be solved soon, as far as the ticket shows: its status, an extension, the unit said so. */
  prolongedBy: { status: boolean; extended: boolean; said: boolean };
}

interface VisitRow {
  code: string;
  ticket_number: string;
  unit_id: string;
  reasons: VisitReason[];
  opened_at: Date;
  due_day: string;
  visited_on: string | null;
  visitor: string | null;
  agreed: string | null;
  recorded_by: string | null;
  recorded_at: Date | null;
  title: string | null;
  content: string | null;
  reopen_count: number | null;
  status_says: boolean | null;
  extended: boolean;
  said: boolean;
}

const fromRow = (r: VisitRow): VisitItem => ({
  code: r.code,
  ticketNumber: r.ticket_number,
  unitId: r.unit_id,
  reasons: r.reasons,
  openedAt: new Date(r.opened_at),
  dueDay: r.due_day,
  visitedOn: r.visited_on,
  visitor: r.visitor,
  agreed: r.agreed,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at === null ? null : new Date(r.recorded_at),
  title: r.title ?? '',
  content: r.content ?? '',
  reopenCount: r.reopen_count ?? 0,
  prolongedBy: { status: r.status_says === true, extended: r.extended, said: r.said },
});

/**
 * The deadline events that moved a deadline later (ISO strings of one format compare as times): extensions, unless
 * the same import reopened the ticket, gave it to another unit or dispatched it anew (a new deadline, no extension).
 */
const EXTENSIONS = `select e.ticket_number from ticket_events e
  where e.kind = 'deadline' and e.detail->>'from' is not null and e.detail->>'to' is not null
  and e.detail->>'to' > e.detail->>'from'
  and not exists (select 1 from ticket_events o where o.ticket_number = e.ticket_number and o.at = e.at
    and (o.kind in ('reopened', 'unit') or (o.kind = 'details' and o.detail->'fields' ? 'assignedAt')))`;

/** The ticket event kind of a unit saying in the chat that a ticket cannot be solved soon. */
export const PROLONGED_SAID = 'prolonged-said';
/** The ticket event kind of a 必到 visit recorded (the visit kept with the ticket's history). */
export const VISIT_RECORDED = 'visit-recorded';

const SELECT = `select v.code, v.ticket_number, v.unit_id, v.reasons, v.opened_at, v.due_day, v.visited_on, v.visitor,
  v.agreed, v.recorded_by, v.recorded_at, t.title, t.content, t.reopen_count,
  t.status ~ '延期|延时|短期|长期' as status_says,
  exists (${EXTENSIONS} and e.ticket_number = v.ticket_number) as extended,
  exists (select 1 from ticket_events s
    where s.ticket_number = v.ticket_number and s.kind = '${PROLONGED_SAID}') as said
  from visit_items v left join tickets t on t.number = v.ticket_number`;

/** A ticket that may call for a visit, as the domain reads it (domain/visits/triggers.ts). */
export interface VisitCandidate {
  number: string;
  unitId: string;
  title: string;
  content: string;
  status: string;
  rating: string | null;
  reopenCount: number;
  /** Its deadline was moved later by an import (ticket_events 'deadline', both ends known). */
  extended: boolean;
}

/** The tickets written at or after `since` that may call for a visit (a cheap filter; the domain decides). */
export async function visitCandidates(db: Queryable, since: Date, reopenTimes: number): Promise<VisitCandidate[]> {
  const rows = await db.query<{
    number: string;
    unit_id: string;
    title: string;
    content: string;
    status: string;
    rating: string | null;
    reopen_count: number;
    extended: boolean;
  }>(
    // Extended by an import since `since` (an earlier one was seen by the import that made it): one scan of the
    // recent deadline events, not one look-up per ticket.
    `with ext as (${EXTENSIONS} and e.at >= $1)
     select t.number, t.unit_id, t.title, t.content, t.status, t.rating, t.reopen_count,
       t.number in (select ticket_number from ext) as extended
     from tickets t
     where t.updated_at >= $1
       and (t.reopen_count >= $2 or t.rating = '不满意' or t.status ~ '延期|延时|短期|长期'
       or t.content ~ '面对面|上门|见面|当面' or t.title ~ '面对面|上门|见面|当面'
       or t.number in (select ticket_number from ext))
     order by t.number`,
    [since, reopenTimes],
  );
  return rows.map((r) => ({
    number: r.number,
    unitId: r.unit_id,
    title: r.title,
    content: r.content,
    status: r.status,
    rating: r.rating,
    reopenCount: r.reopen_count,
    extended: r.extended,
  }));
}

/** The reasons of the items already opened, per ticket. */
export async function openedReasons(db: Queryable, numbers: readonly string[]): Promise<Map<string, string[][]>> {
  const out = new Map<string, string[][]>();
  if (numbers.length === 0) return out;
  const rows = await db.query<{ ticket_number: string; reasons: string[] }>(
    `select ticket_number, reasons from visit_items
     where ticket_number in (select jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(numbers)],
  );
  for (const r of rows) out.set(r.ticket_number, [...(out.get(r.ticket_number) ?? []), r.reasons]);
  return out;
}

export interface NewVisitItem {
  ticket_number: string;
  unit_id: string;
  reasons: VisitReason[];
  due_day: string;
}

/** Opens items (one per ticket and reason set, a second identical one is a no-op); returns the codes opened. */
export async function insertVisitItems(db: Queryable, items: readonly NewVisitItem[], at: Date): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await db.query<{ code: string }>(
    `insert into visit_items (ticket_number, unit_id, reasons, opened_at, due_day)
     select x.ticket_number, x.unit_id, x.reasons, $2, x.due_day
     from jsonb_to_recordset($1::jsonb) as x(ticket_number text, unit_id text, reasons jsonb, due_day text)
     on conflict (ticket_number, reasons) do nothing returning code`,
    [JSON.stringify(items), at],
  );
  return rows.map((r) => r.code);
}

/** Every visit not yet recorded, oldest first. */
export async function owedVisits(db: Queryable, unitId?: string): Promise<VisitItem[]> {
  const rows = await db.query<VisitRow>(
    `${SELECT} where v.recorded_at is null ${unitId === undefined ? '' : 'and v.unit_id = $1'} order by v.id`,
    unitId === undefined ? [] : [unitId],
  );
  return rows.map(fromRow);
}

export async function getVisit(db: Queryable, code: string): Promise<VisitItem | undefined> {
  const rows = await db.query<VisitRow>(`${SELECT} where v.code = $1`, [code.toUpperCase()]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/** Visits recorded in [from, to). */
export async function visitsRecordedBetween(db: Queryable, from: Date, to: Date): Promise<VisitItem[]> {
  const rows = await db.query<VisitRow>(`${SELECT} where v.recorded_at >= $1 and v.recorded_at < $2 order by v.id`, [
    from,
    to,
  ]);
  return rows.map(fromRow);
}

/**
 * Writes a visit record: `record` sets the day and the visitor and adds what was agreed; `supplement` adds what was
 * agreed (and sets the day or the visitor when given); `correct` replaces what it gives. The last writer and time are
 * kept (recorded_at: the first record's time stays). Returns the item as it is now.
 */
export async function recordVisit(
  db: Queryable,
  code: string,
  r: {
    mode: 'record' | 'supplement' | 'correct';
    day: string | null;
    visitor: string | null;
    agreed: string;
    by: string;
    at: Date;
  },
): Promise<VisitItem | undefined> {
  const agreed =
    r.mode === 'correct'
      ? `case when $4 = '' then agreed else $4 end`
      : `case when agreed is null or agreed = '' then $4 when $4 = '' then agreed else agreed || '；' || $4 end`;
  await db.query(
    `update visit_items set visited_on = coalesce($2, visited_on), visitor = coalesce($3, visitor),
       agreed = ${agreed}, recorded_by = $5, recorded_at = coalesce(recorded_at, $6)
     where code = $1`,
    [code, r.day, r.visitor, r.agreed, r.by, r.at],
  );
  return getVisit(db, code);
}

/** The items still owed that were never delivered (no 'opened' step), oldest first. */
export async function undeliveredVisits(db: Queryable): Promise<VisitItem[]> {
  const rows = await db.query<VisitRow>(
    `${SELECT} where v.recorded_at is null
       and not exists (select 1 from visit_steps s where s.code = v.code and s.step = 'opened') order by v.id`,
  );
  return rows.map(fromRow);
}

/** A unit's items (or every unit's): those owed, and those recorded at or after `doneSince`. */
export async function visitsForConsole(db: Queryable, doneSince: Date, unitId?: string): Promise<VisitItem[]> {
  const rows = await db.query<VisitRow>(
    `${SELECT} where (v.recorded_at is null or v.recorded_at >= $1) ${unitId === undefined ? '' : 'and v.unit_id = $2'}
     order by v.unit_id, v.recorded_at is not null, v.due_day, v.id`,
    unitId === undefined ? [doneSince] : [doneSince, unitId],
  );
  return rows.map(fromRow);
}

/** The steps taken of these items: code → step → when (remind:<day> steps as 'remind', the latest). */
export async function visitStepsOf(db: Queryable, codes: readonly string[]): Promise<Map<string, Map<string, Date>>> {
  const out = new Map<string, Map<string, Date>>();
  if (codes.length === 0) return out;
  const rows = await db.query<{ code: string; step: string; taken_at: Date }>(
    `select code, step, taken_at from visit_steps where code in (select jsonb_array_elements_text($1::jsonb))
     order by taken_at`,
    [JSON.stringify(codes)],
  );
  for (const r of rows) {
    const m = out.get(r.code) ?? new Map<string, Date>();
    m.set(r.step.startsWith('remind:') ? 'remind' : r.step, new Date(r.taken_at));
    out.set(r.code, m);
  }
  return out;
}

/** Claims a step of an item once; true when this call took it. */
export async function claimVisitStep(
  db: Queryable,
  code: string,
  step: string,
  recipients: readonly string[],
  at: Date,
): Promise<boolean> {
  const rows = await db.query<{ code: string }>(
    `insert into visit_steps (code, step, taken_at, recipients) values ($1, $2, $3, $4::jsonb)
     on conflict do nothing returning code`,
    [code, step, at, JSON.stringify(recipients)],
  );
  return rows.length > 0;
}
