import { privateFallbackText, waitingCodes } from '../domain/texts/my-items.js';
import { isUnitWorker, type MessageHandler, replyTo } from './context.js';
import { unitDispatches, unitRounds } from './unit-items.js';

/**
 * A private message nothing else understood gets a short, honest answer (never in the group):
 * nothing was done with it; a unit's person is told which D/SP codes wait for the unit's reply
 * and pointed to 我的待办 and 帮助.
 */
export const privateFallbackHandler: MessageHandler = {
  name: 'private-fallback',
  matches: (msg) => msg.chat === 'private',
  async handle(msg, sender, ctx) {
    const worker = isUnitWorker(sender) && sender.unit !== undefined;
    const codes = worker ? waitingCodes({ dispatches: await unitDispatches(ctx, sender.unit as string), rounds: await unitRounds(ctx, sender.unit as string) }) : [];
    await ctx.send(replyTo(msg, privateFallbackText(worker, codes), `private-fallback:${msg.id}`));
  },
};
