import { commandOf } from '../domain/language/intent.js';
import { commandText, type IncomingMessage } from '../domain/messages.js';
import { helpFacts, helpText } from '../domain/texts/help.js';
import { type AppContext, wordingOf } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/**
 * Whether the message asks for help: 帮助 anywhere; everyday forms (帮助一下, 怎么用, 有什么功能)
 * privately or where every group message the bot sees was addressed to it (WeCom), not in a
 * group's chatter, where they may be meant for a person.
 */
function asksHelp(msg: IncomingMessage, ctx: AppContext): boolean {
  const strict = msg.chat === 'group' && wordingOf(ctx).readsAll;
  return commandOf(commandText(msg), { strict }) === 'help';
}

/** "帮助" in the group (answered with an @-mention) or privately. */
export const helpHandler: MessageHandler = {
  name: 'help',
  matches: (msg, _sender, ctx) => asksHelp(msg, ctx),
  async handle(_, msg, sender, ctx) {
    await ctx.send(replyTo(msg, helpText(sender, helpFacts(ctx.config), wordingOf(ctx)), `help:${msg.id}`));
  },
};
