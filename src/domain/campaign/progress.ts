/**
 * An item's progress over its days, from what its lead unit reported each day (the day's figure, the cumulative
 * figure, or both). Pure.
 *
 * Done by the end of a day: the last cumulative figure reported (on that day or before) plus the day's figures
 * reported after it; with no cumulative figure ever, the sum of the day's figures. A cumulative figure is taken
 * as reported: when it disagrees with the earlier figures the sender is asked (checkCumulative), never corrected.
 */

export interface DayFigures {
  day: string;
  today: number | null;
  cumulative: number | null;
}

/** Done by the end of `day` (null: nothing reported by then). `days` in any order. */
export function doneBy(days: readonly DayFigures[], day: string): number | null {
  const upto = days.filter((d) => d.day <= day).sort((a, b) => (a.day < b.day ? -1 : 1));
  let done: number | null = null;
  for (const d of upto) {
    if (d.cumulative !== null) done = d.cumulative;
    else if (d.today !== null) done = (done ?? 0) + d.today;
  }
  return done;
}

/** Done at the end of each day reported, in day order. */
export function doneSeries(days: readonly DayFigures[]): Array<{ day: string; done: number }> {
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : 1));
  const out: Array<{ day: string; done: number }> = [];
  let done: number | null = null;
  for (const d of sorted) {
    if (d.cumulative !== null) done = d.cumulative;
    else if (d.today !== null) done = (done ?? 0) + d.today;
    if (done !== null) out.push({ day: d.day, done });
  }
  return out;
}

/**
 * The last day on or before `day` on which something was done: a day's figure above 0, or 累计 rising (the first
 * cumulative figure ever reported, above 0, counts on its day: when it was done is not known).
 */
export function lastProgressDay(days: readonly DayFigures[], day: string): string | null {
  const sorted = days.filter((d) => d.day <= day).sort((a, b) => (a.day < b.day ? -1 : 1));
  let done: number | null = null;
  let last: string | null = null;
  for (const d of sorted) {
    const before = done;
    if (d.cumulative !== null) done = d.cumulative;
    else if (d.today !== null) done = (done ?? 0) + d.today;
    // The first figure reported (the bot may start mid-campaign): what it says was done counts on its day.
    if ((d.today !== null && d.today > 0) || (d.cumulative !== null && d.cumulative > (before ?? 0))) last = d.day;
  }
  return last;
}

/** A cumulative figure that disagrees with the figures reported before it. */
export interface CumulativeMismatch {
  /** The last cumulative figure before the day, and its day. */
  lastDay: string;
  last: number;
  /** The day's figures reported between that day and this one (exclusive), summed. */
  between: number;
  /** This day's figure (null: not given). */
  today: number | null;
  /** What the earlier figures and the day's add up to (with no day's figure: the least it can be). */
  expected: number;
  reported: number;
}

/**
 * The day's cumulative figure checked against the last cumulative figure before it plus the day's figures
 * reported since (a day without a figure counts 0). Null: it agrees, or there is nothing to check it against
 * (no cumulative figure before). With no day's figure, only a cumulative figure below that sum is a mismatch
 * (progress may have gone unreported); with one, any difference is.
 */
export function checkCumulative(
  earlier: readonly DayFigures[],
  day: string,
  today: number | null,
  reported: number,
): CumulativeMismatch | null {
  const before = earlier.filter((d) => d.day < day).sort((a, b) => (a.day < b.day ? -1 : 1));
  let base: DayFigures | undefined;
  for (const d of before) if (d.cumulative !== null) base = d;
  if (base === undefined || base.cumulative === null) return null;
  const lastDay = base.day;
  const between = before.filter((d) => d.day > lastDay).reduce((sum, d) => sum + (d.today ?? 0), 0);
  const expected = base.cumulative + between + (today ?? 0);
  const wrong = today === null ? reported < expected : Math.abs(reported - expected) > 1e-9;
  return wrong ? { lastDay, last: base.cumulative, between, today, expected, reported } : null;
}

/**
 * What was done on the days after `from` up to `to` (both YYYY-MM-DD): each day's figure, or the rise of its
 * cumulative figure over the last one known (0 when nothing was known before it: when it was done is not known).
 */
export function gainedBetween(days: readonly DayFigures[], from: string, to: string): number {
  const sorted = [...days].filter((d) => d.day <= to).sort((a, b) => (a.day < b.day ? -1 : 1));
  let done: number | null = null;
  let gained = 0;
  for (const d of sorted) {
    const before = done;
    if (d.cumulative !== null) done = d.cumulative;
    else if (d.today !== null) done = (done ?? 0) + d.today;
    if (d.day <= from) continue;
    if (d.today !== null) gained += d.today;
    else if (d.cumulative !== null && before !== null) gained += d.cumulative - before;
  }
  return gained;
}
