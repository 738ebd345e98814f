/** 双派单: who a round goes to, its deadline and its reply grammar. Pure. */
import type { WorkCalendar } from '../calendar.js';
import { hasSubstance, isAck, isQuestion } from '../language/intent.js';
import type { Roster, Unit } from '../roster.js';
import { endOfDay } from '../tickets/deadline.js';
import { clockMinutes, localDay, localIso } from '../time.js';

/** 'unit' = the 承办单位, 'street' = the 属地镇街, 'both' = one unit that is both. */
export type SideKey = 'unit' | 'street' | 'both';
export const SIDE_LABEL: Record<SideKey, string> = { unit: '承办单位', street: '属地镇街', both: '承办单位兼属地镇街' };

export interface PlannedSide {
  side: SideKey;
  unitId: string;
  grid: string | null;
}

export interface SidePlan {
  sides: PlannedSide[];
  /** The street is the 承办单位 itself: one delivery. */
  sameUnit: boolean;
  /** The ticket names no street the roster knows: only the 承办单位 is sent to. */
  streetUnknown: boolean;
}

/** The street unit a ticket's 属地镇街 text names: exact name or alias, else the one street unit it contains. */
export function resolveStreet(roster: Roster, text: string | null): Unit | undefined {
  if (!text || text.trim() === '') return undefined;
  const exact = roster.unitByName(text);
  if (exact) return exact.kind === 'street' ? exact : undefined;
  const found = [...new Set(roster.findUnits(text).map((f) => f.unit))].filter((u) => u.kind === 'street');
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The sides of a round: the ticket's 承办单位 and its 属地镇街 (with the grid when known). A
 * street that is its own 承办单位 (or a street's ticket with no other street named) is one side.
 */
export function planSides(
  ticket: { unitId: string; street: string | null; grid: string | null },
  roster: Roster,
): SidePlan {
  const unit = roster.unit(ticket.unitId);
  const street = resolveStreet(roster, ticket.street);
  if (street && street.id === ticket.unitId)
    return { sides: [{ side: 'both', unitId: street.id, grid: ticket.grid }], sameUnit: true, streetUnknown: false };
  if (!street && unit?.kind === 'street')
    return {
      sides: [{ side: 'both', unitId: ticket.unitId, grid: ticket.grid }],
      sameUnit: true,
      streetUnknown: false,
    };
  if (!street)
    return { sides: [{ side: 'unit', unitId: ticket.unitId, grid: null }], sameUnit: false, streetUnknown: true };
  return {
    sides: [
      { side: 'unit', unitId: ticket.unitId, grid: null },
      { side: 'street', unitId: street.id, grid: ticket.grid },
    ],
    sameUnit: false,
    streetUnknown: false,
  };
}

/**
 * The answer deadline: the end of the n-th working day after the day the round is made, that
 * is the end of working hours (`workdayEnd`, HH:mm) that day; without it, midnight.
 */
export function roundDeadline(
  now: Date,
  workdays: number,
  calendar: WorkCalendar,
  tz: string,
  workdayEnd?: string,
): Date {
  const day = calendar.addWorkdays(localDay(now, tz), workdays);
  if (workdayEnd === undefined) return endOfDay(day, tz);
  const end = clockMinutes(workdayEnd);
  return new Date(localIso(day, Math.floor(end / 60), end % 60, tz));
}

/** The round's code from its id: SP12. */
export function roundCode(id: number): string {
  return `SP${id}`;
}

/** What a side unit's message says about a round. */
export interface DualReply {
  /** Round codes named (upper case), in order. */
  codes: string[];
  /** 签收 / 收到 (any acknowledgement, see intent.ts) and nothing more, or a code with only 好的 / 👌. */
  kind: 'ack' | 'answer';
  /** The text without the codes and the leading separators. */
  body: string;
}

const CODE = /(?<![A-Za-z0-9])SP\s?(\d{1,8})(?![0-9])/gi;

export function parseDualReply(text: string): DualReply {
  const codes = [...text.matchAll(CODE)].map((m) => `SP${m[1]}`);
  const body = text
    .replace(CODE, ' ')
    .replace(/^(\s*@[^\s\u2005]+[\s\u2005]*)+/, '')
    .replace(/^[\s,，:：;；.。、-]+/, '')
    .trim();
  const unique = [...new Set(codes)];
  // "SP3 好的": a code with nothing more than 好的 acknowledges the round.
  const ack = isAck(body) || (unique.length > 0 && !hasSubstance(body) && !isQuestion(body));
  return { codes: unique, kind: ack ? 'ack' : 'answer', body };
}

/** The ticket numbers (from `candidates`) a text names. */
export function namedTickets(text: string, candidates: readonly string[]): string[] {
  const upper = text.toUpperCase();
  return candidates.filter((n) => {
    const i = upper.indexOf(n.toUpperCase());
    if (i < 0) return false;
    const before = upper[i - 1];
    const after = upper[i + n.length];
    const word = (c: string | undefined) => c !== undefined && /[A-Z0-9_-]/.test(c);
    return !word(before) && !word(after);
  });
}

/** A back-check answer split into its two questions (提前摸排掌握? 举一反三?), when it is numbered. */
export function splitBackcheck(body: string): { priorKnown: string; likeCases: string } {
  const text = body.replace(/^倒查[\s:：,，]*/, '').trim();
  const m =
    // check-lines: long regex
    /^(?:[(（]?(?:1|一|①)[)）.、．:：]|一是)\s*([\s\S]*?)\s*[;；。]?\s*(?:[(（]?(?:2|二|②)[)）.、．:：]|二是)\s*([\s\S]*)$/.exec(
      text,
    );
  if (m) return { priorKnown: (m[1] ?? '').trim(), likeCases: (m[2] ?? '').trim() };
  return { priorKnown: text, likeCases: text };
}

/** The back-check's own words: 倒查 opening it, or the two questions' topics with numbering. */
const BACKCHECK_OPENING = /^(?:双)?倒查/;
const BACKCHECK_TOPIC = /摸排|提前掌握|事先掌握|提前发现|举一反三|同类问题|同类事项|类似问题/;
/** "刚才已经答过了" / "不是回复过了吗": a complaint that it was answered, no answer. */
const ALREADY_SAID =
  /(?:已经?|早就?|刚才|刚刚|之前|前面|上面)[^，。,.；;]{0,6}(?:答|回答|回复|答复|说|报|发)(?:过|了)|重复(?:问|发)|又问/;

/** Whether a side's message (its body, codes removed) is a back-check answer by its form (倒查：1.… 2.…). */
export function isBackcheckForm(body: string): boolean {
  const s = body.trim();
  if (BACKCHECK_OPENING.test(s)) return true;
  const parts = splitBackcheck(s);
  return parts.priorKnown !== parts.likeCases && BACKCHECK_TOPIC.test(s);
}

/**
 * Whether a back-check answer says something: not a complaint that it was answered already,
 * not 好的 / 收到, not a question; words beyond the 倒查 opening.
 */
export function backcheckHasSubstance(body: string): boolean {
  const s = body
    .replace(BACKCHECK_OPENING, '')
    .replace(/^[\s:：,，.。、]+/, '')
    .trim();
  if (s === '' || isAck(s) || !hasSubstance(s) || isQuestion(s)) return false;
  if (ALREADY_SAID.test(s) && s.length < 30 && !BACKCHECK_TOPIC.test(s)) return false;
  return true;
}
