/** When the weekly summary and the monthly review run. Pure. */
import { addDays, type IsoDay, type WorkCalendar, weekday } from '../calendar.js';

/** The Monday of a day's week (weeks run Monday–Sunday). */
export function mondayOf(day: IsoDay): IsoDay {
  return addDays(day, -((weekday(day) + 6) % 7));
}

/**
 * The day the weekly summary is due in a day's week: the configured weekday (1 = Monday … 7 =
 * Sunday) if it is a working day, else the last working day before it in that week; null if
 * the week has no working day up to it (e.g. the National Day week's Friday and all before it).
 */
export function weeklyDay(day: IsoDay, weekdayCfg: number, calendar: WorkCalendar): IsoDay | null {
  const monday = mondayOf(day);
  for (let d = addDays(monday, weekdayCfg - 1); d >= monday; d = addDays(d, -1)) if (calendar.isWorkday(d)) return d;
  return null;
}

/** The month before a day's month (YYYY-MM). */
export function previousMonth(day: IsoDay): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The first working day of a day's month: when the monthly review runs. */
export function monthlyDay(day: IsoDay, calendar: WorkCalendar): IsoDay {
  return calendar.nextWorkdayOnOrAfter(`${day.slice(0, 7)}-01`);
}
