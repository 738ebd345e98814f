/** Reads what a unit still owes (open dispatches, 双派单 rounds, overdue and reopened tickets) for my-items and the fallback. */
import type { MyDispatch, MyRound, MyTicket } from '../domain/texts/my-items.js';
import { dispatchesForUnit } from '../store/dispatches.js';
import { roundsAwaitingUnit } from '../store/dual.js';
import { overdueOrReopenedOfUnit } from '../store/tickets.js';
import type { HandlerContext } from './context.js';

/** Open dispatches the unit has not answered, oldest first. */
export async function unitDispatches(ctx: HandlerContext, unitId: string): Promise<MyDispatch[]> {
  const out: MyDispatch[] = [];
  for (const d of await dispatchesForUnit(ctx.db, unitId)) {
    const t = d.targets.find((x) => x.unitId === unitId);
    if (d.status !== 'open' || !t || t.answeredAt !== null) continue;
    out.push({ code: d.code, acked: t.ackedAt !== null, deadline: d.deadline });
  }
  return out;
}

/** 双派单 rounds waiting for the unit's answer or back-check answer. */
export async function unitRounds(ctx: HandlerContext, unitId: string): Promise<MyRound[]> {
  return (await roundsAwaitingUnit(ctx.db, unitId)).map((r) => ({ code: r.code, ticketNumber: r.ticketNumber, backcheck: r.status === 'answered', deadline: r.deadline }));
}

/** The unit's overdue or reopened open tickets. */
export async function unitTickets(ctx: HandlerContext, unitId: string, now: Date): Promise<MyTicket[]> {
  return (await overdueOrReopenedOfUnit(ctx.db, unitId, now)).map((t) => ({ number: t.number, title: t.title, reopened: t.reopenCount > 0, overdue: t.dueAt.getTime() < now.getTime() }));
}
