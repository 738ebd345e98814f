import type { Queryable } from './db.js';
import { date, type Row } from './rows.js';

/**
 * "是否指工单 GD…？" asked about a unit person's message naming no number: kept beside the
 * dispatches' held replies (kind 'ticket-done', codes = [the ticket number]) until a yes answers it.
 */
export interface TicketDoneQuestion {
  id: number;
  senderId: string;
  messageId: string;
  text: string;
  number: string;
  at: Date;
}

export async function addTicketDoneQuestion(
  db: Queryable,
  q: Omit<TicketDoneQuestion, 'id'> & { unitId: string },
): Promise<void> {
  await db.query(
    `insert into dispatch_pending_replies (unit_id, sender_id, message_id, kind, text, codes, at) values ($1,` +
      `$2,$3,'ticket-done',$4,$5,$6)
     on conflict (message_id) do nothing`,
    [q.unitId, q.senderId, q.messageId, q.text, JSON.stringify([q.number]), q.at],
  );
}

/** The sender's latest unanswered question of this kind, if any. */
export async function latestTicketDoneQuestion(
  db: Queryable,
  unitId: string,
  senderId: string,
): Promise<TicketDoneQuestion | undefined> {
  const [r] = await db.query<Row>(
    "select * from dispatch_pending_replies where unit_id = $1 and sender_id = $2 and kind = 'ticket-done' and " +
      'resolved_at is null order by at desc, id desc limit 1',
    [unitId, senderId],
  );
  if (!r) return undefined;
  const codes = (typeof r.codes === 'string' ? JSON.parse(r.codes) : r.codes) as string[];
  return {
    id: Number(r.id),
    senderId: String(r.sender_id),
    messageId: String(r.message_id),
    text: String(r.text),
    number: String(codes[0] ?? ''),
    at: date(r.at) as Date,
  };
}

/** Answered (or dropped): it no longer waits. True when this call resolved it. */
export async function resolveTicketDoneQuestion(db: Queryable, id: number, at: Date): Promise<boolean> {
  const rows = await db.query(
    'update dispatch_pending_replies set resolved_at = $2, resolved_code = codes->>0 where id = $1 and ' +
      'resolved_at is null returning id',
    [id, at],
  );
  return rows.length > 0;
}
