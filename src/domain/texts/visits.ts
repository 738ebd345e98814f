/** 四个必到 (issue 18 §2): what the bot says about visits owed by a unit's leader (zh-CN). */
import type { VisitReason } from '../visits/triggers.js';

export const VISIT_REASON_TEXT: Record<VisitReason, string> = {
  meet: '群众要求面对面沟通',
  reopened: '工单多次重办',
  unsatisfied: '群众对办理结果不满意',
  prolonged: '问题短期内难以解决、已申请延期',
};

export const reasonsText = (reasons: readonly VisitReason[]) => reasons.map((r) => VISIT_REASON_TEXT[r]).join('、');

/** A short label of a day `YYYY-MM-DD`: 11月20日. */
export const dayLabel = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export interface VisitFacts {
  code: string;
  ticketNumber: string;
  title: string;
  unit: string;
  reasons: readonly VisitReason[];
  dueDay: string;
}

const recordHint = (code: string) =>
  `走访后请回复：${code} 已上门 日期 走访人 达成事项（如：${code} 已上门 王局长 已与群众达成整改协议）。`;

/** The 必到 item to the unit's head, privately. */
export const visitOpened = (v: VisitFacts) =>
  `【四个必到】${v.code} ${v.unit}：工单${v.ticketNumber}${v.title ? `（${v.title}）` : ''}` +
  `因${reasonsText(v.reasons)}，` +
  `须由单位主要负责人亲自上门走访，请于${dayLabel(v.dueDay)}前完成。\n${recordHint(v.code)}`;

/** The reminder on the working days before it is due. */
export const visitReminder = (v: VisitFacts) =>
  `【四个必到·提醒】${v.code} 工单${v.ticketNumber}的领导走访将于${dayLabel(v.dueDay)}到期，尚未登记走访情况。` +
  `\n${recordHint(v.code)}`;

/** An unrecorded visit past due, to the supervision team. */
export const visitEscalated = (v: VisitFacts) =>
  `【四个必到·逾期未走访】${v.code} ${v.unit} 工单${v.ticketNumber}（${reasonsText(v.reasons)}），` +
  `领导走访应于${dayLabel(v.dueDay)}前完成，至今未登记，请督导专班跟进。`;

export const visitRecorded = (code: string, ticketNumber: string, day: string, person: string, agreed: string) =>
  `已登记${code}（工单${ticketNumber}）走访情况：${dayLabel(day)}，${person}上门走访` +
  `${agreed ? `，${agreed.replace(/[。.]$/, '')}` : ''}。`;

export const visitAlreadyRecorded = (code: string, day: string, person: string) =>
  `${code}已于此前登记走访（${dayLabel(day)}，${person}），本次内容已补充记录。`;

/** A message that starts with a 必到 code but is not read as a visit record. */
export const visitUnreadable = (code: string) =>
  `未能识别${code}的走访登记。请按“${code} 已上门 日期 走访人 达成事项”回复，` +
  `如：${code} 已上门 11月20日 王局长 已与群众达成整改协议。`;
export const visitUnknown = (code: string) => `未找到必到事项${code}，请核对编号。`;
export const visitNotYours = (code: string, unit: string) =>
  `${code}是${unit}的必到事项，请由该单位负责人或联络员登记。`;
export const VISIT_NEEDS_WORKER = '走访情况请由承办单位负责人或联络员登记。';
export const visitFutureDay = (day: string) => `走访日期${dayLabel(day)}尚未到来，请核对后重新登记。`;

/** One line of 我的待办 / the weekly summary. */
export const visitOwedLine = (code: string, ticketNumber: string, reasons: readonly VisitReason[], dueDay: string) =>
  `${code} 工单${ticketNumber}：${reasonsText(reasons)}，${dayLabel(dueDay)}前走访`;

export const VISITS_OWED_HEAD = '待完成的领导走访（四个必到）：';

/** 我的待办 of a unit that owes only visits. */
export const visitsOnlyItems = (unit: string, lines: readonly string[]) =>
  `${unit}没有待答复的点对点调度和双派单，也没有超期、重办工单；尚有${lines.length}项领导走访（四个必到）待完成：\n` +
  lines.join('\n');

/** The weekly summary's line per unit. */
export const visitsWeekLine = (unit: string, owed: number, done: number, overdue: number) =>
  `· ${unit}：待走访${owed}件${overdue > 0 ? `（逾期${overdue}件）` : ''}，本周已走访${done}件`;
export const VISITS_WEEK_HEAD = '【四个必到】领导走访情况：';
