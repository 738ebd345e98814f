import { commandText } from '../domain/messages.js';
import { idsWithRole, isLeader, personName, unitName } from '../domain/roster.js';
import * as T from '../domain/texts/tickets.js';
import { parseTicketCommand, type TicketCommand } from '../domain/tickets/commands.js';
import {
  approvalByCode,
  approvedApprovalFor,
  createApproval,
  decideApproval,
  openApprovalFor,
} from '../store/ticket-approvals.js';
import { getTicket, recordTicketEvent } from '../store/tickets.js';
import { replyTo, toPerson } from '../usecases/send.js';
import { sendApprovalToLeaders } from '../usecases/ticket-approval.js';
import type { MessageHandler } from './types.js';

type ApprovalCommand = Extract<TicketCommand, { kind: 'request' | 'decide' }>;

/**
 * 退办 / 不再办理: a unit asks (`申请退办 <编号> <理由>`), the leaders get the request with a
 * short code point-to-point, a leader answers `同意 <code>` or `不同意 <code> <理由>`, the
 * requester is told. Only leaders decide (by contact id); every step is recorded.
 */
export const ticketApprovalHandler: MessageHandler<ApprovalCommand> = {
  name: 'ticket-approval',
  matches(msg, sender) {
    const c = parseTicketCommand(commandText(msg));
    // Said in other words (GD… 不归我们管，申请退回), only from a unit's people.
    if (c?.kind === 'request' && c.loose === true && sender.unit === undefined) return null;
    return c !== null && (c.kind === 'request' || c.kind === 'decide') ? c : null;
  },
  async handle(c, msg, sender, ctx) {
    const now = ctx.clock.now();
    const reply = (text: string) => ctx.send(replyTo(msg, text, `ticket-approval-reply:${msg.id}`));
    if (c.kind === 'request') {
      if (sender.unit === undefined) return void (await reply(T.approvalOnlyUnits));
      const t = await getTicket(ctx.db, c.number);
      if (!t) return void (await reply(T.unknownTicket(c.number)));
      if (t.unitId !== sender.unit)
        return void (await reply(T.notYourTicket(c.number, unitName(ctx.roster, t.unitId))));
      // Already approved (退办 or 不再办理, not reopened since): nothing to ask again.
      const approved = await approvedApprovalFor(ctx.db, c.number);
      if (approved) {
        const by = approved.decidedBy ? personName(ctx.roster, approved.decidedBy) : null;
        return void (await reply(
          T.approvalAlreadyApproved(approved.code, approved.kind, approved.decidedAt, by, ctx.config.timezone),
        ));
      }
      const open = await openApprovalFor(ctx.db, c.number);
      if (open) return void (await reply(T.approvalAlreadyOpen(open.code)));
      // Asked before: named whatever the wording; only a new request needs its reason.
      if (c.reason.length < 2) return void (await reply(T.approvalNeedsReason(c.type)));
      const leaders = idsWithRole(ctx.roster, 'leader');
      const a = await createApproval(ctx.db, {
        kind: c.type,
        ticketNumber: c.number,
        unitId: t.unitId,
        requesterId: sender.id,
        reason: c.reason,
        at: now,
        sentTo: leaders,
      });
      await recordTicketEvent(ctx.db, c.number, 'approval-requested', now, `chat:${sender.id}`, {
        code: a.code,
        kind: c.type,
        reason: c.reason,
        to: leaders,
      });
      await sendApprovalToLeaders(ctx, a, 'first');
      await reply(T.approvalSubmitted(a.code, c.type, c.number));
      return;
    }
    const a = await approvalByCode(ctx.db, c.code);
    if (!a) return void (await reply(T.unknownApproval(c.code)));
    if (!isLeader(sender)) {
      ctx.log.warn({ id: msg.id, from: sender.id, code: a.code }, 'approval decision from a non-leader: refused');
      await recordTicketEvent(ctx.db, a.ticketNumber, 'approval-decision-refused', now, `chat:${sender.id}`, {
        code: a.code,
        approve: c.approve,
        reason: 'not a leader',
      });
      return void (await reply(T.ONLY_LEADERS_DECIDE));
    }
    const tz = ctx.config.timezone;
    const decider = (x: { decidedBy: string | null }) => (x.decidedBy ? personName(ctx.roster, x.decidedBy) : null);
    if (a.decision)
      return void (await reply(T.alreadyDecided(a.code, a.decision === 'approved', decider(a), a.decidedAt, tz)));
    if (!c.approve && c.note.length < 2) return void (await reply(T.DECISION_NEEDS_REASON));
    if (!(await decideApproval(ctx.db, a.id, c.approve, sender.id, now, c.note))) {
      const again = await approvalByCode(ctx.db, a.code);
      return void (await reply(
        T.alreadyDecided(
          a.code,
          again?.decision === 'approved',
          again ? decider(again) : null,
          again?.decidedAt ?? null,
          tz,
        ),
      ));
    }
    await recordTicketEvent(
      ctx.db,
      a.ticketNumber,
      c.approve ? 'approval-approved' : 'approval-refused',
      now,
      `chat:${sender.id}`,
      { code: a.code, kind: a.kind, note: c.note },
    );
    const leader = sender.name;
    const text = c.approve
      ? T.approvalApproved(a.code, a.kind, a.ticketNumber, leader, c.note)
      : T.approvalRefused(a.code, a.kind, a.ticketNumber, leader, c.note);
    await ctx.send(toPerson(a.requesterId, text, `ticket-approval-decision:${a.code}`));
    await reply(T.decisionRecorded(a.code, c.approve));
    // The other leaders who were asked learn it was decided, once each.
    const others = [...new Set(a.sentTo)].filter((id) => id !== sender.id && ctx.roster.person(id));
    const told = T.decidedByOther(a.code, a.kind, a.ticketNumber, c.approve, leader, now, tz);
    for (const id of others) await ctx.send(toPerson(id, told, `ticket-approval-decided:${a.code}:${id}`));
  },
};
