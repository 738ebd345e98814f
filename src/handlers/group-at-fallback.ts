import { commandText } from '../domain/messages.js';
import { groupFileUnseen } from '../domain/texts/channel.js';
import { wordingOf } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import { fallbackText, isBareAck } from './fallback-reply.js';
import type { MessageHandler } from './types.js';

/** A message about a file sent in the group (工单表发群里了 / 这个表收到没 / 导入一下 / 附件), not 代表 / 表示. */
const ABOUT_A_FILE = /文件|附件|清单|导入|xlsx|xls|csv|excel|(?<![代发外])表(?![示扬态彰达现决率])/i;

/**
 * A group message nothing else understood, where the bot sees only the group messages that @ it: every one it
 * gets was addressed to it, so it gets the private fallback's honest answer (a bare 收到 / 谢谢 with nothing
 * waiting still needs none). Answered in the group, @-mentioning the sender: the question was asked in front of
 * the group, others who made the same mistake (a file or an un-@ report in the group) read why, and a group
 * answer always reaches the sender where a private push may not yet. A message about a file sent in the group,
 * where files reach the bot only privately, is told to send it privately.
 */
export const groupAtFallbackHandler: MessageHandler = {
  name: 'group-at-fallback',
  matches: (msg, _sender, ctx) => msg.chat === 'group' && msg.kind !== 'recall' && !wordingOf(ctx).readsAll,
  async handle(_, msg, sender, ctx) {
    const text = commandText(msg);
    const w = wordingOf(ctx);
    if (!w.groupFiles && ABOUT_A_FILE.test(text)) {
      await ctx.send(replyTo(msg, groupFileUnseen(w), `group-fallback:${msg.id}`));
      return;
    }
    if (isBareAck(text)) {
      ctx.log.debug({ id: msg.id, from: sender.id }, 'bare acknowledgement in the group with nothing waiting');
      return;
    }
    await ctx.send(replyTo(msg, await fallbackText(ctx, sender, msg.text), `group-fallback:${msg.id}`));
  },
};
