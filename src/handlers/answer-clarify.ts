import type { IncomingMessage } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import { commandOf, isAck } from '../domain/text/intent.js';
import { ownWords } from '../domain/text/quote.js';
import { clarifyText, type WaitingItem } from '../domain/texts/answers.js';
import { summary } from '../domain/texts/dispatch.js';
import { dispatchesForUnit } from '../store/dispatches.js';
import { roundsAwaitingUnit } from '../store/dual.js';
import { getTicket } from '../store/tickets.js';
import { commandText, decidingHandler, type HandlerContext } from './context.js';

const MAX_CHARS = 5_000;

/** What still waits for a reply from the unit: its 双派单 rounds and its unanswered dispatches. */
async function waitingFor(ctx: HandlerContext, unitId: string): Promise<WaitingItem[]> {
  const items: WaitingItem[] = [];
  for (const r of await roundsAwaitingUnit(ctx.db, unitId)) {
    const title = (await getTicket(ctx.db, r.ticketNumber))?.title ?? '';
    const stage = r.status === 'answered' ? '，待回答双倒查' : '';
    items.push({ code: r.code, what: `双派单，工单 ${r.ticketNumber}${title ? `「${summary(title, 16)}」` : ''}${stage}` });
  }
  for (const d of await dispatchesForUnit(ctx.db, unitId)) {
    if (d.targets.find((t) => t.unitId === unitId)?.answeredAt) continue;
    items.push({ code: d.code, what: `调度“${summary(d.text, 20)}”` });
  }
  return items;
}

async function decide(msg: IncomingMessage, sender: Person, ctx: HandlerContext): Promise<{ items: WaitingItem[]; ack: boolean } | null> {
  if (msg.chat !== 'private' || sender.unit === undefined) return null;
  const text = ownWords(commandText(msg)).trim();
  if (text === '' || text.length > MAX_CHARS || commandOf(text) !== null) return null;
  const items = await waitingFor(ctx, sender.unit);
  return items.length > 0 ? { items, ack: isAck(text.replace(/(?<![A-Za-z0-9])(?:SP|D)\s?\d{1,8}/gi, ' ')) } : null;
}

/**
 * A head's or liaison's private message that no answer handler could take (no code and no
 * substance, like 好的 / 在吗 / 谢谢, or several things waiting) while something waits for the
 * unit: the bot asks which, listing the codes, instead of recording or ignoring it.
 */
export const answerClarifyHandler = decidingHandler('answer-clarify', decide, async (dec, msg, _sender, ctx) => {
  await ctx.send({ to: { kind: 'person', id: msg.senderId }, text: clarifyText(dec.items, dec.ack), mentions: [], purpose: `answer-clarify:${msg.id}` });
});
