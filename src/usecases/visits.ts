/**
 * 四个必到 (issue 18 §2): opening the visits the imported tickets call for, and the scan that delivers them to the
 * unit's head, reminds on the working days before they are due and sends the unrecorded ones past due to the
 * supervision team (each step of each item once).
 */
import { idsWithRole, responsibleFor, unitName } from '../domain/roster.js';
import * as T from '../domain/texts/visits.js';
import { localDay } from '../domain/time.js';
import {
  newReasons,
  VISIT_DEFAULTS,
  type VisitReason,
  visitDueDay,
  visitReasons,
  visitStep,
} from '../domain/visits/triggers.js';
import {
  claimVisitStep,
  insertVisitItems,
  type NewVisitItem,
  openedReasons,
  owedVisits,
  type VisitItem,
  visitCandidates,
  visitsRecordedBetween,
} from '../store/visits.js';
import type { AppContext } from './context.js';
import { toPerson } from './send.js';

/** How far back the routine looks for tickets that may call for a visit (those imported without a chat). */
const LOOKBACK_MS = 7 * 86_400_000;

/**
 * Opens an item for each ticket written since `since` whose visit reasons are not yet covered by its items (one item
 * per ticket and new reason set). Returns the codes opened. Silent: the scan delivers them.
 */
export async function openVisits(ctx: AppContext, since: Date): Promise<string[]> {
  const rules = VISIT_DEFAULTS;
  const now = ctx.clock.now();
  const today = localDay(now, ctx.config.timezone);
  const candidates = await visitCandidates(ctx.db, since, rules.reopenTimes);
  if (candidates.length === 0) return [];
  const opened = await openedReasons(
    ctx.db,
    candidates.map((c) => c.number),
  );
  const items: NewVisitItem[] = [];
  for (const c of candidates) {
    const reasons = newReasons(visitReasons(c, rules), opened.get(c.number) ?? []);
    if (reasons.length === 0) continue;
    items.push({
      ticket_number: c.number,
      unit_id: c.unitId,
      reasons,
      due_day: visitDueDay(today, ctx.calendar, rules),
    });
  }
  return insertVisitItems(ctx.db, items, now);
}

const factsOf = (ctx: AppContext, v: VisitItem): T.VisitFacts => ({
  code: v.code,
  ticketNumber: v.ticketNumber,
  title: v.title,
  unit: unitName(ctx.roster, v.unitId),
  reasons: v.reasons as VisitReason[],
  dueDay: v.dueDay,
});

export interface VisitScan {
  opened: string[];
  delivered: number;
  reminded: number;
  escalated: number;
}

/**
 * One scan: opens what recent tickets call for, delivers new items to the unit's heads (else liaisons) privately,
 * reminds them on the working day before the due day and on it, and tells the supervision team about an unrecorded
 * item past due, once. Reminders and escalations on working days only; a second run sends nothing new.
 */
export async function scanVisits(ctx: AppContext): Promise<VisitScan> {
  const now = ctx.clock.now();
  const today = localDay(now, ctx.config.timezone);
  const out: VisitScan = { opened: [], delivered: 0, reminded: 0, escalated: 0 };
  out.opened = await openVisits(ctx, new Date(now.getTime() - LOOKBACK_MS));
  const workday = ctx.calendar.isWorkday(today);
  const supervisors = idsWithRole(ctx.roster, 'supervisor');
  for (const v of await owedVisits(ctx.db)) {
    const facts = factsOf(ctx, v);
    const heads = responsibleFor(ctx.roster, v.unitId).map((p) => p.id);
    if (await claimVisitStep(ctx.db, v.code, 'opened', heads, now)) {
      for (const id of heads) await ctx.send(toPerson(id, T.visitOpened(facts), `visit-open:${v.code}:${id}`));
      out.delivered++;
      continue;
    }
    if (!workday) continue;
    const step = visitStep(v.dueDay, today, ctx.calendar);
    if (step === 'remind' && (await claimVisitStep(ctx.db, v.code, `remind:${today}`, heads, now))) {
      for (const id of heads)
        await ctx.send(toPerson(id, T.visitReminder(facts), `visit-remind:${v.code}:${today}:${id}`));
      out.reminded++;
    } else if (step === 'escalate' && (await claimVisitStep(ctx.db, v.code, 'escalate', supervisors, now))) {
      for (const id of supervisors)
        await ctx.send(toPerson(id, T.visitEscalated(facts), `visit-escalate:${v.code}:${id}`));
      out.escalated++;
    }
  }
  return out;
}

/**
 * The weekly summary's 四个必到 lines: per unit, the visits still owed (past due among them) and those recorded since
 * `from`; '' when there are none.
 */
export async function weeklyVisitsText(ctx: AppContext, from: Date, to: Date, today: string): Promise<string> {
  const owed = await owedVisits(ctx.db);
  const done = await visitsRecordedBetween(ctx.db, from, to);
  if (owed.length + done.length === 0) return '';
  const units = [...new Set([...owed, ...done].map((v) => v.unitId))];
  const lines = units.map((u) =>
    T.visitsWeekLine(
      unitName(ctx.roster, u),
      owed.filter((v) => v.unitId === u).length,
      done.filter((v) => v.unitId === u).length,
      owed.filter((v) => v.unitId === u && v.dueDay < today).length,
    ),
  );
  return `\n\n${T.VISITS_WEEK_HEAD}\n${lines.join('\n')}`;
}

/** The 我的待办 lines of a unit's owed visits (none: empty). */
export async function unitVisitLines(ctx: AppContext, unitId: string): Promise<string[]> {
  return (await owedVisits(ctx.db, unitId)).map((v) => T.visitOwedLine(v.code, v.ticketNumber, v.reasons, v.dueDay));
}

/** 我的待办 with the unit's owed visits added (the text as it was when there are none). */
export function withVisitLines(text: string, unit: string, nothingElse: boolean, lines: readonly string[]): string {
  if (lines.length === 0) return text;
  if (nothingElse) return T.visitsOnlyItems(unit, lines);
  return `${text}\n\n${T.VISITS_OWED_HEAD}\n${lines.join('\n')}`;
}
