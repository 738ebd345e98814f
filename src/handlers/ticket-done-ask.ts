import { commandOf, isQuestion, plainWords } from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import { sharesWords } from '../domain/language/shares-words.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import { isUnitWorker } from '../domain/roster.js';
import { doneWhichTicket } from '../domain/texts/tickets.js';
import { isDayTicketsStatement } from '../domain/tickets/day-statement.js';
import { addTicketDoneQuestion } from '../store/ticket-done-questions.js';
import { overdueOrReopenedOfUnit } from '../store/tickets.js';
import type { AppContext } from '../usecases/context.js';
import { toPerson } from '../usecases/send.js';
import { unlessReport } from './report-parse.js';
import { unitWorkerHandler } from './types.js';
import { namedByTopic, waitingThings } from './unit-items.js';

const MAX_CHARS = 300;
/** 工单 / 单子 / 那件 … said to be done: 已经办完了, 办结了, 处理完毕, 已解决. */
const TICKET_WORD = /工单|单子|12345|热线/;
/**
 * Done in everyday words: closed (办结, 办完, 处理好了), repaired (修好了, 已修复), answered to the caller
 * (已答复市民, 已经电话回复市民了) or handled on site (已上门处置, 处置了); never denied (没修好, 还没有办完, 未处置).
 */
const DONE_WORD = new RegExp(
  '(?<!没|未|不|没有|尚未)(?:办结|办完|处理完|处置完|办理完毕|解决了|已解决|已经解决|办好了|处理好了|清理完毕|' +
    '修好|已修复|修复了|已维修|维修好|搞定了|弄好了|已整改|整改完毕|整改到位|' +
    '已经?(?:电话|上门)?(?:答复|回复)了?(?:市民|群众|来电人|诉求人)|' +
    '(?:答复|回复)了?(?:市民|群众|来电人|诉求人)了|' +
    '已经?(?:上门|到场|现场|安排人员?|派人)?处置|处置了)',
);
/** A number or code: the ticket commands and the answer handlers take those. */
const NAMES_SOMETHING = /(?<!\d)(?!12345(?!\d))[A-Za-z]{0,4}\d{4,}|(?<![A-Za-z0-9])(?:SP|D|TB)\s?\d{1,8}/i;

type Decision = { tickets: Array<{ number: string; title: string }>; named: boolean };

async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<Decision | null> {
  if (!isUnitWorker(sender) || sender.unit === undefined || msg.via === 'card') return null;
  const text = commandText(msg).trim();
  if (text === '' || text.length > MAX_CHARS || commandOf(text) !== null || NAMES_SOMETHING.test(text)) return null;
  const s = plainWords(text);
  if (!DONE_WORD.test(s) || isQuestion(s) || isDayTicketsStatement(s)) return null;
  // A waiting round or dispatch its words name (滨江花园电梯 → SP1's ticket) is the answer handlers' to take or ask.
  const things = await waitingThings(ctx, sender.unit);
  const topic = await namedByTopic(ctx, sender.unit, s, things);
  if (topic.items.length > 0) return null;
  if (topic.tickets.length > 0) return { tickets: topic.tickets, named: true };
  // 那个工单已经办完了, naming none by its words: privately, the unit's overdue or reopened ones.
  if (msg.chat !== 'private' || !TICKET_WORD.test(s)) return null;
  const tickets = await overdueOrReopenedOfUnit(ctx.db, sender.unit, ctx.clock.now());
  if (tickets.length === 0) return null;
  // The one whose title the message names (海港路菜市场), when only one does.
  const named = tickets.filter((t) => sharesWords(t.title, s));
  return { tickets: named.length === 1 ? named : tickets, named: false };
}

/**
 * A unit person says a ticket is done but names no number (学位那件已经电话回复市民了，已办结 / 海港路菜市场那个
 * 工单已经办完了), in the group or privately: the bot never records it without the number. It asks privately about
 * the unit's open tickets its words name (是否指工单 …？, or lists them when several), else — privately, saying 工单 —
 * names the unit's overdue or reopened ones. With one named, the sender's yes within two hours records this message
 * as its report (ticket-done-confirm). A round or dispatch its words name is left to the answer handlers.
 */
const asked = unitWorkerHandler('ticket-done-ask', decide, async (dec, msg, sender, ctx) => {
  // One ticket named: the sender's yes (是的 / 对 / 确认) records this message as its report (ticket-done-confirm).
  const one = dec.tickets.length === 1 ? dec.tickets[0] : undefined;
  if (one !== undefined && sender.unit !== undefined) {
    await addTicketDoneQuestion(ctx.db, {
      unitId: sender.unit,
      senderId: sender.id,
      messageId: msg.id,
      text: ownWords(msg.text).trim(),
      number: one.number,
      at: new Date(msg.sentAt),
    });
  }
  await ctx.send(toPerson(msg.senderId, doneWhichTicket(dec.tickets, dec.named), `ticket-done-ask:${msg.id}`));
});

/** A daily report (市场监管局今日受理工单5件，均已办结) is the report handler's, whatever it says is 办结. */
export const ticketDoneAskHandler = unlessReport(asked);
