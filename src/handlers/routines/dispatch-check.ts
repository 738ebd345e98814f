import { checkPatterns, inWorkingHours, owedSteps, policyFor, type StepKind } from '../../domain/dispatch/flow.js';
import {
  ackReminderText,
  dueReminderText,
  lateGroupText,
  lateSupervisorText,
  leaderStatusText,
} from '../../domain/texts/dispatch.js';
import { addEvent, claimEscalation, claimTargetStep, type Dispatch, dispatchTarget, openDispatches } from '../../store/dispatches.js';
import type { HandlerContext } from '../context.js';
import { leaderName, stateText, unitContacts, unitLabel } from '../dispatch-common.js';
import type { Routine } from './types.js';
import { forEachIsolated } from './each.js';

/**
 * Follows every open dispatch up against the clock (a scan of stored state, each step
 * recorded once): the acknowledgement reminder, the reminder before the deadline, and at the
 * deadline the late units @-mentioned in the group, the supervision team told and the leader
 * given a status line. Running it again at the same time sends nothing new.
 */
export const dispatchCheckRoutine: Routine = {
  name: 'dispatch-check',
  patterns: (config) => checkPatterns(config.routines.dispatchCheckMinutes, config.dispatch),
  async run(ctx) {
    const now = ctx.clock.now();
    if (!inWorkingHours(now, ctx.config.dispatch, ctx.calendar, ctx.config.timezone)) return;
    await forEachIsolated(ctx, await openDispatches(ctx.db), (d) => checkDispatch(ctx, d, now), (d) => ({ code: d.code }), 'dispatch-check failed on this dispatch');
  },
};

async function checkDispatch(ctx: HandlerContext, d: Dispatch, now: Date): Promise<void> {
  const tz = ctx.config.timezone;
  const leader = leaderName(ctx, d.leaderId);
  const owed = owedSteps(d, now, policyFor(ctx.config.dispatch, d.urgent));
  // An answer or acknowledgement may have come in since the scan read the dispatch.
  const steps: typeof owed = [];
  for (const s of owed) {
    const fresh = await dispatchTarget(ctx.db, d.id, s.unitId);
    if (!fresh || fresh.answeredAt || (s.step === 'ack-reminder' && fresh.ackedAt)) continue;
    steps.push(s);
  }
  const base = { code: d.code, leaderName: leader, text: d.text, deadline: d.deadline, tz };
  for (const s of steps) {
    if (s.step === 'late') continue;
    const t = d.targets.find((x) => x.unitId === s.unitId);
    const text = s.step === 'ack-reminder' ? ackReminderText(base) : dueReminderText({ ...base, acked: t?.ackedAt != null });
    await remindUnit(ctx, d, s.unitId, s.step, text, now);
  }
  const late = steps.filter((s) => s.step === 'late').map((s) => s.unitId);
  if (late.length > 0) {
    const mentions = late.flatMap((u) => unitContacts(ctx, u).map((p) => p.id));
    await ctx.send({
      to: { kind: 'group' },
      text: lateGroupText({ ...base, units: late.map((u) => unitLabel(ctx, u)) }),
      mentions,
      purpose: `dispatch:${d.code}:late-group:${late.join(',')}`,
    });
    for (const u of late) await claimTargetStep(ctx.db, d.id, u, 'late', now, { mentions: unitContacts(ctx, u).map((p) => p.id) });
  }
  if (now.getTime() >= d.deadline.getTime() && !d.escalatedAt) {
    const refreshed = d.targets.map((t) => (late.includes(t.unitId) && !t.lateAt ? { ...t, lateAt: now } : t));
    const pending = refreshed.filter((t) => !t.answeredAt);
    if (pending.length === 0) return;
    const states = (ts: typeof refreshed) => ts.map((t) => ({ unit: unitLabel(ctx, t.unitId), state: stateText(t, d.deadline, now, tz) }));
    const supervisors = ctx.roster.withRole('supervisor');
    for (const p of supervisors) {
      await ctx.send({ to: { kind: 'person', id: p.id }, text: lateSupervisorText({ ...base, units: states(pending) }), mentions: [], purpose: `dispatch:${d.code}:supervise:${p.id}` });
    }
    await ctx.send({ to: { kind: 'person', id: d.leaderId }, text: leaderStatusText({ ...base, units: states(refreshed) }), mentions: [], purpose: `dispatch:${d.code}:leader-status` });
    if (await claimEscalation(ctx.db, d.id, now)) {
      await addEvent(ctx.db, d.id, { kind: 'supervisors', unitId: null, actorId: null, messageId: null, text: null, at: now, detail: { to: supervisors.map((p) => p.id), units: pending.map((t) => t.unitId) } });
      await addEvent(ctx.db, d.id, { kind: 'leader-status', unitId: null, actorId: d.leaderId, messageId: null, text: null, at: now });
    }
  }
}

/** One reminder to each head and liaison of a unit, then the step recorded (sent first: a repeat is a no-op by purpose). */
async function remindUnit(ctx: HandlerContext, d: Dispatch, unitId: string, step: Exclude<StepKind, 'late'>, text: string, now: Date): Promise<void> {
  const people = unitContacts(ctx, unitId);
  for (const p of people) {
    await ctx.send({ to: { kind: 'person', id: p.id }, text, mentions: [], purpose: `dispatch:${d.code}:${step}:${unitId}:${p.id}` });
  }
  await claimTargetStep(ctx.db, d.id, unitId, step, now, { to: people.map((p) => p.id) });
}
