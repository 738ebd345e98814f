import { calendarMissingText } from '../domain/texts/reports.js';
import { localDay } from '../domain/time.js';
import type { AppContext } from '../usecases/context.js';
import { toPerson } from '../usecases/send.js';

/**
 * Whether a working-day routine runs today. When the calendar has no official schedule for
 * this year, warns the supervision team (and the log) once a day and falls back to Mon–Fri.
 */
export async function workdayToday(ctx: AppContext): Promise<{ run: boolean; day: string }> {
  const now = ctx.clock.now();
  const day = localDay(now, ctx.config.timezone);
  const year = Number(day.slice(0, 4));
  if (!ctx.calendar.isKnownYear(year)) {
    ctx.log.warn(
      { year },
      'no official holiday schedule for this year: falling back to Mon–Fri; add it under calendar in the district file',
    );
    for (const p of ctx.roster.withRole('supervisor')) {
      await ctx.send(toPerson(p.id, calendarMissingText(year), `calendar-missing:${day}:${p.id}`));
    }
  }
  return { run: ctx.calendar.isWorkday(day), day };
}
