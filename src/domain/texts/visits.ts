/** 四个必到 (issue 18 §2): what the bot says about visits owed by a unit's leader (zh-CN). */
import { weekday } from '../calendar.js';
import { clipTitle } from '../language/clip.js';
import { WEEKDAY_NAMES } from '../time.js';
import type { VisitReason } from '../visits/triggers.js';

/** Why a ticket cannot be solved soon, as far as the ticket shows. */
export interface ProlongedBy {
  status: boolean;
  extended: boolean;
  said: boolean;
}

/** One reason as the messages say it. */
export function reasonText(r: VisitReason, reopenCount = 0, by?: ProlongedBy): string {
  if (r === 'meet') return '群众要求面对面沟通';
  if (r === 'reopened') return reopenCount > 1 ? `已重办${reopenCount}次` : '多次重办';
  if (r === 'unsatisfied') return '群众对办理结果不满意';
  if (by?.status) return '已申请延期，问题短期内难以解决';
  if (by?.extended) return '办理时限已延长，问题短期内难以解决';
  if (by?.said) return '承办单位反映问题短期内难以解决';
  return '问题短期内难以解决';
}

/** The reasons of an item, one after another (；between them). */
export const reasonsText = (reasons: readonly VisitReason[], reopenCount = 0, by?: ProlongedBy) =>
  reasons.map((r) => reasonText(r, reopenCount, by)).join('；');

/** A short label of a day `YYYY-MM-DD`: 11月20日. */
export const dayLabel = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
/** A due day: 12月7日（星期一）. */
export const dueLabel = (day: string) => `${dayLabel(day)}（星期${WEEKDAY_NAMES[weekday(day)]}）`;

export interface VisitFacts {
  code: string;
  ticketNumber: string;
  title: string;
  unit: string;
  reasons: readonly VisitReason[];
  dueDay: string;
  reopenCount?: number;
  prolongedBy?: ProlongedBy;
  /** The citizen's words (诉求内容), '' when not known. */
  content?: string;
  /** Who the examples name: the unit's head (张局长). */
  head?: string;
}

const ticketOf = (v: Pick<VisitFacts, 'ticketNumber' | 'title'>) =>
  `工单${v.ticketNumber}${v.title ? `（${v.title}）` : ''}`;
const why = (v: VisitFacts) => reasonsText(v.reasons, v.reopenCount ?? 0, v.prolongedBy);

/** How to record a visit, with the item's code and the unit's head as the example's visitor. */
export const recordHint = (code: string, head = '王局长') =>
  `走访后请直接回复走访情况，如：${code} 已上门 ${head} 已与群众达成整改协议（非当天走访的请写明日期）。`;

/** The 必到 item to the unit's head, privately. */
export const visitOpened = (v: VisitFacts) =>
  `【四个必到】${v.code} ${v.unit}\n${ticketOf(v)}：${why(v)}。\n` +
  (v.content ? `诉求：${clipTitle(v.content, 60)}\n` : '') +
  `按照“四个必到”要求，须由单位负责同志亲自上门走访，请于${dueLabel(v.dueDay)}前完成。\n${recordHint(v.code, v.head)}`;

/** When an owed visit is due, said on `today`: 今日到期 / 须于12月7日（星期一）前完成. */
const dueSaid = (v: VisitFacts, today: string) =>
  today === v.dueDay ? `今日（${dayLabel(v.dueDay)}）到期` : `须于${dueLabel(v.dueDay)}前完成`;

/** The reminder on the working days before it is due (`today`: the due day itself says 今日). */
export const visitReminder = (v: VisitFacts, today: string) =>
  `【四个必到·提醒】${v.code} ${ticketOf(v)}的领导走访${dueSaid(v, today)}，目前尚未登记走访情况。\n` +
  recordHint(v.code, v.head);

/** Several reminders to one head on one day, in one message. */
export const visitReminders = (unit: string, items: readonly VisitFacts[], today: string) =>
  `【四个必到·提醒】${unit}有${items.length}项领导走访尚未登记：\n` +
  items.map((v) => `${v.code} ${ticketOf(v)}：${dueSaid(v, today)}`).join('\n') +
  `\n${recordHint(items[0]?.code ?? 'V1', items[0]?.head)}`;

/** Unrecorded visits past due, to the supervision team (one message for those of one check). */
export const visitEscalated = (items: readonly VisitFacts[]) =>
  items.length === 1 && items[0]
    ? `【四个必到·逾期未走访】${items[0].code} ${items[0].unit} ${ticketOf(items[0])}：${why(items[0])}。` +
      `单位负责同志应于${dueLabel(items[0].dueDay)}前上门走访，逾期至今未登记走访情况，请跟进督办。`
    : `【四个必到·逾期未走访】以下${items.length}项领导走访逾期未登记，请跟进督办：\n` +
      items.map((v) => `${v.code} ${v.unit} ${ticketOf(v)}：${why(v)}，应于${dueLabel(v.dueDay)}前走访`).join('\n');

/** The same, to the unit's heads: it went to the supervision team. */
export const visitEscalatedToUnit = (items: readonly VisitFacts[]) =>
  items.length === 1 && items[0]
    ? `【四个必到·逾期】${items[0].code} ${ticketOf(items[0])}的领导走访已于${dueLabel(items[0].dueDay)}到期，` +
      `至今未登记走访情况，已报区督导专班。走访后请即回复登记。`
    : `【四个必到·逾期】以下${items.length}项领导走访已到期，至今未登记走访情况，已报区督导专班：\n` +
      items.map((v) => `${v.code} ${ticketOf(v)}：${dueLabel(v.dueDay)}到期`).join('\n') +
      '\n走访后请即回复登记。';

/** A record as it now stands: 12月1日，张局长上门走访，已与群众达成整改协议. */
const recordLine = (day: string, person: string | null, agreed: string) =>
  `${dayLabel(day)}，${person ?? ''}上门走访${agreed ? `，${agreed.replace(/[。.]$/, '')}` : ''}`;

/** A visit recorded for the first time (`person` null: the visitor still to be named). */
export const visitRecorded = (code: string, ticketNumber: string, day: string, person: string | null, agreed: string) =>
  `已登记${code}（工单${ticketNumber}）走访情况：${recordLine(day, person, agreed)}。` +
  (person === null ? `\n请补充走访的单位负责同志，如：${code} 补充 王局长。` : '');

/** A record added to or corrected: the record as it now stands. */
export const visitUpdated = (code: string, ticketNumber: string, day: string, person: string | null, agreed: string) =>
  `已更新${code}（工单${ticketNumber}）走访情况：${recordLine(day, person, agreed)}。`;

/** 补充 / 更正 of an item no visit was recorded for yet. */
export const visitNothingToAmend = (code: string, head?: string) =>
  `${code}尚未登记走访情况，无法补充或更正。${recordHint(code, head)}`;

/** A visit said planned, not done (明天上门, 还没上门). */
export const visitPlanned = (code: string, dueDay: string, head?: string) =>
  `${code}的领导走访须于${dueLabel(dueDay)}前完成，请在走访后登记。${recordHint(code, head)}`;

/** A question about the item (V7 什么时候上门？). */
export const visitAsked = (code: string, ticketNumber: string, dueDay: string, recorded: boolean, head?: string) =>
  recorded
    ? `${code}（工单${ticketNumber}）的领导走访已登记。如需补充，请回复“${code} 补充：…”。`
    : `${code}（工单${ticketNumber}）须由单位负责同志于${dueLabel(dueDay)}前亲自上门走访，目前尚未登记。` +
      recordHint(code, head);

/** An item as it stands, to a leader or supervisor who names it (V4 进展如何？). */
export const visitStatus = (
  v: VisitFacts,
  record: { day: string | null; person: string | null; agreed: string | null } | null,
  today: string,
) =>
  `${v.code} ${v.unit} ${ticketOf(v)}：${why(v)}。` +
  (record
    ? `已走访：${recordLine(record.day ?? today, record.person, record.agreed ?? '')}。`
    : `须由单位负责同志于${dueLabel(v.dueDay)}前上门走访，${v.dueDay < today ? '已逾期，' : ''}目前尚未登记走访情况。`);

/** The visit left to staff (已安排工作人员上门). */
export const visitDelegated = (code: string, head = '王局长') =>
  `按照“四个必到”要求，${code}须由单位负责同志亲自上门走访，安排工作人员上门不能代替，本条未予登记。` +
  `负责同志走访后请回复，如：${code} 已上门 ${head} 已与群众达成整改协议。`;

/** A message that starts with a 必到 code but is not read as a visit record. */
export const visitUnreadable = (code: string) =>
  `未能识别${code}的走访登记。请按“${code} 已上门 日期 走访人 达成事项”回复，` +
  `如：${code} 已上门 11月20日 王局长 已与群众达成整改协议。`;
export const visitUnknown = (code: string) => `未找到必到事项${code}，请核对编号。`;
export const visitNotYours = (code: string, unit: string) =>
  `${code}是${unit}的必到事项，应由该单位负责同志或联络员登记，本条未予登记。`;
export const VISIT_NEEDS_WORKER = '走访情况请由承办单位负责同志或联络员登记。';
export const visitFutureDay = (day: string) => `走访日期${dayLabel(day)}尚未到来，请核对后重新登记。`;

/** A record without a code when the unit owes several visits: which one, with the sender's words as the example. */
export const visitWhich = (unit: string, lines: readonly string[], firstCode: string, said: string) =>
  `${unit}有${lines.length}项领导走访待完成，未能确定本条登记的是哪一项，请注明编号后重新发送，` +
  `如：${firstCode} ${said}\n${lines.join('\n')}`;

/** To a unit that said a ticket cannot be solved soon: the item opened, and whether its heads were told. */
export const visitOpenedFromChat = (
  items: ReadonlyArray<{ code: string; ticketNumber: string; dueDay: string }>,
  told: 'sent' | 'later',
) =>
  items
    .map(
      (v) =>
        `已记录：工单${v.ticketNumber}短期内难以解决。按照“四个必到”要求，须由单位负责同志于${dueLabel(v.dueDay)}前` +
        `亲自上门走访（${v.code}）`,
    )
    .join('；\n') + (told === 'sent' ? '，已通知单位负责同志。' : '，将于下一个工作日上午通知单位负责同志。');

/** A unit says again that a ticket cannot be solved soon: its item is already owed. */
export const visitAlreadyOwed = (code: string, ticketNumber: string, dueDay: string) =>
  `工单${ticketNumber}的领导走访事项${code}已在办理，须于${dueLabel(dueDay)}前由单位负责同志亲自上门走访。`;

/** One line of 我的待办. */
export const visitOwedLine = (v: VisitFacts) => `${v.code} ${ticketOf(v)}：${why(v)}，${dueLabel(v.dueDay)}前走访`;

export const VISITS_OWED_HEAD = '待完成的领导走访（四个必到）：';

/** 我的待办 of a unit that owes only visits. */
export const visitsOnlyItems = (unit: string, lines: readonly string[]) =>
  `${unit}没有待答复的点对点调度和双派单，也没有超期、重办工单；尚有${lines.length}项领导走访（四个必到）待完成：\n` +
  lines.join('\n');

/** The weekly summary's line per unit. */
export const visitsWeekLine = (unit: string, owed: number, done: number, overdue: number) =>
  `· ${unit}：待走访${owed}件${overdue > 0 ? `（逾期${overdue}件）` : ''}，本周已走访${done}件`;
export const VISITS_WEEK_HEAD = '【四个必到】领导走访情况：';

/**
 * A leader's or supervisor's question about 四个必到 (我们区还有多少必到没走访): the district's owed visits per unit,
 * the most owed first, with those past their due day.
 */
export function districtOwedVisitsText(units: ReadonlyArray<{ unit: string; owed: number; overdue: number }>): string {
  if (units.length === 0) return '目前全区没有待完成的领导走访（四个必到）事项。';
  const total = units.reduce((n, u) => n + u.owed, 0);
  const overdue = units.reduce((n, u) => n + u.overdue, 0);
  const head = `目前全区尚有${total}项领导走访（四个必到）待完成${overdue > 0 ? `，其中逾期${overdue}项` : ''}：`;
  const lines = units.map((u) => `· ${u.unit}：${u.owed}项${u.overdue > 0 ? `（逾期${u.overdue}项）` : ''}`);
  return [head, ...lines, '各项明细可在控制台“四个必到”页面查看。'].join('\n');
}
