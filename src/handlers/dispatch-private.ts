import { privateDispatchConfirmText, privateDispatchNoTargetText } from '../domain/texts/dispatch.js';
import { commandText, type MessageHandler, replyTo } from './context.js';
import { createAndDeliver, lineInput, readTransfer } from './dispatch-common.js';

const TRANSFER = /^转办[\s:：，,]*/;

/**
 * A leader's private `转办 …` to the bot: the same dispatch as in the group, posted in the
 * group by the bot (heads @-mentioned) and confirmed to the leader privately.
 */
export const dispatchPrivateHandler: MessageHandler = {
  name: 'dispatch-private',
  matches: (msg, sender) => msg.chat === 'private' && sender.roles.includes('leader') && TRANSFER.test(commandText(msg)),
  async handle(msg, sender, ctx) {
    const body = commandText(msg).replace(TRANSFER, '').trim();
    const reading = readTransfer(ctx, body, msg.sentAt, sender.id);
    if (body === '' || reading.unitIds.length === 0) {
      await ctx.send(replyTo(msg, privateDispatchNoTargetText(), `dispatch-private-none:${msg.id}`));
      return;
    }
    const d = await createAndDeliver(ctx, { leaderId: sender.id, messageId: msg.id, chat: 'private', text: body, reading });
    await ctx.send(replyTo(msg, privateDispatchConfirmText(lineInput(ctx, d)), `dispatch:${d.code}:confirm`));
    ctx.log.info({ code: d.code, units: reading.unitIds, deadline: d.deadline }, 'private dispatch created');
  },
};
