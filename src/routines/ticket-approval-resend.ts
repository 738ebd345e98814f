import { inWorkingHours } from '../domain/dispatch/flow.js';
import { inQuietHours } from '../domain/tickets/digest.js';
import { localDay } from '../domain/time.js';
import { approvalsToResend, markResent } from '../store/ticket-approvals.js';
import { recordTicketEvent } from '../store/tickets.js';
import type { AppContext } from '../usecases/context.js';
import { sendApprovalToLeaders } from '../usecases/ticket-approval.js';
import type { Routine } from './types.js';

/**
 * Re-sends each undecided 退办 / 不再办理 request to the leaders once, after the configured hours,
 * only on working days within working hours (never in quiet hours): a request that came due at
 * night is re-sent the next working morning.
 */
export async function runApprovalResend(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const tz = ctx.config.timezone;
  if (!ctx.calendar.isWorkday(localDay(now, tz)) || inQuietHours(now, ctx.config.quietHours, tz)) return 0;
  if (!inWorkingHours(now, ctx.config.dispatch, ctx.calendar, tz)) return 0;
  const before = new Date(now.getTime() - ctx.config.tickets.approvalResendHours * 3_600_000);
  let n = 0;
  for (const a of await approvalsToResend(ctx.db, before)) {
    if (!(await markResent(ctx.db, a.id, now))) continue;
    const to = await sendApprovalToLeaders(ctx, a, 'resend');
    await recordTicketEvent(ctx.db, a.ticketNumber, 'approval-resent', now, 'routine:ticket-approval-resend', {
      code: a.code,
      to,
    });
    n++;
  }
  return n;
}

export const ticketApprovalResendRoutine: Routine = {
  name: 'ticket-approval-resend',
  // Every half hour; the routine itself skips non-working days and quiet hours.
  patterns: () => ['*/30 * * * *'],
  run: async (ctx) => {
    await runApprovalResend(ctx);
  },
};
