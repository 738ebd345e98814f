/**
 * 四个必到 (issue 18 §2): opening the visits the imported tickets call for (or a unit's words: a ticket that cannot
 * be solved soon), delivering them to the unit's head right after the import's answer within working hours (else at
 * the next working morning's visit-check), and the daily scan that reminds on the configured working days before
 * they are due and sends the unrecorded ones past due to the supervision team (each step of each item once).
 */
import type { DistrictConfig } from '../config/schema.js';
import { inWorkingHours } from '../domain/dispatch/flow.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import { idsWithRole, isUnitWorker, type Person, responsibleFor, unitName } from '../domain/roster.js';
import * as T from '../domain/texts/visits.js';
import { localDay } from '../domain/time.js';
import { prolongedMentions } from '../domain/visits/prolonged.js';
import {
  newReasons,
  type VisitReason,
  type VisitRules,
  visitDueDay,
  visitReasons,
  visitStep,
} from '../domain/visits/triggers.js';
import { roundByCode } from '../store/dual.js';
import { getTicket, recordTicketEvent } from '../store/tickets.js';
import {
  claimVisitStep,
  insertVisitItems,
  type NewVisitItem,
  openedReasons,
  owedVisits,
  PROLONGED_SAID,
  undeliveredVisits,
  type VisitItem,
  visitCandidates,
  visitsRecordedBetween,
} from '../store/visits.js';
import type { AppContext } from './context.js';
import { replyTo, toPerson } from './send.js';

/** How far back the routine looks for tickets that may call for a visit (those imported without a chat). */
const LOOKBACK_MS = 7 * 86_400_000;

/** The district file's 四个必到 rules. */
export function visitRules(config: DistrictConfig): VisitRules {
  const v = config.visits;
  return {
    reopenTimes: v.reopenTimes,
    dueWorkdays: v.dueWorkdays,
    remindWorkdaysBefore: v.remindWorkdaysBefore,
    escalateWorkdaysAfter: v.escalateWorkdaysAfter,
  };
}

/**
 * Opens an item for each ticket written since `since` whose visit reasons are not yet covered by its items (one item
 * per ticket and new reason set). Returns the codes opened. Silent: deliverVisits and the scan deliver them.
 */
export async function openVisits(ctx: AppContext, since: Date): Promise<string[]> {
  const rules = visitRules(ctx.config);
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

/** The unit's head as the examples name them (张局长); undefined when it has none. */
export const headName = (ctx: AppContext, unitId: string): string | undefined => ctx.roster.headsOf(unitId)[0]?.name;

export const factsOf = (ctx: AppContext, v: VisitItem): T.VisitFacts => {
  const head = headName(ctx, v.unitId);
  return {
    code: v.code,
    ticketNumber: v.ticketNumber,
    title: v.title,
    unit: unitName(ctx.roster, v.unitId),
    reasons: v.reasons as VisitReason[],
    dueDay: v.dueDay,
    reopenCount: v.reopenCount,
    prolongedBy: v.prolongedBy,
    content: v.content,
    ...(head ? { head } : {}),
  };
};

/**
 * Delivers the items never delivered to the unit's heads (else liaisons) privately, once each: on a working day,
 * within the working hours unless `anyHour` (the morning scan). Outside them nothing is sent: the next working
 * morning's visit-check delivers. Returns the codes delivered.
 */
export async function deliverVisits(ctx: AppContext, o: { anyHour?: boolean } = {}): Promise<string[]> {
  const now = ctx.clock.now();
  const tz = ctx.config.timezone;
  if (!ctx.calendar.isWorkday(localDay(now, tz))) return [];
  if (!o.anyHour && !inWorkingHours(now, ctx.config.dispatch, ctx.calendar, tz)) return [];
  const out: string[] = [];
  for (const v of await undeliveredVisits(ctx.db)) {
    const heads = responsibleFor(ctx.roster, v.unitId).map((p) => p.id);
    if (!(await claimVisitStep(ctx.db, v.code, 'opened', heads, now))) continue;
    const text = T.visitOpened(factsOf(ctx, v));
    for (const id of heads) await ctx.send(toPerson(id, text, `visit-open:${v.code}:${id}`));
    if (heads.length === 0) ctx.log.warn({ code: v.code, unit: v.unitId }, 'visit: the unit has no head or liaison');
    out.push(v.code);
  }
  return out;
}

/** Whether new items go out now (a working day, within working hours) or wait for the next working morning. */
export function deliversNow(ctx: AppContext): boolean {
  return inWorkingHours(ctx.clock.now(), ctx.config.dispatch, ctx.calendar, ctx.config.timezone);
}

/** After an import: the items it opened delivered now (within working hours); a failure is logged (visit-check). */
export async function deliverAfterImport(ctx: AppContext): Promise<void> {
  const sent = await deliverVisits(ctx).catch((err) => {
    ctx.log.error({ err }, 'visits: not delivered after the import (visit-check will)');
    return [];
  });
  if (sent.length > 0) ctx.log.info({ visits: sent }, 'visits delivered after the import');
}

const supervisors = (ctx: AppContext) => idsWithRole(ctx.roster, 'supervisor');
const codesOf = (items: readonly VisitItem[]) => items.map((v) => v.code).join('+');

export interface VisitScan {
  opened: string[];
  delivered: number;
  reminded: number;
  escalated: number;
}

/**
 * One scan (a working day's morning): opens what recent tickets call for, delivers items not yet delivered, reminds
 * the heads on the configured working days before the due day, and tells the supervision team (and the heads) about
 * an unrecorded item past due, once. Nothing on a rest day; a second run sends nothing new.
 */
export async function scanVisits(ctx: AppContext): Promise<VisitScan> {
  const now = ctx.clock.now();
  const today = localDay(now, ctx.config.timezone);
  const out: VisitScan = { opened: [], delivered: 0, reminded: 0, escalated: 0 };
  out.opened = await openVisits(ctx, new Date(now.getTime() - LOOKBACK_MS));
  if (!ctx.calendar.isWorkday(today)) return out;
  const delivered = new Set(await deliverVisits(ctx, { anyHour: true }));
  out.delivered = delivered.size;
  const rules = visitRules(ctx.config);
  const remind = new Map<string, VisitItem[]>();
  const escalate: VisitItem[] = [];
  for (const v of await owedVisits(ctx.db)) {
    if (delivered.has(v.code)) continue;
    const heads = responsibleFor(ctx.roster, v.unitId).map((p) => p.id);
    const step = visitStep(v.dueDay, today, ctx.calendar, rules);
    if (step === 'remind' && (await claimVisitStep(ctx.db, v.code, `remind:${today}`, heads, now))) {
      for (const id of heads) remind.set(id, [...(remind.get(id) ?? []), v]);
      out.reminded++;
    } else if (step === 'escalate' && (await claimVisitStep(ctx.db, v.code, 'escalate', supervisors(ctx), now))) {
      escalate.push(v);
      out.escalated++;
    }
  }
  // One message per person: a head owing several reminders today, the team several escalations.
  for (const [id, items] of remind) {
    const facts = items.map((v) => factsOf(ctx, v));
    const text =
      facts.length === 1 && facts[0]
        ? T.visitReminder(facts[0], today)
        : T.visitReminders(facts[0]?.unit ?? '', facts, today);
    await ctx.send(toPerson(id, text, `visit-remind:${codesOf(items)}:${today}:${id}`));
  }
  if (escalate.length > 0) {
    const team = T.visitEscalated(escalate.map((v) => factsOf(ctx, v)));
    for (const id of supervisors(ctx)) await ctx.send(toPerson(id, team, `visit-escalate:${codesOf(escalate)}:${id}`));
    for (const unitId of new Set(escalate.map((v) => v.unitId))) {
      const mine = escalate.filter((v) => v.unitId === unitId);
      const text = T.visitEscalatedToUnit(mine.map((v) => factsOf(ctx, v)));
      for (const p of responsibleFor(ctx.roster, unitId))
        await ctx.send(toPerson(p.id, text, `visit-escalate:${codesOf(mine)}:${p.id}`));
    }
  }
  return out;
}

/**
 * The unit's own open tickets a message of its head or liaison says cannot be solved soon (`工单2026… 短期内无法解决`,
 * or `SP3 …短期难以解决` for a 双派单 round the unit is a side of); [] for anything else.
 */
export async function prolongedTickets(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<string[]> {
  if (!isUnitWorker(sender) || sender.unit === undefined) return [];
  const said = prolongedMentions(commandText(msg));
  if (said.numbers.length + said.rounds.length === 0) return [];
  const numbers = [...said.numbers];
  for (const code of said.rounds) {
    const r = await roundByCode(ctx.db, code);
    if (r?.sides.some((s) => s.unitId === sender.unit) && !numbers.includes(r.ticketNumber))
      numbers.push(r.ticketNumber);
  }
  const ours: string[] = [];
  for (const n of numbers) {
    const t = await getTicket(ctx.db, n);
    if (t && t.unitId === sender.unit && !t.done) ours.push(t.number);
  }
  return ours;
}

/**
 * The unit's statement kept with each ticket (ticket_events 'prolonged-said'), an item opened for the reason where
 * none covers it yet (once per ticket), and delivered now within working hours. The answer to the sender: the
 * items opened (and whether the heads were told or will be the next working morning), or the item already owed.
 * `quietIfReached`: no answer when the delivery has just reached the sender (another handler answered the message).
 */
export async function takeProlongedSaid(
  ctx: AppContext,
  numbers: readonly string[],
  msg: IncomingMessage,
  sender: Person,
  o: { quietIfReached?: boolean } = {},
): Promise<string[]> {
  const unitId = sender.unit;
  if (numbers.length === 0 || unitId === undefined) return [];
  const now = ctx.clock.now();
  const today = localDay(now, ctx.config.timezone);
  const rules = visitRules(ctx.config);
  const opened = await openedReasons(ctx.db, numbers);
  const items: NewVisitItem[] = [];
  for (const n of numbers) {
    await recordTicketEvent(ctx.db, n, PROLONGED_SAID, now, `chat:${sender.id}`, {
      note: commandText(msg).slice(0, 500),
      message: msg.id,
    });
    if (newReasons(['prolonged'], opened.get(n) ?? []).length === 0) continue;
    items.push({
      ticket_number: n,
      unit_id: unitId,
      reasons: ['prolonged'],
      due_day: visitDueDay(today, ctx.calendar, rules),
    });
  }
  const codes = await insertVisitItems(ctx.db, items, now);
  const delivered = codes.length > 0 ? await deliverVisits(ctx) : [];
  const owed = await owedVisits(ctx.db, unitId);
  const fresh = owed.filter((v) => codes.includes(v.code)).map((v) => ({ ...v, head: headName(ctx, unitId) }));
  const known = owed.filter((v) => !codes.includes(v.code) && numbers.includes(v.ticketNumber));
  const reached = delivered.length > 0 && responsibleFor(ctx.roster, unitId).some((p) => p.id === sender.id);
  const lines: string[] = [];
  if (fresh.length > 0 && !(o.quietIfReached && reached))
    lines.push(T.visitOpenedFromChat(fresh, delivered.length > 0 ? 'sent' : 'later'));
  if (known.length > 0 && !o.quietIfReached)
    lines.push(...known.map((v) => T.visitAlreadyOwed(v.code, v.ticketNumber, v.dueDay)));
  if (lines.length > 0) await ctx.send(replyTo(msg, lines.join('\n'), `visit-said:${msg.id}`));
  if (codes.length > 0)
    ctx.log.info({ visits: codes, from: sender.id }, 'visits opened: the unit says a ticket cannot be solved soon');
  return codes;
}

/** After another handler took a unit's message: the tickets it says cannot be solved soon (see takeProlongedSaid). */
export async function noteProlongedSaid(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<string[]> {
  const numbers = await prolongedTickets(msg, sender, ctx);
  return takeProlongedSaid(ctx, numbers, msg, sender, { quietIfReached: true });
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

/** The district's owed visits per unit, for a leader or a supervisor who asks (texts/visits.ts). */
export async function districtOwedVisitsText(ctx: AppContext): Promise<string> {
  const today = localDay(ctx.clock.now(), ctx.config.timezone);
  const byUnit = new Map<string, { owed: number; overdue: number }>();
  for (const v of await owedVisits(ctx.db)) {
    const u = byUnit.get(v.unitId) ?? { owed: 0, overdue: 0 };
    u.owed += 1;
    if (v.dueDay < today) u.overdue += 1;
    byUnit.set(v.unitId, u);
  }
  const units = [...byUnit]
    .sort((a, b) => b[1].owed - a[1].owed || b[1].overdue - a[1].overdue)
    .map(([id, n]) => ({ unit: unitName(ctx.roster, id), ...n }));
  return T.districtOwedVisitsText(units);
}

/** The 我的待办 lines of a unit's owed visits (none: empty). */
export async function unitVisitLines(ctx: AppContext, unitId: string): Promise<string[]> {
  return (await owedVisits(ctx.db, unitId)).map((v) => T.visitOwedLine(factsOf(ctx, v)));
}

/** 我的待办 with the unit's owed visits added (the text as it was when there are none). */
export function withVisitLines(text: string, unit: string, nothingElse: boolean, lines: readonly string[]): string {
  if (lines.length === 0) return text;
  if (nothingElse) return T.visitsOnlyItems(unit, lines);
  return `${text}\n\n${T.VISITS_OWED_HEAD}\n${lines.join('\n')}`;
}
