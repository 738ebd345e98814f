/**
 * Which ticket changes open a 双派单 round (issue 6): a ticket that becomes 不满意 or 重办. Each
 * ticket event that calls for a round gives one trigger (event, reason); the use-case that
 * changes tickets stores them in the same transaction, and dual-flow turns a ticket's pending
 * triggers into one round (or notes them on its open round). Pure.
 */
import { diffTicket, type TicketChange, type TicketEventKind } from '../tickets/diff.js';
import type { TicketInput } from '../tickets/row.js';

export type DualReason = 'unsatisfied' | 'reopened';

/** The rating that calls for a round. */
export const UNSATISFIED_RATING = '不满意';

/** The ticket as stored once the change is written (what a 'new' event is judged by). */
export type StoredTicketState = Pick<TicketInput, 'rating' | 'reopenCount'>;

/**
 * The reasons one ticket event calls for: 重办 (reopened), a rating that becomes 不满意, or a
 * ticket first seen already 不满意 and/or already reopened (judged by the ticket as stored).
 */
export function triggerReasons(
  e: { kind: TicketEventKind | string; detail: TicketChange['detail'] },
  stored: StoredTicketState | undefined,
): DualReason[] {
  if (e.kind === 'reopened') return ['reopened'];
  if (e.kind === 'rating') return e.detail.to === UNSATISFIED_RATING ? ['unsatisfied'] : [];
  if (e.kind === 'new' && stored) {
    const out: DualReason[] = [];
    if (stored.rating === UNSATISFIED_RATING) out.push('unsatisfied');
    if (stored.reopenCount > 0) out.push('reopened');
    return out;
  }
  return [];
}

/**
 * The rounds a ticket's change calls for: each (event, reason) of the change from `before` (absent: a new ticket) to
 * `after`.
 */
export function roundsToOpen(
  before: TicketInput | undefined,
  after: TicketInput,
): Array<{ event: TicketEventKind; reason: DualReason }> {
  return diffTicket(before, after).events.flatMap((e) =>
    triggerReasons(e, after).map((reason) => ({ event: e.kind, reason })),
  );
}

/** A stored ticket event, as the trigger rule reads it. */
export interface StoredTicketEvent {
  id: string;
  ticketNumber: string;
  kind: string;
  detail: Record<string, unknown>;
  at: Date;
}

/** One trigger: the row of dual_triggers an event gives (round_id set later, by the round that takes it). */
export interface DualTrigger {
  eventId: string;
  ticketNumber: string;
  reason: DualReason;
  at: Date;
}

/** The triggers of stored events; `stored(number)`: the ticket as written by the same change. */
export function dualTriggersOf(
  events: readonly StoredTicketEvent[],
  stored: (number: string) => StoredTicketState | undefined,
): DualTrigger[] {
  return events.flatMap((e) =>
    triggerReasons(e, stored(e.ticketNumber)).map((reason) => ({
      eventId: e.id,
      ticketNumber: e.ticketNumber,
      reason,
      at: e.at,
    })),
  );
}
