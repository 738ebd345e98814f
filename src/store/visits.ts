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
  /** The ticket's title ('' when the ticket is gone). */
  title: string;
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
});

const SELECT = `select v.code, v.ticket_number, v.unit_id, v.reasons, v.opened_at, v.due_day, v.visited_on, v.visitor,
  v.agreed, v.recorded_by, v.recorded_at, t.title
  from visit_items v left join tickets t on t.number = v.ticket_number`;

/** The tickets written at or after `since` that may call for a visit (a cheap filter; the domain decides). */
export async function visitCandidates(
  db: Queryable,
  since: Date,
  reopenTimes: number,
): Promise<
  Array<{
    number: string;
    unitId: string;
    title: string;
    content: string;
    status: string;
    rating: string | null;
    reopenCount: number;
  }>
> {
  const rows = await db.query<{
    number: string;
    unit_id: string;
    title: string;
    content: string;
    status: string;
    rating: string | null;
    reopen_count: number;
  }>(
    `select number, unit_id, title, content, status, rating, reopen_count from tickets
     where updated_at >= $1 and (reopen_count >= $2 or rating = '不满意' or status ~ '延期|延时|短期|长期'
       or content ~ '面对面|上门|见面|当面' or title ~ '面对面|上门|见面|当面')
     order by number`,
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

/** Records (or adds to) the visit; returns the item as it was before. */
export async function recordVisit(
  db: Queryable,
  code: string,
  r: { day: string; visitor: string; agreed: string; by: string; at: Date },
): Promise<void> {
  await db.query(
    `update visit_items set visited_on = $2, visitor = $3,
       agreed = case when agreed is null or agreed = '' then $4 when $4 = '' then agreed else agreed || '；' || $4 end,
       recorded_by = $5, recorded_at = $6
     where code = $1`,
    [code, r.day, r.visitor, r.agreed, r.by, r.at],
  );
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
