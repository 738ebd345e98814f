import { commandText } from '../domain/messages.js';
import { replyTo } from '../usecases/send.js';
import { fallbackText, isBareAck } from './fallback-reply.js';
import type { MessageHandler } from './types.js';

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
    await ctx.send(replyTo(msg, await fallbackText(ctx, sender, msg.text), `private-fallback:${msg.id}`));
  },
};
