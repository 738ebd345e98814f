import { helpText } from '../domain/texts/help.js';
import { commandText, type MessageHandler, replyTo } from './context.js';

const HELP = /^(帮助|help|使用说明|功能|菜单|\?|？)$/i;

/** "帮助" in the group (answered with an @-mention) or privately. */
export const helpHandler: MessageHandler = {
  name: 'help',
  matches: (msg) => HELP.test(commandText(msg)),
  async handle(msg, sender, ctx) {
    await ctx.send(replyTo(msg, helpText(sender), `help:${msg.id}`));
  },
};
