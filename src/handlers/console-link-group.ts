import { commandOf } from '../domain/language/intent.js';
import { commandText } from '../domain/messages.js';
import { CONSOLE_ASK_PRIVATELY } from '../domain/texts/console.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/**
 * “控制台” typed in the group: no link there (a login link is sent only privately, see
 * console-link.ts), but a short answer saying where to ask, instead of silence.
 */
export const consoleLinkGroupHandler: MessageHandler = {
  name: 'console-link-group',
  matches: (msg) => msg.chat === 'group' && commandOf(commandText(msg)) === 'console',
  async handle(_, msg, _sender, ctx) {
    await ctx.send(replyTo(msg, CONSOLE_ASK_PRIVATELY, `console-link-group:${msg.id}`));
  },
};
