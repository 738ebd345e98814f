import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import * as T from '../domain/texts/tickets.js';
import { doneTicketNumbers } from '../domain/tickets/done-mentions.js';
import { alreadyReportedDone, getTicket, recordTicketEvent } from '../store/tickets.js';
import type { AppContext } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/**
 * The unit's own open tickets the message says are done (GD… 搞定了 / 已办结 / 办完了 …, anywhere in
 * it) and not yet reported done: numbers the store does not know, or of another unit, are left alone.
 */
async function doneMentioned(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<string[]> {
  if (sender.unit === undefined) return [];
  const numbers = doneTicketNumbers(commandText(msg));
  if (numbers.length === 0) return [];
  const ours: string[] = [];
  for (const n of numbers) {
    const t = await getTicket(ctx.db, n);
    if (t && t.unitId === sender.unit && !t.done) ours.push(n);
  }
  const known = await alreadyReportedDone(ctx.db, ours);
  return ours.filter((n) => !known.has(n));
}

async function record(
  numbers: readonly string[],
  msg: IncomingMessage,
  sender: Person,
  ctx: AppContext,
): Promise<void> {
  const now = ctx.clock.now();
  for (const n of numbers)
    await recordTicketEvent(ctx.db, n, 'reported-done', now, `chat:${sender.id}`, {
      note: commandText(msg).trim().slice(0, 500),
      message: msg.id,
      mentioned: true,
    });
}

/**
 * A message nothing else took that says one of the unit's tickets is done in its own words
 * (GD…搞定了，摊贩已清理): recorded as the unit's report, confirmed.
 */
export const ticketDoneMentionedHandler: MessageHandler<string[]> = {
  name: 'ticket-done-mentioned',
  async matches(msg, sender, ctx) {
    const numbers = await doneMentioned(msg, sender, ctx);
    return numbers.length > 0 ? numbers : null;
  },
  async handle(numbers, msg, sender, ctx) {
    await record(numbers, msg, sender, ctx);
    await ctx.send(replyTo(msg, numbers.map((n) => T.reportedDone(n)).join('\n'), `ticket-done-mentioned:${msg.id}`));
  },
};

/**
 * Nothing to add after these (ticket-commands' own 已办结 is found recorded already; its 签收 is not
 * a report, so a ticket said done beside it is added).
 */
const RECORDS_ITSELF = new Set(['ticket-done-mentioned', 'ticket-approval', 'none', 'ignored-stranger']);

/**
 * After another handler took a unit person's message (a dispatch answer, a 签收, a daily
 * report …): tickets it also says are done are recorded too, confirmed in one short extra line.
 */
export async function noteDoneMentions(
  taken: string,
  msg: IncomingMessage,
  sender: Person,
  ctx: AppContext,
): Promise<void> {
  if (RECORDS_ITSELF.has(taken)) return;
  const numbers = await doneMentioned(msg, sender, ctx);
  if (numbers.length === 0) return;
  await record(numbers, msg, sender, ctx);
  await ctx.send(replyTo(msg, T.alsoReportedDone(numbers), `ticket-done-mentioned:${msg.id}`));
}
