/**
 * Writing a batch of tickets (file import, the HTTP API, the CLI): the stored ones read, each
 * compared (domain/tickets/diff.ts), the new and changed ones written with their events, and the
 * 双派单 triggers those events call for (domain/dual/triggers.ts) stored, all in one transaction.
 */
import { dualTriggersOf, triggerReasons } from '../domain/dual/triggers.js';
import { diffTicket, quietChange } from '../domain/tickets/diff.js';
import type { TicketInput } from '../domain/tickets/row.js';
import type { Db } from '../store/db.js';
import { insertDualTriggers } from '../store/dual.js';
import {
  type BatchOutcome,
  insertTicketEvents,
  type NewTicketEvent,
  type TicketWrite,
  ticketsByNumbers,
  writeTickets,
} from '../store/tickets.js';

/**
 * Upserts a batch of tickets by 工单编号 in one transaction: reads the stored ones in one
 * query, writes the new and changed ones in one statement, their events in another, and the
 * 双派单 triggers of those events in a third. A number seen twice in the batch: the later row wins.
 * A ticket whose only change is its category or address is written quietly (counted unchanged).
 */
export async function upsertTickets(
  db: Db,
  batch: readonly TicketInput[],
  source: string,
  at: Date,
): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0 };
  if (batch.length === 0) return out;
  return db.transaction(async (tx) => {
    const stored = await ticketsByNumbers(tx, [...new Set(batch.map((t) => t.number))]);
    const writes = new Map<string, TicketWrite>();
    const events: NewTicketEvent[] = [];
    for (const t of batch) {
      const before = stored.get(t.number);
      const diff = diffTicket(before, t);
      out[diff.outcome === 'new' ? 'created' : diff.outcome]++;
      if (diff.outcome === 'unchanged') {
        // A category or address filled in or corrected: written, but no event and nothing started.
        if (quietChange(before, t)) {
          writes.set(t.number, { ticket: t, reopened: writes.get(t.number)?.reopened ?? false });
          stored.set(t.number, t);
        }
        continue;
      }
      const reopened = diff.events.some((e) => e.kind === 'reopened') || (diff.outcome === 'new' && t.reopenCount > 0);
      writes.set(t.number, { ticket: t, reopened });
      for (const e of diff.events) events.push({ ticketNumber: t.number, kind: e.kind, detail: e.detail });
      stored.set(t.number, t);
    }
    await writeTickets(tx, [...writes.values()], at);
    // A 'new' event is judged by the ticket as written (the batch's last row of that number).
    const written = (n: string) => writes.get(n)?.ticket;
    const calls = events.some((e) => triggerReasons(e, written(e.ticketNumber)).length > 0);
    const inserted = await insertTicketEvents(tx, events, at, source, { returning: calls });
    if (calls) await insertDualTriggers(tx, dualTriggersOf(inserted, written));
    return out;
  });
}
