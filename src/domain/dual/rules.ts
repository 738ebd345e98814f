/** 双派单 follow-up rules: lateness, the ladder of a late side, the hold-up note, 双问责. Pure. */
import type { WorkCalendar } from '../calendar.js';
import { blueStepDue } from '../tickets/colour.js';
import { dueDay, workdaysOverdue } from '../tickets/deadline.js';
import { localDay } from '../time.js';
import { type Ladder, type LadderStep, nextStep } from '../tickets/digest.js';
import type { SideKey } from './sides.js';

export interface SideView {
  side: SideKey;
  unitId: string;
  deliveredAt: Date | null;
  ackedAt: Date | null;
  ackRemindedAt: Date | null;
  answeredAt: Date | null;
  lateAt: Date | null;
  /** 三色督办's blue and yellow steps taken (each also asked for the 签收 of an unsigned side). */
  blueRemindedAt?: Date | null;
  yellowRemindedAt?: Date | null;
}

/** Whether a side owes its one 签收 reminder now (not after its blue or yellow step, which asked for it too). */
export function ackReminderDue(s: SideView, now: Date, ackWithinHours: number): boolean {
  return (
    s.deliveredAt !== null &&
    s.ackedAt === null &&
    s.answeredAt === null &&
    s.ackRemindedAt === null &&
    (s.blueRemindedAt ?? null) === null &&
    (s.yellowRemindedAt ?? null) === null &&
    now.getTime() - s.deliveredAt.getTime() >= ackWithinHours * 3_600_000
  );
}

/**
 * The step before the deadline a side owes now (三色督办, each once, for a side delivered before today and not
 * answered): blue on the last `lead` working day(s) before the answer's deadline day, yellow on that day
 * before the deadline; null for none.
 */
export function colourStepDue(
  s: SideView,
  deadline: Date,
  now: Date,
  calendar: WorkCalendar,
  tz: string,
  lead: number,
): 'blue' | 'yellow' | null {
  if (s.deliveredAt === null || s.answeredAt !== null || now.getTime() >= deadline.getTime()) return null;
  const today = localDay(now, tz);
  if (localDay(s.deliveredAt, tz) >= today) return null;
  if (dueDay(deadline, tz) === today) return (s.yellowRemindedAt ?? null) === null ? 'yellow' : null;
  if ((s.blueRemindedAt ?? null) !== null) return null;
  return blueStepDue(s.deliveredAt, deadline, now, calendar, tz, lead) ? 'blue' : null;
}

/**
 * The ladder step a late side owes now (the tickets' ladder: 即时 at the deadline, then 书面,
 * 现场, 提请 after their working days, one step per working day), or null.
 */
export function sideStepDue(
  s: SideView,
  deadline: Date,
  now: Date,
  ladder: Ladder,
  taken: ReadonlyMap<LadderStep, string>,
  today: string,
  calendar: WorkCalendar,
  tz: string,
): { step: LadderStep; daysOverdue: number } | null {
  if (s.answeredAt !== null) return null;
  const days = workdaysOverdue(deadline, now, calendar, tz);
  const step = nextStep(days, ladder, taken, today);
  return step ? { step, daysOverdue: days } : null;
}

/** One side answered, another is past the deadline without an answer: who holds the round up. */
export function holdingUp(sides: readonly SideView[], deadline: Date, now: Date): SideView[] {
  if (sides.length < 2 || !sides.some((s) => s.answeredAt !== null)) return [];
  if (now.getTime() < deadline.getTime()) return [];
  return sides.filter((s) => s.answeredAt === null);
}

/** 双问责 because every side is late past the last step of the ladder (提请督办 taken). */
export function bothLatePastLadder(
  sides: readonly SideView[],
  taken: ReadonlyMap<SideKey, ReadonlyMap<LadderStep, string>>,
): boolean {
  return sides.length > 0 && sides.every((s) => s.answeredAt === null && (taken.get(s.side)?.has('referral') ?? false));
}
