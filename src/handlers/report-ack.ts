import { isAckOnly, isQuestion, plainWords } from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import { commandText } from '../domain/messages.js';
import { isUnitWorker } from '../domain/roster.js';
import { type ReportDue, reportAckText, reportDueText } from '../domain/texts/reports.js';
import { clockMinutes, localDay, localMinutes } from '../domain/time.js';
import { reportedUnitIds } from '../store/reports.js';
import { claimStep, stepDetail } from '../store/steps.js';
import { type AppContext, addressedToBot } from '../usecases/context.js';
import { toPerson } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/** A bare acknowledgement is short; a code or a number names something the other handlers take. */
const MAX_CHARS = 20;
const NAMES_SOMETHING = /(?<![A-Za-z0-9])(?:SP|D|C|V|TB)\s?\d{1,8}|\d{6,}/i;

/** Whether the day's 17:30 reminder or 18:00 roll call named the unit: what its bare 收到 may answer. */
async function calledToReport(ctx: AppContext, day: string, unitId: string): Promise<boolean> {
  for (const step of ['report-reminder', 'report-deadline']) {
    const missing = (await stepDetail(ctx.db, `${step}:${day}`))?.missing;
    if (Array.isArray(missing) && missing.includes(unitId)) return true;
  }
  return false;
}

/**
 * Where the unit's day report stands today for a bare 收到 (the day, and due / in / late), or null when its 收到
 * cannot be about the report: not a reporting unit, not a working day, or the day's 17:30 reminder and 18:00 roll
 * call did not name it.
 */
async function reportState(ctx: AppContext, unitId: string): Promise<{ day: string; state: ReportDue } | null> {
  if (!ctx.roster.unit(unitId)?.reports) return null;
  const now = ctx.clock.now();
  const day = localDay(now, ctx.config.timezone);
  if (!ctx.calendar.isWorkday(day) || !(await calledToReport(ctx, day, unitId))) return null;
  if ((await reportedUnitIds(ctx.db, day)).has(unitId)) return { day, state: 'reported' };
  const late = localMinutes(now, ctx.config.timezone) >= clockMinutes(ctx.config.routines.reportDeadline);
  return { day, state: late ? 'late' : 'due' };
}

/** Claims the once-a-day-per-person-and-state step of the report line; false when told already. */
function claimTold(
  ctx: AppContext,
  personId: string,
  day: string,
  state: ReportDue,
  detail: Record<string, unknown>,
): Promise<boolean> {
  return claimStep(ctx.db, `report-ack:${personId}:${day}:${state}`, 'report-ack', ctx.clock.now(), day, detail);
}

/**
 * A 收到 that signed something else (a ticket digest) after the day's 17:30 reminder or 18:00 roll call named the
 * unit, its report still missing: the line about the report (请于18:00前报送…), once a day per person as the
 * reminder's own 收到 gets it; null when not due or told already.
 */
export async function reportDueLine(ctx: AppContext, personId: string, unitId: string): Promise<string | null> {
  const r = await reportState(ctx, unitId);
  if (r === null || r.state === 'reported' || !(await claimTold(ctx, personId, r.day, r.state, {}))) return null;
  return reportDueText(r.state, ctx.roster.unit(unitId)?.name ?? unitId, ctx.config.routines.reportDeadline);
}

interface Decision {
  day: string;
  unitId: string;
  state: ReportDue;
}

/**
 * A unit person's bare 收到 / 好的 addressed to the bot (@督办助手 收到 on WeCom, privately anywhere) that nothing took
 * — nothing to sign, nothing waiting to ask about — once the day's 17:30 reminder (or the 18:00 roll call) named its
 * unit: the reminder's 收到 (before it, a bare 收到 with nothing waiting still needs no answer). Told
 * privately when the day report is due (好的，请于18:00前报送区民政局今日日报。), that it is in, or that it is late;
 * once a day per person and state (a step claimed first, as for greetings). A 收到 in the Wechaty group not
 * addressed to the bot stays unanswered.
 */
export const reportAckHandler: MessageHandler<Decision> = {
  name: 'report-ack',
  async matches(msg, sender, ctx) {
    const unitId = sender.unit;
    if (!isUnitWorker(sender) || unitId === undefined) return null;
    const own = ownWords(commandText(msg)).trim();
    if (own === '' || plainWords(own).length > MAX_CHARS || NAMES_SOMETHING.test(own)) return null;
    if (!isAckOnly(own) || isQuestion(own) || !addressedToBot(ctx, msg)) return null;
    const r = await reportState(ctx, unitId);
    return r === null ? null : { ...r, unitId };
  },
  async handle(dec, msg, sender, ctx) {
    const name = ctx.roster.unit(dec.unitId)?.name ?? dec.unitId;
    const text = reportAckText(dec.state, name, ctx.config.routines.reportDeadline);
    if (!(await claimTold(ctx, sender.id, dec.day, dec.state, { message: msg.id }))) {
      ctx.log.debug({ id: msg.id, from: sender.id, state: dec.state }, 'told already today: no second answer');
      return;
    }
    await ctx.send(toPerson(sender.id, text, `report-ack:${msg.id}`));
  },
};
