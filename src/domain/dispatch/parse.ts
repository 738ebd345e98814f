/**
 * The leader-dispatch (点对点调度) parser: isDispatch, targets, deadline, urgent, per
 * docs/parsing.md "parse-dispatch". Pure: no I/O, no process-zone dates.
 */
import type { WorkCalendar } from '../calendar.js';
import { isUnitWorker, type Roster } from '../roster.js';
import { DEFAULT_TZ } from '../time.js';
import { isDispatchMessage } from './classify.js';
import { parseDeadline } from './deadline.js';
import { addressedPeople, canonicalNames, mentionInfo, textMentionIds, textTargets } from './targets.js';
import { normalizeDispatchText } from './text.js';
import { isUrgent } from './urgency.js';

export { type DeadlineCandidate, findDeadlines, parseDeadline } from './deadline.js';
export { isUrgent, URGENT_WORDS } from './urgency.js';

export interface DispatchParse {
  isDispatch: boolean;
  targets: string[];
  deadline: string | null;
  urgent: boolean;
}

export interface DispatchInput {
  text: string;
  sentAt: string;
  from?: string;
  mentions?: string[];
}

/**
 * A named date already past (张局长：11月20日前就处置好了，值得肯定) reads as the same date next
 * year; a deadline that far ahead is praise or an account of finished work, not a time limit.
 */
function pastDated(deadline: string, sentAt: string): boolean {
  return Date.parse(deadline) - Date.parse(sentAt) > 300 * 24 * 3600 * 1000;
}

const TEAM = /督导专班|专班|督导组|督查组|督查室|纪工委|纪检/;

export function parseDispatch(
  input: DispatchInput,
  roster: Roster,
  calendar: WorkCalendar,
  tz: string = DEFAULT_TZ,
): DispatchParse {
  const text = normalizeDispatchText(typeof input.text === 'string' ? input.text : '');
  const given = Array.isArray(input.mentions) ? input.mentions.filter((m): m is string => typeof m === 'string') : [];
  // Mentions the chat app did not resolve: fall back to "@name" in the text.
  const ids = given.length > 0 ? given : textMentionIds(text, roster);
  const from = typeof input.from === 'string' ? roster.person(input.from) : undefined;
  const fromUnit = from !== undefined && isUnitWorker(from);
  // A leader or supervisor addressing a unit's person by name, without @ (张局长：…): as if mentioned.
  const byName = fromUnit
    ? []
    : addressedPeople(text, roster)
        .map((p) => p.id)
        .filter((id) => !ids.includes(id));
  const mentioned = mentionInfo([...ids, ...byName], roster);
  const named = textTargets(text, roster);
  const deadline = typeof input.sentAt === 'string' ? parseDeadline(text, input.sentAt, calendar, tz) : null;
  const urgent = isUrgent(text);
  // A head's or liaison's own unit is not someone else they address.
  const own = fromUnit ? from?.unit : undefined;
  const others = [...named, ...mentioned.units].filter((u) => u.id !== own);
  const otherWorkers = mentioned.workers.filter((p) => p.unit === undefined || p.unit !== own);
  const isDispatch = isDispatchMessage({
    text,
    specific: others.length > 0 || otherWorkers.length > 0 || TEAM.test(text),
    deadline: deadline !== null && !pastDated(deadline, input.sentAt),
    mentionsUnitWorker: otherWorkers.some((p) => p.unit !== undefined),
    otherUnit: others.length > 0,
    fromUnit,
  });
  if (!isDispatch) return { isDispatch: false, targets: [], deadline: null, urgent };
  return { isDispatch: true, targets: canonicalNames([...mentioned.units, ...named]), deadline, urgent };
}
