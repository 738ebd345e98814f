import * as T from '../domain/texts/tickets.js';
import { parseTicketCommand } from '../domain/tickets/commands.js';
import { ackLatestDigest, hasUnackedDigest } from '../store/ticket-nag.js';
import { getTicket, recordTicketEvent } from '../store/tickets.js';
import { commandText, type MessageHandler, replyTo } from './context.js';

/**
 * A unit's answers to a digest: `签收` acknowledges the latest digest; `<工单编号> 已办结 <说明>`
 * is recorded as the unit's report (the platform stays the source of truth for status).
 */
export const ticketCommandsHandler: MessageHandler = {
  name: 'ticket-commands',
  async matches(msg, sender, ctx) {
    if (sender.unit === undefined) return false;
    const c = parseTicketCommand(commandText(msg));
    if (c?.kind === 'reported-done') return true;
    // 签收 is ours only while the unit has a digest to acknowledge (else e.g. a dispatch's).
    return c?.kind === 'ack' && (await hasUnackedDigest(ctx.db, sender.unit));
  },
  async handle(msg, sender, ctx) {
    const c = parseTicketCommand(commandText(msg));
    const now = ctx.clock.now();
    const unitId = sender.unit as string;
    const purpose = `ticket-command:${msg.id}`;
    if (c?.kind === 'ack') {
      const cycle = await ackLatestDigest(ctx.db, unitId, sender.id, now);
      await ctx.send(replyTo(msg, cycle ? T.ACK_RECORDED : T.ACK_NOTHING, purpose));
      return;
    }
    if (c?.kind !== 'reported-done') return;
    const t = await getTicket(ctx.db, c.number);
    if (!t) {
      await ctx.send(replyTo(msg, T.unknownTicket(c.number), purpose));
      return;
    }
    if (t.unitId !== unitId) {
      await ctx.send(replyTo(msg, T.notYourTicket(c.number, ctx.roster.unit(t.unitId)?.name ?? t.unitId), purpose));
      return;
    }
    await recordTicketEvent(ctx.db, c.number, 'reported-done', now, `chat:${sender.id}`, { note: c.note, message: msg.id });
    await ctx.send(replyTo(msg, T.reportedDone(c.number), purpose));
  },
};
