/**
 * Reads what a unit still owes (open dispatches, 双派单 rounds, overdue and reopened tickets) for my-items and the
 * fallback.
 */
import type { MyDispatch, MyRound, MyTicket } from '../domain/texts/my-items.js';
import { waitingDispatchWhat, waitingRoundWhat } from '../domain/texts/my-items.js';
import { colourOf } from '../domain/tickets/colour.js';
import { dispatchesForUnit, hasOpenDispatch } from '../store/dispatches.js';
import { hasRoundAwaitingUnit, roundsAwaitingUnit } from '../store/dual.js';
import { getTicket, overdueOrReopenedOfUnit } from '../store/tickets.js';
import type { AppContext } from '../usecases/context.js';

/** 三色督办: an item's colour now by its deadline (blue the working day before its day, yellow on it, red after). */
function colourNow(ctx: AppContext, dueAt: Date) {
  return colourOf({ dueAt }, ctx.clock.now(), ctx.calendar, ctx.config.timezone, ctx.config.tickets.colours);
}

/** Open dispatches the unit has not answered, oldest first. */
export async function unitDispatches(ctx: AppContext, unitId: string): Promise<MyDispatch[]> {
  const out: MyDispatch[] = [];
  for (const d of await dispatchesForUnit(ctx.db, unitId)) {
    const t = d.targets.find((x) => x.unitId === unitId);
    if (d.status !== 'open' || !t || t.answeredAt !== null) continue;
    out.push({ code: d.code, acked: t.ackedAt !== null, deadline: d.deadline, colour: colourNow(ctx, d.deadline) });
  }
  return out;
}

/** 双派单 rounds waiting for the unit's answer or back-check answer. */
export async function unitRounds(ctx: AppContext, unitId: string): Promise<MyRound[]> {
  return (await roundsAwaitingUnit(ctx.db, unitId)).map((r) => ({
    code: r.code,
    ticketNumber: r.ticketNumber,
    backcheck: r.status === 'answered',
    deadline: r.deadline,
    // Waiting only for its 双倒查 answers: past the round's ladder, no colour.
    colour: r.status === 'answered' ? null : colourNow(ctx, r.deadline),
  }));
}

/** The unit's overdue or reopened open tickets. */
export async function unitTickets(ctx: AppContext, unitId: string, now: Date): Promise<MyTicket[]> {
  return (await overdueOrReopenedOfUnit(ctx.db, unitId, now)).map((t) => ({
    number: t.number,
    title: t.title,
    reopened: t.reopenCount > 0,
    overdue: t.dueAt.getTime() < now.getTime(),
    reportedDone: t.reportedDone === true,
    returnApproved: t.returnApproved === true,
    // As the nag marks it: none while the platform is to confirm it done or a leader approved its return.
    colour: t.reportedDone || t.returnApproved ? null : colourNow(ctx, t.dueAt),
  }));
}

/** Something of a unit's that waits for its 签收 or answer, as the bot names it in a reply. */
export interface WaitingThing {
  code: string;
  kind: 'dispatch' | 'round';
  /** A few words on what it is (for the texts). */
  what: string;
  /** A round waiting for its 双倒查 answer. */
  backcheck: boolean;
  /** Not yet signed (nor answered). */
  unsigned: boolean;
  /** When it reached the unit. */
  deliveredAt: Date | null;
}

/** What still waits for a reply from the unit: its 双派单 rounds and its unanswered open dispatches. */
export async function waitingThings(ctx: AppContext, unitId: string): Promise<WaitingThing[]> {
  const items: WaitingThing[] = [];
  // Asked for the group's everyday 收到 / 好的: one batched question each first, the full reads only when something
  // waits.
  const [roundWaits, dispatchOpen] = await Promise.all([
    hasRoundAwaitingUnit(ctx.db, unitId),
    hasOpenDispatch(ctx.db, unitId),
  ]);
  for (const r of roundWaits ? await roundsAwaitingUnit(ctx.db, unitId) : []) {
    const title = (await getTicket(ctx.db, r.ticketNumber))?.title ?? '';
    const side = r.sides.find((s) => s.unitId === unitId);
    items.push({
      code: r.code,
      kind: 'round',
      what: waitingRoundWhat(r.ticketNumber, title, r.status === 'answered'),
      backcheck: r.status === 'answered',
      unsigned: r.status === 'open' && side !== undefined && side.ackedAt === null && side.answeredAt === null,
      deliveredAt: side?.deliveredAt ?? null,
    });
  }
  for (const d of dispatchOpen ? await dispatchesForUnit(ctx.db, unitId) : []) {
    const t = d.targets.find((x) => x.unitId === unitId);
    if (d.status !== 'open' || !t || t.answeredAt) continue;
    items.push({
      code: d.code,
      kind: 'dispatch',
      what: waitingDispatchWhat(d.text),
      backcheck: false,
      unsigned: t.ackedAt === null,
      deliveredAt: t.deliveredAt ?? null,
    });
  }
  return items;
}
