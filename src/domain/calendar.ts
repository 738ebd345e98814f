import chineseDays from 'chinese-days';

/** Last year the bundled chinese-days data covers. */
export const BUNDLED_LAST_YEAR = 2026;
export const BUNDLED_FIRST_YEAR = 2004;

export interface CalendarOverrides {
  holidays?: readonly string[];
  workdays?: readonly string[];
  /** Years whose official schedule the district has fully configured. */
  years?: readonly number[];
}

/** Days as 'YYYY-MM-DD' strings (never Date objects: chinese-days reads those in the process zone). */
export type IsoDay = string;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Adds calendar days to an ISO day, in pure UTC arithmetic. */
export function addDays(day: IsoDay, n: number): IsoDay {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: IsoDay): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * China's official working-day calendar: the bundled chinese-days data (2004–2026) plus the
 * district's own additions. For a year with neither, Mon–Fri are working days and
 * `isKnownYear` is false so the caller can warn.
 */
export class WorkCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;
  private readonly configuredYears: ReadonlySet<number>;

  constructor(overrides: CalendarOverrides = {}) {
    this.holidays = new Set(overrides.holidays ?? []);
    this.workdays = new Set(overrides.workdays ?? []);
    const years = new Set(overrides.years ?? []);
    this.configuredYears = years;
  }

  isKnownYear(year: number): boolean {
    return (year >= BUNDLED_FIRST_YEAR && year <= BUNDLED_LAST_YEAR) || this.configuredYears.has(year);
  }

  isWorkday(day: IsoDay): boolean {
    if (this.workdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const year = Number(day.slice(0, 4));
    if (year >= BUNDLED_FIRST_YEAR && year <= BUNDLED_LAST_YEAR) return chineseDays.isWorkday(day);
    const wd = weekday(day);
    return wd !== 0 && wd !== 6;
  }

  /** The n-th working day after `day` (n >= 1); n = 0 gives `day` itself. */
  addWorkdays(day: IsoDay, n: number): IsoDay {
    let d = day;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkday(d)) left--;
    }
    return d;
  }

  /** Working days strictly after `from` up to and including `to` (0 if to <= from). */
  workdaysBetween(from: IsoDay, to: IsoDay): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }

  /** The last working day strictly before `day`. */
  previousWorkday(day: IsoDay): IsoDay {
    let d = addDays(day, -1);
    while (!this.isWorkday(d)) d = addDays(d, -1);
    return d;
  }

  /** First working day on or after `day`. */
  nextWorkdayOnOrAfter(day: IsoDay): IsoDay {
    let d = day;
    while (!this.isWorkday(d)) d = addDays(d, 1);
    return d;
  }
}
