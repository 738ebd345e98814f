import type { WorkCalendar } from '../calendar.js';
import { type Colour, type ColourThresholds, type RedHistory, redByHistory } from './colour.js';
import { clockMinutes, localDay, localMinutes } from '../time.js';
import { dueDay, workdaysOverdue } from './deadline.js';

/** An open ticket as the nag scan reads it. */
export interface OpenTicket {
  number: string;
  title: string;
  unitId: string;
  dueAt: Date;
  reopenCount: number;
  /** The unit reported it 已办结 and the platform has not confirmed it yet: listed, marked, not escalated. */
  reportedDone?: boolean;
  /** A leader approved its 退办 / 不再办理: it waits for the platform, never nagged nor escalated. */
  returnApproved?: boolean;
  /** 三色督办's history: times its deadline was extended, and rated 不满意 (read where the colour is shown). */
  extensions?: number;
  unsatisfied?: number;
}

export interface NagItem extends OpenTicket {
  /** -1 when not overdue. */
  daysOverdue: number;
  dueToday: boolean;
  reopened: boolean;
  /** Red by its history (extended or rated 不满意 too often), whatever its deadline: listed for that too. */
  redBy?: RedHistory | null;
  /** When the unit last signed (签收) a digest listing this ticket: noted in the next step's text. */
  ackedAt?: Date | null;
  /** 三色督办: set for the unit's 即时督办 list, shown on its line. */
  colour?: Colour | null;
}

export type LadderStep = 'immediate' | 'written' | 'onsite' | 'referral';
export const LADDER_ORDER: readonly LadderStep[] = ['immediate', 'written', 'onsite', 'referral'];
export const LADDER_LABEL: Record<LadderStep, string> = {
  immediate: '即时督办',
  written: '书面督办',
  onsite: '现场督办',
  referral: '提请督办',
};

export interface Ladder {
  written: number;
  onSite: number;
  referral: number;
}

/**
 * Which open tickets a digest is about: overdue, due today, reopened, or red by their history
 * (三色督办: extended or rated 不满意 too often, `th`). Working days are counted once per distinct
 * due day (a 100k scan has few of them).
 */
export function classify(
  tickets: readonly OpenTicket[],
  now: Date,
  calendar: WorkCalendar,
  tz: string,
  th?: ColourThresholds,
): NagItem[] {
  const today = localDay(now, tz);
  const byDay = new Map<string, number>();
  const out: NagItem[] = [];
  for (const t of tickets) {
    let days = -1;
    const day = dueDay(t.dueAt, tz);
    if (t.dueAt.getTime() <= now.getTime()) {
      const cached = byDay.get(day);
      days = cached ?? workdaysOverdue(t.dueAt, now, calendar, tz);
      if (cached === undefined) byDay.set(day, days);
    }
    const dueToday = days < 0 && day === today;
    const reopened = t.reopenCount > 0;
    const redBy = th ? redByHistory(t, th) : null;
    if (days >= 0 || dueToday || reopened || redBy) out.push({ ...t, daysOverdue: days, dueToday, reopened, redBy });
  }
  return out;
}

/**
 * Longest overdue first, then due today (earliest first), then reopened ones not yet due, then
 * those listed only for their history; the ones the unit reported done (awaiting the platform)
 * after all the others.
 */
export function orderForDigest(items: readonly NagItem[]): NagItem[] {
  const rank = (i: NagItem) => (i.daysOverdue >= 0 ? 0 : i.dueToday ? 1 : i.reopened ? 2 : 3);
  return [...items].sort(
    (a, b) =>
      Number(a.reportedDone === true) - Number(b.reportedDone === true) ||
      rank(a) - rank(b) ||
      b.daysOverdue - a.daysOverdue ||
      a.dueAt.getTime() - b.dueAt.getTime() ||
      b.reopenCount - a.reopenCount ||
      (a.number < b.number ? -1 : a.number > b.number ? 1 : 0),
  );
}

/** The first `max` items and how many were left out. */
export function cutDigest<T>(items: readonly T[], max: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}

/** Groups items by unit, each unit's list in digest order; units in id order. */
export function digestsByUnit(items: readonly NagItem[]): Map<string, NagItem[]> {
  const m = new Map<string, NagItem[]>();
  for (const i of items) {
    const l = m.get(i.unitId);
    if (l) l.push(i);
    else m.set(i.unitId, [i]);
  }
  return new Map([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([u, l]) => [u, orderForDigest(l)]));
}

/**
 * The next ladder step owed by an overdue ticket, one step per run: 即时督办 (the digest) as
 * soon as it is overdue; each later step once its working-days threshold is reached and the
 * step before it was taken on an earlier day (a ladder, not a jump to the top).
 */
export function nextStep(
  daysOverdue: number,
  ladder: Ladder,
  taken: ReadonlyMap<LadderStep, string>,
  today: string,
): LadderStep | null {
  if (daysOverdue < 0) return null;
  const threshold: Record<LadderStep, number> = {
    immediate: 0,
    written: ladder.written,
    onsite: ladder.onSite,
    referral: ladder.referral,
  };
  for (let k = 0; k < LADDER_ORDER.length; k++) {
    const step = LADDER_ORDER[k] as LadderStep;
    if (taken.has(step)) continue;
    if (daysOverdue < threshold[step]) return null;
    if (k === 0) return step;
    const prevDay = taken.get(LADDER_ORDER[k - 1] as LadderStep);
    return prevDay !== undefined && prevDay < today ? step : null;
  }
  return null;
}

/** The nag cycle an instant belongs to: its local day and the last configured time reached. */
export function nagCycle(now: Date, times: readonly string[], tz: string): string {
  const mins = localMinutes(now, tz);
  const reached = [...times].sort().filter((t) => clockMinutes(t) <= mins);
  return `${localDay(now, tz)}@${reached.at(-1) ?? '00:00'}`;
}

/** Quiet hours, possibly across midnight (22:00–07:30). */
export function inQuietHours(now: Date, q: { start: string; end: string }, tz: string): boolean {
  const m = localMinutes(now, tz);
  const s = clockMinutes(q.start);
  const e = clockMinutes(q.end);
  if (s === e) return false;
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** A unit's counts for the group digest (items may be counted under several heads, as in its digest). */
export interface UnitNagCounts {
  overdue: number;
  dueToday: number;
  reopened: number;
  reportedDone: number;
  /** Distinct tickets (a reopened ticket that is also overdue or due today is one ticket). */
  total?: number;
  /** Reopened tickets that are also overdue or due today (counted in those, not again). */
  reopenedAlso?: number;
  /** In the group line: how many are at 书面督办 this cycle (told to the unit in the written notice). */
  written?: number;
  /** Listed only for their history (not overdue, due today nor reopened): extended / rated 不满意 too often. */
  extended?: number;
  unsatisfiedTwice?: number;
}

export function nagCounts(items: readonly NagItem[]): UnitNagCounts {
  return {
    overdue: items.filter((i) => i.daysOverdue >= 0).length,
    dueToday: items.filter((i) => i.dueToday).length,
    reopened: items.filter((i) => i.reopened).length,
    reportedDone: items.filter((i) => i.reportedDone === true).length,
    total: items.length,
    reopenedAlso: items.filter((i) => i.reopened && (i.daysOverdue >= 0 || i.dueToday)).length,
    extended: historyOnly(items, 'extensions'),
    unsatisfiedTwice: historyOnly(items, 'unsatisfied'),
  };
}

/** Items listed only because their history makes them red (for this reason). */
function historyOnly(items: readonly NagItem[], why: RedHistory): number {
  return items.filter((i) => i.redBy === why && i.daysOverdue < 0 && !i.dueToday && !i.reopened).length;
}
