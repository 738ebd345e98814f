import {
  backcheckHasSubstance,
  isBackcheckForm,
  namedTickets,
  parseDualReply,
  splitBackcheck,
} from '../domain/dual/sides.js';
import { commandOf, hasSubstance, isQuestion } from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import { parseReport } from '../domain/report/parse.js';
import { isUnitWorker, type Person, unitName } from '../domain/roster.js';
import * as T from '../domain/texts/dual.js';
import { dispatchesForUnit } from '../store/dispatches.js';
import {
  addDualEvent,
  type DualRound,
  recordBackcheck,
  recordSideAck,
  recordSideAnswer,
  roundByCode,
  roundById,
  roundsAwaitingUnit,
} from '../store/dual.js';
import { latestUnackedDigestAt } from '../store/ticket-nag.js';
import type { AppContext } from '../usecases/context.js';
import { askBackcheck } from '../usecases/dual-flow.js';
import { replyTo } from '../usecases/send.js';
import { unitWorkerHandler } from './types.js';
import { namedByTopic, waitingThings } from './unit-items.js';

const MAX_CHARS = 5_000;

export interface RoundDecision {
  round: DualRound;
  unitId: string;
  kind: 'ack' | 'answer';
  body: string;
}

type Decision = RoundDecision;

/**
 * Which round a side unit's message is about: a round code of the unit (SP3), else a ticket
 * number of one of its rounds still waiting for it, else — privately, with no code — its only
 * waiting round, unless a ticket digest or a dispatch of the unit could be meant instead, or its words name another
 * of the unit's open tickets (学位那件已办结 is no answer to a round about 夜市油烟扰民).
 * Commands (控制台, 帮助 …) are never answers, and an answer must carry substance: a message
 * like 好的 / 在吗 / 谢谢, or a question, is left to answer-clarify, which asks.
 */
async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<Decision | null> {
  const unitId = sender.unit;
  if (!isUnitWorker(sender) || unitId === undefined) return null;
  const text = ownWords(commandText(msg)).trim();
  if (text === '' || text.length > MAX_CHARS) return null;
  if (commandOf(text) !== null) return null;
  const reply = parseDualReply(text);
  // A card's press names its round; a bare 签收 made by a card is a digest's (the ticket commands').
  if (msg.via === 'card' && reply.codes.length === 0) return null;
  if (reply.kind === 'answer' && (!hasSubstance(reply.body) || isQuestion(reply.body))) return null;
  for (const code of reply.codes) {
    const r = await roundByCode(ctx.db, code);
    if (r?.sides.some((s) => s.unitId === unitId)) return { round: r, unitId, kind: reply.kind, body: reply.body };
  }
  if (reply.codes.length > 0) return null;
  // In the group only a ticket number links a message to a round: no look-up for chit-chat.
  if (msg.chat !== 'private' && !/[A-Za-z0-9]/.test(text)) return null;
  // A daily report is never an answer (checked before the look-up: reports come in bursts).
  if (parseReport({ text, sentAt: msg.sentAt, from: sender.id }, ctx.roster, ctx.config.timezone).isReport) return null;
  const waiting = await roundsAwaitingUnit(ctx.db, unitId);
  if (waiting.length === 0) return null;
  const named = namedTickets(text, [...new Set(waiting.map((r) => r.ticketNumber))]);
  if (named.length === 1) {
    const r = waiting.filter((x) => x.ticketNumber === named[0]).at(-1) as DualRound;
    return { round: r, unitId, kind: reply.kind, body: reply.body };
  }
  if (named.length > 1 || msg.chat !== 'private' || waiting.length !== 1) return null;
  // A bare 签收 / answer in private: ours only if nothing else of the unit waits for one (a
  // ticket digest sent after the round's delivery takes a bare 签收).
  const only = waiting[0] as DualRound;
  if (reply.kind === 'ack') {
    const digestAt = await latestUnackedDigestAt(ctx.db, unitId);
    const deliveredAt = only.sides.find((s) => s.unitId === unitId)?.deliveredAt ?? null;
    if (digestAt !== null && (deliveredAt === null || digestAt.getTime() >= deliveredAt.getTime())) return null;
  }
  if ((await dispatchesForUnit(ctx.db, unitId)).length > 0) return null;
  // Its words name another of the unit's open tickets and not this round's: never this round's answer (asked).
  if (reply.kind === 'answer') {
    const topic = await namedByTopic(ctx, unitId, text, await waitingThings(ctx, unitId));
    if (topic.items.length === 0 && topic.tickets.length > 0) return null;
  }
  return { round: only, unitId, kind: reply.kind, body: reply.body };
}

/**
 * A side unit's 签收, answer or back-check answer to a 双派单 round. When both sides have
 * answered, each is asked the two back-check questions (双倒查) point-to-point.
 */
export const dualAnswerHandler = unitWorkerHandler('dual-answer', decide, (dec, msg, sender, ctx) =>
  applyRoundReply(ctx, dec, msg, sender),
);

/**
 * Records a side unit's 签收, answer or back-check answer to a round and answers `msg`'s sender
 * where `msg` came from (a held message resolved later passes a private message of its own).
 */
export async function applyRoundReply(
  ctx: AppContext,
  dec: Decision,
  msg: IncomingMessage,
  sender: Person,
): Promise<void> {
  const r = dec.round;
  const side = r.sides.find((s) => s.unitId === dec.unitId);
  if (!side) return;
  const tz = ctx.config.timezone;
  const at = new Date(msg.sentAt);
  const reply = { by: sender.id, at, messageId: msg.id, text: ownWords(msg.text).trim() };
  const answer = (text: string) => ctx.send(replyTo(msg, text, `dual-reply:${msg.id}`));
  if (r.status === 'open' && !side.answeredAt) {
    if (dec.kind === 'ack') {
      // Signed before: said so, with when; never a second 签收 recorded or confirmed as new.
      if (side.ackedAt) {
        await answer(T.alreadySignedText(r.code, side.ackedAt, tz));
        return;
      }
      await recordSideAck(ctx.db, r.id, side.side, reply);
      // A card's 签收 button: the card itself now reads 已签收, no second confirmation.
      if (msg.via !== 'card') await answer(T.ackConfirmText(r.code, r.deadline, tz, at));
      return;
    }
    const { allAnswered } = await recordSideAnswer(ctx.db, r.id, side.side, { ...reply, text: dec.body || reply.text });
    const oneSide = r.sides.length === 1;
    // Privately, the back-check questions that follow at once carry the confirmation (one message).
    if (!allAnswered || msg.chat !== 'private') await answer(T.answerConfirmText(r.code, allAnswered, oneSide));
    if (allAnswered)
      await askBackcheck(
        ctx,
        (await roundById(ctx.db, r.id)) as DualRound,
        msg.chat === 'private' ? side.side : undefined,
      );
    return;
  }
  // A back-check answer sent early (倒查：1.… 2.…, before the other side answered) is kept as the back-check answer.
  const early =
    r.status === 'open' &&
    side.answeredAt !== null &&
    !side.backcheckAt &&
    dec.kind === 'answer' &&
    isBackcheckForm(dec.body);
  if ((r.status === 'answered' || early) && !side.backcheckAt) {
    if (dec.kind === 'ack') {
      // The questions went out already: a pointer, never the same questions twice.
      if (side.backcheckAskedAt) await answer(T.backcheckPendingText(r.code));
      else
        await answer(
          T.backcheckQuestionText(r.code, r.ticketNumber, unitName(ctx.roster, dec.unitId), {
            oneSide: r.sides.length === 1,
          }),
        );
      return;
    }
    if (!backcheckHasSubstance(dec.body)) {
      await answer(T.backcheckNeedsAnswersText(r.code));
      return;
    }
    await recordBackcheck(ctx.db, r.id, side.side, { ...reply, text: dec.body }, splitBackcheck(dec.body));
    await answer(T.backcheckConfirmText(r.code));
    return;
  }
  // Already answered (or closed): kept as a supplement to the round.
  await addDualEvent(ctx.db, {
    roundId: r.id,
    side: side.side,
    kind: 'supplement',
    actorId: sender.id,
    messageId: msg.id,
    text: reply.text,
    at,
  });
  await answer(T.alreadyAnsweredText(r.code));
}
