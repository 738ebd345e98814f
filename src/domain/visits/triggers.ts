/**
 * 四个必到 (issue 18 §2): when a unit's leader must visit in person. A ticket calls for a visit when the citizen
 * asks to meet (面对面 / 上门 / 见面 in its content), it was reopened `reopenTimes` times, the citizen rated the
 * result 不满意, or the problem cannot be solved soon (an extension 延期 / 延时 asked, or the unit says it is
 * long-term). Pure.
 */
import type { WorkCalendar } from '../calendar.js';
import type { TicketInput } from '../tickets/row.js';
import { ticketState } from '../tickets/status.js';

export type VisitReason = 'meet' | 'reopened' | 'unsatisfied' | 'prolonged';

/** The order reasons are stored and said in. */
export const VISIT_REASONS: readonly VisitReason[] = ['meet', 'reopened', 'unsatisfied', 'prolonged'];

export interface VisitRules {
  /** Reopened this many times or more calls for a visit. */
  reopenTimes: number;
  /** Working days from opening to the visit's deadline. */
  dueWorkdays: number;
}

export const VISIT_DEFAULTS: VisitRules = { reopenTimes: 2, dueWorkdays: 5 };

const MEET = /面对面|上门|见面|当面/;
const PROLONGED = /延期|延时|无法短期|短期内(?:无法|难以|不能)|长期(?:问题|工作)|难以(?:短期|立即)/;

export type VisitTicket = Pick<TicketInput, 'title' | 'content' | 'status' | 'rating' | 'reopenCount'>;

/** The reasons a ticket calls for a visit, in `VISIT_REASONS` order. */
export function visitReasons(t: VisitTicket, rules: Pick<VisitRules, 'reopenTimes'> = VISIT_DEFAULTS): VisitReason[] {
  const out: VisitReason[] = [];
  if (MEET.test(t.content) || MEET.test(t.title)) out.push('meet');
  if (t.reopenCount >= rules.reopenTimes) out.push('reopened');
  if (t.rating === '不满意') out.push('unsatisfied');
  const state = ticketState(t.status);
  if (state === 'extension' || PROLONGED.test(t.status)) out.push('prolonged');
  return out;
}

/** The reasons not yet covered by the items already opened for the ticket (each reason opens once per ticket). */
export function newReasons(reasons: readonly VisitReason[], opened: ReadonlyArray<readonly string[]>): VisitReason[] {
  const covered = new Set(opened.flat());
  return reasons.filter((r) => !covered.has(r));
}

/** The day a visit opened on `day` is due: `dueWorkdays` working days later. */
export function visitDueDay(day: string, calendar: WorkCalendar, rules: Pick<VisitRules, 'dueWorkdays'>): string {
  return calendar.addWorkdays(day, rules.dueWorkdays);
}

export type VisitStep = 'remind' | 'escalate';

/**
 * The step an unrecorded visit is at on `today` (a working day): the reminder on the last working day before it is
 * due and on the due day, the supervision team once it is past due; null before that.
 */
export function visitStep(dueDay: string, today: string, calendar: WorkCalendar): VisitStep | null {
  if (today > dueDay) return 'escalate';
  if (calendar.workdaysBetween(today, dueDay) <= 1) return 'remind';
  return null;
}
