import { checkPatterns, inWorkingHours } from '../domain/dispatch/flow.js';
import { ackReminderDue, bothLatePastLadder, colourStepDue, holdingUp, sideStepDue } from '../domain/dual/rules.js';
import { SIDE_LABEL, type SideKey } from '../domain/dual/sides.js';
import { idsWithRole, unitName } from '../domain/roster.js';
import { signCard } from '../domain/sign-card.js';
import { CARD_TITLES } from '../domain/texts/card-press.js';
import * as T from '../domain/texts/dual.js';
import { colourOf } from '../domain/tickets/colour.js';
import type { LadderStep } from '../domain/tickets/digest.js';
import { localDay } from '../domain/time.js';
import {
  addDualEvent,
  claimSideStep,
  type DualRound,
  liveRounds,
  recordDualStep,
  roundById,
  takenDualSteps,
  undispatchedRounds,
} from '../store/dual.js';
import { claimStep, hasStep } from '../store/steps.js';
import { getTicket } from '../store/tickets.js';
import { type AppContext, wordingOf } from '../usecases/context.js';
import { askBackcheck, enqueueRound, openDualRounds, sendAccountability, sideContacts } from '../usecases/dual-flow.js';
import { dualNoticeFile, type NoticeFile } from '../usecases/notices.js';
import { toGroup, toPerson } from '../usecases/send.js';
import { forEachIsolated } from './each.js';
import type { Routine } from './types.js';

/** A flow added this long ago that has not delivered is added again (its jobs were lost). */
const REDELIVER_AFTER_MS = 10 * 60_000;

/**
 * Follows the 双派单 rounds up (a scan of stored state, each step recorded once): makes the
 * rounds owed by tickets imported elsewhere (the CLI) and re-adds lost flows at any time;
 * within working hours, the 签收 reminder, the late mark and the ticket ladder for a late
 * side (即时 → 书面 → 现场 → 提请; one message per person and step when several rounds owe it), the group note on who
 * holds a round up (once a day), the
 * back-check questions still owed, and 双问责 when every side is late past the ladder.
 */
export const dualCheckRoutine: Routine = {
  name: 'dual-check',
  patterns: (config) => checkPatterns(config.routines.dualCheckMinutes, config.dispatch),
  async run(ctx) {
    await openDualRounds(ctx);
    const now = ctx.clock.now();
    for (const r of await undispatchedRounds(ctx.db)) {
      if (!r.flowEnqueuedAt || now.getTime() - r.flowEnqueuedAt.getTime() >= REDELIVER_AFTER_MS)
        await enqueueRound(ctx, r);
    }
    if (!inWorkingHours(now, ctx.config.dispatch, ctx.calendar, ctx.config.timezone)) return;
    const checked: Checked[] = [];
    await forEachIsolated(
      ctx,
      await liveRounds(ctx.db),
      async (r) => {
        const c = await checkRound(ctx, r, now);
        if (c) checked.push(c);
      },
      (r) => ({ code: r.code }),
      'dual-check failed on this round',
    );
    await ladderNotices(
      ctx,
      checked.flatMap((c) => c.due),
      now,
    );
    await finishRounds(ctx, checked, now);
  },
};

type SideReminder = 'ack-reminder' | 'blue-reminder' | 'yellow-reminder';
const REMINDER_COLUMN = {
  'ack-reminder': 'ack_reminded_at',
  'blue-reminder': 'blue_reminded_at',
  'yellow-reminder': 'yellow_reminded_at',
} as const;

/** A ladder step owed by one late side of a round in this check. */
interface DueStep {
  r: DualRound;
  side: SideKey;
  step: LadderStep;
  daysOverdue: number;
  to: string[];
  input: T.LateInput;
  /** The round's steps taken, updated when this one is recorded (双问责 looks at them). */
  taken: Map<SideKey, Map<LadderStep, string>>;
}

interface Checked {
  r: DualRound;
  title: string;
  taken: Map<SideKey, Map<LadderStep, string>>;
  due: DueStep[];
}

/**
 * A round's 签收 reminders and late marks; its ladder steps owed now are returned, to be sent with the other rounds'.
 */
async function checkRound(ctx: AppContext, r: DualRound, now: Date): Promise<Checked | null> {
  const tz = ctx.config.timezone;
  const today = localDay(now, tz);
  if (r.status === 'answered') {
    if (r.sides.some((s) => !s.backcheckAskedAt && !s.backcheckAt)) await askBackcheck(ctx, r);
    return null;
  }
  if (!r.dispatchedAt) return null;
  const ticket = await getTicket(ctx.db, r.ticketNumber);
  const title = ticket?.title ?? '';
  // 三色督办: the round's colour now (blue the working day before its deadline day, yellow on it); an unsigned
  // side's reminder carries its own 签收 card, titled with it.
  const colours = ctx.config.tickets.colours;
  const colour = colourOf({ dueAt: r.deadline }, now, ctx.calendar, tz, colours);
  const remind = async (s: DualRound['sides'][number], step: SideReminder, text: string) => {
    const people = sideContacts(ctx, s.unitId);
    for (const p of people) {
      const purpose = `dual:${r.code}:${step}:${s.side}:${p.id}`;
      const card = s.ackedAt
        ? undefined
        : signCard(purpose, CARD_TITLES.dual(r.code, colour), { kind: 'dual', code: r.code, unitId: s.unitId });
      await ctx.send(toPerson(p.id, text, purpose, card ? { card } : {}));
    }
    await claimSideStep(ctx.db, r.id, s.side, REMINDER_COLUMN[step], now, { to: people.map((p) => p.id) });
  };
  for (const s of r.sides) {
    const step = colourStepDue(s, r.deadline, now, ctx.calendar, tz, colours.blueLeadWorkdays);
    if (step) {
      const input = {
        code: r.code,
        number: r.ticketNumber,
        title,
        deadline: r.deadline,
        tz,
        acked: s.ackedAt !== null,
      };
      await remind(s, `${step}-reminder`, T.sideReminderText(step, input, wordingOf(ctx)));
      continue;
    }
    if (!ackReminderDue(s, now, ctx.config.dual.ackWithinHours)) continue;
    await remind(s, 'ack-reminder', T.ackReminderText(r.code, r.ticketNumber, r.deadline, tz, wordingOf(ctx), colour));
  }
  if (now.getTime() < r.deadline.getTime()) return null;
  const taken = await takenDualSteps(ctx.db, r.id);
  const supervisors = idsWithRole(ctx.roster, 'supervisor');
  const leaders = idsWithRole(ctx.roster, 'leader');
  const due: DueStep[] = [];
  for (const s of r.sides) {
    if (s.answeredAt) continue;
    if (!s.lateAt) await claimSideStep(ctx.db, r.id, s.side, 'late_at', now);
    const mine = taken.get(s.side) ?? new Map<LadderStep, string>();
    const step = sideStepDue(s, r.deadline, now, ctx.config.tickets.ladder, mine, today, ctx.calendar, tz);
    if (!step) continue;
    const heads = sideContacts(ctx, s.unitId).map((p) => p.id);
    const to = step.step === 'onsite' ? supervisors : step.step === 'referral' ? leaders : heads;
    const input = {
      code: r.code,
      number: r.ticketNumber,
      title,
      unitName: unitName(ctx.roster, s.unitId),
      sideLabel: SIDE_LABEL[s.side],
      deadline: r.deadline,
      daysOverdue: step.daysOverdue,
      tz,
    };
    due.push({ r, side: s.side, step: step.step, daysOverdue: step.daysOverdue, to, input, taken });
  }
  return { r, title, taken, due };
}

/**
 * The ladder messages of every late side in this check. A person owed one gets today's message;
 * a person owed several at the same step (the supervision team's 现场督办, the leaders' 提请督办,
 * a head's 即时/书面督办 for several rounds) gets ONE listing them. Sent before the steps are
 * recorded, under a purpose naming the rounds in it: a check run again after a crash in
 * between finds the same steps owing and sends nothing new, then records them.
 */
async function ladderNotices(ctx: AppContext, due: readonly DueStep[], now: Date): Promise<void> {
  const today = localDay(now, ctx.config.timezone);
  const people = [...new Set(due.flatMap((x) => x.to))];
  // The written steps are documents too (issue 18 §4): the 书面督办 text is followed by a 《催办通知书》 to the
  // side's unit, the 提请督办 text by a 《督办函》 to the leaders, numbered with the tickets' notices; one per set of
  // sides (the same file to each of a unit's heads, to each leader), its key naming them (a rerun keeps the number).
  const files = new Map<string, Promise<NoticeFile | undefined>>();
  const noticeFor = (step: LadderStep, mine: readonly DueStep[]) => {
    if (step !== 'written' && step !== 'referral') return Promise.resolve(undefined);
    const key = `dual-${step}:${mine.map((x) => `${x.r.code}-${x.side}`).join('+')}`;
    const made =
      files.get(key) ??
      dualNoticeFile(ctx, {
        kind: step,
        key,
        sides: mine.map((x) => ({ round: x.r, side: x.side, daysOverdue: x.daysOverdue })),
      });
    files.set(key, made);
    return made;
  };
  for (const step of ['immediate', 'written', 'onsite', 'referral'] as const) {
    for (const id of people) {
      const mine = due.filter((x) => x.step === step && x.to.includes(id));
      const file = mine.length > 0 ? await noticeFor(step, mine) : undefined;
      const extras = file ? { file: { name: file.name, path: file.path } } : {};
      const wording = wordingOf(ctx);
      const only = mine.length === 1 ? mine[0] : undefined;
      if (only) {
        const i = only.input;
        const text =
          step === 'immediate'
            ? T.lateImmediateText(i, wording)
            : step === 'written'
              ? T.lateWrittenText(i, wording, file)
              : step === 'onsite'
                ? T.lateOnsiteText(i)
                : T.lateReferralText(i, file);
        await ctx.send(toPerson(id, text, `dual:${only.r.code}:${step}:${only.side}:${id}`, extras));
      } else if (mine.length > 1) {
        const keys = mine.map((x) => `${x.r.code}-${x.side}`).join('+');
        await ctx.send(
          toPerson(
            id,
            T.lateDigestText(
              step,
              mine.map((x) => x.input),
              wording,
              file,
            ),
            `dual:${keys}:${step}:${id}`,
            extras,
          ),
        );
      }
    }
  }
  await forEachIsolated(
    ctx,
    due,
    async (x) => {
      if (await recordDualStep(ctx.db, x.r.id, x.side, x.step, x.daysOverdue, today, now, x.to)) {
        const mine = x.taken.get(x.side) ?? new Map<LadderStep, string>();
        mine.set(x.step, today);
        x.taken.set(x.side, mine);
      }
    },
    (x) => ({ code: x.r.code, side: x.side }),
    'dual-check could not record the ladder step',
  );
}

/** A round held up by a side: the group is told once a day. */
interface Holdup {
  r: DualRound;
  title: string;
  answered: string[];
  holding: ReturnType<typeof holdingUp>;
  mentions: string[];
}

/**
 * The group notes on who holds a round up (once a day per round: one note listing them when
 * several are owed in this check, sent before each is recorded, under a purpose naming them),
 * then 双问责 for each round whose every side is late past the ladder.
 */
async function finishRounds(ctx: AppContext, checked: readonly Checked[], now: Date): Promise<void> {
  const tz = ctx.config.timezone;
  const today = localDay(now, tz);
  const held: Holdup[] = [];
  await forEachIsolated(
    ctx,
    checked,
    async ({ r, title }) => {
      const holding = holdingUp(r.sides, r.deadline, now);
      if (holding.length === 0 || (await hasStep(ctx.db, `dual-holdup:${r.code}:${today}`))) return;
      const answered = r.sides.filter((s) => s.answeredAt).map((s) => unitName(ctx.roster, s.unitId));
      held.push({
        r,
        title,
        answered,
        holding,
        mentions: holding.flatMap((s) => sideContacts(ctx, s.unitId).map((p) => p.id)),
      });
    },
    (c) => ({ code: c.r.code }),
    'dual-check failed on this round',
  );
  const only = held.length === 1 ? held[0] : undefined;
  if (only) {
    const { r } = only;
    await ctx.send(
      toGroup(
        T.holdupText(
          r.code,
          r.ticketNumber,
          only.title,
          only.answered,
          only.holding.map((s) => unitName(ctx.roster, s.unitId)),
          r.deadline,
          tz,
          wordingOf(ctx),
        ),
        `dual:${r.code}:holdup:${today}`,
        only.mentions,
      ),
    );
  } else if (held.length > 1) {
    await ctx.send(
      toGroup(
        T.holdupDigestText(
          held.map((h) => ({
            code: h.r.code,
            number: h.r.ticketNumber,
            title: h.title,
            answered: h.answered,
            holding: h.holding.map((s) => unitName(ctx.roster, s.unitId)),
            deadline: h.r.deadline,
          })),
          tz,
          wordingOf(ctx),
        ),
        `dual:${held.map((h) => h.r.code).join('+')}:holdup:${today}`,
        [...new Set(held.flatMap((h) => h.mentions))],
      ),
    );
  }
  await forEachIsolated(
    ctx,
    held,
    async ({ r, holding, mentions }) => {
      if (await claimStep(ctx.db, `dual-holdup:${r.code}:${today}`, 'dual-check', now, today)) {
        await addDualEvent(ctx.db, {
          roundId: r.id,
          side: holding[0]?.side ?? null,
          kind: 'holdup',
          actorId: null,
          messageId: null,
          text: null,
          at: now,
          detail: { to: ['group'], mentions, holding: holding.map((s) => s.unitId) },
        });
      }
    },
    (h) => ({ code: h.r.code }),
    'dual-check could not record the holdup note',
  );
  await forEachIsolated(
    ctx,
    checked,
    async ({ r, taken }) => {
      if (!r.accountabilityAt && bothLatePastLadder(r.sides, taken))
        await sendAccountability(ctx, (await roundById(ctx.db, r.id)) as DualRound, 'both-late');
    },
    (c) => ({ code: c.r.code }),
    'dual-check failed on this round',
  );
}
