import { checkPatterns, inWorkingHours } from '../../domain/dispatch/flow.js';
import { ackReminderDue, bothLatePastLadder, holdingUp, sideStepDue } from '../../domain/dual/rules.js';
import { SIDE_LABEL } from '../../domain/dual/sides.js';
import * as T from '../../domain/texts/dual.js';
import type { LadderStep } from '../../domain/tickets/digest.js';
import { localDay } from '../../domain/time.js';
import { addDualEvent, claimSideStep, type DualRound, liveRounds, recordDualStep, roundById, takenDualSteps, undispatchedRounds } from '../../store/dual.js';
import { claimStep } from '../../store/steps.js';
import { getTicket } from '../../store/tickets.js';
import type { HandlerContext } from '../context.js';
import { askBackcheck, enqueueRound, openDualRounds, sendAccountability, sideContacts, unitName } from '../dual-flow.js';
import type { Routine } from './types.js';
import { forEachIsolated } from './each.js';

/** A flow added this long ago that has not delivered is added again (its jobs were lost). */
const REDELIVER_AFTER_MS = 10 * 60_000;

/**
 * Follows the 双派单 rounds up (a scan of stored state, each step recorded once): makes the
 * rounds owed by tickets imported elsewhere (the CLI) and re-adds lost flows at any time;
 * within working hours, the 签收 reminder, the late mark and the ticket ladder for a late
 * side (即时 → 书面 → 现场 → 提请), the group note on who holds a round up (once a day), the
 * back-check questions still owed, and 双问责 when every side is late past the ladder.
 */
export const dualCheckRoutine: Routine = {
  name: 'dual-check',
  patterns: (config) => checkPatterns(config.routines.dualCheckMinutes, config.dispatch),
  async run(ctx) {
    await openDualRounds(ctx);
    const now = ctx.clock.now();
    for (const r of await undispatchedRounds(ctx.db)) {
      if (!r.flowEnqueuedAt || now.getTime() - r.flowEnqueuedAt.getTime() >= REDELIVER_AFTER_MS) await enqueueRound(ctx, r);
    }
    if (!inWorkingHours(now, ctx.config.dispatch, ctx.calendar, ctx.config.timezone)) return;
    await forEachIsolated(ctx, await liveRounds(ctx.db), (r) => checkRound(ctx, r, now), (r) => ({ code: r.code }), 'dual-check failed on this round');
  },
};

async function checkRound(ctx: HandlerContext, r: DualRound, now: Date): Promise<void> {
  const tz = ctx.config.timezone;
  const today = localDay(now, tz);
  if (r.status === 'answered') {
    if (r.sides.some((s) => !s.backcheckAskedAt && !s.backcheckAt)) await askBackcheck(ctx, r);
    return;
  }
  if (!r.dispatchedAt) return;
  const ticket = await getTicket(ctx.db, r.ticketNumber);
  const title = ticket?.title ?? '';
  for (const s of r.sides) {
    if (!ackReminderDue(s, now, ctx.config.dual.ackWithinHours)) continue;
    const people = sideContacts(ctx, s.unitId);
    const text = T.ackReminderText(r.code, r.ticketNumber, r.deadline, tz);
    for (const p of people) await ctx.send({ to: { kind: 'person', id: p.id }, text, mentions: [], purpose: `dual:${r.code}:ack-reminder:${s.side}:${p.id}` });
    await claimSideStep(ctx.db, r.id, s.side, 'ack_reminded_at', now, { to: people.map((p) => p.id) });
  }
  if (now.getTime() < r.deadline.getTime()) return;
  const taken = await takenDualSteps(ctx.db, r.id);
  const supervisors = ctx.roster.withRole('supervisor').map((p) => p.id);
  const leaders = ctx.roster.withRole('leader').map((p) => p.id);
  for (const s of r.sides) {
    if (s.answeredAt) continue;
    if (!s.lateAt) await claimSideStep(ctx.db, r.id, s.side, 'late_at', now);
    const mine = taken.get(s.side) ?? new Map<LadderStep, string>();
    const due = sideStepDue(s, r.deadline, now, ctx.config.tickets.ladder, mine, today, ctx.calendar, tz);
    if (!due) continue;
    const heads = sideContacts(ctx, s.unitId).map((p) => p.id);
    const to = due.step === 'onsite' ? supervisors : due.step === 'referral' ? leaders : heads;
    const input = { code: r.code, number: r.ticketNumber, title, unitName: unitName(ctx, s.unitId), sideLabel: SIDE_LABEL[s.side], deadline: r.deadline, daysOverdue: due.daysOverdue, tz };
    const text =
      due.step === 'immediate' ? T.lateImmediateText(input) : due.step === 'written' ? T.lateWrittenText(input) : due.step === 'onsite' ? T.lateOnsiteText(input) : T.lateReferralText(input);
    for (const id of to) await ctx.send({ to: { kind: 'person', id }, text, mentions: [], purpose: `dual:${r.code}:${due.step}:${s.side}:${id}` });
    if (await recordDualStep(ctx.db, r.id, s.side, due.step, due.daysOverdue, today, now, to)) {
      mine.set(due.step, today);
      taken.set(s.side, mine);
    }
  }
  const holding = holdingUp(r.sides, r.deadline, now);
  if (holding.length > 0) {
    const answered = r.sides.filter((s) => s.answeredAt).map((s) => unitName(ctx, s.unitId));
    const mentions = holding.flatMap((s) => sideContacts(ctx, s.unitId).map((p) => p.id));
    await ctx.send({
      to: { kind: 'group' },
      text: T.holdupText(r.code, r.ticketNumber, title, answered, holding.map((s) => unitName(ctx, s.unitId)), r.deadline, tz),
      mentions,
      purpose: `dual:${r.code}:holdup:${today}`,
    });
    if (await claimStep(ctx.db, `dual-holdup:${r.code}:${today}`, 'dual-check', now, today)) {
      await addDualEvent(ctx.db, { roundId: r.id, side: holding[0]?.side ?? null, kind: 'holdup', actorId: null, messageId: null, text: null, at: now, detail: { to: ['group'], mentions, holding: holding.map((s) => s.unitId) } });
    }
  }
  if (!r.accountabilityAt && bothLatePastLadder(r.sides, taken)) await sendAccountability(ctx, (await roundById(ctx.db, r.id)) as DualRound, 'both-late');
}
