import { commandText } from '../domain/messages.js';
import { isLeader } from '../domain/roster.js';
import {
  privateDispatchConfirmText,
  privateDispatchHintText,
  privateDispatchNoTargetText,
} from '../domain/texts/dispatch.js';
import { createAndDeliver, lineInput, readDispatch, readTransfer } from '../usecases/dispatch-common.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

const TRANSFER = /^转办[\s:：，,]*/;
const MAX_CHARS = 5_000;

/**
 * A leader's private `转办 …` to the bot: the same dispatch as in the group, posted in the
 * group by the bot (heads @-mentioned) and confirmed to the leader privately. A private
 * message that reads like a dispatch but lacks `转办` gets a hint (nothing is sent on).
 */
export const dispatchPrivateHandler: MessageHandler<'transfer' | 'lookalike'> = {
  name: 'dispatch-private',
  matches(msg, sender, ctx) {
    if (msg.chat !== 'private' || !isLeader(sender)) return null;
    const text = commandText(msg);
    if (TRANSFER.test(text)) return 'transfer';
    const r =
      text === '' || text.length > MAX_CHARS ? null : readDispatch(ctx, text, msg.sentAt, sender.id, msg.mentionIds);
    return r !== null && r.isDispatch && r.unitIds.length > 0 ? 'lookalike' : null;
  },
  async handle(kind, msg, sender, ctx) {
    const text = commandText(msg);
    if (kind === 'lookalike') {
      await ctx.send(replyTo(msg, privateDispatchHintText(text), `dispatch-private-hint:${msg.id}`));
      return;
    }
    const body = text.replace(TRANSFER, '').trim();
    const reading = readTransfer(ctx, body, msg.sentAt, sender.id);
    if (body === '' || reading.unitIds.length === 0) {
      await ctx.send(replyTo(msg, privateDispatchNoTargetText(), `dispatch-private-none:${msg.id}`));
      return;
    }
    const d = await createAndDeliver(ctx, {
      leaderId: sender.id,
      messageId: msg.id,
      chat: 'private',
      text: body,
      reading,
    });
    await ctx.send(replyTo(msg, privateDispatchConfirmText(lineInput(ctx, d)), `dispatch:${d.code}:confirm`));
    ctx.log.info({ code: d.code, units: reading.unitIds, deadline: d.deadline }, 'private dispatch created');
  },
};
