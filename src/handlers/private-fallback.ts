import { courtesyOf, isQuestion, isSoftAck, onlyFiller, plainWords } from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import { commandText } from '../domain/messages.js';
import { isUnitWorker } from '../domain/roster.js';
import { privateFallbackText, waitingCodes } from '../domain/texts/my-items.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/**
 * 好的，明白 / 收到 / 谢谢 / 👍 with nothing waiting: an acknowledgement or thanks that asks
 * nothing and needs no answer (a greeting such as 在吗 still gets one).
 */
function isBareAck(text: string): boolean {
  const own = ownWords(text).trim();
  if (own === '' || /在吗|在不在|在么|在嘛/.test(own)) return false;
  if (courtesyOf(own) === 'greeting' || isQuestion(own)) return false;
  // Emoji only (👍, [强]), fillers only (好的，明白 / 收到，谢谢), a short 好的王主任.
  if (plainWords(own) === '') return !/\[(?:图片|文件|语音|视频|链接|位置|名片)\]/.test(own);
  return onlyFiller(own) || courtesyOf(own) === 'thanks' || (isSoftAck(own) && plainWords(own).length <= 8);
}

import { unitDispatches, unitRounds } from './unit-items.js';

/**
 * A private message nothing else understood gets a short, honest answer (never in the group):
 * nothing was done with it; a unit's person is told which D/SP codes wait for the unit's reply
 * and pointed to 我的待办 and 帮助. A bare acknowledgement or thanks (好的，明白 / 谢谢) needs no reply.
 */
export const privateFallbackHandler: MessageHandler = {
  name: 'private-fallback',
  matches: (msg) => msg.chat === 'private',
  async handle(_, msg, sender, ctx) {
    if (isBareAck(commandText(msg))) {
      ctx.log.debug({ id: msg.id, from: sender.id }, 'bare acknowledgement with nothing waiting: no reply');
      return;
    }
    const worker = isUnitWorker(sender) && sender.unit !== undefined;
    const codes = worker
      ? waitingCodes({
          dispatches: await unitDispatches(ctx, sender.unit as string),
          rounds: await unitRounds(ctx, sender.unit as string),
        })
      : [];
    await ctx.send(replyTo(msg, privateFallbackText(worker, codes), `private-fallback:${msg.id}`));
  },
};
