import { idsWithRole, personName, unitName } from '../domain/roster.js';
import * as T from '../domain/texts/tickets.js';
import { getTicket } from '../store/tickets.js';
import type { AppContext } from './context.js';
import { toPerson } from './send.js';

/** Sends a request to every leader point-to-point (purpose per leader and round). */
export async function sendApprovalToLeaders(
  ctx: AppContext,
  a: { code: string; kind: string; ticketNumber: string; unitId: string | null; requesterId: string; reason: string },
  round: 'first' | 'resend',
): Promise<string[]> {
  const t = await getTicket(ctx.db, a.ticketNumber);
  const unit = a.unitId ? unitName(ctx.roster, a.unitId) : '';
  const requester = personName(ctx.roster, a.requesterId);
  const text = T.approvalRequest(
    a.code,
    a.kind,
    a.ticketNumber,
    t?.title ?? '',
    unit,
    requester,
    a.reason,
    round === 'resend',
  );
  const leaders = idsWithRole(ctx.roster, 'leader');
  for (const id of leaders) await ctx.send(toPerson(id, text, `ticket-approval:${a.code}:${round}:${id}`));
  return leaders;
}
