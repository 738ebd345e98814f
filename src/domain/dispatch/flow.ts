/**
 * The life of a dispatch after it is given (pure, no I/O): its default deadline, each target
 * unit's state (delivered → acknowledged → answered; late once the deadline passed without an
 * answer), and which follow-up steps dispatch-check owes at a given time.
 */
import type { DistrictConfig } from '../../config/schema.js';
import type { WorkCalendar } from '../calendar.js';
import { blueStepDue } from '../tickets/colour.js';
import { clockMinutes, localDay, localIso, localMinutes } from '../time.js';

export type DispatchConfig = DistrictConfig['dispatch'];

/** The follow-up times for one dispatch (urgent ones are shorter). */
export interface DispatchPolicy {
  ackWithinMs: number;
  remindBeforeMs: number;
}

const MINUTE = 60_000;

export function policyFor(cfg: DispatchConfig, urgent: boolean): DispatchPolicy {
  return urgent
    ? {
        ackWithinMs: cfg.urgentAckWithinMinutes * MINUTE,
        remindBeforeMs: cfg.urgentRemindBeforeDeadlineMinutes * MINUTE,
      }
    : { ackWithinMs: cfg.ackWithinMinutes * MINUTE, remindBeforeMs: cfg.remindBeforeDeadlineMinutes * MINUTE };
}

/**
 * The district's default answer window for a dispatch that names no deadline: urgent ones are
 * due a few hours after they were given, others at the end of the N-th working day after.
 */
export function defaultDeadline(
  givenAt: Date | string,
  urgent: boolean,
  cfg: DispatchConfig,
  calendar: WorkCalendar,
  tz: string,
): string {
  const t = new Date(givenAt).getTime();
  if (urgent) return new Date(t + cfg.urgentAnswerHours * 3_600_000).toISOString();
  const day = calendar.addWorkdays(localDay(t, tz), cfg.defaultAnswerWorkdays);
  const end = clockMinutes(cfg.workingHours.end);
  return new Date(localIso(day, Math.floor(end / 60), end % 60, tz)).toISOString();
}

/** dispatch-check acts only on working days, within working hours (both ends included). */
export function inWorkingHours(now: Date, cfg: DispatchConfig, calendar: WorkCalendar, tz: string): boolean {
  if (!calendar.isWorkday(localDay(now, tz))) return false;
  const m = localMinutes(now, tz);
  return m >= clockMinutes(cfg.workingHours.start) && m <= clockMinutes(cfg.workingHours.end);
}

/** Cron patterns for dispatch-check: every N minutes through the working hours (run() checks the calendar). */
export function checkPatterns(everyMinutes: number, cfg: DispatchConfig): string[] {
  const from = Math.floor(clockMinutes(cfg.workingHours.start) / 60);
  const to = Math.floor(clockMinutes(cfg.workingHours.end) / 60);
  if (everyMinutes < 60) return [`*/${everyMinutes} ${from}-${to} * * *`];
  return [`0 ${from}-${to}/${Math.max(1, Math.round(everyMinutes / 60))} * * *`];
}

/** What the check needs to know of one target unit. */
export interface TargetView {
  unitId: string;
  deliveredAt: Date | null;
  ackedAt: Date | null;
  answeredAt: Date | null;
  ackRemindedAt: Date | null;
  dueRemindedAt: Date | null;
  /** 三色督办's blue step: the 蓝色提醒 on the last working day before the deadline day (once). */
  blueRemindedAt?: Date | null;
  lateAt: Date | null;
}

export interface DispatchView {
  code: string;
  createdAt: Date;
  deadline: Date;
  urgent: boolean;
  targets: TargetView[];
}

export type TargetState = 'delivered' | 'acknowledged' | 'answered';

export interface TargetStatus {
  state: TargetState;
  /** The deadline passed before an answer (an answer after it stays late). */
  late: boolean;
}

export function targetStatus(t: TargetView, deadline: Date, now: Date): TargetStatus {
  const state: TargetState = t.answeredAt ? 'answered' : t.ackedAt ? 'acknowledged' : 'delivered';
  const late = t.answeredAt ? t.answeredAt.getTime() > deadline.getTime() : now.getTime() >= deadline.getTime();
  return { state, late };
}

export type StepKind = 'ack-reminder' | 'blue-reminder' | 'due-reminder' | 'late';

/** When the blue step is owed (三色督办): the calendar and how many working days ahead of the deadline day. */
export interface BlueRule {
  calendar: WorkCalendar;
  tz: string;
  leadWorkdays: number;
}

export interface OwedStep {
  unitId: string;
  step: StepKind;
}

/**
 * The steps owed for a dispatch at `now`, at most one per unit, the latest owed one winning
 * (a pre-deadline reminder, or the blue step on the working day before the deadline day, also
 * asks for the acknowledgement; a missed early step is not sent after a later one). A step
 * already taken is never owed again. Without `blue`, no blue step.
 */
export function owedSteps(d: DispatchView, now: Date, policy: DispatchPolicy, blue?: BlueRule): OwedStep[] {
  const t0 = now.getTime();
  const deadline = d.deadline.getTime();
  const remindAt = deadline - policy.remindBeforeMs;
  const out: OwedStep[] = [];
  for (const t of d.targets) {
    if (t.answeredAt) continue;
    if (t0 >= deadline) {
      if (!t.lateAt) out.push({ unitId: t.unitId, step: 'late' });
      continue;
    }
    if (t.lateAt) continue;
    // The pre-deadline reminder, unless the dispatch itself came inside that last stretch.
    if (t0 >= remindAt && d.createdAt.getTime() < remindAt) {
      if (!t.dueRemindedAt) out.push({ unitId: t.unitId, step: 'due-reminder' });
      continue;
    }
    if (
      blue &&
      !t.blueRemindedAt &&
      !t.dueRemindedAt &&
      blueStepDue(d.createdAt, d.deadline, now, blue.calendar, blue.tz, blue.leadWorkdays)
    ) {
      out.push({ unitId: t.unitId, step: 'blue-reminder' });
      continue;
    }
    if (t.ackedAt || t.ackRemindedAt || t.dueRemindedAt || t.blueRemindedAt) continue;
    const since = (t.deliveredAt ?? d.createdAt).getTime();
    if (t0 < since + policy.ackWithinMs) continue;
    // The 签收 reminder owed this close to the reminder before the deadline (a weekend's or a night's worth of
    // them come due at 08:30 on the deadline day): that one now instead, asking for the 签收 too — not two
    // reminders half an hour apart.
    const soon = t0 >= remindAt - policy.ackWithinMs && d.createdAt.getTime() < remindAt;
    out.push({ unitId: t.unitId, step: soon ? 'due-reminder' : 'ack-reminder' });
  }
  return out;
}

/** Short codes: "D12". */
export function dispatchCode(n: number): string {
  return `D${n}`;
}
