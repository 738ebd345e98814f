import { PRIVATE_FALLBACK } from '../domain/texts/help.js';
import { type MessageHandler, replyTo } from './context.js';

/** A private message nothing else understood gets a short, polite answer (never in the group). */
export const privateFallbackHandler: MessageHandler = {
  name: 'private-fallback',
  matches: (msg) => msg.chat === 'private',
  async handle(msg, _sender, ctx) {
    await ctx.send(replyTo(msg, PRIVATE_FALLBACK, `private-fallback:${msg.id}`));
  },
};
