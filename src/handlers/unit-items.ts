/**
 * Reads what a unit still owes (open dispatches, 双派单 rounds, overdue and reopened tickets) for my-items and the
 * fallback.
 */
import type { WaitingItem } from '../domain/texts/answers.js';
import type { MyDispatch, MyRound, MyTicket } from '../domain/texts/my-items.js';
import { waitingDispatchWhat, waitingRoundWhat } from '../domain/texts/my-items.js';
import { colourOf } from '../domain/tickets/colour.js';
import { type Topic, ticketsNamedByTitle, topicMatches } from '../domain/tickets/title-match.js';
import { dispatchesForUnit, hasOpenDispatch } from '../store/dispatches.js';
import { hasRoundAwaitingUnit, roundsAwaitingUnit } from '../store/dual.js';
import { getTicket, openTicketsOfUnit, overdueOrReopenedOfUnit, type UnitOpenTicket } from '../store/tickets.js';
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
  /** What it is about: a round's ticket title and 诉求, a dispatch's words (what a message without a code names). */
  topic: Topic;
  /** A round's ticket. */
  ticketNumber?: string;
  /** The leader who issued a dispatch (好的李主任 signs 李主任's). */
  leaderId?: string;
  /** A dispatch's own message (its @-mentions say whom the leader named). */
  sourceMessageId?: string;
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
    const ticket = await getTicket(ctx.db, r.ticketNumber);
    const title = ticket?.title ?? '';
    const side = r.sides.find((s) => s.unitId === unitId);
    items.push({
      code: r.code,
      kind: 'round',
      what: waitingRoundWhat(r.ticketNumber, title, r.status === 'answered'),
      backcheck: r.status === 'answered',
      unsigned: r.status === 'open' && side !== undefined && side.ackedAt === null && side.answeredAt === null,
      deliveredAt: side?.deliveredAt ?? null,
      topic: { title, body: ticket?.content ?? '' },
      ticketNumber: r.ticketNumber,
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
      topic: { body: d.text },
      leaderId: d.leaderId,
      ...(d.chat === 'group' && d.sourceMessageId ? { sourceMessageId: d.sourceMessageId } : {}),
    });
  }
  return items;
}

/** A waiting thing as the texts list it (code, what it is, unsigned or not). */
export function waitingItemOf(w: WaitingThing): WaitingItem {
  return { code: w.code, what: w.what, unsigned: w.unsigned };
}

/** What a message without a code speaks of, by its words: the waiting items and the unit's other open tickets. */
export interface NamedByTopic {
  items: WaitingThing[];
  /** Open tickets named by title that are no waiting round's ticket. */
  tickets: UnitOpenTicket[];
}

/**
 * The unit's waiting items a message speaks of (a code it names, else its words: 滨江花园电梯 → SP1's 小区电梯停运),
 * and its open tickets named by title that no waiting round is about (学位那件 → 学位申请咨询).
 */
export async function namedByTopic(
  ctx: AppContext,
  unitId: string,
  text: string,
  things: readonly WaitingThing[],
): Promise<NamedByTopic> {
  const codes = things.filter((w) => new RegExp(`(?<![A-Za-z0-9])${w.code}(?!\\d)`, 'i').test(text));
  const items = codes.length > 0 ? codes : things.filter((w) => topicMatches(text, w.topic));
  const ofRounds = new Set(things.map((w) => w.ticketNumber).filter((n) => n !== undefined));
  const tickets =
    codes.length > 0
      ? []
      : ticketsNamedByTitle(text, await openTicketsOfUnit(ctx.db, unitId)).filter((t) => !ofRounds.has(t.number));
  return { items, tickets };
}
