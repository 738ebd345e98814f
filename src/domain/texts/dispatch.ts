/** Texts of the point-to-point dispatch flow (zh-CN, concise, polite). Pure. */
import { trimEndOf } from '../language/trim.js';
import type { Colour } from '../tickets/colour.js';
import { formatShort as spacedShort, formatDeadline as timeDeadline } from '../time.js';
import { type ChannelWording, groupReplyNote, signHow, unseenDispatchNote, WORDING_READS_ALL } from './channel.js';
import { mark, reminderHeading } from './colours.js';

/** 三色督办: a late item is 红色督办, marked before it. */
const RED = mark('red');

/**
 * A dispatch's deadline as every dispatch text writes it, with its weekday as the ticket texts do:
 * 12月5日（星期六）18:00 (a leader's 周六前 may fall on a rest day; the weekday says so).
 */
export function formatDeadline(instant: Date | string | number, tz?: string): string {
  return timeDeadline(instant, tz, { weekday: true });
}

/** 11月30日08:30 (a moment, not a deadline). */
export function formatShort(instant: Date | string | number, tz?: string): string {
  return spacedShort(instant, tz).replace(' ', '');
}

/** Where a quote may be cut: after a clause (，。；！？、 etc.) or at a blank. */
const CLAUSE_END = /[，,。.；;！!？?、：:）)」”"\s]/;

let words: Intl.Segmenter | undefined;

/** The last word boundary (ICU's Chinese word segmentation) at or before `max`, or -1. */
function lastWordBoundary(text: string, max: number): number {
  words ??= new Intl.Segmenter('zh', { granularity: 'word' });
  let last = -1;
  for (const w of words.segment(text.slice(0, max + 1))) {
    if (w.index > max) break;
    if (w.index >= Math.floor(max * 0.5)) last = w.index;
  }
  return last;
}

/**
 * The dispatch text without leading @-mentions, for a quote or a list: whole when short (up to
 * `max`, a few characters over it, or about 40 characters for a short `max`), else cut at a
 * clause boundary, or failing that a word boundary — never in the middle of a word ("明天中…").
 */
/**
 * A text on one line as zh-CN writes it: a line break becomes a comma (none after a
 * punctuation mark), spaces between Chinese characters go, other runs of white space are one.
 */
export function oneLine(text: string): string {
  return text
    .trim()
    .replace(/([。，；：！？、,.;:!?])[ \t\u3000]*\n\s*/g, '$1')
    .replace(/[ \t\u3000]*\n\s*/g, '，')
    .replace(/([\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])/g, '$1')
    .replace(/\s+/g, ' ');
}

/** A quote that another clause follows: no closing punctuation of its own (…报一下。，已签收). */
export function clause(text: string): string {
  return trimEndOf(text, /[。.！!；;，,、\s]/);
}

export function summary(text: string, max = 24): string {
  const body = oneLine(text.replace(/^(?:\s*@[^\s\u2005@]+[\s\u2005]*)+/, ''));
  const whole = Math.max(max + Math.ceil(max / 4), Math.min(40, max * 2));
  if (body.length <= whole) return body;
  let cut = -1;
  for (let i = Math.min(max, body.length - 1); i >= Math.floor(max * 0.4); i--) {
    if (CLAUSE_END.test(body[i] as string)) {
      cut = i;
      break;
    }
  }
  if (cut < 0) {
    for (let i = max + 1; i < Math.min(body.length, max + Math.ceil(max / 2)); i++) {
      if (CLAUSE_END.test(body[i] as string)) {
        cut = i;
        break;
      }
    }
  }
  if (cut < 0) cut = lastWordBoundary(body, max);
  const head = trimEndOf(cut < 0 ? body.slice(0, max) : body.slice(0, cut), /[\s，,。.；;、：:（(「“"]/);
  return `${head}…`;
}

export interface TargetLabel {
  unit: string;
  /** Display names of the unit's heads (and liaisons when no head). */
  people: string[];
}

function targetList(ts: readonly TargetLabel[]): string {
  return ts.map((t) => (t.people.length > 0 ? `${t.unit}（${t.people.join('、')}）` : t.unit)).join('、');
}

/**
 * A deadline as a dispatch text shows it: with （默认时限） when the leader named none, and for an
 * urgent one the window it was given (it may end after working hours: 18:20 is meant).
 */
function deadlineLabel(deadline: Date | string, given: boolean, tz: string, urgentHours?: number): string {
  if (given) return formatDeadline(deadline, tz);
  if (urgentHours === undefined) return `${formatDeadline(deadline, tz)}（默认时限）`;
  const span =
    urgentHours >= 1 && Number.isInteger(urgentHours) ? `${urgentHours}小时` : `${Math.round(urgentHours * 60)}分钟`;
  return `${formatDeadline(deadline, tz)}（紧急事项，${span}内反馈）`;
}

export interface LineInput {
  code: string;
  targets: readonly TargetLabel[];
  deadline: Date | string;
  deadlineGiven: boolean;
  urgent: boolean;
  tz: string;
  /** The urgent answer window (hours) when this is an urgent dispatch with no deadline given. */
  urgentHours?: number;
}

/** "已转办区住建局（张局长）、湖滨街道（尤主任），时限 11月23日 10:00，编号 D12" */
export function groupLineText(i: LineInput): string {
  return (
    `${i.urgent ? '【紧急】' : ''}已转办${targetList(i.targets)}，` +
    `时限${deadlineLabel(i.deadline, i.deadlineGiven, i.tz, i.urgent ? i.urgentHours : undefined)}，编号 ` +
    `${i.code}`
  );
}

/** A leader's private 转办, posted in the group (the heads are @-mentioned by the chat). */
/** The same instruction sent again within minutes: it is tracked once. */
export function duplicateDispatchText(code: string, createdAt: Date, units: readonly string[], tz?: string): string {
  return `该事项已于${formatShort(createdAt, tz)}转办${units.join('、')}，编号 ${code}，本条未重复转办。`;
}

export function privateDispatchPostText(leaderName: string, body: string, line: LineInput): string {
  return `${leaderName}交办：${body}\n${groupLineText(line)}`;
}

/** The leader's confirmation of a private 转办. */
export function privateDispatchConfirmText(line: LineInput): string {
  return `${groupLineText(line)}。已在群内发布，并已点对点送达各单位负责同志；各单位反馈后将第一时间转报您。`;
}

export function privateDispatchNoTargetText(): string {
  return (
    '未能识别转办的单位。请 @ 相关负责同志或写明单位名称，例如：转办 区住建局：环海路小区污水外溢，' +
    '请明天上午10点前到现场处置并反馈。'
  );
}

/** A leader's private message that reads like a dispatch but does not start with 转办. */
export function privateDispatchHintText(text: string): string {
  return `如需将此事项转办并跟踪，请发送“转办”加内容，例如：\n转办 ${summary(text, 60)}`;
}

export interface DeliveryInput {
  code: string;
  leaderName: string;
  text: string;
  unit: string;
  deadline: Date | string;
  deadlineGiven: boolean;
  urgent: boolean;
  tz: string;
  urgentHours?: number;
  /** How the channel takes a 签收 (the Wechaty wording unless given). */
  wording?: ChannelWording;
}

/** What each head and liaison of a target unit receives point-to-point. */
export function deliveryText(i: DeliveryInput): string {
  return [
    `【点对点调度 ${i.code}】${i.urgent ? '【紧急】' : ''}${i.leaderName}交办${i.unit}：`,
    summary(i.text, 2000),
    `办理时限：${deadlineLabel(i.deadline, i.deadlineGiven, i.tz, i.urgent ? i.urgentHours : undefined)}`,
    `${signHow(i.wording ?? WORDING_READS_ALL, '“收到”', '签收')}；` +
      `办理后请直接回复办理结果（同时有多件调度时请注明编号 ${i.code}），我会转报${i.leaderName}。`,
  ].join('\n');
}

/** The 签收 receipt; signed after the deadline (`at` past it), it says the time is up instead of naming it as ahead. */
export function ackConfirmText(code: string, deadline: Date | string, tz: string, at?: Date): string {
  if (at && at.getTime() > new Date(deadline).getTime())
    return `已登记签收 ${code}。办理时限${formatDeadline(deadline, tz)}已过，请尽快办理并回复结果。`;
  return `已登记签收 ${code}，办理时限${formatDeadline(deadline, tz)}，办理后请回复结果。`;
}

/** A unit signs again what it signed before (privately). */
export function alreadyAckedText(code: string, deadline: Date | string, tz: string): string {
  return `${code} 已签收，办理时限${formatDeadline(deadline, tz)}。办理后请直接回复办理结果，我会及时转报。`;
}

export function answerConfirmText(code: string, leaderName: string): string {
  return `已收到贵单位对 ${code} 的反馈，已转报${leaderName}。谢谢！`;
}

/**
 * A unit's answer as the leader reads it: its own lines kept (a numbered 口径 stays a list),
 * without leading @-mentions, empty lines and the code it starts with (D4 …), capped.
 */
export function forwardBody(text: string, code: string): string {
  const lines = text
    .replace(/^(?:\s*@[^\s\u2005@]+[\s\u2005]*)+/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const strip = new RegExp(`^(?:编号|调度)?\\s*${code}(?!\\d)\\s*号?[\\s:：，,、.。]*`, 'i');
  if (lines[0] !== undefined) lines[0] = lines[0].replace(strip, '');
  const body = lines.filter((l) => l !== '').join('\n');
  return body.length <= FORWARD_MAX ? body : `${body.slice(0, FORWARD_MAX)}…`;
}

const FORWARD_MAX = 1000;

export function answerForwardText(i: {
  code: string;
  unit: string;
  sender: string;
  text: string;
  dispatchText: string;
  late: boolean;
  allAnswered: boolean;
  /** How many units the dispatch went to: with one, 各单位 would read oddly. */
  units: number;
}): string {
  const lines = [
    `【调度反馈 ${i.code}】${i.unit}（${i.sender}）${i.late ? '（超时反馈）' : ''}：`,
    forwardBody(i.text, i.code),
    `原调度：${summary(i.dispatchText, 40)}`,
  ];
  if (i.allAnswered) lines.push(`${i.code} ${allAnsweredText(i.units)}。`);
  return lines.join('\n');
}

export function askWhichText(items: ReadonlyArray<{ code: string; text: string }>, kind: 'ack' | 'answer'): string {
  const what = kind === 'ack' ? '签收' : '反馈';
  return [
    `贵单位目前有 ${items.length} 件调度未办结，请问这条${what}对应哪一件？请回复编号（如 ` +
      `${items[0]?.code ?? 'D1'}）：`,
    ...items.map((d) => `${d.code} ${summary(d.text)}`),
  ].join('\n');
}

/** How much of the dispatch a reminder quotes (the unit has it whole in the delivery): about 24 characters. */
const QUOTED = 24;

export interface ReminderInput {
  code: string;
  leaderName: string;
  text: string;
  deadline: Date | string;
  tz: string;
  /** 三色督办: the dispatch's colour when the reminder goes out, marked before it. */
  colour?: Colour | null;
}

/** The reminder to sign a dispatch, in the channel's words for a 签收 (the Wechaty wording unless given). */
export function ackReminderText(i: ReminderInput & { wording?: ChannelWording }): string {
  return (
    `${reminderHeading(i.colour, '调度提醒', i.code)}${i.leaderName}交办的“${summary(i.text, QUOTED)}”尚未签收，` +
    `${signHow(i.wording ?? WORDING_READS_ALL, '“收到”', '签收')}，` +
    `并于${formatDeadline(i.deadline, i.tz)}前反馈办理结果。`
  );
}

/** The reminder before the deadline; unsigned, it asks for the 签收 too (it stands for the 签收 reminder then). */
export function dueReminderText(i: ReminderInput & { acked: boolean; wording?: ChannelWording }): string {
  const w = i.wording ?? WORDING_READS_ALL;
  const ask = i.acked
    ? `请抓紧办理并回复办理结果${groupReplyNote(w)}。`
    : `贵单位尚未签收。${signHow(w, '“收到”', '签收')}，并抓紧办理、回复办理结果${groupReplyNote(w)}。`;
  return (
    `${reminderHeading(i.colour, '调度提醒', i.code)}${i.leaderName}交办的“${summary(i.text, QUOTED)}”` +
    `将于${formatDeadline(i.deadline, i.tz)}到期，${ask}`
  );
}

/**
 * 三色督办's blue step: on the last working day before the deadline day, once (the deadline with its weekday:
 * a weekend or a holiday may lie between). Unsigned, it asks for the 签收 too.
 */
export function blueReminderText(i: ReminderInput & { acked: boolean; wording?: ChannelWording }): string {
  const w = i.wording ?? WORDING_READS_ALL;
  const ask = `合理安排，按时反馈办理结果${groupReplyNote(w)}。`;
  return (
    `${reminderHeading(i.colour ?? 'blue', '调度提醒', i.code)}${i.leaderName}交办的“${summary(i.text, QUOTED)}”` +
    `将于${formatDeadline(i.deadline, i.tz)}到期，` +
    `${i.acked ? `请${ask}` : `贵单位尚未签收。${signHow(w, '“收到”', '签收')}，并${ask}`}`
  );
}

/**
 * In the group at the deadline, @-mentioning the late units' people (red: 三色督办's 红色督办). Where the bot
 * reads only @-messages, it says so: an answer in the group without @ would never arrive.
 */
export function lateGroupText(i: ReminderInput & { units: readonly string[]; wording?: ChannelWording }): string {
  return (
    `${RED}【调度超时 ${i.code}】${i.leaderName}交办的“${summary(i.text, 40)}”` +
    `时限${formatDeadline(i.deadline, i.tz)}已到，${i.units.join('、')}尚未反馈，` +
    `请即办理并回复结果${groupReplyNote(i.wording ?? WORDING_READS_ALL)}。`
  );
}

/** To each member of the supervision team at the deadline. */
export function lateSupervisorText(
  i: ReminderInput & { units: ReadonlyArray<{ unit: string; state: string }> },
): string {
  return [
    `${RED}【提请督办 ${i.code}】${i.leaderName}交办的调度时限${formatDeadline(i.deadline, i.tz)}已到，` +
      '以下单位尚未反馈：',
    ...i.units.map((u) => `· ${u.unit}：${u.state}`),
    `调度内容：${summary(i.text, 200)}`,
    `已在群内催办。发送“调度进展 ${i.code}”可查看全程。`,
  ].join('\n');
}

/** A unit's line in a deadline message: its state, and 【红色督办】 at the end while it owes the answer. */
const unitLine = (u: { unit: string; state: string; colour?: Colour | null }) =>
  `· ${u.unit}：${u.state}${mark(u.colour)}`;

/** To the leader at the deadline: where every target unit stands. */
export function leaderStatusText(i: {
  code: string;
  text: string;
  deadline: Date | string;
  tz: string;
  units: ReadonlyArray<{ unit: string; state: string; colour?: Colour | null }>;
}): string {
  return [
    `【调度进展 ${i.code}】“${summary(i.text, 40)}”时限${formatDeadline(i.deadline, i.tz)}已到：`,
    ...i.units.map(unitLine),
    '未反馈单位已在群内催办，并告知区督导专班。',
  ].join('\n');
}

export interface ProgressUnitItem {
  code: string;
  text: string;
  state: string;
  deadline: Date | string;
}

export function progressListText(
  byUnit: ReadonlyArray<{ unit: string; items: readonly ProgressUnitItem[] }>,
  openCount: number,
  tz: string,
): string {
  if (openCount === 0) return '目前没有未办结的调度。';
  const lines = [`未办结调度 ${openCount} 件（按单位）：`];
  for (const u of byUnit) {
    lines.push(`${u.unit}：`);
    for (const it of u.items)
      lines.push(`· ${it.code} ${clause(summary(it.text, 16))}，${it.state}，时限${formatDeadline(it.deadline, tz)}`);
  }
  lines.push('发送“调度进展 D编号”查看一件的全程。');
  return lines.join('\n');
}

export interface DetailInput {
  code: string;
  leaderName: string;
  createdAt: Date | string;
  text: string;
  urgent: boolean;
  deadline: Date | string;
  deadlineGiven: boolean;
  status: string;
  units: ReadonlyArray<{ unit: string; state: string }>;
  timeline: ReadonlyArray<{ at: Date | string; text: string }>;
  tz: string;
}

export function progressDetailText(i: DetailInput): string {
  return [
    `【${i.code}】${i.urgent ? '【紧急】' : ''}${i.leaderName}于${formatShort(i.createdAt, i.tz)}交办（${i.status}）`,
    `内容：${summary(i.text, 300)}`,
    `时限：${deadlineLabel(i.deadline, i.deadlineGiven, i.tz)}`,
    '各单位：',
    ...i.units.map((u) => `· ${u.unit}：${u.state}`),
    '过程：',
    ...i.timeline.map((e) => `· ${formatShort(e.at, i.tz)} ${e.text}`),
  ].join('\n');
}

export function progressNotFoundText(code: string): string {
  return `未找到调度 ${code}，请核对编号。发送“调度进展”可查看全部未办结调度。`;
}

/** What a leader is told besides the open dispatches: whether any was ever recorded, and the channel. */
export interface NoneOpenFacts {
  /** The leader has a dispatch on record (open or answered); false: none was ever received. */
  onRecord?: boolean;
  wording?: ChannelWording;
}

/** Said when a leader's open dispatches are none: all answered, or none on record (never "均已办结" then). */
function noneOpen(f: NoneOpenFacts): string {
  return f.onRecord === false ? '目前没有您交办的调度记录。' : '您交办的调度目前均已办结。';
}

/**
 * A leader's question that names no single dispatch: the leader's open ones, to pick from. Where the bot reads
 * only @-messages, a leader told nothing matches or waits is told why a dispatch may be missing.
 */
export function progressPickText(
  items: ReadonlyArray<{ code: string; text: string; deadline: Date | string }>,
  tz: string,
  own = true,
  missedTopic?: string,
  facts: NoneOpenFacts = {},
): string {
  const none = missedTopic ? `没有找到与“${missedTopic}”相关的调度。` : '';
  const unseen =
    own && (none !== '' || items.length === 0) ? unseenDispatchNote(facts.wording ?? WORDING_READS_ALL) : null;
  const tail = unseen ? `\n${unseen}` : '';
  if (items.length === 0)
    return none + (own ? `${noneOpen(facts)}发送“调度进展”可查看全部未办结调度。` : '目前没有未办结的调度。') + tail;
  return (
    [
      `${none || '未能确定您问的是哪一件。'}${own ? '您交办的' : '目前'}未办结调度有${items.length}件：`,
      ...items.map((d) => `· ${d.code} ${clause(summary(d.text, 20))}（时限${formatDeadline(d.deadline, tz)}）`),
      `回复编号加“进展”即可查看，如“${items[0]?.code ?? 'D1'} 进展”。`,
    ].join('\n') + tail
  );
}

export interface LeaderItemsInput {
  leaderName: string;
  now: Date;
  tz: string;
  /** `units`: how many units each dispatch went to (one: 已反馈, not 各单位均已反馈). */
  dispatches: ReadonlyArray<{
    code: string;
    text: string;
    deadline: Date | string;
    waiting: readonly string[];
    units: number;
  }>;
  approvals: ReadonlyArray<{ code: string; kind: string; ticketNumber: string; unit: string }>;
  /** Whether the leader has any dispatch on record, and the channel (see progressPickText). */
  facts?: NoneOpenFacts;
}

/** 我的待办 from a leader: the leader's open dispatches and the requests awaiting the leader's decision. */
export function leaderItemsText(i: LeaderItemsInput): string {
  if (i.dispatches.length === 0 && i.approvals.length === 0) {
    const unseen = unseenDispatchNote(i.facts?.wording ?? WORDING_READS_ALL);
    const dispatches = i.facts?.onRecord === false ? '没有您交办的调度记录，也' : '您交办的调度均已办结，';
    return `${i.leaderName}目前没有待办事项：${dispatches}没有待您审批的申请。${unseen ? `\n${unseen}` : ''}`;
  }
  const lines = [`${i.leaderName}待办事项（截至${formatShort(i.now, i.tz)}）：`];
  if (i.dispatches.length > 0) {
    lines.push(`· 您交办的未办结调度${i.dispatches.length}件：`);
    for (const d of i.dispatches)
      lines.push(
        `  ${d.code} ${clause(summary(d.text, 16))}（时限${formatDeadline(d.deadline, i.tz)}，` +
          `${d.waiting.length > 0 ? `待${d.waiting.join('、')}反馈` : allAnsweredText(d.units)}）`,
      );
  }
  if (i.approvals.length > 0) {
    lines.push(`· 待您审批的申请${i.approvals.length}件：`);
    for (const a of i.approvals) lines.push(`  ${a.code} ${a.unit}申请${a.kind}工单 ${a.ticketNumber}`);
  }
  const hints = [];
  if (i.dispatches.length > 0) hints.push(`发送“${i.dispatches[0]?.code} 进展”查看调度详情`);
  if (i.approvals.length > 0)
    hints.push(`审批请回复“同意 ${i.approvals[0]?.code}”或“不同意 ${i.approvals[0]?.code} 理由”`);
  lines.push(`${hints.join('；')}。`);
  return lines.join('\n');
}

export interface SupervisorItemsInput {
  name: string;
  now: Date;
  tz: string;
  rounds: ReadonlyArray<{ code: string; waiting: readonly string[]; backcheck: boolean }>;
  overdueTickets: number;
  reopenedTickets: number;
  lateDispatches: ReadonlyArray<{ code: string; text: string; waiting: readonly string[] }>;
}

/** 我的待办 from the supervision team: open 双派单 rounds, overdue and reopened tickets, late dispatches. */
export function supervisorItemsText(i: SupervisorItemsInput): string {
  const lines = [`${i.name}，督办事项（截至${formatShort(i.now, i.tz)}）：`];
  if (i.rounds.length === 0) lines.push('· 未办结双派单：无');
  else {
    const shown = i.rounds
      .slice(0, 10)
      .map((r) => `${r.code}（待${r.waiting.join('、')}${r.backcheck ? '回答双倒查' : '答复'}）`);
    lines.push(`· 未办结双派单${i.rounds.length}件：${shown.join('；')}${i.rounds.length > 10 ? '……' : ''}`);
  }
  lines.push(`· 超期未办结工单${i.overdueTickets}件，重办工单${i.reopenedTickets}件`);
  if (i.lateDispatches.length === 0) lines.push('· 超时未反馈的调度：无');
  else {
    lines.push(`· 超时未反馈的调度${i.lateDispatches.length}件：`);
    for (const d of i.lateDispatches.slice(0, 10))
      lines.push(`  ${d.code} ${clause(summary(d.text, 16))}（待${d.waiting.join('、')}反馈）`);
  }
  lines.push('发送“双派单进展”“调度进展”或编号加“进展”（如“SP1 进展”）可查看详情。');
  return lines.join('\n');
}

/** One dispatch in a combined deadline message: its code, short title, leader, deadline and units. */
export interface LateItem {
  code: string;
  leaderName: string;
  text: string;
  deadline: Date | string;
  units: ReadonlyArray<{ unit: string; state: string; colour?: Colour | null }>;
}

function lateItemLines(items: readonly LateItem[], tz: string, withLeader: boolean): string[] {
  return items.flatMap((d, n) => [
    `${n + 1}. ${d.code}“${clause(summary(d.text, 24))}”（${withLeader ? `${d.leaderName}交办，` : ''}` +
      `时限${formatDeadline(d.deadline, tz)}）`,
    ...d.units.map((u) => `   ${unitLine(u)}`),
  ]);
}

/** In the group when several dispatches run out of time in the same check: one notice for all. */
export function lateGroupDigestText(
  items: ReadonlyArray<{
    code: string;
    leaderName: string;
    text: string;
    deadline: Date | string;
    units: readonly string[];
  }>,
  tz: string,
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  return [
    `${RED}【调度超时】以下${items.length}件调度时限已到，相关单位尚未反馈，` +
      `请即办理并回复结果${groupReplyNote(wording)}：`,
    ...items.map(
      (d, n) =>
        `${n + 1}. ${d.code}“${clause(summary(d.text, 24))}”（${d.leaderName}交办，` +
        `时限${formatDeadline(d.deadline, tz)}）：${d.units.join('、')}`,
    ),
  ].join('\n');
}

/** To each member of the supervision team when several dispatches run out of time together. */
export function lateSupervisorDigestText(items: readonly LateItem[], tz: string): string {
  return [
    `${RED}【提请督办】以下${items.length}件调度时限已到，相关单位尚未反馈：`,
    ...lateItemLines(items, tz, true),
    `已在群内催办。发送“调度进展”加编号（如“调度进展 ${items[0]?.code ?? 'D1'}”）可查看一件的全程。`,
  ].join('\n');
}

/** To a leader when several of the leader's dispatches run out of time together. */
export function leaderStatusDigestText(items: readonly LateItem[], tz: string): string {
  return [
    `【调度进展】您交办的${items.length}件调度时限已到，各单位情况如下：`,
    ...lateItemLines(items, tz, false),
    '未反馈单位已在群内催办，并告知区督导专班。',
  ].join('\n');
}

/** A leader the roster no longer knows, as texts name them. */
export const LEADER_UNNAMED = '领导';

/**
 * A unit's state in a dispatch, in words: 未签收 / 已签收（时间） / 已反馈（时间）, and 已超时 (`at`: when it signed
 * or answered).
 */
export function targetStateText(
  state: 'delivered' | 'acknowledged' | 'answered',
  at: Date | null,
  late: boolean,
  tz: string,
): string {
  if (state === 'answered') return `已反馈（${formatShort(at as Date, tz)}${late ? '，超时' : ''}）`;
  const base = state === 'acknowledged' ? `已签收（${formatShort(at as Date, tz)}），未反馈` : '未签收、未反馈';
  return late ? `${base}，已超时` : base;
}

/** One step in a dispatch's progress, as the people and units it names are called. */
export type DispatchStep =
  | { kind: 'created'; leader: string; units: readonly string[] }
  | { kind: 'delivered'; unit: string; to: readonly string[] }
  | { kind: 'ack'; unit: string; who: string; plan: string | null }
  | { kind: 'answer'; unit: string; who: string; text: string }
  | { kind: 'forwarded' | 'leader-status'; leader: string }
  | { kind: 'ask-which' | 'ack-reminder' | 'blue-reminder' | 'due-reminder' | 'late'; unit: string; who: string }
  | { kind: 'supervisors' };

/** A step of a dispatch's timeline (调度进展 D12). */
export function dispatchStepText(e: DispatchStep): string {
  const by = (unit: string, who: string) => `${unit}${who ? `（${who}）` : ''}`;
  switch (e.kind) {
    case 'created':
      return `${e.leader}交办，转${e.units.join('、')}`;
    case 'delivered':
      return `点对点送达${e.unit}${e.to.length > 0 ? `（${e.to.join('、')}）` : '（无联系人）'}`;
    case 'ack':
      // A 签收 that says what the unit plans (今晚去夜查，周五前反馈): the leader sees the plan.
      return `${by(e.unit, e.who)}签收${e.plan ? `，称：${summary(e.plan, 40)}` : ''}`;
    case 'answer':
      return `${by(e.unit, e.who)}反馈：${summary(e.text, 40)}`;
    case 'forwarded':
      return `反馈已转报${e.leader}`;
    case 'ask-which':
      return `${by(e.unit, e.who)}回复未注明编号，已询问对应哪件调度`;
    case 'ack-reminder':
      return `提醒${e.unit}签收`;
    case 'blue-reminder':
      return `向${e.unit}发出蓝色提醒（临近时限）`;
    case 'due-reminder':
      return `到期前提醒${e.unit}`;
    case 'late':
      return `${e.unit}超时未反馈，已在群内催办`;
    case 'supervisors':
      return '已提请区督导专班督办';
    case 'leader-status':
      return `已向${e.leader}报告进展`;
  }
}

/** Every unit a dispatch went to has answered: 各单位均已反馈, or 已反馈 when it went to one unit. */
export const allAnsweredText = (units: number): string => (units === 1 ? '已反馈' : '各单位均已反馈');

/** A dispatch's status in its progress detail (`units`: how many units it went to). */
export const dispatchStatusText = (answered: boolean, units: number): string =>
  answered ? allAnsweredText(units) : '办理中';
