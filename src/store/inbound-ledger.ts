import { Batcher } from '../lib/batcher.js';
import { type InboundDone, type InboundRecord, markInboundsProcessed, recordInbounds } from './audit.js';
import type { Queryable } from './db.js';

/**
 * The inbound audit trail under load: the records and the processed marks of the messages
 * being worked on are written a batch at a time (group commit), each caller still waiting for
 * its own row to be durable; one by one when a batch fails.
 */
export class InboundLedger {
  private readonly records: Batcher<InboundRecord, { processed: boolean }>;
  private readonly marks: Batcher<InboundDone, void>;

  constructor(db: Queryable) {
    this.records = new Batcher((items) => recordInbounds(db, items));
    this.marks = new Batcher<InboundDone, void>(async (items) => {
      await markInboundsProcessed(db, items);
      return items.map(() => undefined);
    });
  }

  /**
   * Records messages received together (in one round trip: submitted in the same moment, they
   * form one batch; one by one if that fails); tells for each whether it was already processed.
   */
  recordMany(items: InboundRecord[]): Promise<Array<{ processed: boolean }>> {
    return Promise.all(items.map((r) => this.records.submit(r)));
  }

  markProcessed(id: string, handler: string | null, at: Date, error?: string): Promise<void> {
    return this.marks.submit({ id, handler, at, ...(error !== undefined ? { error } : {}) });
  }

  idle(): boolean {
    return this.records.idle() && this.marks.idle();
  }
}
