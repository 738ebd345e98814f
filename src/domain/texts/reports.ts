import { weekday } from '../calendar.js';
import { describeFigures, FIGURE_LABELS, type ReportFigures } from '../report/figures.js';
import { WEEKDAY_NAMES } from '../time.js';
import { type ChannelWording, lateReportNote, reportHow, unseenReportsNote, WORDING_READS_ALL } from './channel.js';

const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export { md as monthDay };

/** 11月28日（星期六） */
const mdw = (day: string) => `${md(day)}（星期${WEEKDAY_NAMES[weekday(day)]}）`;

export function calendarMissingText(year: number): string {
  return (
    `系统提示：${year}年法定节假日和调休安排尚未配置，日报提醒等例行工作暂按周一至周五执行。请在配置文件的 ` +
    `calendar 中补充当年安排。`
  );
}

export interface ConfirmInput {
  unitName: string;
  day: string;
  /** The day's report after this message (merged with the earlier one for a correction). */
  figures: ReportFigures;
  version: number;
  late: boolean;
  missing: Array<keyof ReportFigures>;
  problems: string[];
  deadline: string;
  /** How a later version was applied: a correction merged into the report, or the full set again. */
  mode?: 'replace' | 'merge';
  /** What this message changed ("受理 5→7件"); set for a later version. */
  changes?: string[];
  /** Figures far from the unit's recent days, to confirm (请核实). */
  historyFlags?: string[];
  /** Set when the unit adopted someone else's 代报: who sent it. */
  adoptedFrom?: string;
  /** Set when the report's day is not a working day: the working day before it. */
  restDayPreviousWorkday?: string;
  /** The channel's wording (a late report may have been sent earlier without @ where only @-messages are seen). */
  wording?: ChannelWording;
  /** 百日攻坚: the campaign figures read (one line) and the questions about them (texts/campaign.ts). */
  campaign?: readonly string[];
  /** The day's first ticket figures, after a message that gave none (its campaign part only). */
  firstFigures?: boolean;
}

/** The point-to-point confirmation of a report: the whole report as the leaders will see it, and what changed. */
export function reportConfirmText(c: ConfirmInput): string {
  const given = describeFigures(c.figures);
  const figs = given || '未识别到工单数据';
  const lines: string[] = [];
  // Only a campaign part (百日攻坚：…): said as what it is, and the hotline figures asked for in one line.
  const campaignOnly = c.version <= 1 && given === '' && c.campaign !== undefined && c.campaign.length > 0;
  if (campaignOnly) {
    const [line = '', ...questions] = c.campaign ?? [];
    lines.push(`已收到${c.unitName}${md(c.day)}${line.replace(/^([^：]+)：/, '$1进展：')}`, ...questions);
    lines.push('本条未包含12345热线工单数据，请另行报送今日受理、办结等件数。');
  } else if (c.version <= 1 || c.firstFigures) {
    lines.push(`已收到${c.unitName}${md(c.day)}日报：${figs}。`);
  } else if (c.mode === 'merge' && c.changes && c.changes.length > 0) {
    // Only figures the report lacked (办结 未填报→0件): a 补充, nothing was wrong.
    const verb = c.changes.every((ch) => ch.includes('未填报→')) ? '补充' : '更正';
    lines.push(`已${verb}${c.unitName}${md(c.day)}日报（第${c.version}次报送）：${c.changes.join('、')}。`);
    lines.push(`${verb}后日报：${figs}。`);
  } else if (c.mode === 'merge') {
    // A remark or the same figures again (另外，在办1件是…): nothing changed, so nothing was 更正.
    lines.push(`已收到${c.unitName}${md(c.day)}日报的补充（第${c.version}次报送），日报数据不变：${figs}。`);
  } else {
    lines.push(`已更新${c.unitName}${md(c.day)}日报（第${c.version}次报送，以本次为准）：${figs}。`);
    if (c.changes && c.changes.length > 0) lines.push(`与上次相比：${c.changes.join('、')}。`);
  }
  if (c.campaign && !campaignOnly) lines.push(...c.campaign);
  if (c.missing.length > 0 && !campaignOnly)
    lines.push(`请补充：${c.missing.map((k) => `${FIGURE_LABELS[k]}件数`).join('、')}。`);
  if (c.problems.length > 0)
    lines.push(`请核实：${c.problems.join('；')}。如有误，直接发送更正即可，例如“更正：受理应为7件”。`);
  if (c.historyFlags && c.historyFlags.length > 0)
    lines.push(`请核实：${c.historyFlags.join('；')}。如数据无误，请回复“确认无误”；如有误，请直接发送更正。`);
  if (c.late) {
    const unseen = lateReportNote(c.wording ?? WORDING_READS_ALL, c.deadline) ?? '';
    lines.push(`本次报送晚于${c.deadline}截止时间，已记为迟报。${unseen}`);
  }
  if (c.restDayPreviousWorkday) {
    const prev = c.restDayPreviousWorkday;
    lines.push(
      `${mdw(c.day)}为休息日，无需报送日报，本条已留存备查。` +
        `如为${mdw(prev)}的日报，请在开头注明“${md(prev)}”后重新发送。`,
    );
  }
  if (c.adoptedFrom) lines.push(`以上数据采用${c.adoptedFrom}的代报，已按贵单位日报记录。`);
  return lines.join('\n');
}

/** The optional receipt in the group. */
export function reportReceiptText(unitName: string, version: number): string {
  return `已收到${unitName}日报${version > 1 ? '（更正）' : ''}。`;
}

export function reportWrongUnitText(unitName: string, forwarded = false): string {
  return (
    `您好，您不是${unitName}的报送人员，本条日报未予记录。请由该单位负责同志或联络员报送。` +
    `${forwarded ? '已将本条内容转告该单位负责同志，由其确认是否采用。' : ''}`
  );
}

/** To a leader or supervisor whose report for a unit did not say 代报. */
export function reportProxyRefusedText(unitName: string, forwarded: boolean): string {
  return (
    `本条暂未记为${unitName}日报。如需代报，请注明“代报”，例如“代报${unitName}：今日受理…”。` +
    `${forwarded ? '已将本条内容转告该单位负责同志，由其确认是否采用。' : ''}`
  );
}

export interface ProxyOfferInput {
  /** 张局长（区住建局）, 李主任. */
  sender: string;
  sentAt: string;
  unitName: string;
  day: string;
  figures: ReportFigures;
  text: string;
}

/** To the unit's head: someone else reported for the unit; one step to adopt it. */
export function proxyOfferText(o: ProxyOfferInput): string {
  const quote = o.text.length > 200 ? `${o.text.slice(0, 200)}…` : o.text;
  return [
    `【代报待确认】${o.sender}于${o.sentAt}发送了贵单位${md(o.day)}日报数据，因非本单位人员报送，未予记录。`,
    `识别数据：${describeFigures(o.figures) || '未识别到工单数据'}。`,
    `原文：${quote}`,
    '如确认无误，请回复“采用”，即作为贵单位日报记录；如不采用，请按时自行报送。',
  ].join('\n');
}

/** Stored with the adopted report's text: who sent it and who adopted it. */
export function proxyAdoptNote(sender: string, sentAt: string, adopter: string): string {
  return `〔${sender}于${sentAt}代报，${adopter}确认采用〕`;
}

/** To the one who sent the 代报, once the unit adopted it. */
export function proxyAdoptedText(unitName: string, day: string, adopter: string): string {
  return `您代报的${unitName}${md(day)}日报已由${adopter}确认采用，已按该单位日报记录。`;
}

export function reportNoUnitText(): string {
  return '您好，未能确定本条日报所属单位，未予记录。请在日报开头写明单位名称后重新发送。';
}

export function reportReminderText(
  day: string,
  deadline: string,
  names: string[],
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  return (
    `温馨提醒：今日（${md(day)}）日报请于${deadline}前报送，以下单位尚未报送：${names.join('、')}。` +
    (reportHow(wording) ?? '')
  );
}

/** Where a unit's report of the day stands when its person says 收到 with nothing to sign. */
export type ReportDue = 'due' | 'reported' | 'late';

/** Where a unit's day report stands for its 收到 after the reminder: due, in, or late (no 好的 before it). */
export function reportDueText(state: ReportDue, unitName: string, deadline: string): string {
  if (state === 'reported') return `${unitName}今日日报已收到，无需重复报送。`;
  if (state === 'late') return `${unitName}今日日报尚未报送，已过${deadline}截止时间，请尽快报送。`;
  return `请于${deadline}前报送${unitName}今日日报。`;
}

/**
 * A unit's 收到 / 好的 to the bot with nothing to sign on a reporting day (the 17:30 reminder's 收到): when its day
 * report is due, that it has it, or that it is late.
 */
export function reportAckText(state: ReportDue, unitName: string, deadline: string): string {
  return `${state === 'due' ? '好的，' : '好的。'}${reportDueText(state, unitName, deadline)}`;
}

export function reportRollCallText(
  day: string,
  deadline: string,
  reported: number,
  total: number,
  missing: Array<{ unit: string; heads: string[] }>,
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  if (missing.length === 0) return `截至${deadline}，${md(day)}日报${total}个单位已全部报送，谢谢大家。`;
  const list = missing.map((m) => (m.heads.length > 0 ? `${m.unit}（${m.heads.join('、')}）` : m.unit)).join('、');
  return (
    `截至${deadline}，${md(day)}日报应报${total}个单位，已报${reported}个，尚未报送${missing.length}个：${list}。` +
    `请尽快报送。${reportHow(wording) ?? ''}`
  );
}

/** To the supervision team after the deadline: `at` is the time of the check (HH:mm). */
export function reportEscalationText(
  day: string,
  at: string,
  missing: Array<{ unit: string; heads: string[] }>,
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  const list = missing.map((m) => (m.heads.length > 0 ? `${m.unit}（${m.heads.join('、')}）` : m.unit)).join('、');
  const unseen = unseenReportsNote(wording);
  return (
    `督办提请：截至${md(day)}${at}，以下${missing.length}个单位尚未报送当日日报：${list}。请予跟进督办。` +
    (unseen ? `\n${unseen}` : '')
  );
}

/** Why a head's or liaison's message with figures was not taken as the daily report, and what to send. */
export function reportNotRecognisedText(
  hint: 'question' | 'evaluative' | 'general',
  unitName: string,
  wording: ChannelWording = WORDING_READS_ALL,
): string {
  const how = wording.readsAll ? '' : `在群内发送请@${wording.bot}，也可私聊${wording.bot}。`;
  const example = `例如：“${unitName}今日受理6件，办结5件，在办1件。”${how}`;
  switch (hint) {
    case 'question':
      return (
        `未识别为日报：这条消息是问句，未作为日报记录。如需报送今日日报，请单独发送一条，写明受理、办结等件数，` +
        `${example}`
      );
    case 'evaluative':
      return (
        `未识别为日报：消息中含有评价性用语，未作为日报记录。如需报送今日日报，请只写本单位当日数据后单独发送，` +
        `${example}`
      );
    default:
      return (
        `未识别为日报，本条未作记录。如需报送今日日报，请以单位名称开头，写明受理、办结等件数后单独发送，` +
        `${example}`
      );
  }
}

export interface ReportStatusInput {
  day: string;
  /** When asked: 18:12, or 12月4日09:10 when the day asked about is not today. */
  at: string;
  deadline: string;
  total: number;
  /** Reported after the deadline (the day's reports kept as 迟报). */
  late: number;
  missing: Array<{ unit: string; heads: string[] }>;
  /** The deadline has not come yet (today, before 18:00). */
  beforeDeadline: boolean;
  /** Set when the question asked for the summary and it has not been sent yet: when it will be. */
  summaryAt?: string;
  /** Asked how the units' work goes in general: the district's open overdue and reopened tickets. */
  tickets?: { overdue: number; reopened: number };
}

/** A leader's or supervisor's question 今天还有哪些单位没报: the day's reporting so far. */
export function reportStatusText(s: ReportStatusInput): string {
  const reported = s.total - s.missing.length;
  const late = s.late > 0 ? `（其中迟报${s.late}个）` : '';
  const lines: string[] = [];
  if (s.missing.length === 0) lines.push(`截至${s.at}，${md(s.day)}日报${s.total}个单位已全部报送${late}。`);
  else if (reported === 0) lines.push(`截至${s.at}，${md(s.day)}日报尚无单位报送（应报${s.total}个单位）。`);
  else {
    const list = s.missing.map((m) => (m.heads.length > 0 ? `${m.unit}（${m.heads.join('、')}）` : m.unit)).join('、');
    const counts = `应报${s.total}个单位，已报${reported}个${late}，尚未报送${s.missing.length}个`;
    lines.push(`截至${s.at}，${md(s.day)}日报${counts}：${list}。`);
  }
  if (s.beforeDeadline && s.missing.length > 0) lines.push(`报送截止时间为${s.deadline}。`);
  if (s.summaryAt) lines.push(`${md(s.day)}日报汇总将于${s.summaryAt}发出。`);
  if (s.tickets) lines.push(`目前全区超期未办结工单${s.tickets.overdue}件，重办工单${s.tickets.reopened}件。`);
  return lines.join('\n');
}
