import { courtesyOf } from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import { commandText } from '../domain/messages.js';
import { isUnitWorker } from '../domain/roster.js';
import { greetingText } from '../domain/texts/help.js';
import { localDay } from '../domain/time.js';
import { claimStep } from '../store/steps.js';
import { addressedToBot } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/**
 * A greeting addressed to the bot (@督办助手 早 / 你好 / 在吗 / 早上好👋, or privately) that nothing else took gets a
 * short polite answer where it was said, pointing to 帮助 — never 未能识别. Once a day per person (a step of the
 * person's and the day's is claimed first: a second greeting that day sends nothing; a crash between the claim and
 * the send loses one greeting, never repeats it). A greeting in the group not addressed to the bot
 * (大家早上好, where the bot reads every message) is not its business. A unit whose items wait was answered privately
 * before this (answer-clarify names them).
 */
export const greetingHandler: MessageHandler = {
  name: 'greeting',
  matches: (msg, _sender, ctx) =>
    msg.kind !== 'recall' && courtesyOf(ownWords(commandText(msg))) === 'greeting' && addressedToBot(ctx, msg),
  async handle(_, msg, sender, ctx) {
    const now = ctx.clock.now();
    const day = localDay(now, ctx.config.timezone);
    if (!(await claimStep(ctx.db, `greeting:${sender.id}:${day}`, 'greeting', now, day, { message: msg.id }))) {
      ctx.log.debug({ id: msg.id, from: sender.id }, 'greeted already today: no second answer');
      return;
    }
    await ctx.send(replyTo(msg, greetingText(isUnitWorker(sender)), `greeting:${msg.id}`));
  },
};
