import * as T from '../domain/texts/tickets.js';
import { getTicket } from '../store/tickets.js';
import type { AppContext } from './context.js';

/** Sends a request to every leader point-to-point (purpose per leader and round). */
export async function sendApprovalToLeaders(
  ctx: AppContext,
  a: { code: string; kind: string; ticketNumber: string; unitId: string | null; requesterId: string; reason: string },
  round: 'first' | 'resend',
): Promise<string[]> {
  const t = await getTicket(ctx.db, a.ticketNumber);
  const unitName = a.unitId ? (ctx.roster.unit(a.unitId)?.name ?? a.unitId) : '';
  const requester = ctx.roster.person(a.requesterId)?.name ?? a.requesterId;
  const text = T.approvalRequest(a.code, a.kind, a.ticketNumber, t?.title ?? '', unitName, requester, a.reason, round === 'resend');
  const leaders = ctx.roster.withRole('leader').map((p) => p.id);
  for (const id of leaders) await ctx.send({ to: { kind: 'person', id }, text, mentions: [], purpose: `ticket-approval:${a.code}:${round}:${id}` });
  return leaders;
}
