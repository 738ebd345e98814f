import { type IncomingMessage, type OutgoingMessage, redactCredentials } from '../domain/messages.js';
import type { Queryable, SqlValue } from './db.js';
import { valuesList } from './values.js';

export interface InboundRecord {
  m: IncomingMessage;
  knownSender: boolean;
}

export interface InboundDone {
  id: string;
  handler: string | null;
  at: Date;
  error?: string;
}

/**
 * Records inbound messages once each (a second delivery of the same id changes nothing) and
 * tells for each whether it was already processed, in one round trip. One id once per call.
 */
export async function recordInbounds(
  db: Queryable,
  items: readonly InboundRecord[],
): Promise<Array<{ processed: boolean }>> {
  // The same id twice in one statement cannot be upserted (the batcher then goes one by one).
  if (new Set(items.map((r) => r.m.id)).size !== items.length) throw new Error('recordInbounds: the same id twice');
  const params: SqlValue[] = [];
  for (const { m, knownSender } of items) {
    params.push(
      m.id,
      m.chat,
      m.roomId,
      m.senderId,
      m.senderName,
      knownSender,
      m.text,
      JSON.stringify(m.mentionIds),
      m.file?.name ?? null,
      m.file?.path ?? null,
      m.file?.sha256 ?? null,
      m.sentAt,
      m.receivedAt,
    );
  }
  const out = await db.query<{ id: string; processed_at: Date | null }>(
    `insert into inbound_messages (id, chat, room_id, sender_id, sender_name, known_sender, text, mentions, ` +
      `file_name, file_path, file_sha256, sent_at, received_at)
     values ${valuesList(items.length, Array(13).fill(''))}
     on conflict (id) do update set id = inbound_messages.id returning id, processed_at`,
    params,
  );
  const byId = new Map(out.map((r) => [r.id, r.processed_at != null]));
  return items.map((r) => {
    const processed = byId.get(r.m.id);
    if (processed === undefined) throw new Error(`inbound record ${r.m.id} not returned`);
    return { processed };
  });
}

/** Marks inbound messages processed (by which handler, with which error), in one round trip. */
export async function markInboundsProcessed(db: Queryable, items: readonly InboundDone[]): Promise<void> {
  const params: SqlValue[] = [];
  for (const d of items) params.push(d.id, d.at, d.handler, d.error ?? null);
  await db.query(
    `update inbound_messages i set processed_at = v.at, handler = v.handler, error = v.error
     from (values ${valuesList(items.length, ['text', 'timestamptz', 'text', 'text'])}) as v(id, at, handler, error) ` +
      `where i.id = v.id`,
    params,
  );
}

/**
 * Records outbound messages at enqueue time, in one round trip; returns the job ids recorded
 * now (a purpose already recorded is left as it is).
 */
export async function recordOutboundMany(
  db: Queryable,
  jobs: ReadonlyArray<{ jobId: string; message: OutgoingMessage }>,
  at: Date,
): Promise<Set<string>> {
  const params: SqlValue[] = [];
  for (const { jobId, message: m } of jobs) {
    params.push(
      jobId,
      m.purpose,
      m.to.kind,
      m.to.kind === 'person' ? m.to.id : null,
      redactCredentials(m.text),
      JSON.stringify(m.mentions),
      m.file?.name ?? null,
      m.file?.path ?? null,
      m.card ? JSON.stringify(m.card) : null,
      at,
    );
  }
  const rows = await db.query<{ job_id: string }>(
    `insert into outbound_messages
       (job_id, purpose, to_kind, to_id, text, mentions, file_name, file_path, card, enqueued_at)
     values ${valuesList(jobs.length, Array(10).fill(''))} on conflict (job_id) do nothing returning job_id`,
    params,
  );
  return new Set(rows.map((r) => r.job_id));
}

export async function outboundSentAt(db: Queryable, jobId: string): Promise<Date | null> {
  const rows = await db.query<{ sent_at: Date | null }>('select sent_at from outbound_messages where job_id = $1', [
    jobId,
  ]);
  return rows[0]?.sent_at ?? null;
}

export async function markOutboundSent(
  db: Queryable,
  jobId: string,
  at: Date,
  via: string,
  attempts: number,
): Promise<void> {
  await db.query(
    'update outbound_messages set sent_at = $2, delivered_via = $3, attempts = $4, last_error = null where job_id = $1',
    [jobId, at, via, attempts],
  );
}

export async function markOutboundFailed(db: Queryable, jobId: string, error: string, attempts: number): Promise<void> {
  await db.query('update outbound_messages set last_error = $2, attempts = $3 where job_id = $1', [
    jobId,
    error,
    attempts,
  ]);
}

/** Of these job ids, the ones not yet marked sent (the outbox's check before it carries them in another message). */
export async function outboundUnsent(db: Queryable, jobIds: readonly string[]): Promise<Set<string>> {
  if (jobIds.length === 0) return new Set();
  const rows = await db.query<{ job_id: string }>(
    'select job_id from outbound_messages where job_id = any($1::text[]) and sent_at is null',
    [[...jobIds]],
  );
  return new Set(rows.map((r) => r.job_id));
}

/**
 * Marks a message sent together with the messages it carried (coalesced confirmations), in one
 * statement: the carrier as delivered `via`, each carried one as 'coalesced' with the same
 * sent_at (its carrier is the row to the same person, at the same sent_at, that is not
 * 'coalesced'). A carried message already marked sent meanwhile is left as it is.
 */
export async function markOutboundCoalesced(
  db: Queryable,
  carrier: string,
  carried: readonly string[],
  at: Date,
  via: string,
  attempts: number,
): Promise<void> {
  await db.query(
    `update outbound_messages set sent_at = $2, last_error = null,
       delivered_via = case when job_id = $1 then $3 else 'coalesced' end,
       attempts = case when job_id = $1 then $4 else attempts + 1 end
     where job_id = $1 or (job_id = any($5::text[]) and sent_at is null)`,
    [carrier, at, via, attempts, [...carried]],
  );
}

/** The contact ids an inbound message @-mentioned (null when the message is not on record). */
export async function inboundMentions(db: Queryable, id: string): Promise<string[] | null> {
  const rows = await db.query<{ mentions: unknown }>('select mentions from inbound_messages where id = $1', [id]);
  const m = rows[0]?.mentions;
  if (m === undefined) return null;
  const list: unknown = typeof m === 'string' ? JSON.parse(m) : m;
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}
