import type { IncomingMessage, OutgoingMessage } from '../domain/messages.js';
import type { Queryable, SqlValue } from './db.js';

/**
 * Records an inbound message once (a second delivery of the same id changes nothing) and tells
 * whether it was already processed, in one round trip.
 */
export async function recordInbound(db: Queryable, m: IncomingMessage, knownSender: boolean): Promise<{ processed: boolean }> {
  const rows = await db.query<{ processed_at: Date | null }>(
    `insert into inbound_messages (id, chat, room_id, sender_id, sender_name, known_sender, text, mentions, file_name, file_path, sent_at, received_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)
     on conflict (id) do update set id = inbound_messages.id returning processed_at`,
    [m.id, m.chat, m.roomId, m.senderId, m.senderName, knownSender, m.text, JSON.stringify(m.mentionIds), m.file?.name ?? null, m.file?.path ?? null, m.sentAt, m.receivedAt],
  );
  return { processed: rows[0]?.processed_at != null };
}

export async function markInboundProcessed(db: Queryable, id: string, handler: string | null, at: Date, error?: string): Promise<void> {
  await db.query('update inbound_messages set processed_at = $2, handler = $3, error = $4 where id = $1', [id, at, handler, error ?? null]);
}

/** Records an outbound message at enqueue time; false if the same purpose was already recorded. */
export async function recordOutbound(db: Queryable, jobId: string, m: OutgoingMessage, at: Date): Promise<boolean> {
  const rows = await db.query(
    `insert into outbound_messages (job_id, purpose, to_kind, to_id, text, mentions, file_name, file_path, enqueued_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9) on conflict (job_id) do nothing returning job_id`,
    [jobId, m.purpose, m.to.kind, m.to.kind === 'person' ? m.to.id : null, m.text, JSON.stringify(m.mentions), m.file?.name ?? null, m.file?.path ?? null, at],
  );
  return rows.length > 0;
}

/** Records outbound messages queued together, in one round trip (same rows as `recordOutbound`). */
export async function recordOutboundMany(db: Queryable, jobs: ReadonlyArray<{ jobId: string; message: OutgoingMessage }>, at: Date): Promise<void> {
  const params: SqlValue[] = [];
  const rows = jobs.map(({ jobId, message: m }, i) => {
    params.push(jobId, m.purpose, m.to.kind, m.to.kind === 'person' ? m.to.id : null, m.text, JSON.stringify(m.mentions), m.file?.name ?? null, m.file?.path ?? null, at);
    return `(${Array.from({ length: 9 }, (_, c) => `$${i * 9 + c + 1}`).join(',')})`;
  });
  await db.query(
    `insert into outbound_messages (job_id, purpose, to_kind, to_id, text, mentions, file_name, file_path, enqueued_at)
     values ${rows.join(',')} on conflict (job_id) do nothing`,
    params,
  );
}

export async function outboundSentAt(db: Queryable, jobId: string): Promise<Date | null> {
  const rows = await db.query<{ sent_at: Date | null }>('select sent_at from outbound_messages where job_id = $1', [jobId]);
  return rows[0]?.sent_at ?? null;
}

export async function markOutboundSent(db: Queryable, jobId: string, at: Date, via: string, attempts: number): Promise<void> {
  await db.query('update outbound_messages set sent_at = $2, delivered_via = $3, attempts = $4, last_error = null where job_id = $1', [jobId, at, via, attempts]);
}

export async function markOutboundFailed(db: Queryable, jobId: string, error: string, attempts: number): Promise<void> {
  await db.query('update outbound_messages set last_error = $2, attempts = $3 where job_id = $1', [jobId, error, attempts]);
}
