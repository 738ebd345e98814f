import type { WorkCalendar } from '../calendar.js';
import { localDay } from '../time.js';
import { dueDay } from './deadline.js';

/**
 * 三色督办 on the working-day clock. Blue (蓝色提醒): not done and its deadline falls within the
 * next `blueLeadWorkdays` working days (default 1: on the last working day before the deadline
 * day). Yellow (黄色预警): the deadline day itself, or progress late (a stage missed while the
 * deadline is still ahead). Red (红色督办): past its deadline, extended `redExtensions` times or
 * rated 不满意 `redUnsatisfied` times. Done: no colour.
 *
 * On the ladder: blue is the new step before it (one reminder, once per deadline); yellow is
 * 即时督办 on the deadline day; red is 即时督办 once overdue and every later step (书面 → 现场 → 提请).
 */
export type Colour = 'blue' | 'yellow' | 'red';

export const COLOUR_ORDER: readonly Colour[] = ['blue', 'yellow', 'red'];

export interface ColourThresholds {
  blueLeadWorkdays: number;
  redExtensions: number;
  redUnsatisfied: number;
}

export const DEFAULT_COLOUR_THRESHOLDS: ColourThresholds = { blueLeadWorkdays: 1, redExtensions: 2, redUnsatisfied: 2 };

export interface ColourInput {
  dueAt: Date | null;
  done?: boolean;
  /** Times the deadline was extended (延期). */
  extensions?: number;
  /** Times the citizen rated the answer 不满意. */
  unsatisfied?: number;
  /** A stage before the deadline was missed (e.g. not 签收/受理 in time). */
  progressLate?: boolean;
}

/**
 * Why a ticket is red whatever its deadline: extended `redExtensions` times (said first), or rated 不满意
 * `redUnsatisfied` times.
 */
export type RedHistory = 'extensions' | 'unsatisfied';

export function redByHistory(
  x: Pick<ColourInput, 'extensions' | 'unsatisfied'>,
  th: ColourThresholds = DEFAULT_COLOUR_THRESHOLDS,
): RedHistory | null {
  if ((x.extensions ?? 0) >= th.redExtensions) return 'extensions';
  if ((x.unsatisfied ?? 0) >= th.redUnsatisfied) return 'unsatisfied';
  return null;
}

/** The history counts at which a ticket is red, as the store's scan takes them. */
export function redThresholds(th: ColourThresholds): { extensions: number; unsatisfied: number } {
  return { extensions: th.redExtensions, unsatisfied: th.redUnsatisfied };
}

/** The colour of a ticket or dispatch at `now`, or null (done, or not yet close to its deadline). */
export function colourOf(
  x: ColourInput,
  now: Date,
  calendar: WorkCalendar,
  tz: string,
  th: ColourThresholds = DEFAULT_COLOUR_THRESHOLDS,
): Colour | null {
  if (x.done === true) return null;
  if (redByHistory(x, th) !== null) return 'red';
  if (x.dueAt === null) return x.progressLate === true ? 'yellow' : null;
  if (now.getTime() >= x.dueAt.getTime()) return 'red';
  const today = localDay(now, tz);
  const due = dueDay(x.dueAt, tz);
  if (due <= today || x.progressLate === true) return 'yellow';
  return calendar.workdaysBetween(today, due) <= th.blueLeadWorkdays ? 'blue' : null;
}

/**
 * Whether the blue step (蓝色提醒, once) of a dispatch or a 双派单 side is owed at `now`: a working day, its
 * deadline day within the next `lead` working days (not today: that day is yellow), and given before today (the
 * delivery itself told the deadline that day).
 */
export function blueStepDue(
  givenAt: Date,
  deadline: Date,
  now: Date,
  calendar: WorkCalendar,
  tz: string,
  lead: number,
): boolean {
  if (lead <= 0 || now.getTime() >= deadline.getTime()) return false;
  const today = localDay(now, tz);
  const due = dueDay(deadline, tz);
  if (!calendar.isWorkday(today) || due <= today || localDay(givenAt, tz) >= today) return false;
  return calendar.workdaysBetween(today, due) <= lead;
}

/** The first working day a deadline is blue: `lead` working days before its day (on or after `from`). */
export function blueWindowEnd(today: string, calendar: WorkCalendar, lead: number): string {
  return calendar.addWorkdays(today, lead);
}
