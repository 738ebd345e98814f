import { ackTail, commandOf, FINDING, HANDLED, isQuestion, plainWords } from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import { sharesWords } from '../domain/language/shares-words.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import { isUnitWorker } from '../domain/roster.js';
import * as T from '../domain/texts/tickets.js';
import type { OpenTicket } from '../domain/tickets/digest.js';
import { addTicketDoneQuestion } from '../store/ticket-done-questions.js';
import { ackLatestDigest, latestUnackedDigestAt } from '../store/ticket-nag.js';
import { overdueOrReopenedOfUnit } from '../store/tickets.js';
import type { AppContext } from '../usecases/context.js';
import { replyTo, toPerson } from '../usecases/send.js';
import { signableSince } from '../usecases/signable.js';
import { unitWorkerHandler } from './types.js';

const MAX_CHARS = 300;
/** A code or a ticket number: the code handlers and the ticket commands take those. */
const NAMES_SOMETHING = /(?<!\d)(?!12345(?!\d))[A-Za-z]{0,4}\d{4,}|(?<![A-Za-z0-9])(?:SP|D|TB)\s?\d{1,8}/i;
/** Done in everyday words: 修好了 / 弄好了 / 搞定 / 办完了 / 处理完毕 / 已解决. */
const DONE_WORD = /修好|弄好|搞定|办好|办完|办结|处理完|处置完|完毕|完工|解决了|已解决|好了|完成/;

type Decision = { unitId: string; tickets: OpenTicket[] };

/** 签收，公交站台已经修好了 / 收到👍 路灯修好了: an acknowledgement whose remark says something is done. */
export function ackWithDoneRemark(text: string): string | null {
  const tail = ackTail(text);
  if (tail === null || tail.length < 2 || isQuestion(tail)) return null;
  const s = plainWords(tail);
  return HANDLED.test(s) || FINDING.test(s) || DONE_WORD.test(s) ? s : null;
}

async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<Decision | null> {
  const unitId = sender.unit;
  if (!isUnitWorker(sender) || unitId === undefined) return null;
  const text = commandText(msg).trim();
  if (text === '' || text.length > MAX_CHARS || commandOf(text) !== null || NAMES_SOMETHING.test(text)) return null;
  const remark = ackWithDoneRemark(text);
  if (remark === null) return null;
  const digestAt = await latestUnackedDigestAt(ctx.db, unitId);
  if (digestAt === null || (await signableSince(ctx, unitId, digestAt))) return null;
  const tickets = await overdueOrReopenedOfUnit(ctx.db, unitId, ctx.clock.now());
  const named = tickets.filter((t) => sharesWords(t.title, remark));
  return { unitId, tickets: named.length === 1 ? named : tickets };
}

/**
 * 签收，公交站台已经修好了 after a ticket digest (即时督办): the 签收 signs the digest as a bare 签收
 * does, and the remark is never lost. Naming one of the unit's overdue or reopened tickets (or the
 * unit having just one), the sender is asked privately whether to report it done: a yes
 * (ticket-done-confirm) records this message as its report. Several: which one, with the reply form.
 */
export const ticketAckRemarkHandler = unitWorkerHandler('ticket-ack-remark', decide, async (dec, msg, sender, ctx) => {
  const cycle = await ackLatestDigest(ctx.db, dec.unitId, sender.id, ctx.clock.now());
  await ctx.send(replyTo(msg, cycle ? T.ACK_RECORDED : T.ACK_NOTHING, `ticket-command:${msg.id}`));
  if (dec.tickets.length === 0) return;
  const one = dec.tickets.length === 1 ? dec.tickets[0] : undefined;
  if (one !== undefined) {
    await addTicketDoneQuestion(ctx.db, {
      unitId: dec.unitId,
      senderId: sender.id,
      messageId: msg.id,
      text: ownWords(msg.text).trim(),
      number: one.number,
      at: new Date(msg.sentAt),
    });
  }
  await ctx.send(toPerson(sender.id, T.doneWhichTicket(dec.tickets), `ticket-done-ask:${msg.id}`));
});
