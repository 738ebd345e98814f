import { commandOf, isQuestion } from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import { isUnitWorker } from '../domain/roster.js';
import { dayStatementText, type WaitingItem } from '../domain/texts/answers.js';
import { isDayTicketsStatement } from '../domain/tickets/day-statement.js';
import type { AppContext } from '../usecases/context.js';
import { toPerson } from '../usecases/send.js';
import { unlessReport } from './report-parse.js';
import { unitWorkerHandler } from './types.js';
import { waitingItemOf, waitingThings } from './unit-items.js';

const MAX_CHARS = 80;

type Decision = { items: WaitingItem[] };

async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<Decision | null> {
  if (!isUnitWorker(sender) || sender.unit === undefined || msg.via === 'card') return null;
  const text = ownWords(commandText(msg)).trim();
  if (text === '' || text.length > MAX_CHARS || commandOf(text) !== null || isQuestion(text)) return null;
  if (!isDayTicketsStatement(text)) return null;
  const things = await waitingThings(ctx, sender.unit);
  if (things.length === 0) return null;
  return { items: things.map(waitingItemOf) };
}

/**
 * A unit's statement about the whole day's tickets (今日工单已全部办结 / 今天的件都办完了 / 工单均已按时办结), in the
 * group or privately, while a 双派单 round or a dispatch waits for its answer: it names none of them, so it answers,
 * signs and closes nothing; the sender hears privately that it was not recorded as an answer and how to answer what
 * waits. With figures it is the unit's daily report (the report handler's).
 */
const handler = unitWorkerHandler('day-statement', decide, async (dec, msg, _sender, ctx) => {
  await ctx.send(toPerson(msg.senderId, dayStatementText(dec.items), `day-statement:${msg.id}`));
});

export const dayStatementHandler = unlessReport(handler);
