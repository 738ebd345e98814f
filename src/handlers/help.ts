import { commandOf } from '../domain/language/intent.js';
import { commandText } from '../domain/messages.js';
import { helpFacts, helpText } from '../domain/texts/help.js';
import { wordingOf } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/** "帮助" in the group (answered with an @-mention) or privately. */
export const helpHandler: MessageHandler = {
  name: 'help',
  matches: (msg) => commandOf(commandText(msg)) === 'help',
  async handle(_, msg, sender, ctx) {
    await ctx.send(replyTo(msg, helpText(sender, helpFacts(ctx.config), wordingOf(ctx)), `help:${msg.id}`));
  },
};
