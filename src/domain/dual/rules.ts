/** 双派单 follow-up rules: lateness, the ladder of a late side, the hold-up note, 双问责. Pure. */
import type { WorkCalendar } from '../calendar.js';
import { workdaysOverdue } from '../tickets/deadline.js';
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
}

/** Whether a side owes its one 签收 reminder now. */
export function ackReminderDue(s: SideView, now: Date, ackWithinHours: number): boolean {
  return (
    s.deliveredAt !== null &&
    s.ackedAt === null &&
    s.answeredAt === null &&
    s.ackRemindedAt === null &&
    now.getTime() - s.deliveredAt.getTime() >= ackWithinHours * 3_600_000
  );
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
