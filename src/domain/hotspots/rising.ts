/**
 * 本周热点 (issue 18 §1): the categories and places whose tickets rose most in the week looked at
 * against the weeks before it. Pure: counts per key and week in, the rising keys out.
 *
 * A key is rising when, in the week looked at, it has at least `minCount` tickets, at least
 * `minIncrease` more than its mean over the `historyWeeks` weeks before, and at least
 * `minRise` (0.5 = +50 %) above that mean. A key with no ticket in the weeks before is new
 * (前四周未出现), judged by the same rule (its mean is 0). Nothing is compared without history:
 * each week before must hold tickets of that kind (a category, a place), at least
 * `minHistoryShare` of the week looked at, or the kind is left out as 数据不全.
 */
import { categoryLevels } from '../tickets/category.js';

export interface HotspotRules {
  historyWeeks: number;
  minCount: number;
  minIncrease: number;
  minRise: number;
  maxListed: number;
  minHistoryShare: number;
}

/** One key's counts by week: `counts[0]` the week looked at, `counts[k]` the k-th week before it. */
export interface KeyWeeks {
  key: string;
  /** How the key is named in the list (物业管理 for 城乡建设-物业管理). */
  label: string;
  /** The key one level up (a category's top level), if any. */
  parent?: string;
  counts: readonly number[];
}

export interface RisingKey {
  key: string;
  label: string;
  count: number;
  /** Mean of the weeks before. */
  mean: number;
  increase: number;
  /** No ticket in any week before. */
  isNew: boolean;
  /** Counts by week, oldest first (the weeks before, then the week looked at). */
  weeks: number[];
}

const countAt = (counts: readonly number[], k: number) => counts[k] ?? 0;

/** The mean of the weeks before (weeks 1 … historyWeeks). */
export function historyMean(counts: readonly number[], historyWeeks: number): number {
  let sum = 0;
  for (let k = 1; k <= historyWeeks; k++) sum += countAt(counts, k);
  return sum / historyWeeks;
}

/** Whether one key's week is a rise by the rules. */
export function isRising(count: number, mean: number, r: HotspotRules): boolean {
  return count >= r.minCount && count - mean >= r.minIncrease && count >= mean * (1 + r.minRise);
}

/** Every rising key, the largest increase first (then the larger count, then by name). */
export function risingKeys(series: readonly KeyWeeks[], r: HotspotRules): RisingKey[] {
  const out: RisingKey[] = [];
  for (const s of series) {
    const count = countAt(s.counts, 0);
    const mean = historyMean(s.counts, r.historyWeeks);
    if (!isRising(count, mean, r)) continue;
    const weeks: number[] = [];
    for (let k = r.historyWeeks; k >= 0; k--) weeks.push(countAt(s.counts, k));
    out.push({ key: s.key, label: s.label, count, mean, increase: count - mean, isNew: mean === 0, weeks });
  }
  return out.sort(
    (a, b) => b.increase - a.increase || b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/**
 * The list to publish: the rising keys, a category's top level left out when one of its second
 * levels is listed (the narrower one says where the rise is), at most `maxListed`; two listed
 * keys with the same label are named by their whole path.
 */
export function hotspotList(series: readonly KeyWeeks[], r: HotspotRules): RisingKey[] {
  const rising = risingKeys(series, r);
  const parentOf = new Map(series.map((s) => [s.key, s.parent]));
  const covered = new Set<string>();
  for (const k of rising) {
    const p = parentOf.get(k.key);
    if (p !== undefined) covered.add(p);
  }
  const list = rising.filter((k) => !covered.has(k.key)).slice(0, r.maxListed);
  const labels = new Map<string, number>();
  for (const k of list) labels.set(k.label, (labels.get(k.label) ?? 0) + 1);
  return list.map((k) => ((labels.get(k.label) ?? 0) > 1 ? { ...k, label: k.key } : k));
}

/** A week count row as the store gives it: the key (null: a ticket without one) and its tickets. */
export interface WeekCount {
  week: number;
  key: string | null;
  n: number;
}

const add = (m: Map<string, number[]>, key: string, week: number, n: number, weeks: number) => {
  let c = m.get(key);
  if (!c) {
    c = new Array<number>(weeks + 1).fill(0);
    m.set(key, c);
  }
  c[week] = (c[week] ?? 0) + n;
};

/** Tickets with a key per week (those without one left out), weeks 0 … historyWeeks. */
export function keyedTotals(rows: readonly WeekCount[], historyWeeks: number): number[] {
  const totals = new Array<number>(historyWeeks + 1).fill(0);
  for (const r of rows)
    if (r.key !== null && r.week >= 0 && r.week <= historyWeeks) totals[r.week] = (totals[r.week] ?? 0) + r.n;
  return totals;
}

/**
 * Category paths counted by week → series of their top level (城乡建设) and second level
 * (城乡建设-物业管理, named 物业管理, its parent the top level).
 */
export function categorySeries(rows: readonly WeekCount[], historyWeeks: number): KeyWeeks[] {
  const counts = new Map<string, number[]>();
  const meta = new Map<string, { label: string; parent?: string }>();
  for (const r of rows) {
    if (r.key === null || r.week < 0 || r.week > historyWeeks) continue;
    const levels = categoryLevels(r.key);
    const top = levels[0];
    if (top === undefined) continue;
    add(counts, top, r.week, r.n, historyWeeks);
    meta.set(top, { label: top });
    const second = levels[1];
    if (second !== undefined) {
      const key = `${top}-${second}`;
      add(counts, key, r.week, r.n, historyWeeks);
      meta.set(key, { label: second, parent: top });
    }
  }
  return [...counts].map(([key, c]) => ({ key, ...(meta.get(key) ?? { label: key }), counts: c }));
}

/** Place keys counted by week → one series per place. */
export function placeSeries(rows: readonly WeekCount[], historyWeeks: number): KeyWeeks[] {
  const counts = new Map<string, number[]>();
  for (const r of rows)
    if (r.key !== null && r.week >= 0 && r.week <= historyWeeks) add(counts, r.key, r.week, r.n, historyWeeks);
  return [...counts].map(([key, c]) => ({ key, label: key, counts: c }));
}

/** How one kind of key (categories, places) came out for the week. */
export type KindVerdict =
  /** No ticket of the week or the weeks before has such a key (the export has no such column). */
  | { kind: 'absent' }
  /** Some week before holds too few tickets with such a key to compare with. */
  | { kind: 'short'; weeksShort: number }
  | { kind: 'listed'; rising: RisingKey[] };

/**
 * Whether the weeks before hold enough tickets of this kind to compare with: each of them at
 * least `minHistoryShare` of the week looked at (and at least one).
 */
export function historyShort(totals: readonly number[], r: HotspotRules): number {
  const need = Math.max(1, Math.ceil(r.minHistoryShare * countAt(totals, 0)));
  let short = 0;
  for (let k = 1; k <= r.historyWeeks; k++) if (countAt(totals, k) < need) short++;
  return short;
}

/** The verdict for one kind from its week counts. */
export function kindVerdict(
  rows: readonly WeekCount[],
  series: (rows: readonly WeekCount[], weeks: number) => KeyWeeks[],
  r: HotspotRules,
): KindVerdict {
  const totals = keyedTotals(rows, r.historyWeeks);
  if (totals.every((n) => n === 0)) return { kind: 'absent' };
  const short = historyShort(totals, r);
  if (short > 0) return { kind: 'short', weeksShort: short };
  return { kind: 'listed', rising: hotspotList(series(rows, r.historyWeeks), r) };
}

export interface WeeklyHotspots {
  categories: KindVerdict;
  places: KindVerdict;
}

/** The week's hotspots from the counts of both kinds; null when neither kind has any data (no section). */
export function weeklyHotspots(
  counts: { categories: readonly WeekCount[]; places: readonly WeekCount[] },
  r: HotspotRules,
): WeeklyHotspots | null {
  const categories = kindVerdict(counts.categories, categorySeries, r);
  const places = kindVerdict(counts.places, placeSeries, r);
  if (categories.kind === 'absent' && places.kind === 'absent') return null;
  return { categories, places };
}
