/** Formal notices and their numbers per year (migration 016). */
import type { Db, Queryable } from './db.js';

export type NoticeKind = 'written' | 'referral';

export interface NoticeRow {
  notice_key: string;
  kind: NoticeKind;
  year: number;
  seq: number;
  unit_ids: string[];
  ticket_numbers: string[];
  issued_at: Date;
  file_name: string | null;
  file_path: string | null;
}

export interface NoticeClaim {
  key: string;
  kind: NoticeKind;
  year: number;
  unitIds: readonly string[];
  ticketNumbers: readonly string[];
  at: Date;
}

const COLUMNS = 'notice_key, kind, year, seq, unit_ids, ticket_numbers, issued_at, file_name, file_path';

function toRow(r: NoticeRow): NoticeRow {
  return { ...r, year: Number(r.year), seq: Number(r.seq), issued_at: new Date(r.issued_at) };
}

async function noticeByKey(db: Queryable, key: string): Promise<NoticeRow | undefined> {
  const rows = await db.query<NoticeRow>(`select ${COLUMNS} from formal_notices where notice_key = $1`, [key]);
  return rows[0] ? toRow(rows[0]) : undefined;
}

/**
 * The notice's number: taken from the year's sequence the first time the key is seen, the same
 * row on every later call (a rerun of the same step keeps its number). A number once taken is
 * never given again, even when the notice is not sent.
 */
export async function claimNoticeNumber(db: Db, c: NoticeClaim): Promise<NoticeRow> {
  const existing = await noticeByKey(db, c.key);
  if (existing) return existing;
  const claimed = await db.transaction(async (tx) => {
    const again = await noticeByKey(tx, c.key);
    if (again) return again;
    const seq = await tx.query<{ last: number }>(
      `insert into notice_sequences (year, last) values ($1, 1)
       on conflict (year) do update set last = notice_sequences.last + 1 returning last`,
      [c.year],
    );
    const rows = await tx.query<NoticeRow>(
      `insert into formal_notices (notice_key, kind, year, seq, unit_ids, ticket_numbers, issued_at)
       values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)
       on conflict (notice_key) do nothing returning ${COLUMNS}`,
      [c.key, c.kind, c.year, Number(seq[0]?.last), JSON.stringify(c.unitIds), JSON.stringify(c.ticketNumbers), c.at],
    );
    return rows[0] ? toRow(rows[0]) : undefined;
  });
  // Another process claimed the same key at the same moment: its row is the notice.
  return claimed ?? (await noticeByKey(db, c.key)) ?? Promise.reject(new Error(`notice ${c.key} not recorded`));
}

/** Where the notice's .docx was written (kept for the evidence pack). */
export async function setNoticeFile(db: Queryable, key: string, name: string, path: string): Promise<void> {
  await db.query('update formal_notices set file_name = $2, file_path = $3 where notice_key = $1', [key, name, path]);
}

/** The formal notices that named a ticket, oldest first. */
export async function noticesOfTicket(db: Queryable, number: string): Promise<NoticeRow[]> {
  const rows = await db.query<NoticeRow>(
    `select ${COLUMNS} from formal_notices where ticket_numbers @> $1::jsonb order by issued_at, seq`,
    [JSON.stringify([number])],
  );
  return rows.map(toRow);
}

/** A ticket's ladder steps taken so far (for a notice's history of reminders), oldest first. */
export async function stepsOfTickets(
  db: Queryable,
  numbers: readonly string[],
): Promise<Array<{ ticket_number: string; step: string; taken_at: Date }>> {
  if (numbers.length === 0) return [];
  const rows = await db.query<{ ticket_number: string; step: string; taken_at: Date | string }>(
    `select ticket_number, step, taken_at from ticket_escalations
     where ticket_number in (select jsonb_array_elements_text($1::jsonb)) order by taken_at`,
    [JSON.stringify(numbers)],
  );
  return rows.map((r) => ({ ...r, taken_at: new Date(r.taken_at) }));
}

/** Each ticket's 蓝色提醒 (三色督办's blue step; `routine_steps` key `ticket-blue:<number>:<due>`). */
export async function blueStepsOfTickets(
  db: Queryable,
  numbers: readonly string[],
): Promise<Array<{ ticket_number: string; taken_at: Date }>> {
  if (numbers.length === 0) return [];
  const rows = await db.query<{ ticket_number: string; taken_at: Date | string }>(
    `select split_part(key, ':', 2) as ticket_number, taken_at from routine_steps
     where key like 'ticket-blue:%' and split_part(key, ':', 2) in (select jsonb_array_elements_text($1::jsonb))
     order by taken_at`,
    [JSON.stringify(numbers)],
  );
  return rows.map((r) => ({ ticket_number: r.ticket_number, taken_at: new Date(r.taken_at) }));
}

/** Every 即时督办 digest that listed the tickets: when it went out and whether (when) it was signed. */
export async function digestsOfTickets(
  db: Queryable,
  numbers: readonly string[],
): Promise<Array<{ ticket_number: string; sent_at: Date; acked_at: Date | null }>> {
  if (numbers.length === 0) return [];
  const rows = await db.query<{ ticket_number: string; sent_at: Date | string; acked_at: Date | string | null }>(
    `select n.value as ticket_number, d.sent_at, d.acked_at
     from ticket_digests d cross join lateral jsonb_array_elements_text(d.numbers) as n(value)
     where n.value in (select jsonb_array_elements_text($1::jsonb)) order by d.sent_at`,
    [JSON.stringify(numbers)],
  );
  return rows.map((r) => ({
    ticket_number: r.ticket_number,
    sent_at: new Date(r.sent_at),
    acked_at: r.acked_at === null ? null : new Date(r.acked_at),
  }));
}
