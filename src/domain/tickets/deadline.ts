import { addDays, type WorkCalendar } from '../calendar.js';
import { fastLocalDay as localDay, localMidnight, type TicketDate } from './dates.js';

/** "一日受理、两日办结、三日反馈": working days after 派单时间. */
export const STANDARD_DAYS = { accept: 1, finish: 2, feedback: 3 } as const;

/** The end (24:00 local) of a local day, as an instant. */
export function endOfDay(day: string, tz: string): Date {
  return localMidnight(addDays(day, 1), tz);
}

const finishCache = new WeakMap<WorkCalendar, Map<string, Date>>();

export interface Deadlines {
  accept: Date;
  finish: Date;
  feedback: Date;
}

/**
 * The "123" deadlines: by the end of the 1st, 2nd and 3rd working day after the day of
 * assignment (a ticket assigned on a Saturday counts from Monday; holidays and 调休 workdays
 * follow the official calendar).
 */
export function standardDeadlines(assignedAt: Date, calendar: WorkCalendar, tz: string): Deadlines {
  const day = localDay(assignedAt, tz);
  return {
    accept: endOfDay(calendar.addWorkdays(day, STANDARD_DAYS.accept), tz),
    finish: endOfDay(calendar.addWorkdays(day, STANDARD_DAYS.finish), tz),
    feedback: endOfDay(calendar.addWorkdays(day, STANDARD_DAYS.feedback), tz),
  };
}

/**
 * The deadline a ticket is chased against: its own 办理时限 wins (a date without a time
 * means the end of that day); otherwise 两日办结 from 派单时间. Null when neither is known.
 */
export function effectiveDue(assignedAt: Date | null, own: TicketDate | null, calendar: WorkCalendar, tz: string): Date | null {
  if (own) return own.hasTime ? own.at : endOfDay(localDay(own.at, tz), tz);
  if (!assignedAt) return null;
  // Cached per calendar and local day: a 100k-row list has few distinct days.
  let byDay = finishCache.get(calendar);
  if (!byDay) {
    byDay = new Map();
    finishCache.set(calendar, byDay);
  }
  const key = `${tz}|${localDay(assignedAt, tz)}`;
  let due = byDay.get(key);
  if (!due) {
    due = standardDeadlines(assignedAt, calendar, tz).finish;
    if (byDay.size > 10_000) byDay.clear();
    byDay.set(key, due);
  }
  return new Date(due);
}

/** The last local day a deadline still falls in (24:00 belongs to the day before). */
export function dueDay(due: Date, tz: string): string {
  return localDay(due.getTime() - 1, tz);
}

/**
 * Working days a ticket is overdue at `now`: -1 when not overdue, 0 when it fell due today
 * (or on the non-working days just before), n after n working days.
 */
export function workdaysOverdue(due: Date, now: Date, calendar: WorkCalendar, tz: string): number {
  if (now.getTime() < due.getTime()) return -1;
  return calendar.workdaysBetween(dueDay(due, tz), localDay(now, tz));
}
