import type { IncomingMessage } from '../domain/messages.js';
import { markInboundProcessed, recordInbound } from './audit.js';
import type { Queryable, SqlValue } from './db.js';
import { Batcher } from './batcher.js';

export interface Received {
  m: IncomingMessage;
  knownSender: boolean;
}

interface Done {
  id: string;
  handler: string | null;
  at: Date;
  error?: string;
}

const COLS = 12;

/**
 * The inbound audit trail under load: the records and the processed marks of the messages
 * being worked on are written a batch at a time (group commit), each caller still waiting for
 * its own row to be durable. Same rows, same semantics as `recordInbound` and
 * `markInboundProcessed`, which it falls back to one by one when a batch fails.
 */
export class InboundLedger {
  private readonly records: Batcher<Received, { processed: boolean }>;
  private readonly marks: Batcher<Done, void>;

  constructor(private readonly db: Queryable) {
    this.records = new Batcher(
      (items) => recordBatch(db, items),
      (r) => recordInbound(db, r.m, r.knownSender),
    );
    this.marks = new Batcher(
      (items) => markBatch(db, items),
      (d) => markInboundProcessed(db, d.id, d.handler, d.at, d.error),
    );
  }

  /** Records the message once; tells whether it was already processed. */
  record(m: IncomingMessage, knownSender: boolean): Promise<{ processed: boolean }> {
    return this.records.submit({ m, knownSender });
  }

  /** Records messages received together in one round trip (one by one if that fails). */
  async recordMany(items: Received[]): Promise<Array<{ processed: boolean }>> {
    if (items.length === 1) return [await this.record((items[0] as Received).m, (items[0] as Received).knownSender)];
    try {
      return await recordBatch(this.db, items);
    } catch {
      return Promise.all(items.map((r) => recordInbound(this.db, r.m, r.knownSender)));
    }
  }

  markProcessed(id: string, handler: string | null, at: Date, error?: string): Promise<void> {
    return this.marks.submit({ id, handler, at, ...(error !== undefined ? { error } : {}) });
  }

  idle(): boolean {
    return this.records.idle() && this.marks.idle();
  }
}

async function recordBatch(db: Queryable, items: Received[]): Promise<Array<{ processed: boolean }>> {
  // The same id twice in one statement cannot be upserted: let the one-by-one path do it.
  if (new Set(items.map((r) => r.m.id)).size !== items.length) throw new Error('duplicate id in batch');
  const params: SqlValue[] = [];
  const rows = items.map(({ m, knownSender }, i) => {
    params.push(m.id, m.chat, m.roomId, m.senderId, m.senderName, knownSender, m.text, JSON.stringify(m.mentionIds), m.file?.name ?? null, m.file?.path ?? null, m.sentAt, m.receivedAt);
    return `(${Array.from({ length: COLS }, (_, c) => `$${i * COLS + c + 1}`).join(',')})`;
  });
  const out = await db.query<{ id: string; processed_at: Date | null }>(
    `insert into inbound_messages (id, chat, room_id, sender_id, sender_name, known_sender, text, mentions, file_name, file_path, sent_at, received_at)
     values ${rows.join(',')}
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

async function markBatch(db: Queryable, items: Done[]): Promise<void[]> {
  const params: SqlValue[] = [];
  const rows = items.map((d, i) => {
    params.push(d.id, d.at, d.handler, d.error ?? null);
    const b = i * 4;
    return `($${b + 1}::text, $${b + 2}::timestamptz, $${b + 3}::text, $${b + 4}::text)`;
  });
  await db.query(
    `update inbound_messages i set processed_at = v.at, handler = v.handler, error = v.error
     from (values ${rows.join(',')}) as v(id, at, handler, error) where i.id = v.id`,
    params,
  );
  return items.map(() => undefined);
}
