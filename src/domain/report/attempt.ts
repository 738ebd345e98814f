/**
 * Was a message that is not a daily report meant as one? A head's or liaison's text with
 * report figures that the parser did not take gets a hint instead of silence; the rule is
 * narrow so that dispatch answers, ticket numbers and chatter get none. Pure.
 */

import { FIGURE_KEYS } from './figures.js';
import type { NotReportReason, ReportCues, ReportParse } from './parse.js';

/** The hint to give: why the text was not taken, in the words the sender needs. */
export type AttemptHint = 'question' | 'evaluative' | 'general';

/** Words that mark the day's account (the figures are today's, or the text calls itself 日报). */
const DAY_MARK = /日报|今日|今天|当日|本日|当天/;
/** The day's tickets named as such (工单, 单子), not a dispatch's or a visit's matter. */
const TICKETS = /工单|单子/;
/** Answers to a dispatch or a 双派单 (a code), texts addressed to someone (报告…, 回复…, @…). */
const ADDRESSED = /(?<![A-Za-z])(?:SP|D)\s*\d+(?!\d)|^\s*(?:@|报告|回复|关于|反馈)/i;
/** Deliberate: figures follow later; a bulletin about several units or a notice to all units. */
const NEVER: ReadonlySet<NotReportReason> = new Set(['empty', 'role', 'notice', 'official', 'later', 'several-units']);

export interface AttemptInput {
  text: string;
  parse: ReportParse;
  why: NotReportReason | null;
  /** Figure names and numbers in the text, taken or not (收了5个 结了4个 read nothing before issue 12). */
  cues: ReportCues;
  /** Canonical name of the sender's unit. */
  ownUnit: string | undefined;
  /** Contact ids @-mentioned. */
  mentions: readonly string[];
}

/**
 * The hint for a failed report attempt, or null when the text was not one (or is a report):
 * figures of at least two kinds, or one with a day word (今日/日报…), or figures the parser could not
 * place under at least two figure names (two numbers and two of 受理/办结/在办/满意率…, everyday verbs
 * included), or today's 工单 counted under one (今天处理了9件工单); not addressed to anyone nor naming a
 * case code; naming no unit but the sender's own.
 */
export function reportAttempt(a: AttemptInput): AttemptHint | null {
  if (a.why === null || NEVER.has(a.why)) return null;
  if (a.mentions.length > 0 || ADDRESSED.test(a.text)) return null;
  if (a.parse.unit !== null && a.parse.unit !== a.ownUnit) return null;
  const n = FIGURE_KEYS.filter((f) => a.parse[f] !== null).length;
  const named = a.cues.kinds >= 2 && a.cues.numbers >= 2;
  // 公安分局今天处理了9件工单，还有两件没办完 / 今天工单不多，就3件，都结了: today's tickets counted in everyday words.
  const today = DAY_MARK.test(a.text) && TICKETS.test(a.text) && a.cues.kinds >= 1 && a.cues.numbers >= 1;
  if (n < 2 && !(n === 1 && DAY_MARK.test(a.text)) && !named && !today) return null;
  if (a.why === 'question') return 'question';
  if (a.why === 'praise' || a.why === 'comment') return 'evaluative';
  return 'general';
}
