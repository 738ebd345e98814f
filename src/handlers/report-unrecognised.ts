import type { IncomingMessage } from '../domain/messages.js';
import { type AttemptHint, reportAttempt } from '../domain/report/attempt.js';
import type { Person } from '../domain/roster.js';
import { isUnitWorker } from '../domain/roster.js';
import { reportNotRecognisedText } from '../domain/texts/reports.js';
import { type AppContext, wordingOf } from '../usecases/context.js';
import { sendAsLastStep, toPerson } from '../usecases/send.js';
import { parsedReport } from './report-parse.js';
import type { MessageHandler, MessageReadings } from './types.js';

function hintFor(msg: IncomingMessage, sender: Person, ctx: AppContext, readings: MessageReadings) {
  if (!isUnitWorker(sender)) return null;
  const p = readings.of(parsedReport);
  if (!p || p.never) return null;
  const own = ctx.roster.unitOf(sender.id);
  // Said to the bot (@督办助手 公安分局今天处理了9件工单…, WeCom): addressed to no one else.
  const bot = `@${wordingOf(ctx).bot}`;
  const text = msg.text.trimStart().startsWith(bot) ? msg.text.trimStart().slice(bot.length) : msg.text;
  return reportAttempt({
    text,
    parse: p.parse,
    why: p.why,
    cues: p.cues,
    ownUnit: own?.name,
    mentions: msg.mentionIds.filter((id) => ctx.roster.person(id) !== undefined),
  });
}

/**
 * A head's or liaison's message with report figures that the report parser did not take (a
 * question, praise words, …): never silence, the sender is told privately why and what to send.
 * Runs after the report handler, before the console link and the private fallback.
 */
export const reportUnrecognisedHandler: MessageHandler<AttemptHint> = {
  name: 'report-unrecognised',
  matches: hintFor,
  async handle(hint, msg, sender, ctx) {
    const unit = ctx.roster.unitOf(sender.id);
    if (!unit) return;
    ctx.log.info({ from: sender.id, hint }, 'report-like message not taken as a report: hint sent');
    await sendAsLastStep(
      ctx,
      toPerson(sender.id, reportNotRecognisedText(hint, unit.name, wordingOf(ctx)), `report-unrecognised:${msg.id}`),
    );
  },
};
