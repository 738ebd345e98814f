import type { IncomingMessage } from '../domain/messages.js';
import { type InboundDone, type InboundRecord, markInboundsProcessed, recordInbounds } from './audit.js';
import { Batcher } from './batcher.js';
import type { Queryable } from './db.js';

/**
 * The inbound audit trail under load: the records and the processed marks of the messages
 * being worked on are written a batch at a time (group commit), each caller still waiting for
 * its own row to be durable; one by one when a batch fails.
 */
export class InboundLedger {
  private readonly records: Batcher<InboundRecord, { processed: boolean }>;
  private readonly marks: Batcher<InboundDone, void>;

  constructor(private readonly db: Queryable) {
    this.records = new Batcher(
      (items) => recordInbounds(db, items),
      async (r) => (await recordInbounds(db, [r]))[0] as { processed: boolean },
    );
    this.marks = new Batcher(
      async (items) => {
        await markInboundsProcessed(db, items);
        return items.map(() => undefined);
      },
      (d) => markInboundsProcessed(db, [d]),
    );
  }

  /** Records the message once; tells whether it was already processed. */
  record(m: IncomingMessage, knownSender: boolean): Promise<{ processed: boolean }> {
    return this.records.submit({ m, knownSender });
  }

  /** Records messages received together in one round trip (one by one if that fails). */
  async recordMany(items: InboundRecord[]): Promise<Array<{ processed: boolean }>> {
    try {
      return await recordInbounds(this.db, items);
    } catch {
      return Promise.all(items.map((r) => this.record(r.m, r.knownSender)));
    }
  }

  markProcessed(id: string, handler: string | null, at: Date, error?: string): Promise<void> {
    return this.marks.submit({ id, handler, at, ...(error !== undefined ? { error } : {}) });
  }

  idle(): boolean {
    return this.records.idle() && this.marks.idle();
  }
}
