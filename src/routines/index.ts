import { dailySummary } from './daily-summary.js';
import { dispatchCheckRoutine } from './dispatch-check.js';
import { dualCheckRoutine } from './dual-check.js';
import { monthlyReviewRoutine } from './monthly-review.js';
import { reportDeadline } from './report-deadline.js';
import { reportEscalation } from './report-escalation.js';
import { reportReminder } from './report-reminder.js';
import { ticketApprovalResendRoutine } from './ticket-approval-resend.js';
import { ticketNagRoutine } from './ticket-nag.js';
import type { Routine } from './types.js';
import { visitCheckRoutine } from './visit-check.js';
import { weeklySummaryRoutine } from './weekly-summary.js';

/** Every routine the bot knows, by name (the names replay's `run` lines use). */
export function routines(): Routine[] {
  return [
    reportReminder,
    reportDeadline,
    reportEscalation,
    dailySummary,
    dispatchCheckRoutine,
    ticketNagRoutine,
    ticketApprovalResendRoutine,
    dualCheckRoutine,
    weeklySummaryRoutine,
    monthlyReviewRoutine,
    visitCheckRoutine,
  ];
}
