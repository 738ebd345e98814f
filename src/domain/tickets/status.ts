/** Status and rating cells to the states and ratings the bot works with, by the vocabulary. Pure. */
import { normalizeWords, traditionalLoaded } from './labels.js';
import { NO, RATING_RULES, STATUS_RULES, type TicketState, YES } from './vocabulary.js';

const matches = (s: string, w: string) => (w.length <= 1 ? s === w : s.includes(w));

const stateCache = new Map<string, TicketState>();

/**
 * The state of a status cell: the first vocabulary rule with a word in it (still in hand and
 * reopened before done, so 未办结 is open), the district's done words counting as done; a bare
 * 是 / 否 (a 是否办结 column) is done / open; anything else is open.
 */
export function ticketState(status: string, extraDone: readonly string[] = []): TicketState {
  if (status === '') return 'open';
  const extra = extraDone.length === 0 ? '' : `\u0000${extraDone.join('|')}`;
  const key = `${traditionalLoaded() ? 't' : 's'}${status}${extra}`;
  const cached = stateCache.get(key);
  if (cached) return cached;
  const s = normalizeWords(status);
  let state: TicketState = 'open';
  if (YES.includes(s)) state = 'done';
  else if (NO.includes(s)) state = 'open';
  else {
    const rule = STATUS_RULES.find(
      (r) =>
        r.words.some((w) => matches(s, w)) ||
        (r.state === 'done' && extraDone.some((w) => s.includes(normalizeWords(w)))),
    );
    state = rule?.state ?? 'open';
  }
  if (stateCache.size > 10_000) stateCache.clear();
  stateCache.set(key, state);
  return state;
}

/** States that wait for the platform: never nagged nor listed as overdue. */
export const HELD_STATES: ReadonlySet<TicketState> = new Set<TicketState>(['returned', 'extension', 'suspended']);

/** A rating cell to 满意 / 基本满意 / 不满意, null for none (未评价, 联系不上 …), else the text. */
const ratingCache = new Map<string, string | null>();

export function normalizeRating(text: string): string | null {
  if (text === '') return null;
  const key = `${traditionalLoaded() ? 't' : 's'}${text}`;
  const cached = ratingCache.get(key);
  if (cached !== undefined) return cached;
  const s = normalizeWords(text);
  let rating: string | null = text;
  if (s === '') rating = null;
  else {
    const rule = RATING_RULES.find((r) => r.words.some((w) => matches(s, w)));
    if (rule) rating = rule.rating;
  }
  if (ratingCache.size > 10_000) ratingCache.clear();
  ratingCache.set(key, rating);
  return rating;
}
