/**
 * 双派单 operations shared by the handlers, the dual queue's worker and the routines: making
 * rounds from the tickets' triggers, delivering each side (a child of the round's flow),
 * completing the round (the parent), the back-check questions and 双问责. Not a handler.
 */

import { planSides, roundDeadline, SIDE_LABEL, type SideKey } from '../domain/dual/sides.js';
import { type Person, responsibleFor, unitName, withRoles } from '../domain/roster.js';
import { signCard } from '../domain/sign-card.js';
import { CARD_TITLES } from '../domain/texts/card-press.js';
import * as T from '../domain/texts/dual.js';
import type { TicketInput } from '../domain/tickets/row.js';
import type { DualJob } from '../jobs/dual.js';
import {
  claimAccountability,
  claimSideStep,
  type DualRound,
  markDispatched,
  markFlowEnqueued,
  markSideDelivered,
  openRound,
  pendingTriggerTickets,
  roundById,
} from '../store/dual.js';
import { getTicket } from '../store/tickets.js';
import { type AppContext, wordingOf } from './context.js';
import { evidenceFile, evidenceLines } from './dual-evidence.js';
import { toGroup, toPerson } from './send.js';

/** Who a side's messages go to: its heads, else its liaisons. */
export function sideContacts(ctx: AppContext, unitId: string): Person[] {
  return responsibleFor(ctx.roster, unitId);
}

export function ticketFacts(ctx: AppContext, t: TicketInput): T.TicketFacts {
  return {
    number: t.number,
    title: t.title,
    content: t.content,
    unitName: unitName(ctx.roster, t.unitId),
    street: t.street,
    grid: t.grid,
    status: t.status,
    rating: t.rating,
    reopenCount: t.reopenCount,
  };
}

/**
 * Turns the tickets' pending triggers (不满意 / 重办 seen by an import, the API or the CLI)
 * into rounds and adds each new round's flow. A ticket with an open round gets the trigger
 * noted on it instead. Returns the rounds made.
 */
export async function openDualRounds(ctx: AppContext, o: { enqueue?: boolean } = {}): Promise<DualRound[]> {
  const made: DualRound[] = [];
  const now = ctx.clock.now();
  for (const number of await pendingTriggerTickets(ctx.db)) {
    const ticket = await getTicket(ctx.db, number);
    if (!ticket) continue;
    const plan = planSides(ticket, ctx.roster);
    const out = await openRound(ctx.db, {
      ticketNumber: number,
      sides: plan.sides,
      sameUnit: plan.sameUnit,
      deadline: roundDeadline(
        now,
        ctx.config.dual.deadlineWorkdays,
        ctx.calendar,
        ctx.config.timezone,
        ctx.config.dispatch.workingHours.end,
      ),
      at: now,
      detail: { streetUnknown: plan.streetUnknown, street: ticket.street, grid: ticket.grid },
    });
    if (out.kind === 'noted')
      ctx.log.info({ ticket: number, code: out.round.code }, 'dual: trigger noted on the open round');
    if (out.kind !== 'created') continue;
    ctx.log.info(
      {
        ticket: number,
        code: out.round.code,
        seq: out.round.seq,
        sides: plan.sides.map((s) => `${s.side}:${s.unitId}`),
      },
      'dual: round made',
    );
    made.push(out.round);
    // enqueue false: the caller enqueues them after its own answer (the import's, naming the codes).
    if (o.enqueue !== false) await enqueueRound(ctx, out.round);
  }
  return made;
}

/** Adds a round's flow (idempotent: fixed job ids per round and side). */
export async function enqueueRound(ctx: AppContext, r: DualRound): Promise<void> {
  if (!ctx.dual) {
    ctx.log.warn({ code: r.code }, 'dual: no queue in this context; the round waits for dual-check');
    return;
  }
  await ctx.dual.addRound({ id: r.id, code: r.code, sides: r.sides.map((s) => s.side) });
  await markFlowEnqueued(ctx.db, r.id, ctx.clock.now());
}

/** A child of the round's flow: delivers to one side's heads point-to-point and records it. */
export async function deliverSide(ctx: AppContext, job: DualJob): Promise<{ side: string; to: string[] }> {
  const r = await roundById(ctx.db, job.roundId);
  const s = r?.sides.find((x) => x.side === job.side);
  if (!r || !s) return { side: String(job.side), to: [] };
  if (s.deliveredAt) return { side: s.side, to: s.deliveredTo };
  const ticket = await getTicket(ctx.db, r.ticketNumber);
  if (!ticket) return { side: s.side, to: [] };
  const other = r.sides.find((x) => x.side !== s.side);
  const streetUnknown = r.sides.length === 1 && !r.sameUnit;
  const text = T.deliveryText({
    code: r.code,
    seq: r.seq,
    reason: r.reason,
    ticket: ticketFacts(ctx, ticket),
    side: s.side,
    unitName: unitName(ctx.roster, s.unitId),
    grid: s.grid && s.side !== 'unit' ? s.grid : null,
    otherUnit: other ? unitName(ctx.roster, other.unitId) : null,
    sameUnit: r.sameUnit,
    streetUnknown,
    deadline: r.deadline,
    tz: ctx.config.timezone,
    wording: wordingOf(ctx),
  });
  const people = sideContacts(ctx, s.unitId);
  const meaning = { kind: 'dual', code: r.code, unitId: s.unitId } as const;
  const withCard = (purpose: string) => ({ card: signCard(purpose, CARD_TITLES.dual(r.code), meaning) });
  for (const p of people) {
    const purpose = `dual:${r.code}:deliver:${s.side}:${p.id}`;
    await ctx.send(toPerson(p.id, text, purpose, withCard(purpose)));
  }
  if (people.length === 0) {
    ctx.log.warn(
      { code: r.code, unit: s.unitId },
      'dual: side unit has no head or liaison on the roster; posted in the group',
    );
    const purpose = `dual:${r.code}:deliver:${s.side}:group`;
    await ctx.send(toGroup(text, purpose, [], withCard(purpose)));
  }
  const to = people.length > 0 ? people.map((p) => p.id) : ['group'];
  await markSideDelivered(ctx.db, r.id, s.side, ctx.clock.now(), to);
  return { side: s.side, to };
}

/** The flow's parent (both sides delivered): the round is dispatched; its N-th round goes to 双问责. */
export async function completeRound(ctx: AppContext, job: DualJob): Promise<void> {
  const r = await roundById(ctx.db, job.roundId);
  if (!r) return;
  if (r.sides.some((s) => !s.deliveredAt)) {
    // A child gave up (e.g. the database was down for long): dual-check adds the flow again.
    ctx.log.warn({ code: r.code }, 'dual: round parent ran with an undelivered side');
    return;
  }
  await markDispatched(ctx.db, r.id, ctx.clock.now());
  if (r.seq >= ctx.config.dual.accountabilityRound) await sendAccountability(ctx, r, 'third-round');
}

/**
 * 双倒查: each side is asked the two back-check questions, once. `receivedFrom` (the side whose
 * private answer completed the round) gets its confirmation in the same message.
 */
export async function askBackcheck(ctx: AppContext, r: DualRound, receivedFrom?: SideKey): Promise<void> {
  for (const s of r.sides) {
    if (s.backcheckAt) continue;
    const people = sideContacts(ctx, s.unitId);
    const text = T.backcheckQuestionText(r.code, r.ticketNumber, unitName(ctx.roster, s.unitId), {
      oneSide: r.sides.length === 1,
      received: s.side === receivedFrom,
    });
    for (const p of people) await ctx.send(toPerson(p.id, text, `dual:${r.code}:backcheck:${s.side}:${p.id}`));
    await claimSideStep(ctx.db, r.id, s.side, 'backcheck_asked_at', ctx.clock.now(), { to: people.map((p) => p.id) });
  }
}

/**
 * 双问责: the case with its evidence pack (the ticket's history, every delivery, reminder,
 * acknowledgement, answer and step with times) to each supervisor and discipline inspector
 * point-to-point, with the pack as an Excel file. Once per round.
 */
export async function sendAccountability(
  ctx: AppContext,
  r: DualRound,
  reason: 'third-round' | 'both-late',
): Promise<void> {
  const ticket = await getTicket(ctx.db, r.ticketNumber);
  if (!ticket) return;
  const people = withRoles(ctx.roster, ['supervisor', 'discipline']);
  const lines = await evidenceLines(ctx, r.ticketNumber);
  const file = await evidenceFile(ctx, ticket, r);
  const text = T.accountabilityText({
    code: r.code,
    seq: r.seq,
    reason,
    ticket: ticketFacts(ctx, ticket),
    units: r.sides.map((s) => unitName(ctx.roster, s.unitId)),
    lines,
    fileName: file.name,
  });
  for (const p of people) await ctx.send(toPerson(p.id, text, `dual:${r.code}:accountability:${p.id}`, { file }));
  await claimAccountability(
    ctx.db,
    r.id,
    reason,
    ctx.clock.now(),
    people.map((p) => p.id),
  );
}

export const sideLabel = (s: SideKey): string => SIDE_LABEL[s];
