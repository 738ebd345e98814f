import { addDays, type WorkCalendar } from '../calendar.js';
import { fastLocalDay as localDay, localMidnight, type TicketDate } from './dates.js';

/** "一日受理、两日办结、三日反馈": working days after 派单时间. */
export const STANDARD_DAYS = { accept: 1, finish: 2, feedback: 3 } as const;

/** The end (24:00 local) of a local day, as an instant. */
export function endOfDay(day: string, tz: string): Date {
  return localMidnight(addDays(day, 1), tz);
}

/**
 * The end of a day's work: `dayEnd` ('18:00', the district's working-hours end) on that day, or
 * 24:00 when none is given. A deadline given as a date only ends there, so it shows as 今日到期
 * on the day and as overdue after the day's work.
 */
export function endOfWorkingDay(day: string, tz: string, dayEnd?: string): Date {
  if (!dayEnd) return endOfDay(day, tz);
  const [h, m] = dayEnd.split(':').map(Number) as [number, number];
  if (h >= 24) return endOfDay(day, tz);
  return new Date(localMidnight(day, tz).getTime() + (h * 60 + m) * 60_000);
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
export function standardDeadlines(assignedAt: Date, calendar: WorkCalendar, tz: string, dayEnd?: string): Deadlines {
  const day = localDay(assignedAt, tz);
  return {
    accept: endOfWorkingDay(calendar.addWorkdays(day, STANDARD_DAYS.accept), tz, dayEnd),
    finish: endOfWorkingDay(calendar.addWorkdays(day, STANDARD_DAYS.finish), tz, dayEnd),
    feedback: endOfWorkingDay(calendar.addWorkdays(day, STANDARD_DAYS.feedback), tz, dayEnd),
  };
}

/** Whether an instant is local midnight (a platform's way of writing a date without a time). */
export function isLocalMidnight(at: Date, tz: string): boolean {
  return localMidnight(localDay(at, tz), tz).getTime() === at.getTime();
}

/**
 * The deadline a ticket is chased against: its own 办理时限 wins (a date without a time — or
 * at 00:00, as platforms write dates — means the end of that day's work, `dayEnd`); otherwise
 * 两日办结 from 派单时间, ending at `dayEnd` too. Null when neither is known. Without `dayEnd`
 * a day ends at 24:00.
 */
export function effectiveDue(
  assignedAt: Date | null,
  own: TicketDate | null,
  calendar: WorkCalendar,
  tz: string,
  dayEnd?: string,
): Date | null {
  if (own)
    return own.hasTime && !(dayEnd && isLocalMidnight(own.at, tz))
      ? own.at
      : endOfWorkingDay(localDay(own.at, tz), tz, dayEnd);
  if (!assignedAt) return null;
  // Cached per calendar and local day: a 100k-row list has few distinct days.
  let byDay = finishCache.get(calendar);
  if (!byDay) {
    byDay = new Map();
    finishCache.set(calendar, byDay);
  }
  const key = `${tz}|${dayEnd ?? ''}|${localDay(assignedAt, tz)}`;
  let due = byDay.get(key);
  if (!due) {
    due = standardDeadlines(assignedAt, calendar, tz, dayEnd).finish;
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

const DURATION = /^(\d{1,3}(?:\.\d)?)\s*(?:个)?\s*(工作日|工作天|自然日|天|日|小时|时|h)(?:内)?$/i;

/**
 * A time limit written as a duration from 派单时间 (城运 and county systems: 3个工作日, 5天,
 * 2小时): working days end at the end of that working day's work, days at the end of that
 * calendar day's work, hours exactly. Null when the text is no duration.
 */
export function dueFromDuration(
  text: string,
  assignedAt: Date,
  calendar: WorkCalendar,
  tz: string,
  dayEnd?: string,
): Date | null {
  const m = DURATION.exec(text.trim().replace(/\s+/g, ''));
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] as string).toLowerCase();
  if (unit === '小时' || unit === '时' || unit === 'h')
    return n > 0 && n <= 24 * 60 ? new Date(assignedAt.getTime() + n * 3_600_000) : null;
  if (!Number.isInteger(n) || n < 1 || n > 365) return null;
  const day = localDay(assignedAt, tz);
  const end = unit === '工作日' || unit === '工作天' ? calendar.addWorkdays(day, n) : addDays(day, n);
  return endOfWorkingDay(end, tz, dayEnd);
}
