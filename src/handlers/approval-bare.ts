import { bareDecisionOf } from '../domain/leader/questions.js';
import { commandText } from '../domain/messages.js';
import { isLeader, unitName } from '../domain/roster.js';
import { bareDecisionText } from '../domain/texts/tickets.js';
import { type Approval, undecidedApprovalsFor } from '../store/ticket-approvals.js';
import { getTicket } from '../store/tickets.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/**
 * A leader's private bare 同意 / 不同意 (no TB code) while requests await the leader's decision: the bot
 * names the request and the exact reply (同意 TB001), listing them when several. It never decides
 * without the code. With nothing awaiting, the message is left to the other handlers.
 */
export const approvalBareHandler: MessageHandler<{ approve: boolean; awaiting: Approval[] }> = {
  name: 'approval-bare',
  async matches(msg, sender, ctx) {
    // Requests reach leaders privately; in the group a bare 同意 is usually said to someone else.
    const d = msg.chat === 'private' && isLeader(sender) ? bareDecisionOf(commandText(msg)) : null;
    if (d === null) return null;
    const awaiting = await undecidedApprovalsFor(ctx.db, sender.id);
    return awaiting.length > 0 ? { approve: d.approve, awaiting } : null;
  },
  async handle(d, msg, _sender, ctx) {
    const items = [];
    for (const a of d.awaiting) {
      const title = (await getTicket(ctx.db, a.ticketNumber))?.title ?? '';
      items.push({
        code: a.code,
        kind: a.kind,
        ticketNumber: a.ticketNumber,
        title,
        unit: a.unitId ? unitName(ctx.roster, a.unitId) : '',
      });
    }
    await ctx.send(replyTo(msg, bareDecisionText(d.approve, items), `approval-bare:${msg.id}`));
  },
};
