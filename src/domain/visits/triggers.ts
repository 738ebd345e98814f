/**
 * 四个必到 (issue 18 §2): when a unit's leader must visit in person. A ticket calls for a visit when the citizen
 * asks to meet (面对面 / 上门 / 见面 in its content), it was reopened `reopenTimes` times, the citizen rated the
 * result 不满意, or the problem cannot be solved soon (an extension 延期 / 延时 asked or granted: the status says
 * so, or the deadline moved later on a later import; or the unit says it is long-term, domain/visits/prolonged.ts).
 * Pure.
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
  /** The working days before the due day on which the head is reminded (0: the due day). */
  remindWorkdaysBefore: readonly number[];
  /** Working days past the due day from which an unrecorded visit goes to the supervision team. */
  escalateWorkdaysAfter: number;
}

/** The district file's defaults (src/config/schema.ts, `visits`). */
export const VISIT_DEFAULTS: VisitRules = {
  reopenTimes: 2,
  dueWorkdays: 5,
  remindWorkdaysBefore: [1, 0],
  escalateWorkdaysAfter: 1,
};

/**
 * The citizen asks to meet: 面对面 / 见面 / 当面沟通…, or someone of the unit to come (领导上门, 相关部门上门,
 * 工作人员上门); a delivery or a repair at the door (快递上门, 物业上门维修) is no such request, nor a refusal
 * (不用上门, 无需见面).
 */
const MEET = new RegExp(
  '面对面|见面|当面(?:沟通|交流|解释|答复|反映|说明|协商|商量|谈|汇报|了解)|' +
    '(?:领导|负责人|负责同志|部门|单位|局|街道|社区|镇|政府|干部|工作人员|相关人员)' +
    '(?:的同志|的人|人员|同志)?(?:亲自)?上门|' +
    // 要求上门, 希望尽快上门了解: a request with no one else named to come
    '(?:要求|希望|请求?|恳请|盼望?|需要)(?:(?!物业|快递|外卖|师傅|维修|送货|保洁|商家)[\\u4e00-\\u9fa5]){0,6}?上门' +
    '(?!维修|送货|送餐|服务|收费|推销|安装|取件|回收)',
  'g',
);
/** Said just before a request, it turns it down (不用上门, 无需见面, 拒绝面对面). */
const REFUSED = /(?:不用|不需要?|不必|无需|无须|拒绝|不愿意?|不要|不想)[\u4e00-\u9fa5]{0,3}$|[不无没]$/;

const asksToMeet = (text: string): boolean =>
  [...text.matchAll(MEET)].some((m) => !REFUSED.test(text.slice(Math.max(0, (m.index ?? 0) - 6), m.index)));

/** The status says the problem cannot be solved soon (延期申请, 延时中, 短期内无法解决). */
const PROLONGED = /延期|延时|无法短期|短期内(?:无法|难以|不能)|长期(?:问题|工作)|难以(?:短期|立即)/;

export type VisitTicket = Pick<TicketInput, 'title' | 'content' | 'status' | 'rating' | 'reopenCount'> & {
  /** Its deadline was moved later on a later import (an extension granted: ticket_events 'deadline'). */
  extended?: boolean;
};

/** The reasons a ticket calls for a visit, in `VISIT_REASONS` order. */
export function visitReasons(t: VisitTicket, rules: Pick<VisitRules, 'reopenTimes'> = VISIT_DEFAULTS): VisitReason[] {
  const out: VisitReason[] = [];
  if (asksToMeet(t.content) || asksToMeet(t.title)) out.push('meet');
  if (t.reopenCount >= rules.reopenTimes) out.push('reopened');
  if (t.rating === '不满意') out.push('unsatisfied');
  const state = ticketState(t.status);
  if (state === 'extension' || PROLONGED.test(t.status) || t.extended === true) out.push('prolonged');
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
 * The step an unrecorded visit is at on `today` (a working day): a reminder on each of the working days
 * `remindWorkdaysBefore` the due day, the supervision team once it is `escalateWorkdaysAfter` working days past it
 * (or more: a day the check did not run is caught up); null otherwise.
 */
export function visitStep(
  dueDay: string,
  today: string,
  calendar: WorkCalendar,
  rules: Pick<VisitRules, 'remindWorkdaysBefore' | 'escalateWorkdaysAfter'> = VISIT_DEFAULTS,
): VisitStep | null {
  if (today > dueDay) return calendar.workdaysBetween(dueDay, today) >= rules.escalateWorkdaysAfter ? 'escalate' : null;
  return rules.remindWorkdaysBefore.includes(calendar.workdaysBetween(today, dueDay)) ? 'remind' : null;
}
