/** Every 双派单-双倒查-双问责 text the bot sends (zh-CN): concise and polite. */
import { SIDE_LABEL, type SideKey } from '../dual/sides.js';
import type { RankingRow } from '../ranking.js';
import type { Colour } from '../tickets/colour.js';
import { formatDeadline, formatShort } from '../time.js';
import { type ChannelWording, groupReplyNote, signHow, WORDING_READS_ALL } from './channel.js';
import { mark, reminderHeading } from './colours.js';
import { type AttachedNotice, attachedNotice, dayWithWeekday } from './notices.js';

/** 三色督办: a late item is 红色督办, marked before it. */
const RED = mark('red');

import { summary } from './dispatch.js';

/** 双派单 deadlines: 12月2日（星期三）18:00. */
const due = (d: Date, tz: string) => formatDeadline(d, tz, { weekday: true });

/** A title or content for a line: whole when short, else cut at a clause or word boundary. */
const short = (s: string, n = 40) => summary(s, n);

export interface TicketFacts {
  number: string;
  title: string;
  content: string;
  unitName: string;
  street: string | null;
  grid: string | null;
  status: string;
  rating: string | null;
  reopenCount: number;
}

const REASON: Record<string, string> = { unsatisfied: '群众不满意', reopened: '重办' };
export const reasonText = (reason: string): string =>
  reason
    .split(',')
    .map((r) => REASON[r] ?? r)
    .join('、');

export interface DeliveryInput {
  code: string;
  seq: number;
  reason: string;
  ticket: TicketFacts;
  side: SideKey;
  unitName: string;
  /** The street side's grid (网格), shown with the side: 凤凰镇（属地镇街，人民路网格）. */
  grid?: string | null;
  /** The other side's unit, or null (one side). */
  otherUnit: string | null;
  sameUnit: boolean;
  streetUnknown: boolean;
  deadline: Date;
  tz: string;
  /** How the channel takes a 签收 (the Wechaty wording unless given). */
  wording?: ChannelWording;
}

export function deliveryText(i: DeliveryInput): string {
  const t = i.ticket;
  const where = [t.street, t.grid ? `网格：${t.grid}` : null].filter(Boolean).join('，');
  const lines = [
    `【双派单 ${i.code}】工单 ${t.number}（${reasonText(i.reason)}${i.seq > 1 ? `，第${i.seq}轮` : ''}）` +
      `同步派发${i.unitName}（${SIDE_LABEL[i.side]}${i.grid ? `，${i.grid}` : ''}）：`,
  ];
  if (t.title) lines.push(`标题：${short(t.title, 60)}`);
  if (t.content) lines.push(`诉求：${short(t.content, 300)}`);
  lines.push(
    `承办单位：${t.unitName}${where ? `；属地：${where}` : ''}；状态：${t.status || '—'}` +
      `${t.rating ? `；回访：${t.rating}` : ''}${t.reopenCount > 0 ? `；重办${t.reopenCount}次` : ''}`,
  );
  if (i.sameUnit) lines.push('贵单位既是承办单位又是属地镇街，本轮只派发一次，请一并负责。');
  else if (i.otherUnit) lines.push(`同时派发：${i.otherUnit}。两方均须办理并分别答复。`);
  else if (i.streetUnknown) lines.push('工单未注明名册内的属地镇街，本轮仅派发承办单位。');
  lines.push(`答复时限：${due(i.deadline, i.tz)}前。`);
  lines.push(`${signHow(i.wording ?? WORDING_READS_ALL, `“${i.code} 签收”`)}；办理后回复“${i.code} 办理情况”。`);
  return lines.join('\n');
}

export function ackReminderText(
  code: string,
  number: string,
  deadline: Date,
  tz: string,
  wording: ChannelWording = WORDING_READS_ALL,
  colour: Colour | null = null,
): string {
  return (
    `${reminderHeading(colour, '双派单', code)}工单 ${number} 已派发贵单位，尚未签收。` +
    `${signHow(wording, `“${code} 签收”`)}，并于${due(deadline, tz)}前答复办理情况。`
  );
}

/**
 * 三色督办's steps before the deadline for a side that has not answered, once each: blue on the last working day
 * before the answer's deadline day, yellow on that day. Unsigned, it asks for the 签收 too.
 */
export function sideReminderText(
  colour: 'blue' | 'yellow',
  i: { code: string; number: string; title: string; deadline: Date; tz: string; acked: boolean },
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  const what = `工单 ${i.number}${i.title ? `「${short(i.title, 20)}」` : ''}`;
  const when = colour === 'blue' ? due(i.deadline, i.tz) : `今日${formatDeadline(i.deadline, i.tz).slice(-5)}`;
  const answer = `回复“${i.code} 办理情况”${groupReplyNote(wording)}。`;
  const ask = i.acked
    ? `贵单位尚未答复，请${colour === 'blue' ? '按时' : '抓紧'}办理并${answer}`
    : `贵单位尚未签收。${signHow(wording, `“${i.code} 签收”`)}，办理后${answer}`;
  return `${reminderHeading(colour, '双派单', i.code)}${what}的答复时限为${when}，${ask}`;
}

/** The 签收 receipt; signed after the deadline (`at` past it), it says the time is up instead of naming it as ahead. */
export function ackConfirmText(code: string, deadline: Date, tz: string, at?: Date): string {
  if (at && at.getTime() > deadline.getTime())
    return `已登记签收 ${code}。答复时限${due(deadline, tz)}已过，请尽快办理并回复“${code} 办理情况”。`;
  return `已登记签收 ${code}，请于${due(deadline, tz)}前答复办理情况。`;
}

/** 收到 again on a round the unit already signed: when, and what is due (never a second 签收). */
export function alreadySignedText(code: string, ackedAt: Date, tz: string): string {
  return `${code} 贵单位已于${formatShort(ackedAt, tz)}签收，办理完成后请回复“${code}”加办理结果。`;
}

/**
 * The answer recorded. When it completes the round and was given privately, the back-check
 * questions carry the confirmation instead (one message); in the group it says where they went.
 * A round with one side (the same unit on both sides) never says 两方.
 */
export function answerConfirmText(code: string, allAnswered: boolean, oneSide = false): string {
  if (!allAnswered) return `已收到贵单位对 ${code} 的答复，已记录在案。谢谢！`;
  return (
    `已收到贵单位对 ${code} 的答复${oneSide ? '' : '，两方均已答复'}。` + `双倒查问题已点对点发送，请按要求回答。谢谢！`
  );
}

export function alreadyAnsweredText(code: string): string {
  return `${code} 贵单位已答复，本条已补充记录。`;
}

/** The two back-check questions; `received` opens with the confirmation of the unit's own answer. */
export function backcheckQuestionText(
  code: string,
  number: string,
  unitName: string,
  o: { oneSide?: boolean; received?: boolean } = {},
): string {
  const done = o.oneSide ? `工单 ${number} 已答复` : `工单 ${number} 两方均已答复`;
  return [
    `【双倒查 ${code}】${o.received ? `已收到贵单位对 ${code} 的答复。` : ''}${done}，请${unitName}如实回答：`,
    '1. 群众投诉前，是否已通过日常摸排提前掌握该问题？',
    '2. 是否已举一反三，排查并推动解决同类问题？',
    `请回复“${code} 倒查 1. … 2. …”。`,
  ].join('\n');
}

/** The questions were sent already: a short pointer, never the same questions again. */
export function backcheckPendingText(code: string): string {
  return `${code} 的双倒查问题已发给您，请回复“${code} 倒查 1. … 2. …”作答。`;
}

/** A reply that answers neither question (刚才已经答过了, 好的): what is still missing. */
export function backcheckNeedsAnswersText(code: string): string {
  return (
    `${code} 的双倒查尚未收到回答（此前收到的是办理情况答复）。请就两个问题分别作答：1. ` +
    `群众投诉前是否已提前掌握该问题；2. 是否已举一反三、排查同类问题。回复“${code} 倒查 1. … 2. …”即可。`
  );
}

export function backcheckConfirmText(code: string): string {
  return `已记录贵单位对 ${code} 的双倒查答复。谢谢！`;
}

export interface LateInput {
  code: string;
  number: string;
  title: string;
  unitName: string;
  sideLabel: string;
  deadline: Date;
  daysOverdue: number;
  tz: string;
}

const overdueText = (d: number) => (d > 0 ? `已超期${d}个工作日` : '已超过答复时限');

export function lateImmediateText(i: LateInput, wording: ChannelWording = WORDING_READS_ALL): string {
  return (
    `${RED}【即时督办 ${i.code}】工单 ${i.number}「${short(i.title, 20)}」双派单答复时限为${due(i.deadline, i.tz)}，` +
    `${i.unitName}（${i.sideLabel}）尚未答复，${overdueText(i.daysOverdue)}。` +
    `请立即办理并回复“${i.code} 办理情况”${groupReplyNote(wording)}。`
  );
}

/**
 * 书面督办 of a late side. With its 《催办通知书》 (sent after it) the message names it and asks what it asks: the
 * written answer by its day (and the answer in the chat), never another day.
 */
/** What a 书面督办 asks: the written answer by its notice's day (when one is attached), and the chat answer today. */
const writtenAsk = (notice?: AttachedNotice) =>
  notice
    ? `${attachedNotice('written', notice)}。请主要负责同志亲自过问，于${dayWithWeekday(notice.answerBy)}前书面反馈，`
    : '。请主要负责同志亲自过问，';

export function lateWrittenText(
  i: LateInput,
  wording: ChannelWording = WORDING_READS_ALL,
  notice?: AttachedNotice,
): string {
  return (
    `${RED}【书面督办通知 ${i.code}】${i.unitName}：工单 ${i.number}「${short(i.title, 20)}」` +
    `双派单${overdueText(i.daysOverdue)}仍未答复，现予书面督办${writtenAsk(notice)}` +
    `今日内回复“${i.code} 办理情况”${groupReplyNote(wording)}。`
  );
}

export function lateOnsiteText(i: LateInput): string {
  return (
    `${RED}【现场督办 ${i.code}】工单 ${i.number}「${short(i.title, 20)}」双派单：${i.unitName}（${i.sideLabel}）` +
    `${overdueText(i.daysOverdue)}仍未答复，已书面督办。请督导专班安排现场督办。`
  );
}

export function lateReferralText(i: LateInput, notice?: AttachedNotice): string {
  return (
    `${RED}【提请督办 ${i.code}】工单 ${i.number}「${short(i.title, 20)}」双派单：${i.unitName}（${i.sideLabel}）` +
    `${overdueText(i.daysOverdue)}仍未答复，经即时、书面、现场督办未果，提请领导督办` +
    `${notice ? attachedNotice('referral', notice) : ''}。`
  );
}

export function holdupText(
  code: string,
  number: string,
  title: string,
  answered: readonly string[],
  holding: readonly string[],
  deadline: Date,
  tz: string,
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  return (
    `${RED}【双派单 ${code}】工单 ${number}「${short(title, 20)}」：${answered.join('、')}已答复，` +
    `${holding.join('、')}尚未答复（时限${due(deadline, tz)}已过），` +
    `请抓紧办理并回复“${code} 办理情况”${groupReplyNote(wording)}。`
  );
}

export interface AccountabilityInput {
  code: string;
  seq: number;
  reason: 'third-round' | 'both-late';
  ticket: TicketFacts;
  units: readonly string[];
  lines: readonly string[];
  fileName: string;
}

export function accountabilityText(i: AccountabilityInput): string {
  const why =
    i.reason === 'third-round'
      ? `该工单已进入第${i.seq}轮双派单（多次重办/不满意）`
      : '两方均超过答复时限，经即时、书面、现场、提请督办仍未答复';
  const lines = [
    `【双问责 ${i.code}】工单 ${i.ticket.number}「${short(i.ticket.title, 30)}」：${why}，` +
      `涉及${i.units.join('、')}。请纪检、督办依规联合核查。`,
    '证据链（时间顺序）：',
    ...i.lines.slice(0, 40),
  ];
  if (i.lines.length > 40) lines.push(`……共${i.lines.length}条，详见附件。`);
  lines.push(`完整证据见附件「${i.fileName}」。`);
  return lines.join('\n');
}

// ---- weekly and monthly ------------------------------------------------------------------

export interface WeeklyUnitLine {
  unitName: string;
  unsatisfied: number;
  reopened: number;
  closed: number;
  open: string[];
}

export interface WeeklyInput {
  from: string;
  to: string;
  units: readonly WeeklyUnitLine[];
  total: { tickets: number; closed: number; open: number };
  rounds: { made: number; answered: number };
  lateUnits: ReadonlyArray<{ unitName: string; reportsLate: number; reportsMissing: number; sidesLate: number }>;
}

const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export function weeklySummaryText(w: WeeklyInput): string {
  const lines = [
    `【每周汇总】${md(w.from)}至${md(w.to)}，群众不满意和重办工单${w.total.tickets}件：` +
      `已办结${w.total.closed}件，未办结${w.total.open}件；` +
      `双派单${w.rounds.made}轮，两方均已答复${w.rounds.answered}轮。`,
  ];
  if (w.units.length > 0) {
    lines.push('按单位：');
    for (const u of w.units) {
      const open =
        u.open.length > 0
          ? `，未办结${u.open.length}件（${u.open.slice(0, 10).join('、')}${u.open.length > 10 ? '等' : ''}）`
          : '';
      lines.push(`· ${u.unitName}：不满意${u.unsatisfied}件、重办${u.reopened}件，已办结${u.closed}件${open}`);
    }
  } else lines.push('本周无不满意和重办工单。');
  if (w.lateUnits.length > 0) {
    lines.push('迟报、漏报和双派单超时：');
    for (const u of w.lateUnits) {
      const parts = [
        u.reportsLate > 0 ? `日报迟报${u.reportsLate}天` : '',
        u.reportsMissing > 0 ? `漏报${u.reportsMissing}天` : '',
        u.sidesLate > 0 ? `双派单超时${u.sidesLate}件` : '',
      ].filter(Boolean);
      lines.push(`· ${u.unitName}：${parts.join('，')}`);
    }
  } else lines.push('本周各单位日报均按时报送，双派单无超时。');
  return lines.join('\n');
}

export interface LookbackItem {
  number: string;
  title: string;
  why: string;
}

const monthName = (month: string) => `${Number(month.slice(5, 7))}月份`;

export function lookbackText(month: string, unitName: string, items: readonly LookbackItem[], max = 20): string {
  const lines = [
    `【回头看】${unitName}：以下${monthName(month)}工单尚未解决或群众不满意，现重新交办，` +
      `请逐件办理并回复“工单编号 已办结 说明”：`,
    ...items.slice(0, max).map((i, k) => `${k + 1}. ${i.number}${i.title ? ` ${short(i.title, 20)}` : ''}（${i.why}）`),
  ];
  if (items.length > max) lines.push(`……另有${items.length - max}件，请登录平台查看。`);
  if (items.some((i) => i.why.includes('单位已报办结'))) lines.push('已报办结的工单，请跟进12345平台办结归档。');
  return lines.join('\n');
}

export interface LookbackSummary {
  redispatched: ReadonlyArray<{ unitName: string; count: number }>;
  /** Open overdue tickets the daily 即时/书面督办 pursues: not re-dispatched. */
  nagged: ReadonlyArray<{ unitName: string; count: number }>;
  /** Open tickets the unit reported done (the nag lists them, marked): not re-dispatched. */
  awaiting: ReadonlyArray<{ unitName: string; count: number }>;
  /** Tickets in an open 双派单 round: not re-dispatched. */
  dual: ReadonlyArray<{ number: string; code: string }>;
  /** Open tickets whose 退办 / 不再办理 a leader approved (waiting for the platform): not re-dispatched. */
  returned?: ReadonlyArray<{ unitName: string; count: number }>;
}

export function lookbackLeadersText(month: string, s: LookbackSummary): string {
  const sum = (l: ReadonlyArray<{ count: number }>) => l.reduce((a, u) => a + u.count, 0);
  const returned = s.returned ?? [];
  const total = sum(s.redispatched) + sum(s.nagged) + sum(s.awaiting) + sum(returned) + s.dual.length;
  if (total === 0) return `【回头看】${monthName(month)}工单均已解决，无不满意工单需重新交办。`;
  const byUnit = (l: ReadonlyArray<{ unitName: string; count: number }>) =>
    l.map((u) => `${u.unitName}${u.count}件`).join('，');
  const parts: string[] = [];
  if (s.redispatched.length > 0) parts.push(`已重新交办${sum(s.redispatched)}件（${byUnit(s.redispatched)}）`);
  if (s.nagged.length > 0)
    parts.push(`超期未办结${sum(s.nagged)}件已在每日工单督办中跟进，不重复交办（${byUnit(s.nagged)}）`);
  if (s.awaiting.length > 0) parts.push(`单位已报办结、待平台确认${sum(s.awaiting)}件（${byUnit(s.awaiting)}）`);
  if (returned.length > 0) parts.push(`退办已获批准、待平台处理${sum(returned)}件，不重复交办（${byUnit(returned)}）`);
  if (s.dual.length > 0)
    parts.push(
      `双派单办理中${s.dual.length}件，不重复交办（${s.dual.map((d) => `${d.number}：${d.code}`).join('，')}）`,
    );
  return `【回头看】${monthName(month)}未解决和不满意工单共${total}件：${parts.join('；')}。`;
}

const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 10) / 10}%`);

export function rankingGroupText(
  month: string,
  best: readonly RankingRow[],
  last: readonly RankingRow[],
  count: number,
  method: string,
): string {
  const m = Number(month.slice(5, 7));
  if (count === 0) return `【月评比】${m}月暂无可评比的数据。`;
  const line = (r: RankingRow) =>
    `第${r.rank}名 ${r.unitName}（${r.score.toFixed(2)}分${r.silent ? '，未报送日报' : ''}）`;
  const lines = [`【月评比】${m}月共${count}个单位参加评比。`, `亮亮相（前三名）：${best.map(line).join('；')}。`];
  if (last.length > 0)
    lines.push(`红红脸、出出汗（后三名）：${last.map(line).join('；')}。请后三名单位认真查找原因、限期整改。`);
  if ([...best, ...last].some((r) => r.silent)) lines.push(SILENT_RULE);
  lines.push(method);
  return lines.join('\n');
}

/** The rule that explains a lower score above a higher one. */
export const SILENT_RULE = '未报送日报的单位排在已报送单位之后（不论得分）。';

/**
 * A unit's figures on its line: 按时报送 is the share of counted days reported before the deadline, with the late days.
 */
function rankingLine(r: RankingRow): string {
  const rep = r.reports;
  const reports = r.silent
    ? `按时报送 ${pct(r.punctuality)}，未报送日报`
    : `按时报送 ${pct(r.punctuality)}${rep && rep.late > 0 ? `，迟报${rep.late}天` : ''}`;
  return (
    `${r.rank}. ${r.unitName} ${r.score.toFixed(2)}分（按时办结 ${pct(r.onTimeRate)}，满意 ` +
    `${pct(r.satisfactionRate)}，重办 ${pct(r.reopenRate)}，签收 ${pct(r.ackRate)}，${reports}）`
  );
}

const ruleLines = (rows: readonly RankingRow[]) => (rows.some((r) => r.silent) ? [SILENT_RULE] : []);

export function rankingFileText(month: string, rows: readonly RankingRow[], fileName: string): string {
  const head = `【月评比】${Number(month.slice(5, 7))}月全区评比结果（完整表格见附件「${fileName}」）：`;
  return [head, ...rows.map(rankingLine), ...ruleLines(rows)].join('\n');
}

/**
 * 月评比 below the configured coverage: a trial for the leaders and the supervision team only
 * (试运行/数据不完整), never published in the group.
 */
export function rankingTrialText(
  month: string,
  c: { workdays: number; counted: number; share: number },
  minCoverage: number,
  rows: readonly RankingRow[],
  fileName: string | null,
): string {
  const m = Number(month.slice(5, 7));
  const head =
    `【月评比·试运行】${m}月数据不完整：本月${c.workdays}个工作日中，督办助手运行了${c.counted}` +
    `天（${Math.round(c.share * 100)}%，不足${Math.round(minCoverage * 100)}%）。` +
    '以下结果仅供领导和督导专班参考，不在群内公布。';
  if (rows.length === 0)
    return `${head}
本月暂无可评比的数据。`;
  return [
    head + (fileName ? `完整表格见附件「${fileName}」。` : ''),
    ...rows.map(rankingLine),
    ...ruleLines(rows),
  ].join('\n');
}

/** The line that marks a trial ranking's table (Excel). */
export const rankingTrialNote = (c: { workdays: number; counted: number }): string =>
  `试运行（数据不完整）：当月${c.workdays}个工作日中督办助手运行${c.counted}天，结果仅供参考，未在群内公布。`;

export interface RoundProgressSide {
  side: SideKey;
  unitName: string;
  ackedAt: Date | null;
  answeredAt: Date | null;
  backcheckAskedAt: Date | null;
  backcheckAt: Date | null;
}

export interface RoundProgressInput {
  code: string;
  ticketNumber: string;
  title: string;
  reason: string;
  seq: number;
  deadline: Date;
  status: 'open' | 'answered' | 'closed';
  sides: readonly RoundProgressSide[];
  now: Date;
  tz: string;
}

/** One side's state: 已签收（…）、已答复（…）、倒查待回答. */
function sideState(s: RoundProgressSide, deadline: Date, now: Date, tz: string): string {
  const parts: string[] = [];
  if (s.answeredAt) {
    parts.push(
      `已答复（${formatShort(s.answeredAt, tz)}${s.answeredAt.getTime() > deadline.getTime() ? '，超时' : ''}）`,
    );
    if (s.backcheckAt) parts.push(`已回答双倒查（${formatShort(s.backcheckAt, tz)}）`);
    else if (s.backcheckAskedAt) parts.push('双倒查待回答');
  } else {
    parts.push(s.ackedAt ? `已签收（${formatShort(s.ackedAt, tz)}），未答复` : '未签收、未答复');
    if (now.getTime() > deadline.getTime()) parts.push('已超时');
  }
  return parts.join('，');
}

/** A supervisor's or leader's `SP4 进展`: the round's state per side, with its deadline. */
export function roundProgressText(i: RoundProgressInput): string {
  const status =
    i.status === 'closed'
      ? '已办结'
      : i.status === 'answered'
        ? i.sides.length === 1
          ? '已答复，待回答双倒查'
          : '两方均已答复，待回答双倒查'
        : '办理中';
  return [
    `【${i.code} 进展】工单 ${i.ticketNumber}${i.title ? `（${short(i.title, 24)}）` : ''}，` +
      `${reasonText(i.reason)}${i.seq > 1 ? `，第${i.seq}轮` : ''}`,
    `答复时限：${due(i.deadline, i.tz)}前；状态：${status}`,
    ...i.sides.map((s) => `· ${s.unitName}（${SIDE_LABEL[s.side]}）：${sideState(s, i.deadline, i.now, i.tz)}`),
  ].join('\n');
}

export const roundNotFoundText = (code: string): string =>
  `未找到双派单 ${code}，请核对编号。发送“双派单进展”可查看未办结的双派单。`;

/** `双派单进展`: the rounds still open (answers or back-check answers awaited). */
export function roundsListText(
  items: ReadonlyArray<{
    code: string;
    ticketNumber: string;
    title: string;
    deadline: Date;
    waiting: readonly string[];
    backcheck: boolean;
  }>,
  tz: string,
): string {
  if (items.length === 0) return '目前没有未办结的双派单。';
  const lines = [`未办结的双派单 ${items.length} 件：`];
  for (const r of items.slice(0, 30)) {
    const what = r.backcheck ? `待${r.waiting.join('、')}回答双倒查` : `待${r.waiting.join('、')}答复`;
    lines.push(
      `· ${r.code} 工单 ${r.ticketNumber}${r.title ? ` ${short(r.title, 16)}` : ''}（时限${due(r.deadline, tz)}` +
        `，${what}）`,
    );
  }
  if (items.length > 30) lines.push(`……另有 ${items.length - 30} 件`);
  lines.push(`回复编号加“进展”即可查看详情，如“${items[0]?.code ?? 'SP1'} 进展”。`);
  return lines.join('\n');
}

/** One late side of a round in a combined ladder message. */
export type LateDigestItem = Omit<LateInput, 'tz' | 'deadline'>;

/**
 * Several rounds' late sides at the same ladder step in one check, to the same person: one
 * message listing them (the unit's head for 即时/书面督办, the supervision team for 现场督办,
 * the leaders for 提请督办).
 */
export function lateDigestText(
  step: 'immediate' | 'written' | 'onsite' | 'referral',
  items: readonly LateDigestItem[],
  wording: ChannelWording = WORDING_READS_ALL,
  notice?: AttachedNotice,
): string {
  // Both sides of one round are one 双派单 with two units late, not two.
  const rounds = new Set(items.map((i) => i.code)).size;
  const n = rounds === items.length ? `${rounds}件` : `${rounds}件（${items.length}个单位）`;
  const note = groupReplyNote(wording);
  const head =
    step === 'immediate'
      ? `${RED}【即时督办】以下${n}双派单已超过答复时限仍未答复，请立即办理并分别回复“编号 办理情况”${note}：`
      : step === 'written'
        ? `${RED}【书面督办通知】以下${n}双派单超期仍未答复，现予书面督办` +
          `${writtenAsk(notice)}今日内分别回复“编号 办理情况”${note}：`
        : step === 'onsite'
          ? `${RED}【现场督办】以下${n}双派单超期仍未答复，已书面督办，请督导专班安排现场督办：`
          : `${RED}【提请督办】以下${n}双派单超期仍未答复，经即时、书面、现场督办未果，提请领导督办` +
            `${notice ? attachedNotice('referral', notice) : ''}：`;
  return [
    head,
    ...items.map(
      (i, k) =>
        `${k + 1}. ${i.code} 工单 ${i.number}「${short(i.title, 20)}」：${i.unitName}（${i.sideLabel}）` +
        `${overdueText(i.daysOverdue)}`,
    ),
  ].join('\n');
}

/** The group note when several rounds are held up by a side in the same check: one note for all. */
export function holdupDigestText(
  items: ReadonlyArray<{
    code: string;
    number: string;
    title: string;
    answered: readonly string[];
    holding: readonly string[];
    deadline: Date;
  }>,
  tz: string,
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  return [
    `${RED}【双派单】以下${items.length}件双派单已过答复时限，仍有单位未答复，` +
      `请抓紧办理并分别回复“编号 办理情况”${groupReplyNote(wording)}：`,
    ...items.map(
      (i, k) =>
        `${k + 1}. ${i.code} 工单 ${i.number}「${short(i.title, 20)}」：${i.answered.join('、')}已答复，` +
        `${i.holding.join('、')}尚未答复（时限${due(i.deadline, tz)}）`,
    ),
  ].join('\n');
}

/** 双问责 evidence: what each ticket event is called. */
const TICKET_KIND: Record<string, string> = {
  new: '首次导入',
  status: '状态变更',
  deadline: '时限变更',
  reopened: '重办',
  rating: '回访评价',
  unit: '承办单位变更',
  details: '信息变更',
  'reported-done': '单位报办结',
  acknowledged: '签收',
  'prolonged-said': '单位反映短期内难以解决',
  'visit-recorded': '领导走访登记（四个必到）',
};
/** 双问责 evidence: what each round event is called. */
const ROUND_KIND: Record<string, string> = {
  created: '双派单生成',
  noted: '再次不满意/重办（并入本轮）',
  delivered: '点对点送达',
  dispatched: '两方均已送达',
  'ack-reminder': '签收提醒',
  'blue-reminder': '蓝色提醒',
  'yellow-reminder': '黄色预警',
  ack: '签收',
  answer: '答复',
  late: '超过答复时限',
  escalation: '督办',
  holdup: '群内通报（一方未答复）',
  'backcheck-asked': '双倒查提问',
  backcheck: '双倒查答复',
  accountability: '双问责移送',
};

/** What a ticket event changed, for the evidence (状态：…, 重办次数 1 → 2, from → to). */
export function evidenceTicketDetail(kind: string, d: Record<string, unknown>): string {
  if (kind === 'new') return `状态：${String(d.status ?? '') || '—'}，重办次数：${String(d.reopenCount ?? 0)}`;
  if (kind === 'status' || kind === 'rating' || kind === 'unit')
    return `${String(d.from ?? '—')} → ${String(d.to ?? '—')}`;
  if (kind === 'reopened') return `重办次数 ${String(d.from ?? 0)} → ${String(d.to ?? '')}`;
  if (kind === 'deadline') return `${d.from ? String(d.from) : '—'} → ${d.to ? String(d.to) : '—'}`;
  if (kind === 'reported-done' || kind === 'prolonged-said') return String(d.note ?? '');
  if (kind === 'visit-recorded') {
    const day = typeof d.day === 'string' ? `${Number(d.day.slice(5, 7))}月${Number(d.day.slice(8, 10))}日` : '';
    const agreed = typeof d.agreed === 'string' && d.agreed !== '' ? `，${d.agreed}` : '';
    return `${String(d.code ?? '')} ${day}${typeof d.visitor === 'string' ? d.visitor : ''}上门走访${agreed}`;
  }
  return '';
}

/** A ticket event in the evidence (工单签收). */
export const evidenceTicketWhat = (kind: string): string => `工单${TICKET_KIND[kind] ?? kind}`;
/** A round event in the evidence (双派单生成). */
export const evidenceRoundWhat = (kind: string): string => ROUND_KIND[kind] ?? kind;
/** Sent to the group, among an event's recipients. */
export const EVIDENCE_IN_GROUP = '群内';
/** A unit and its side in a round: 城东街道（属地镇街）. */
export const evidenceSideUnit = (unit: string, side: string): string => `${unit}（${side}）`;
/** A 督办 step of a round in the evidence. */
export const evidenceOverdueText = (days: string): string => (days === '0' ? '已到答复时限' : `超期${days}个工作日`);
/** Who brought a ticket change, from its recorded source: 刘组长导入「tickets.xlsx」, 接口导入, 命令行导入「…」. */
export function evidenceSource(source: string, name: (id: string) => string): string {
  const file = /^file:(.*) by (\S+)$/.exec(source);
  if (file) return `${name(file[2] as string)}导入「${file[1]}」`;
  if (source === 'api') return '接口导入';
  if (source.startsWith('cli:')) return `命令行导入「${source.slice(4).split('/').pop()}」`;
  return source;
}
/** A round's start in the evidence: why, which round, by when. */
export const evidenceRoundCreatedText = (reasons: string, seq: number | string, deadline: string): string =>
  `${reasons}，第${seq}轮，时限${deadline}`;
/**
 * One evidence line for the message (no blank between the unit and what it did: 城东街道（属地镇街）签收（朱主任））.
 */
export function evidenceLineText(
  at: string,
  round: string,
  unit: string,
  what: string,
  who: string,
  text: string | null,
): string {
  return `${at} ${round ? `${round} ` : ''}${unit}${what}${who ? `（${who}）` : ''}${text !== null ? `：${text}` : ''}`;
}

/** Above the monthly ranking card in the group (`month`: as the card names it, 2026年11月). */
export const rankingCardCaption = (month: string): string => `${month}月评比一览：`;

/** How the monthly ranking (月评比) is computed, sent with its results. */
export const RANKING_METHOD =
  '评比口径：得分 = 按时办结率×30% + 满意率×30% + (100−重办率)×15% + 签收及时率×10% + 日报按时率×15%。' +
  '工单按当月派单统计：按时办结率 = 已办结且未进入督办的件数 ÷ 已到期或已办结件数；满意率 = 满意和基本满意 ÷ ' +
  '已回访件数；' +
  '重办率 = 重办件数 ÷ 工单数；签收及时率 = 按时签收的调度和双派单 ÷ 送达次数；日报按时率 = 18:00 ' +
  '前报送的工作日 ÷ 当月计入的工作日（督办助手运行以来、单位列入名册以来）。' +
  '某项无数据的不计入，其余权重按比例折算；各项均无数据的单位不参加排名；' +
  '当月未报送任何日报的单位排在已报送单位之后；得分相同名次并列。';

export const REPORTED_DONE_WHY = '单位已报办结，待平台确认';

/** Why a ticket is looked at again (回头看): 未办结 (or reported done, awaiting the platform), 不满意. */
export function lookbackWhy(open: boolean, reportedDone: boolean, unsatisfied: boolean): string {
  return [open ? (reportedDone ? REPORTED_DONE_WHY : '未办结') : '', unsatisfied ? '不满意' : '']
    .filter(Boolean)
    .join('，');
}
