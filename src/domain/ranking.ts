/**
 * 月评比: the monthly ranking of units. Pure: the store gives counts per unit (and the reports
 * per unit and day, src/store/ranking.ts); the figures, the days that count and the coverage are
 * made here (monthFigures), the ranking from them (rankUnits); src/usecases/ranking.ts joins the
 * two. The method is stated in RANKING_METHOD and sent with the results.
 */
import { addDays, type IsoDay } from './calendar.js';
import { localIso } from './time.js';

/** One unit's line of the monthly ranking (rates in percent, 0–100; null = nothing to measure). */
export interface RankingRow {
  unitId: string;
  unitName: string;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  reopenRate: number | null;
  ackRate: number | null;
  punctuality: number | null;
  score: number;
  rank: number;
  /** Daily reports over the counted working days (absent where the row is not from rankUnits). */
  reports?: { days: number | null; filed: number; late: number };
  /** Had to report and sent no report at all in the counted days: ranked after every unit that reported. */
  silent?: boolean;
}

/** A unit's counts for a month; each rate is numerator ÷ denominator. */
export interface UnitMonthFigures {
  unitId: string;
  unitName: string;
  /** 按时办结率: the month's tickets (by 派单时间) now due or done … */
  ticketsDue: number;
  /** … of which done and never overdue (no 督办 step for their deadline). */
  ticketsOnTime: number;
  /** 满意率: the month's tickets with a rating … */
  rated: number;
  /** … rated 满意 or 基本满意. */
  satisfied: number;
  /** 重办率: the month's tickets … */
  tickets: number;
  /** … reopened at least once. */
  reopened: number;
  /** 签收及时率: deliveries to the unit in the month (dispatches and 双派单 sides) … */
  delivered: number;
  /** … signed in time (a dispatch before its reminder; a side within dual.ackWithinHours). */
  ackedInTime: number;
  /** Report punctuality: the month's working days (null: the unit does not report) … */
  workdays: number | null;
  /** … with the unit's daily report in before the deadline. */
  reportsOnTime: number;
  /** … with a report at all (late ones too): a reporting unit with none is ranked after those that reported. */
  reportsFiled: number;
}

export interface RankingWeights {
  onTime: number;
  satisfaction: number;
  reopen: number;
  ack: number;
  punctuality: number;
}

export const RANKING_WEIGHTS: RankingWeights = {
  onTime: 0.3,
  satisfaction: 0.3,
  reopen: 0.15,
  ack: 0.1,
  punctuality: 0.15,
};

const pct = (num: number, den: number | null): number | null => (den === null || den <= 0 ? null : (100 * num) / den);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The five rates of a unit (percent, null when there is nothing to measure). */
export function unitRates(
  f: UnitMonthFigures,
): Pick<RankingRow, 'onTimeRate' | 'satisfactionRate' | 'reopenRate' | 'ackRate' | 'punctuality'> {
  return {
    onTimeRate: pct(f.ticketsOnTime, f.ticketsDue),
    satisfactionRate: pct(f.satisfied, f.rated),
    reopenRate: pct(f.reopened, f.tickets),
    ackRate: pct(f.ackedInTime, f.delivered),
    punctuality: pct(f.reportsOnTime, f.workdays),
  };
}

/** The weighted score of a unit's rates; null when every rate is null. */
export function scoreOf(
  r: Pick<RankingRow, 'onTimeRate' | 'satisfactionRate' | 'reopenRate' | 'ackRate' | 'punctuality'>,
  w: RankingWeights = RANKING_WEIGHTS,
): number | null {
  const parts: Array<[number | null, number]> = [
    [r.onTimeRate, w.onTime],
    [r.satisfactionRate, w.satisfaction],
    [r.reopenRate === null ? null : 100 - r.reopenRate, w.reopen],
    [r.ackRate, w.ack],
    [r.punctuality, w.punctuality],
  ];
  let sum = 0;
  let weight = 0;
  for (const [v, k] of parts) {
    if (v === null) continue;
    sum += v * k;
    weight += k;
  }
  return weight > 0 ? round2(sum / weight) : null;
}

/** A unit that had to report on counted days and sent no report at all. */
export const reportedNothing = (f: UnitMonthFigures): boolean =>
  f.workdays !== null && f.workdays > 0 && f.reportsFiled === 0;

/**
 * Ranks units by score, highest first; a month with no data at all has no ranking. Units
 * with no figure at all are left out; a unit that
 * had to report and sent nothing in the counted days comes after every unit that reported,
 * whatever its other rates; equal scores (to 0.01) share a rank (1, 1, 3); among equals the
 * input order (the roster's) stays.
 */
export function rankUnits(figures: readonly UnitMonthFigures[], w: RankingWeights = RANKING_WEIGHTS): RankingRow[] {
  // A month with no data at all (no report, ticket or delivery) stays empty: nobody ranks, not all first.
  if (!figures.some((f) => f.reportsFiled > 0 || f.tickets > 0 || f.delivered > 0)) return [];
  const rows: Array<RankingRow & { silent: boolean }> = [];
  for (const f of figures) {
    const rates = unitRates(f);
    const score = scoreOf(rates, w);
    if (score === null) continue;
    const reports = { days: f.workdays, filed: f.reportsFiled, late: Math.max(0, f.reportsFiled - f.reportsOnTime) };
    rows.push({
      unitId: f.unitId,
      unitName: f.unitName,
      ...rates,
      score,
      rank: 0,
      reports,
      silent: reportedNothing(f),
    });
  }
  const order = new Map(figures.map((f, i) => [f.unitId, i]));
  rows.sort(
    (a, b) =>
      Number(a.silent) - Number(b.silent) ||
      b.score - a.score ||
      (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0),
  );
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && prev.score === r.score && prev.silent === r.silent ? prev.rank : i + 1;
  });
  return rows;
}

/**
 * The working days of a month that count: each one whose report deadline fell while the bot
 * was running (at or after `since`; null: no record, every day) and has passed at `until`.
 */
export function countedDays(
  days: readonly string[],
  deadlineOf: (day: string) => Date,
  since: Date | null,
  until: Date,
): string[] {
  return days.filter((d) => {
    const t = deadlineOf(d).getTime();
    return t <= until.getTime() && (since === null || t >= since.getTime());
  });
}

/** What a month's ranking rests on: the days that count against the month's working days so far. */
export interface RankingCoverage {
  /** The month's working days whose report deadline has passed. */
  workdays: number;
  /** … of which the bot was running for the district. */
  counted: number;
  /** counted ÷ workdays (0 when nothing has passed yet). */
  share: number;
  /** Below the configured minimum: a trial (试运行/数据不完整), not published in the group. */
  trial: boolean;
}

export function rankingCoverage(workdays: number, counted: number, minCoverage: number): RankingCoverage {
  const share = workdays > 0 ? counted / workdays : 0;
  return { workdays, counted, share, trial: share < minCoverage };
}

/** The best three and the last three (never overlapping: with fewer than six units, split in half). */
export function bestAndLast(rows: readonly RankingRow[], n = 3): { best: RankingRow[]; last: RankingRow[] } {
  const k = Math.min(n, Math.floor(rows.length / 2));
  const best = rows.slice(0, Math.max(k, rows.length === 1 ? 1 : 0));
  const last = k > 0 ? rows.slice(rows.length - k).reverse() : [];
  return { best, last };
}

/** First and last local day of a month (YYYY-MM), and the instants bounding it. */
export function monthBounds(month: string, tz: string): { first: string; last: string; from: Date; to: Date } {
  const first = `${month}-01`;
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return {
    first,
    last: addDays(next, -1),
    from: new Date(localIso(first, 0, 0, tz)),
    to: new Date(localIso(next, 0, 0, tz)),
  };
}

/** The working days from `first` to `last` (local days, both included). */
export function workdaysBetween(first: IsoDay, last: IsoDay, isWorkday: (day: IsoDay) => boolean): IsoDay[] {
  const out: IsoDay[] = [];
  for (let x = first; x <= last; x = addDays(x, 1)) if (isWorkday(x)) out.push(x);
  return out;
}

/** When a day's report is due ('17:30' in the district's time zone). */
export function reportDeadlineOf(hhmm: string, tz: string): (day: IsoDay) => Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return (day) => new Date(localIso(day, h, m, tz));
}

/** A unit's ticket counts for a month (the store's rows; see UnitMonthFigures for each). */
export interface UnitTicketCounts {
  tickets: number;
  due: number;
  onTime: number;
  rated: number;
  satisfied: number;
  reopened: number;
}

/** Deliveries to a unit in a month and those signed in time (dispatches and 双派单 sides alike). */
export interface UnitAckCounts {
  unitId: string;
  delivered: number;
  inTime: number;
}

/** What a month's figures are made of, all read beforehand. */
export interface MonthInputs {
  /** The roster's units, in its order (the figures' order). */
  units: ReadonlyArray<{ id: string; name: string; reports: boolean }>;
  /** The month's working days. */
  monthDays: readonly IsoDay[];
  deadlineOf: (day: IsoDay) => Date;
  /** When the ranking is made. */
  until: Date;
  /** Since when the bot runs for the district (null: no record) and since when each unit is on the roster. */
  startedAt: Date | null;
  unitsSince: ReadonlyMap<string, Date>;
  minCoverage: number;
  /** Ticket counts per unit. */
  tickets: ReadonlyMap<string, UnitTicketCounts>;
  /** Delivery rows (several per unit: summed). */
  acks: readonly UnitAckCounts[];
  /** Reports of the passed days (reportDays): unit → day → late. */
  reports: ReadonlyMap<string, ReadonlyMap<string, boolean>>;
}

/** A month's figures and what they rest on. */
export interface MonthData {
  figures: UnitMonthFigures[];
  coverage: RankingCoverage;
}

/** The month's working days whose report deadline has passed at `until` (the reports to read). */
export function reportDays(monthDays: readonly IsoDay[], deadlineOf: (day: IsoDay) => Date, until: Date): IsoDay[] {
  return countedDays(monthDays, deadlineOf, null, until);
}

/**
 * Each unit's figures for a month (the 月评比 method, see RANKING_METHOD) and the coverage. Only
 * the days the bot was running count: report punctuality over the working days since it started
 * for the district — for a unit, since it is on the roster — whose deadline passed by `until`.
 */
export function monthFigures(i: MonthInputs): MonthData {
  const passed = reportDays(i.monthDays, i.deadlineOf, i.until);
  const running = countedDays(i.monthDays, i.deadlineOf, i.startedAt, i.until);
  const coverage = rankingCoverage(passed.length, running.length, i.minCoverage);
  const acks = new Map<string, { delivered: number; inTime: number }>();
  for (const r of i.acks) {
    const a = acks.get(r.unitId) ?? { delivered: 0, inTime: 0 };
    acks.set(r.unitId, { delivered: a.delivered + r.delivered, inTime: a.inTime + r.inTime });
  }
  const figures = i.units.map((u) => {
    const t = i.tickets.get(u.id);
    const a = acks.get(u.id);
    const since = i.unitsSince.get(u.id);
    const days = since ? countedDays(running, i.deadlineOf, since, i.until) : running;
    const mine = i.reports.get(u.id);
    let onTime = 0;
    let filed = 0;
    for (const day of days) {
      const late = mine?.get(day);
      if (late === undefined) continue;
      filed++;
      if (!late) onTime++;
    }
    return {
      unitId: u.id,
      unitName: u.name,
      ticketsDue: t?.due ?? 0,
      ticketsOnTime: t?.onTime ?? 0,
      rated: t?.rated ?? 0,
      satisfied: t?.satisfied ?? 0,
      tickets: t?.tickets ?? 0,
      reopened: t?.reopened ?? 0,
      delivered: a?.delivered ?? 0,
      ackedInTime: a?.inTime ?? 0,
      workdays: u.reports ? days.length : null,
      reportsOnTime: onTime,
      reportsFiled: filed,
    };
  });
  return { figures, coverage };
}
