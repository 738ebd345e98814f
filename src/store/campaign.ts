/** 百日攻坚 (issue 19): the items' figures as each lead unit's message gave them (migration 019). SQL only. */
import type { ProgressRow } from '../domain/campaign/day.js';
import type { Queryable, SqlValue } from './db.js';

export interface ProgressToSave {
  itemId: string;
  day: string;
  unitId: string;
  messageId: string;
  senderId: string;
  receivedAt: Date;
  today: number | null;
  cumulative: number | null;
  correction: boolean;
  said: string;
  question: string | null;
}

export interface StoredProgress extends ProgressRow {
  unitId: string;
  senderId: string;
  said: string;
  question: string | null;
}

interface Row {
  item_id: string;
  day: string;
  unit_id: string;
  message_id: string;
  sender_id: string;
  received_at: Date;
  today: number | null;
  cumulative: number | null;
  correction: boolean;
  said: string;
  question: string | null;
  withdrawn_at: Date | null;
}

const fromRow = (r: Row): StoredProgress => ({
  itemId: r.item_id,
  day: r.day,
  unitId: r.unit_id,
  messageId: r.message_id,
  senderId: r.sender_id,
  receivedAt: new Date(r.received_at),
  today: r.today === null ? null : Number(r.today),
  cumulative: r.cumulative === null ? null : Number(r.cumulative),
  correction: r.correction,
  said: r.said,
  question: r.question,
  withdrawn: r.withdrawn_at !== null,
});

/**
 * Stores a message's figures, one row per item; a message stored before keeps its rows (idempotent per message).
 * Returns the rows as stored.
 */
export async function saveProgress(db: Queryable, rows: readonly ProgressToSave[]): Promise<StoredProgress[]> {
  if (rows.length === 0) return [];
  const params: SqlValue[] = [];
  const values = rows.map((r, i) => {
    params.push(
      r.itemId,
      r.day,
      r.unitId,
      r.messageId,
      r.senderId,
      r.receivedAt,
      r.today,
      r.cumulative,
      r.correction,
      r.said,
      r.question,
    );
    const b = i * 11;
    return (
      `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::timestamptz, $${b + 7}::float8, ` +
      `$${b + 8}::float8, $${b + 9}::boolean, $${b + 10}, $${b + 11})`
    );
  });
  await db.query(
    `insert into campaign_progress (item_id, day, unit_id, message_id, sender_id, received_at, today, cumulative,
       correction, said, question)
     values ${values.join(', ')}
     on conflict (item_id, message_id) do nothing`,
    params,
  );
  return (
    await db.query<Row>(
      'select * from campaign_progress where message_id = any($1::text[]) and item_id = any($2::text[])',
      [[...new Set(rows.map((r) => r.messageId))], [...new Set(rows.map((r) => r.itemId))]],
    )
  ).map(fromRow);
}

/** Every row of the items (withdrawn ones included, flagged), up to and including `upTo`, in the order received. */
export async function progressRows(db: Queryable, itemIds: readonly string[], upTo: string): Promise<StoredProgress[]> {
  if (itemIds.length === 0) return [];
  return (
    await db.query<Row>(
      `select * from campaign_progress where item_id = any($1::text[]) and day <= $2
       order by received_at, message_id, item_id`,
      [[...itemIds], upTo],
    )
  ).map(fromRow);
}

/** The rows a message made, if any. */
export async function progressOfMessage(db: Queryable, messageId: string): Promise<StoredProgress[]> {
  return (
    await db.query<Row>('select * from campaign_progress where message_id = $1 order by item_id', [messageId])
  ).map(fromRow);
}

/** Marks a message's rows withdrawn (撤回); false when it had none standing. */
export async function withdrawProgress(db: Queryable, messageId: string, at: Date): Promise<boolean> {
  const rows = await db.query(
    'update campaign_progress set withdrawn_at = $2 where message_id = $1 and withdrawn_at is null returning 1',
    [messageId, at],
  );
  return rows.length > 0;
}
