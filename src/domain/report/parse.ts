/**
 * The daily-report parser (see ../shared/docs/parsing.md, "parse-report"). Pure: text in,
 * fields out, no I/O. Pipeline: clean → mask noise → dates → tokens → figures → unit → isReport.
 */

import { trimEndOf } from '../language/trim.js';
import { isHeadOrLiaison, type Roster } from '../roster.js';
import { DEFAULT_TZ, inZone } from '../time.js';
import { assignFigures, type Binding } from './assign.js';
import { colloquialAllowed, withoutColloquial } from './colloquial.js';
import { neverAReport } from './correction.js';
import { findDates, reportDay } from './dates.js';
import { FIGURE_KEYS, type ReportFigures } from './figures.js';
import { cleanText, MASK, maskNoise, maskPeriods } from './normalize.js';
import { type Tok, tokenize } from './tokens.js';
import { reportingUnit, type UnitMention, unitMentions } from './units.js';

/** The parser's answer: the contract's fields (see shared/docs/parsing.md). */
export interface ReportParse extends ReportFigures {
  isReport: boolean;
  unit: string | null;
  date: string;
}

export interface ReportInput {
  text: string;
  sentAt: string;
  from?: string;
}

/** Notices, praise, instructions, supervisors' bulletins: never a unit's own report. */
const NOTICE = new RegExp(
  '各单位|各镇街|各街镇|各部门|请各|值得肯定|值得表扬|提出表扬|予以表扬|给予表扬|通报表扬|通报批评|' +
    String.raw`提出批评|予以批评|专班通报|督导通报|通报如下|【转发】|\[转发\]|^\s*转发|@所有人|排名如下|` +
    '情况通报如下|全区|批示|指示：|要认真|要及时|请务必|务必|限期',
);
/** "Figures follow later" notes. */
const LATER = new RegExp(
  '稍后|晚些|晚点|随后报|随后补|待.{0,6}后(?:再)?(?:报|补|发)|暂未统计|正在统计|统计中|还在统计|尚未统计|' +
    '数据未出|明天补报|明日补报',
);
/** A leader's evaluative words; with the unit named mid-text they mark a comment on it. */
const EVALUATIVE = /值得|很好|不错|继续保持|辛苦|肯定|表扬|加油|抓紧|务必|希望|点赞|好样|棒|再接再厉|要注意|请注意/;
/** Praise a unit would not write about itself. */
const PRAISE = new RegExp(
  String.raw`(?:很好|不错|非常好|挺好)[，,！!。\s]*(?:继续|再接再厉|$)|好样的|点赞|再接再厉|值得肯定|` +
    String.raw`值得表扬|辛苦了|辛苦啦|继续保持[！!。~\s]*$`,
);
const QUESTION_END = /(?:[？?]|吗|呢|么)\s*$/;
const NON_REPORTER_ROLES = ['leader', 'supervisor', 'discipline'] as const;

/** One trailing character that does not change what a text is: blanks, emoji, brackets, 。！. */
const TRAILING = /[\s\p{Extended_Pictographic}\uFE0F\u200d[\]【】（）()~～。！!]/u;

function stripTrailing(s: string): string {
  return trimEndOf(s, TRAILING);
}

/** Figures given right after different units' names (城东街道受理8件…城西街道受理7件…): a bulletin. */
function severalUnits(masked: string, mentions: readonly UnitMention[], bindings: readonly Binding[]): boolean {
  const own = mentions.filter((m) => !m.partner);
  if (own.length < 2) return false;
  const units = new Set<string>();
  const sorted = [...bindings].sort((a, b) => a.pos - b.pos);
  let k = 0;
  for (const m of own) {
    while (k < sorted.length && (sorted[k] as Binding).pos < m.end) k++;
    const first = sorted[k];
    if (first === undefined) break;
    const between = masked
      .slice(m.end, Math.min(first.pos, m.end + 40))
      .replace(/[\s\uE000：:，,今日天当的工单共诉求群众情况]/g, '');
    if (between.length <= 2 && first.pos - m.end < 40) units.add(m.unit.id);
    if (units.size >= 2) return true;
  }
  return units.size >= 2;
}

function isHeaderMention(text: string, m: UnitMention): boolean {
  if (m.index <= 16) {
    const before = text.slice(0, m.index).replace(/[\s\p{Extended_Pictographic}\uFE0F【\[（(《“"#*]/gu, '');
    if (before.length <= 2) return true;
  }
  if (text.length - m.end <= 16 && text.slice(m.end).trim().length <= 2) return true; // closing signature
  if (/^\s*[：:】\])）]/.test(text.slice(m.end, m.end + 3))) return true;
  return (
    /[-—–_]\s*$/.test(text.slice(Math.max(0, m.index - 3), m.index)) &&
    text.length - m.end < 24 &&
    text.slice(m.end).trim().length < 8
  );
}

/** Why a text is not a daily report (null: it is one). */
export type NotReportReason =
  | 'empty'
  | 'question'
  | 'role'
  | 'notice'
  | 'praise'
  | 'instruction'
  | 'official'
  | 'later'
  | 'several-units'
  | 'comment'
  | 'no-figures'
  /** An acknowledgement (收到, 好的收到1) or an answer naming a case code (D9 收到) with at most one figure. */
  | 'ack'
  | 'code';

function whyNotReport(
  clean: string,
  masked: string,
  nFields: number,
  mentions: readonly UnitMention[],
  bindings: readonly Binding[],
  from: string | undefined,
  roster: Roster,
): NotReportReason | null {
  const t = clean.trim();
  if (t === '') return 'empty';
  const body = t.replace(/^(?:@\S+\s*)+/, '');
  if (/^请问/.test(body) || QUESTION_END.test(stripTrailing(body))) return 'question';
  if (from !== undefined && NON_REPORTER_ROLES.some((r) => roster.hasRole(from, r))) return 'role';
  if (NOTICE.test(t)) return 'notice';
  if (PRAISE.test(t)) return 'praise';
  if (/^请(?!问)/.test(body)) return 'instruction';
  if (startsWithOfficial(body, roster)) return 'official';
  if (LATER.test(t) && nFields <= 2) return 'later';
  if (severalUnits(masked, mentions, bindings)) return 'several-units';
  const own = mentions.filter((m) => !m.partner);
  if (own.length > 0 && EVALUATIVE.test(t) && !own.some((m) => isHeaderMention(t, m))) return 'comment';
  if (nFields > 0) return null;
  // A unit's campaign-only report (攻坚进展 with figures but no ticket counts).
  const campaign =
    own.length > 0 &&
    own.some((m) => isHeaderMention(t, m)) &&
    /日报|办理情况|工作情况|推进情况|进展|汇报|攻坚/.test(t) &&
    /\d/.test(masked);
  return campaign ? null : 'no-figures';
}

/** "李主任：…" / "刘组长批示…": a leader or supervisor speaking. */
function startsWithOfficial(body: string, roster: Roster): boolean {
  for (const p of roster.people) {
    if (!NON_REPORTER_ROLES.some((r) => p.roles.includes(r))) continue;
    if (body.startsWith(p.name) && /^[\s：:，,]|^(?:批示|指示|要求|强调|讲|说)/.test(body.slice(p.name.length)))
      return true;
  }
  return false;
}

function maskSpans(s: string, spans: ReadonlyArray<{ start: number; end: number }>): string {
  if (spans.length === 0) return s;
  const chars = s.split('');
  for (const sp of spans) for (let k = sp.start; k < sp.end; k++) chars[k] = MASK;
  return chars.join('');
}

/**
 * A forwarded message's marker at its start: 【转发】, [转发], 转发：, 转自城东街道：, 转发自…:
 * group 1 is the source named after 转自 / 转发自, if any.
 */
const FORWARD =
  // check-lines: long regex
  /^[ \n]*(?:(?:【转发】|\[转发\]|转发[:：]|转发一下[:：]?)[ \n]*)?(?:转(?:发)?自[ ]*([^：:\n，,]{1,24})[ ]*[：:\n，,][ \n]*)?/;

/**
 * A forwarded report (【转发】…, 转自…：…) whose body is a unit's own report is read as if sent
 * directly; a forwarded notice stays a notice. With the sender known (`from`), it is a report
 * only when the unit's own head or liaison forwards it (the body names that unit, or none and
 * the source is it); the bot's report handler applies the same rule from the sender (another
 * unit's report forwarded is refused and offered to that unit, as any report for another unit).
 */
function forwardedReport(input: ReportInput, clean: string, roster: Roster, tz: string): ReportExplained | null {
  const m = FORWARD.exec(clean);
  if (m === null || m[0].length === 0) return null;
  const sender = input.from === undefined ? undefined : roster.person(input.from);
  const own = sender?.unit;
  if (input.from !== undefined && (own === undefined || !(sender !== undefined && isHeadOrLiaison(sender))))
    return null;
  const body = clean.slice(m[0].length);
  if (FORWARD.exec(body)?.[0].length) return null; // forwarded twice: not the unit's own
  const inner = explainReport({ ...input, text: body }, roster, tz);
  if (!inner.parse.isReport) return null;
  const source = m[1] === undefined ? undefined : reportingUnit(unitMentions(m[1], roster));
  const unitName = inner.parse.unit ?? source?.name ?? null;
  const unit = unitName === null ? undefined : roster.unitByName(unitName);
  if (own !== undefined && unit !== undefined && unit.id !== own) return null;
  if (own !== undefined && source !== undefined && source !== null && source.id !== own) return null;
  return { parse: { ...inner.parse, unit: unitName }, why: null, cues: inner.cues };
}

export function parseReport(input: ReportInput, roster: Roster, tz: string = DEFAULT_TZ): ReportParse {
  return explainReport(input, roster, tz).parse;
}

/**
 * What a text holds that reads like report figures, whatever the parser took: the kinds of figure named
 * (受理, 办结, 在办, 满意率…, everyday verbs included) and the numbers that could be counts or rates.
 */
export interface ReportCues {
  kinds: number;
  numbers: number;
}

export interface ReportExplained {
  parse: ReportParse;
  why: NotReportReason | null;
  cues: ReportCues;
}

function cuesOf(toks: readonly Tok[]): ReportCues {
  const kinds = new Set<string>();
  let numbers = 0;
  for (const t of toks) {
    if (t.k === 'kw') kinds.add(t.field);
    else if (t.k === 'rate' && t.field !== null) kinds.add(t.field);
    else if (t.k === 'num' && t.unit !== 'other') numbers++;
  }
  return { kinds: kinds.size, numbers };
}

/** The parse and, when the text is not a report, why not (for the bot's own hints; not in the CLI). */
export function explainReport(input: ReportInput, roster: Roster, tz: string = DEFAULT_TZ): ReportExplained {
  const text = typeof input.text === 'string' ? input.text : '';
  const sent = inZone(input.sentAt, tz);
  const valid = sent.isValid();
  const sentDay = valid ? sent.format('YYYY-MM-DD') : '1970-01-01';
  const sentMinutes = valid ? sent.hour() * 60 + sent.minute() : 12 * 60;

  const clean = cleanText(text);
  let masked = maskNoise(clean);
  const hits = findDates(masked, sentDay);
  const date = reportDay(masked, hits, sentDay, sentMinutes);
  masked = maskPeriods(maskSpans(masked, hits));

  const toks = tokenize(masked);
  let fig = assignFigures(masked, toks);
  if (!colloquialAllowed(clean, fig.bindings)) fig = assignFigures(masked, withoutColloquial(toks));
  const mentions = unitMentions(clean, roster);
  const unit = reportingUnit(mentions);

  const out: ReportParse = {
    isReport: false,
    unit: unit?.name ?? null,
    date,
    received: fig.received,
    completed: fig.completed,
    inProgress: fig.inProgress,
    overdue: fig.overdue,
    reopened: fig.reopened,
    unsatisfied: fig.unsatisfied,
    returned: fig.returned,
    onTimeRate: fig.onTimeRate,
    satisfactionRate: fig.satisfactionRate,
  };
  const nFields = FIGURE_KEYS.filter((f) => out[f] !== null).length;
  const why =
    whyNotReport(clean, masked, nFields, mentions, fig.bindings, input.from, roster) ?? neverAReport(clean, nFields);
  out.isReport = why === null;
  if (why === 'notice') {
    const fwd = forwardedReport(input, clean, roster, tz);
    if (fwd !== null) return fwd;
  }
  return { parse: out, why, cues: cuesOf(toks) };
}
