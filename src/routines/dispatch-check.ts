import {
  type BlueRule,
  checkPatterns,
  inWorkingHours,
  owedSteps,
  policyFor,
  type StepKind,
} from '../domain/dispatch/flow.js';
import { unitName } from '../domain/roster.js';
import { signCard } from '../domain/sign-card.js';
import { CARD_TITLES } from '../domain/texts/card-press.js';
import {
  ackReminderText,
  blueReminderText,
  dueReminderText,
  type LateItem,
  lateGroupDigestText,
  lateGroupText,
  lateSupervisorDigestText,
  lateSupervisorText,
  leaderStatusDigestText,
  leaderStatusText,
} from '../domain/texts/dispatch.js';
import { type Colour, colourOf } from '../domain/tickets/colour.js';
import {
  addEvent,
  claimEscalation,
  claimTargetStep,
  type Dispatch,
  type DispatchTarget,
  dispatchTarget,
  openDispatches,
} from '../store/dispatches.js';
import { type AppContext, wordingOf } from '../usecases/context.js';
import { leaderName, stateText, unitContacts } from '../usecases/dispatch-common.js';
import { toGroup, toPerson } from '../usecases/send.js';
import { forEachIsolated } from './each.js';
import type { Routine } from './types.js';

/**
 * Follows every open dispatch up against the clock (a scan of stored state, each step
 * recorded once): the acknowledgement reminder, the reminder before the deadline, and at the
 * deadline the late units @-mentioned in the group, the supervision team told and the leader
 * given a status line — in one message per recipient when several dispatches reach their
 * deadline in the same check. Running it again sends nothing new.
 */
export const dispatchCheckRoutine: Routine = {
  name: 'dispatch-check',
  patterns: (config) => checkPatterns(config.routines.dispatchCheckMinutes, config.dispatch),
  async run(ctx) {
    const now = ctx.clock.now();
    if (!inWorkingHours(now, ctx.config.dispatch, ctx.calendar, ctx.config.timezone)) return;
    const due: DeadlineStep[] = [];
    await forEachIsolated(
      ctx,
      await openDispatches(ctx.db),
      async (d) => {
        const step = await checkDispatch(ctx, d, now);
        if (step) due.push(step);
      },
      (d) => ({ code: d.code }),
      'dispatch-check failed on this dispatch',
    );
    await deadlineNotices(ctx, due, now);
  },
};

/** What a dispatch owes at its deadline in this check: the late units' group notice, the escalation. */
interface DeadlineStep {
  d: Dispatch;
  /** Units that ran out of time now (their late step not yet recorded). */
  late: string[];
  /** Target units as they stand, the late ones marked late now; set when the escalation is owed. */
  escalation: { pending: DispatchTarget[]; all: DispatchTarget[] } | null;
}

/**
 * The reminders of one dispatch are sent here, each marked with the dispatch's colour (三色督办: blue on the
 * working day before the deadline day, with its own step then; yellow on it; red once late); its deadline step
 * is returned, to be sent with the others'.
 */
async function checkDispatch(ctx: AppContext, d: Dispatch, now: Date): Promise<DeadlineStep | null> {
  const tz = ctx.config.timezone;
  const leader = leaderName(ctx, d.leaderId);
  const colours = ctx.config.tickets.colours;
  const blue: BlueRule = { calendar: ctx.calendar, tz, leadWorkdays: colours.blueLeadWorkdays };
  const owed = owedSteps(d, now, policyFor(ctx.config.dispatch, d.urgent), blue);
  // An answer or acknowledgement may have come in since the scan read the dispatch.
  const steps: typeof owed = [];
  for (const s of owed) {
    const fresh = await dispatchTarget(ctx.db, d.id, s.unitId);
    if (!fresh || fresh.answeredAt || (s.step === 'ack-reminder' && fresh.ackedAt)) continue;
    steps.push(s);
  }
  const colour = colourOf({ dueAt: d.deadline }, now, ctx.calendar, tz, colours);
  const base = {
    code: d.code,
    leaderName: leader,
    text: d.text,
    deadline: d.deadline,
    tz,
    wording: wordingOf(ctx),
    colour,
  };
  for (const s of steps) {
    if (s.step === 'late') continue;
    const t = d.targets.find((x) => x.unitId === s.unitId);
    const acked = t?.ackedAt != null;
    const text =
      s.step === 'ack-reminder'
        ? ackReminderText(base)
        : s.step === 'blue-reminder'
          ? blueReminderText({ ...base, acked })
          : dueReminderText({ ...base, acked });
    await remindUnit(ctx, d, s.unitId, s.step, text, now, acked ? false : colour);
  }
  const late = steps.filter((s) => s.step === 'late').map((s) => s.unitId);
  let escalation: DeadlineStep['escalation'] = null;
  if (now.getTime() >= d.deadline.getTime() && !d.escalatedAt) {
    const all = d.targets.map((t) => (late.includes(t.unitId) && !t.lateAt ? { ...t, lateAt: now } : t));
    const pending = all.filter((t) => !t.answeredAt);
    if (pending.length > 0) escalation = { pending, all };
  }
  return late.length > 0 || escalation ? { d, late, escalation } : null;
}

/**
 * The deadline messages of every dispatch that reached it in this check. One dispatch gets its
 * own messages as always; several get ONE group notice, ONE 提请督办 to each member of the
 * supervision team and ONE 调度进展 to each leader, listing them all. Each is sent before the
 * dispatches' steps are recorded, under a purpose naming the dispatches in it: a check run again
 * after a crash in between finds the same dispatches owing and sends nothing new, then records.
 */
async function deadlineNotices(ctx: AppContext, due: readonly DeadlineStep[], now: Date): Promise<void> {
  const tz = ctx.config.timezone;
  const states = (d: Dispatch, ts: readonly DispatchTarget[]) =>
    ts.map((t) => ({ unit: unitName(ctx.roster, t.unitId), state: stateText(t, d.deadline, now, tz) }));
  // The leader's lines: a unit still owing its answer is 红色督办 (the supervision team's message says so once).
  const coloured = (d: Dispatch, ts: readonly DispatchTarget[]) =>
    states(d, ts).map((u, k) => ({ ...u, colour: ts[k]?.answeredAt ? null : ('red' as const) }));
  const codes = (xs: readonly DeadlineStep[]) => xs.map((x) => x.d.code).join('+');
  const base = (d: Dispatch) => ({
    code: d.code,
    leaderName: leaderName(ctx, d.leaderId),
    text: d.text,
    deadline: d.deadline,
    tz,
  });

  const late = due.filter((x) => x.late.length > 0);
  if (late.length > 0) {
    const mentions = [...new Set(late.flatMap((x) => x.late.flatMap((u) => unitContacts(ctx, u).map((p) => p.id))))];
    const only = late.length === 1 ? late[0] : undefined;
    await ctx.send(
      only
        ? toGroup(
            lateGroupText({
              ...base(only.d),
              units: only.late.map((u) => unitName(ctx.roster, u)),
              wording: wordingOf(ctx),
            }),
            `dispatch:${only.d.code}:late-group:${only.late.join(',')}`,
            mentions,
          )
        : toGroup(
            lateGroupDigestText(
              late.map((x) => ({ ...base(x.d), units: x.late.map((u) => unitName(ctx.roster, u)) })),
              tz,
              wordingOf(ctx),
            ),
            `dispatch:${codes(late)}:late-group:${late.map((x) => `${x.d.code}=${x.late.join(',')}`).join(';')}`,
            mentions,
          ),
    );
    await forEachIsolated(
      ctx,
      late,
      async (x) => {
        for (const u of x.late)
          await claimTargetStep(ctx.db, x.d.id, u, 'late', now, { mentions: unitContacts(ctx, u).map((p) => p.id) });
      },
      (x) => ({ code: x.d.code }),
      'dispatch-check could not record the late step',
    );
  }

  const esc = due.filter((x) => x.escalation !== null);
  if (esc.length === 0) return;
  const supervisors = ctx.roster.withRole('supervisor');
  const item = (x: DeadlineStep, ts: readonly DispatchTarget[]): LateItem => ({ ...base(x.d), units: states(x.d, ts) });
  const leaderItem = (x: DeadlineStep, ts: readonly DispatchTarget[]): LateItem => ({
    ...base(x.d),
    units: coloured(x.d, ts),
  });
  for (const p of supervisors) {
    const only = esc.length === 1 ? esc[0] : undefined;
    await ctx.send(
      only
        ? toPerson(
            p.id,
            lateSupervisorText({ ...base(only.d), units: states(only.d, only.escalation?.pending ?? []) }),
            `dispatch:${only.d.code}:supervise:${p.id}`,
          )
        : toPerson(
            p.id,
            lateSupervisorDigestText(
              esc.map((x) => item(x, x.escalation?.pending ?? [])),
              tz,
            ),
            `dispatch:${codes(esc)}:supervise:${p.id}`,
          ),
    );
  }
  const leaders = [...new Set(esc.map((x) => x.d.leaderId))];
  for (const leaderId of leaders) {
    const mine = esc.filter((x) => x.d.leaderId === leaderId);
    const only = mine.length === 1 ? mine[0] : undefined;
    await ctx.send(
      only
        ? toPerson(
            leaderId,
            leaderStatusText({ ...base(only.d), units: coloured(only.d, only.escalation?.all ?? []) }),
            `dispatch:${only.d.code}:leader-status`,
          )
        : toPerson(
            leaderId,
            leaderStatusDigestText(
              mine.map((x) => leaderItem(x, x.escalation?.all ?? [])),
              tz,
            ),
            `dispatch:${codes(mine)}:leader-status:${leaderId}`,
          ),
    );
  }
  await forEachIsolated(
    ctx,
    esc,
    async ({ d, escalation }) => {
      if (!(await claimEscalation(ctx.db, d.id, now))) return;
      await addEvent(ctx.db, d.id, {
        kind: 'supervisors',
        unitId: null,
        actorId: null,
        messageId: null,
        text: null,
        at: now,
        detail: { to: supervisors.map((p) => p.id), units: (escalation?.pending ?? []).map((t) => t.unitId) },
      });
      await addEvent(ctx.db, d.id, {
        kind: 'leader-status',
        unitId: null,
        actorId: d.leaderId,
        messageId: null,
        text: null,
        at: now,
      });
    },
    (x) => ({ code: x.d.code }),
    'dispatch-check could not record the escalation',
  );
}

/**
 * One reminder to each head and liaison of a unit, then the step recorded (sent first: a repeat is a no-op by purpose).
 * `unsigned` (the colour, or null when the unit signed): the reminder carries its own 签收 card where the chat has
 * cards, titled with the colour, so a unit need not look for the delivery's card.
 */
async function remindUnit(
  ctx: AppContext,
  d: Dispatch,
  unitId: string,
  step: Exclude<StepKind, 'late'>,
  text: string,
  now: Date,
  unsigned: Colour | null | false,
): Promise<void> {
  const people = unitContacts(ctx, unitId);
  for (const p of people) {
    const purpose = `dispatch:${d.code}:${step}:${unitId}:${p.id}`;
    const card =
      unsigned === false
        ? undefined
        : signCard(purpose, CARD_TITLES.dispatch(d.code, d.urgent, unsigned), {
            kind: 'dispatch',
            code: d.code,
            unitId,
          });
    await ctx.send(toPerson(p.id, text, purpose, card ? { card } : {}));
  }
  await claimTargetStep(ctx.db, d.id, unitId, step, now, { to: people.map((p) => p.id) });
}
