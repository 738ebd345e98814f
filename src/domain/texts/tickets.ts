/** Every ticket text the bot sends (zh-CN): concise and polite, as a government office writes. */
import type { TicketField } from '../../config/schema.js';
import { clipTitle } from '../language/clip.js';
import type { Colour } from '../tickets/colour.js';
import { FIELD_LABELS } from '../tickets/columns.js';
import { isLocalMidnight } from '../tickets/deadline.js';
import { type NagItem, nagCounts, type UnitNagCounts } from '../tickets/digest.js';
import type { ColumnMapping } from '../tickets/header.js';
import { ticketState } from '../tickets/status.js';
import type { TicketState } from '../tickets/vocabulary.js';
import { formatAt, formatDay, inZone, WEEKDAY_NAMES } from '../time.js';
import { type ChannelWording, replyHow, signHow, WORDING_READS_ALL } from './channel.js';
import { COLOUR_MARK } from './colours.js';
import { type AttachedNotice, attachedNotice, dayWithWeekday } from './notices.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface RejectedRow {
  row: number;
  number: string | null;
  reason: string;
}

const short = (s: string, n = 20) => clipTitle(s, n);
/** A ticket's number and, when it has one, its title (titles come from 诉求内容 when the list has none). */
const numbered = (number: string, title: string, n = 20) => (title ? `${number} ${short(title, n)}` : number);

/** What an import set going in the chat: the 双派单 rounds it started and the tickets overdue now. */
export interface ImportFollowUp {
  /** Codes of the 双派单 rounds started by this import (不满意 / 重办 tickets). */
  rounds: readonly string[];
  /** Open tickets past their deadline now, all lists together … */
  overdue: number;
  /** … of which the unit reported done (awaiting the platform). */
  overdueReportedDone: number;
  /** 四个必到 items opened by this import, and whether the heads are told now or the next working morning. */
  visits?: { codes: readonly string[]; now: boolean };
}

/** How a file's columns were read, for the import answer and `import-tickets --dry-run`. */
export interface ImportReading {
  mapping?: ColumnMapping;
  /** Fields without a column (承办单位, 办理时限) and the names looked for. */
  missing?: ReadonlyArray<{ field: TicketField; label: string; lookedFor: readonly string[] }>;
  /** Totals, notes and repeated headers passed over. */
  skipped?: number;
}

const MAX_NAMES = 8;
const names = (list: readonly string[], unit: string, max = MAX_NAMES) =>
  list.length > max ? `${list.slice(0, max).join('、')}等${list.length}${unit}` : list.join('、');

/** 识别：工单编号←受理编号，承办单位←主责部门…；未使用的列；缺少的列和查找过的名称。 */
export function readingLines(r: ImportReading): string[] {
  const lines: string[] = [];
  if (r.mapping && r.mapping.used.length > 0) {
    const used = r.mapping.used.map((u) =>
      u.column === FIELD_LABELS[u.field] ? u.column : `${FIELD_LABELS[u.field]}←${u.column}`,
    );
    lines.push(`识别：${used.join('，')}。`);
    if (r.mapping.ignored.length > 0) lines.push(`未使用的列：${names(r.mapping.ignored, '列')}。`);
  }
  for (const m of r.missing ?? []) {
    const then = m.field === 'deadline' ? '时限按派单时间起两个工作日（两日办结）计算' : '';
    lines.push(`未找到“${m.label}”列（查找过：${names(m.lookedFor, '个列名')}）${then ? `，${then}` : ''}。`);
  }
  if ((r.skipped ?? 0) > 0) lines.push(`已略过合计、说明等非工单行${r.skipped}行。`);
  return lines;
}

export function importSummary(
  source: string,
  c: ImportCounts,
  rejected: readonly RejectedRow[],
  maxListed: number,
  follow?: ImportFollowUp,
  reading?: ImportReading,
): string {
  const lines = [
    `工单清单「${source}」已导入：新增${c.created}条，更新${c.updated}条，无变化${c.unchanged}条，` +
      `未导入${c.rejected}条。`,
  ];
  if (reading) lines.push(...readingLines(reading));
  if (follow) {
    if (follow.rounds.length > 0)
      lines.push(`其中不满意、重办工单${follow.rounds.length}件，已启动双派单 ${follow.rounds.join('、')}。`);
    const v = follow.visits;
    if (v && v.codes.length > 0)
      lines.push(
        `新增“四个必到”领导走访事项${v.codes.length}项（${v.codes.join('、')}），` +
          `${v.now ? '已私信通知' : '将于下一个工作日上午通知'}承办单位负责同志。`,
      );
    lines.push(
      follow.overdue > 0
        ? `目前超期未办结工单${follow.overdue}件` +
            (follow.overdueReportedDone > 0 ? `（其中${follow.overdueReportedDone}件单位已报办结，待平台确认）` : '') +
            `。`
        : '目前没有超期未办结的工单。',
    );
  }
  if (rejected.length > 0) {
    lines.push('未导入的行：');
    for (const r of rejected.slice(0, maxListed))
      lines.push(`· 第${r.row}行${r.number ? `（${r.number}）` : ''}：${r.reason}`);
    if (rejected.length > maxListed) lines.push(`……另有 ${rejected.length - maxListed} 行未列出，已记录在导入记录中。`);
    lines.push('请核对后重新发送，已导入的行不受影响。');
  }
  return lines.join('\n');
}

export function notATicketList(
  source: string,
  missing: readonly string[],
  lookedFor: ReadonlyArray<{ label: string; lookedFor: readonly string[] }> = [],
): string {
  const lines = [
    `文件「${source}」不是工单清单：未找到${missing.map((m) => `“${m}”`).join('、')}列。请发送从 12345 ` +
      `平台导出的工单清单（.xlsx 或 .csv），表头须含工单编号、承办单位、派单时间或办理时限。`,
  ];
  if (lookedFor.length > 0)
    lines.push(
      `查找过的列名：${lookedFor.map((l) => `${l.label}（${names(l.lookedFor, '个', 6)}）`).join('；')}。` +
        `如贵区平台的列名不同，可请管理员在区配置文件 tickets.columns 中添加。`,
    );
  return lines.join('\n');
}

export function unsupportedFile(source: string): string {
  return `文件「${source}」为旧版 Excel 或其他格式，暂无法读取。请另存为 .xlsx 或 .csv 后重新发送。`;
}

export function unreadableFile(source: string): string {
  return `文件「${source}」无法完整读取（文件可能已损坏），请重新导出后再发送。`;
}

/** To someone who may not import who sent a spreadsheet (privately, wherever it was sent). */
export function fileNotImportedText(
  source: string,
  unitWorker: boolean,
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  const where = wording.groupFiles ? '在群内或私信' : '私聊';
  const lines = [
    `您好，文件「${source}」未导入。工单清单由区领导和督导专班导入：请将12345平台导出的工单清单（.xlsx 或 ` +
      `.csv）交督导专班，由其${where}发送给${wording.bot}。`,
  ];
  if (unitWorker) lines.push('如需查看本单位超期、重办工单，请发送“我的待办”。');
  return lines.join('\n');
}

/** The mark on a ticket the unit reported done while the platform still shows it open. */
export const REPORTED_DONE_MARK = '（单位已报办结，待平台确认）';

/** 三色督办: a ticket listed only because it was extended or rated 不满意 too often (red whatever its deadline). */
export const HISTORY_LABEL = { extensions: '多次延期', unsatisfied: '多次不满意' } as const;

/**
 * A unit's tickets by category, each ticket counted once: a reopened ticket that is overdue or
 * due today is counted there, never as a second ticket, and the reopened ones are then noted
 * (今日到期1件（其中重办1件）; 3件（超期2件、未到期重办1件；其中重办2件）). One category:
 * 超期工单2件（其中1件已书面督办）; several: 工单3件（超期2件、重办1件；其中…）.
 */
export function countsPhrase(c: UnitNagCounts, noun: string): string {
  const also = c.reopenedAlso ?? 0;
  const parts: Array<[string, number]> = (
    [
      ['超期', c.overdue],
      ['今日到期', c.dueToday],
      [also > 0 ? '未到期重办' : '重办', c.reopened - also],
      [HISTORY_LABEL.extensions, c.extended ?? 0],
      [HISTORY_LABEL.unsatisfied, c.unsatisfiedTwice ?? 0],
    ] as Array<[string, number]>
  ).filter(([, n]) => n > 0);
  const total = c.total ?? parts.reduce((a, [, n]) => a + n, 0);
  const notes = [
    also > 0 ? `重办${c.reopened}件` : '',
    c.written ? `${c.written}件已书面督办` : '',
    c.reportedDone > 0 ? `${c.reportedDone}件单位已报办结，待平台确认` : '',
  ].filter(Boolean);
  if (parts.length <= 1) {
    const [label, n] = parts[0] ?? ['', total];
    return `${label}${noun}${n}件${notes.length > 0 ? `（其中${notes.join('，')}）` : ''}`;
  }
  return (
    `${noun}${total}件（${parts.map(([label, n]) => `${label}${n}件`).join('、')}` +
    `${notes.length > 0 ? `；其中${notes.join('，')}` : ''}）`
  );
}

/** A ticket's line; `tz` given: a 签收 of an earlier digest is noted (the written step's text). */
function itemLine(i: NagItem, n: number, tz?: string): string {
  const state =
    i.daysOverdue > 0
      ? `超期${i.daysOverdue}个工作日`
      : i.daysOverdue === 0
        ? '已超期'
        : i.dueToday
          ? '今日到期'
          : '待办理';
  const acked = tz && i.ackedAt ? `，已于${formatDay(i.ackedAt, tz)}签收` : '';
  const history =
    i.redBy === 'extensions'
      ? `，延期${i.extensions ?? 0}次`
      : i.redBy === 'unsatisfied'
        ? `，不满意${i.unsatisfied ?? 0}次`
        : '';
  return (
    `${n}. ${numbered(i.number, i.title, 22)}（${state}${i.reopened ? '，重办' : ''}${history}${acked}）` +
    `${i.reportedDone ? REPORTED_DONE_MARK : ''}${i.colour ? COLOUR_MARK[i.colour] : ''}`
  );
}

/**
 * A unit's 即时督办 list. A unit whose listed tickets are all reported done (awaiting the
 * platform) is asked only to close them on the platform, not to 抓紧办理.
 */
export function nagDigest(
  unitName: string,
  now: Date,
  tz: string,
  items: readonly NagItem[],
  more: number,
  all: readonly NagItem[],
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  const c = nagCounts(all);
  const rest = more > 0 ? [`……另有${more}件，请登录平台查看。`] : [];
  if (all.length > 0 && c.reportedDone === all.length) {
    return [
      `【即时督办】${unitName}：截至${formatAt(now, tz)}，以下工单本单位已报办结，12345平台尚未确认办结，` +
        `请及时在平台办结：`,
      ...items.map((i, k) => itemLine(i, k + 1)),
      ...rest,
      '平台确认办结后不再提醒。',
    ].join('\n');
  }
  const lines = [
    `【即时督办】${unitName}：截至${formatAt(now, tz)}，本单位${countsPhrase(c, '工单')}，请抓紧办理：`,
    ...items.map((i, k) => itemLine(i, k + 1)),
    ...rest,
  ];
  lines.push(`${signHow(wording, '“签收”')}；办结后可回复“工单编号 已办结 说明”。`);
  return lines.join('\n');
}

export interface GroupDigestLine {
  unitName: string;
  /** The names of the people @-mentioned for the unit (its heads, else its liaisons). */
  people: readonly string[];
  counts: UnitNagCounts;
  /** 三色督办: the unit's most urgent colour, marked at the end of its line. */
  colour?: Colour | null;
}

export { COLOUR_LABEL, COLOUR_MARK } from './colours.js';

/** A deadline as the unit reads it: the day alone when it ends at 24:00 (a list that gives dates only). */
const dueWhen = (due: Date, tz: string) => {
  // With its weekday: a weekend or a holiday may lie between (11月23日（星期一）18:00).
  const day = isLocalMidnight(due, tz) ? due.getTime() - 1 : due.getTime();
  const weekday = `（星期${WEEKDAY_NAMES[inZone(day, tz).day()]}）`;
  return `${formatDay(day, tz)}${weekday}${isLocalMidnight(due, tz) ? '' : formatAt(due, tz).slice(-5)}`;
};

/** 蓝色提醒: a unit's tickets falling due on the next working day(s), each told once. */
export function blueReminder(
  unitName: string,
  items: readonly { number: string; title: string; dueAt: Date }[],
  max: number,
  tz: string,
): string {
  const lines = [`${COLOUR_MARK.blue}${unitName}：以下${items.length}件工单即将到期，请合理安排，按时办结：`];
  items
    .slice(0, max)
    .forEach((i, k) => lines.push(`${k + 1}. ${numbered(i.number, i.title, 22)}（${dueWhen(i.dueAt, tz)}到期）`));
  if (items.length > max) lines.push(`……另有${items.length - max}件，请登录平台查看。`);
  lines.push('办结后可回复“工单编号 已办结 说明”。');
  return lines.join('\n');
}

/** How the group digest asks the units to sign (by the button where there is one). */
function groupSignHow(w: ChannelWording): string {
  if (w.cards) return `各单位负责同志${signHow(w, '“签收”')}`;
  return `请收到明细后${replyHow(w, '“签收”')}`;
}

/**
 * The one group message of a nag cycle: a line per unit with its counts, the people concerned
 * @-mentioned (by the chat, ahead of the text); each unit's list goes to it privately.
 */
export function nagGroupDigest(
  now: Date,
  tz: string,
  lines: readonly GroupDigestLine[],
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  const counts = (c: UnitNagCounts) => countsPhrase(c, '');
  const kinds = ['超期', '今日到期', '重办'];
  if (lines.some((l) => (l.counts.extended ?? 0) > 0)) kinds.push(HISTORY_LABEL.extensions);
  if (lines.some((l) => (l.counts.unsatisfiedTwice ?? 0) > 0)) kinds.push(HISTORY_LABEL.unsatisfied);
  return [
    `【即时督办】截至${formatAt(now, tz)}，以下${lines.length}个单位有${kinds.slice(0, -1).join('、')}或` +
      `${kinds.at(-1)}工单，` +
      `工单明细已私信发送各单位负责同志，请抓紧办理：`,
    ...lines.map(
      (l, k) =>
        `${k + 1}. ${l.unitName}${l.people.length > 0 ? `（${l.people.join('、')}）` : ''}：${counts(l.counts)}` +
        `${l.colour ? COLOUR_MARK[l.colour] : ''}`,
    ),
    `${groupSignHow(wording)}；办结后可回复“工单编号 已办结 说明”。`,
  ].join('\n');
}

/**
 * 书面督办: the ticket's one message of the cycle (the 即时督办 list leaves it out); a 签收 of
 * an earlier 即时督办 is acknowledged on its line. With its 《催办通知书》 (sent after it), the message names it
 * and asks what the notice asks (done and answered in writing by its day), never another day.
 */
export function writtenNotice(
  unitName: string,
  items: readonly NagItem[],
  max: number,
  tz: string,
  notice?: AttachedNotice,
): string {
  const ask = notice
    ? `${attachedNotice('written', notice)}，请于${dayWithWeekday(notice.answerBy)}前办结并书面反馈：`
    : '，请于今日内办结并反馈：';
  const lines = [`【书面督办通知】${unitName}负责同志：以下工单已超过办理时限，经即时督办仍未办结，现予书面督办${ask}`];
  items.slice(0, max).forEach((i, k) => lines.push(itemLine(i, k + 1, tz)));
  if (items.length > max) lines.push(`……另有${items.length - max}件。`);
  lines.push('督办情况已记录在案。');
  return lines.join('\n');
}

export interface UnitItems {
  unitName: string;
  items: readonly NagItem[];
}

function byUnitLines(groups: readonly UnitItems[], max: number, tz?: string): string[] {
  const lines: string[] = [];
  for (const g of groups) {
    const numbers = g.items
      .slice(0, max)
      .map(
        (i) =>
          `${i.number}（超期${Math.max(i.daysOverdue, 0)}个工作日` +
          `${tz ? (i.ackedAt ? `，单位已于${formatDay(i.ackedAt, tz)}签收` : '，单位未签收') : ''}）`,
      );
    lines.push(`· ${g.unitName}${g.items.length}件：${numbers.join('、')}${g.items.length > max ? '等' : ''}`);
  }
  return lines;
}

export function onSiteRequest(groups: readonly UnitItems[], max: number, tz?: string): string {
  return [
    '【现场督办】以下工单经书面督办仍未办结，请督导专班赴现场督办：',
    ...byUnitLines(groups, max, tz),
    '请将现场督办情况反馈至本群。',
  ].join('\n');
}

export function referralNotice(
  groups: readonly UnitItems[],
  max: number,
  tz?: string,
  notice?: AttachedNotice,
): string {
  const attached = notice ? attachedNotice('referral', notice) : '';
  return [`【提请督办】以下工单经现场督办仍未办结，提请领导督办${attached}：`, ...byUnitLines(groups, max, tz)].join(
    '\n',
  );
}

export const ACK_RECORDED = '已签收，督办记录已更新。';

/**
 * The digest signed while the unit still has dispatches or 双派单 rounds unsigned (they reached it before the
 * digest): says which, so that a 收到 meant for all of them is not taken for the list alone in silence.
 */
export function ackRecordedWithOthersText(codes: readonly string[]): string {
  const first = codes[0] ?? 'D1';
  const rest = `贵单位另有 ${codes.join('、')} 尚未签收，如已知悉，请回复“${first} 签收”。`;
  return `已签收工单督办清单，督办记录已更新。${rest}`;
}
export const ACK_NOTHING = '本单位当前没有待签收的督办通知。';
export const ACK_NOT_UNIT = '签收需由承办单位负责同志或联络员回复。';
export const reportedDone = (n: string) => `已记录工单 ${n} 的办结情况，最终以 12345 平台状态为准。`;
/**
 * One short extra line when a message that was something else (a dispatch answer, a 签收, a report) also said tickets
 * are done.
 */
export const alsoReportedDone = (numbers: readonly string[]) =>
  `另已记录工单 ${numbers.join('、')} 的办结情况，最终以 12345 平台状态为准。`;
export const unknownTicket = (n: string) => `未找到工单 ${n}，请核对工单编号。`;
export const notYourTicket = (n: string, unit: string) => `工单 ${n} 的承办单位为${unit}，请由该单位负责同志办理。`;

export const approvalNeedsReason = (type: string) => `请写明理由，格式：申请${type} 工单编号 理由。`;
export const approvalOnlyUnits = '退办、不再办理申请需由承办单位负责同志提出。';
export const approvalAlreadyOpen = (code: string) => `该工单已有待审批的申请（${code}），请等待领导审批。`;
/** A unit asks again for a ticket whose 退办 / 不再办理 was already approved. */
export const approvalAlreadyApproved = (code: string, type: string, at: Date | null, by: string | null, tz: string) =>
  `该工单的${type}申请 ${code} 已${at ? `于${formatAt(at, tz)}` : ''}获${by ?? '领导'}同意，无需重复申请。`;
/** Where a ticket with an approved 退办 / 不再办理 is still listed. */
export const RETURN_APPROVED_MARK = '（退办已获批准，待平台处理）';

export function approvalRequest(
  code: string,
  type: string,
  number: string,
  title: string,
  unitName: string,
  requester: string,
  reason: string,
  resend = false,
): string {
  return [
    `【${type}申请${resend ? '·再次提请' : ''}】${code}`,
    `工单：${numbered(number, title, 30)}`,
    `承办单位：${unitName}（${requester}）`,
    `理由：${reason}`,
    `请审批：回复“同意 ${code}”或“不同意 ${code} 理由”。`,
  ].join('\n');
}

export const approvalSubmitted = (code: string, type: string, number: string) =>
  `工单 ${number} 的${type}申请已提交领导审批，编号 ${code}，审批结果将另行通知。`;
export const approvalApproved = (code: string, type: string, number: string, leader: string, note = '') =>
  `您的${type}申请（${code}，工单 ${number}）已获${leader}同意${note ? `，意见：${note}` : ''}。请在 12345 ` +
  `平台按程序办理。`;
export const approvalRefused = (code: string, type: string, number: string, leader: string, note: string) =>
  `您的${type}申请（${code}，工单 ${number}）未获${leader}同意${note ? `，意见：${note}` : ''}。请继续办理。`;
export const decisionRecorded = (code: string, approve: boolean) =>
  `已记录：${approve ? '同意' : '不同意'} ${code}，已通知申请单位。`;
export const DECISION_NEEDS_REASON = '不同意时请写明理由，格式：不同意 编号 理由。';
export const ONLY_LEADERS_DECIDE = '退办、不再办理申请仅由区管委领导审批，您的回复已记录，未作审批处理。';
export const unknownApproval = (code: string) => `未找到审批编号 ${code}，请核对。`;
/** To a leader deciding what another leader (or they themselves) already decided: who, when. */
export const alreadyDecided = (code: string, approve: boolean, by: string | null, at: Date | null, tz: string) =>
  `${code} 已${by ? `由${by}` : ''}${at ? `于${formatAt(at, tz)}` : ''}${approve ? '同意' : '不同意'}，无需重复审批。`;
/** To the other leaders asked, once: the request was decided by someone else. */
export const decidedByOther = (
  code: string,
  type: string,
  number: string,
  approve: boolean,
  by: string,
  at: Date,
  tz: string,
) =>
  `【${type}申请】${code}（工单 ${number}）已由${by}于${formatAt(at, tz)}${approve ? '同意' : '不同意'}，` +
  `已通知申请单位，无需再审批。`;

/** A leader's bare 同意 / 不同意: which request, with the code to send (never decided without it). */
export function bareDecisionText(
  approve: boolean,
  items: ReadonlyArray<{ code: string; kind: string; ticketNumber: string; title: string; unit: string }>,
): string {
  const reply = (code: string) => (approve ? `同意 ${code}` : `不同意 ${code} 理由`);
  const what = (a: (typeof items)[number]) =>
    `${a.unit}申请${a.kind}工单 ${a.ticketNumber}${a.title ? `「${a.title}」` : ''}`;
  if (items.length === 1) {
    const a = items[0] as (typeof items)[number];
    return `是否${approve ? '同意' : '不同意'} ${a.code}（${what(a)}）？回复“${reply(a.code)}”即可。`;
  }
  return [
    `目前有${items.length}件申请待您审批，请回复“同意 编号”或“不同意 编号 理由”：`,
    ...items.map((a) => `· ${a.code} ${what(a)}`),
  ].join('\n');
}

/**
 * A unit says that "the ticket" is done, naming no number: the ticket its words name (是否指…), those they may name, or
 * (`named` false) its overdue and reopened ones.
 */
export const doneWhichTicket = (tickets: ReadonlyArray<{ number: string; title: string }>, named = false) => {
  const first = (tickets[0] as { number: string }).number;
  if (tickets.length === 1) {
    const t = tickets[0] as { number: string; title: string };
    return (
      `是否指工单 ${t.number}（${t.title}）？如是报告该工单已办结，请回复“是”确认；` +
      `也可回复“${t.number} 已办结 说明”。`
    );
  }
  const lines = tickets.slice(0, 8).map((t) => `· ${t.number} ${t.title}`);
  if (tickets.length > 8) lines.push(`……共 ${tickets.length} 件`);
  const head = named
    ? `请问是指哪一件工单？贵单位以下 ${tickets.length} 件工单与这条消息相符，`
    : `贵单位有 ${tickets.length} 件超期或重办工单，请注明是哪一件，`;
  const example = named ? '已联系市民办理' : '摊贩已清理';
  return [`${head}回复“工单编号 已办结 说明”即可，如“${first} 已办结 ${example}”。`, ...lines].join('\n');
};

/** One row as `import-tickets --dry-run` shows it. */
export interface PreviewRow {
  row: number;
  ok: boolean;
  reason?: string;
  ticket?: {
    number: string;
    title: string;
    unitId: string;
    assignedAt: Date | null;
    dueAt: Date;
    status: string;
    done: boolean;
    rating: string | null;
    reopenCount: number;
    street: string | null;
  };
}

/** How a status was understood, in the dry run's lines (open: nothing said). */
const STATE_NOTE: Record<TicketState, string> = {
  open: '',
  done: '视为办结，不催办',
  unsigned: '待签收，照常催办',
  returned: '退单，待平台处理，不催办',
  extension: '延时申请中，不催办',
  suspended: '挂起，不催办',
};

/** `import-tickets --dry-run`: how the columns were read, the counts it would import and the first rows as parsed. */
export function dryRunText(
  source: string,
  c: ImportCounts,
  reading: ImportReading,
  preview: readonly PreviewRow[],
  tz: string,
  unitName: (id: string) => string,
  rejected: readonly RejectedRow[] = [],
  maxListed = 20,
): string {
  const lines = [
    `试读「${source}」（未写入）：可导入${c.created}条，未导入${c.rejected}条。`,
    ...readingLines(reading),
  ];
  if (preview.length > 0) lines.push('前几行读取结果：');
  for (const p of preview) {
    const t = p.ticket;
    if (!p.ok || !t) {
      lines.push(`· 第${p.row}行：未导入，${p.reason ?? ''}`);
      continue;
    }
    const parts = [
      `工单编号 ${t.number}`,
      t.title ? `标题 ${short(t.title)}` : '',
      `承办单位 ${unitName(t.unitId)}`,
      t.street ? `属地 ${t.street}` : '',
      t.assignedAt ? `派单 ${formatAt(t.assignedAt, tz)}` : '',
      `时限 ${formatAt(t.dueAt, tz)}`,
      `状态 ${t.status || '—'}${((n) => (n ? `（${n}）` : ''))(STATE_NOTE[t.done ? 'done' : ticketState(t.status)])}`,
      t.rating ? `满意度 ${t.rating}` : '',
      t.reopenCount > 0 ? `重办${t.reopenCount}次` : '',
    ].filter((x) => x !== '');
    lines.push(`· 第${p.row}行：${parts.join('，')}`);
  }
  if (rejected.length > 0) {
    lines.push('未导入的行：');
    for (const r of rejected.slice(0, maxListed))
      lines.push(`· 第${r.row}行${r.number ? `（${r.number}）` : ''}：${r.reason}`);
    if (rejected.length > maxListed) lines.push(`……另有 ${rejected.length - maxListed} 行未列出。`);
  }
  return lines.join('\n');
}

/** A row the importer could not read at all (the error's first words, for the rejected-rows list). */
export const rowUnreadable = (message: string) => `无法读取（${message.slice(0, 40)}）`;

/** A list without 派单时间 and without 办理时限: the one missing column named in the answer. */
export const ASSIGNED_OR_DEADLINE = '派单时间或办理时限';
