import { plainWords } from '../domain/language/intent.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import { isUnitWorker } from '../domain/roster.js';
import * as T from '../domain/texts/tickets.js';
import {
  latestTicketDoneQuestion,
  resolveTicketDoneQuestion,
  type TicketDoneQuestion,
} from '../store/ticket-done-questions.js';
import { getTicket, recordTicketEvent } from '../store/tickets.js';
import type { AppContext } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import { unitWorkerHandler } from './types.js';

/** How long "是否指工单 …？" waits for its sender's yes. */
const QUESTION_HOURS = 2;
/** 是的 / 对 / 确认 / 嗯嗯 / 是的，已办结 / 对的👌: a yes to that question. */
const YES = new RegExp(
  '^(?:是|是的|是滴|对|对的|对对|确认|确定|嗯+|没错|是这个|就是这个|就是它)(?:(?:已经?|是)?(?:办结了?|办完了?|' +
    '办好了?)|确认|是的|对的|好的)?$',
);

type Decision = { q: TicketDoneQuestion; unitId: string };

async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<Decision | null> {
  const unitId = sender.unit;
  if (!isUnitWorker(sender) || unitId === undefined) return null;
  const s = plainWords(commandText(msg)).replace(/[\s，,。.!！~～、]+/g, '');
  if (s === '' || s.length > 12 || !YES.test(s)) return null;
  const q = await latestTicketDoneQuestion(ctx.db, unitId, sender.id);
  if (!q || ctx.clock.now().getTime() - q.at.getTime() > QUESTION_HOURS * 3_600_000) return null;
  return { q, unitId };
}

/**
 * The yes (是的 / 对 / 确认) to "是否指工单 GD…？" from the person asked, within two hours:
 * the ticket is recorded as reported done by the unit, with the message asked about as the note,
 * and confirmed as `GD… 已办结 说明` is. Never a digest 签收 while that question waits.
 */
export const ticketDoneConfirmHandler = unitWorkerHandler(
  'ticket-done-confirm',
  decide,
  async (dec, msg, sender, ctx) => {
    const now = ctx.clock.now();
    if (!(await resolveTicketDoneQuestion(ctx.db, dec.q.id, now))) return;
    const purpose = `ticket-command:${msg.id}`;
    const t = await getTicket(ctx.db, dec.q.number);
    if (!t || t.unitId !== dec.unitId) {
      await ctx.send(replyTo(msg, T.unknownTicket(dec.q.number), purpose));
      return;
    }
    await recordTicketEvent(ctx.db, dec.q.number, 'reported-done', now, `chat:${sender.id}`, {
      note: dec.q.text,
      message: dec.q.messageId,
    });
    await ctx.send(replyTo(msg, T.reportedDone(dec.q.number), purpose));
  },
);
