import { type Addressing, addressingOf, quotesDispatch } from '../domain/dispatch/addressing.js';
import { classifyReply, type Link, linkReply, type ReplyClass, replyBody } from '../domain/dispatch/flow-answer.js';
import { ownWords } from '../domain/language/quote.js';
import type { IncomingMessage } from '../domain/messages.js';
import { parseReport } from '../domain/report/parse.js';
import { isUnitWorker, type Person, personName, unitName } from '../domain/roster.js';
import { courtesyText } from '../domain/texts/answers.js';
import {
  ackConfirmText,
  alreadyAckedText,
  answerConfirmText,
  answerForwardText,
  askWhichText,
  summary,
} from '../domain/texts/dispatch.js';
import {
  addEvent,
  addPendingReply,
  type Dispatch,
  dispatchesForUnit,
  hasOpenDispatch,
  latestPendingReply,
  type PendingReply,
  recordAck,
  recordAnswer,
  resolvePendingReply,
  supersedePendingReplies,
} from '../store/dispatches.js';
import { roundsAwaitingUnit } from '../store/dual.js';
import type { AppContext } from '../usecases/context.js';
import { leaderName, leaderRefs } from '../usecases/dispatch-common.js';
import { toPerson } from '../usecases/send.js';
import { unitWorkerHandler } from './types.js';
import { namedByTopic, waitingThings } from './unit-items.js';

const MAX_CHARS = 5_000;
/** How long a message held by answer-clarify waits for its sender to name the item. */
const HELD_HOURS = 2;
/** How long a reply the bot could not link waits for the unit to name the code. */
const PENDING_HOURS = 72;

type Decision =
  | { kind: 'link'; reply: ReplyClass; dispatch: Dispatch; unitId: string }
  | { kind: 'ask'; reply: ReplyClass; dispatches: Dispatch[]; unitId: string }
  | { kind: 'resolve'; pending: PendingReply; dispatch: Dispatch; unitId: string };

function mentionsBot(msg: IncomingMessage, ctx: AppContext): boolean {
  return msg.mentionIds.some((id) => ctx.roster.person(id) === undefined) || /@[^\s@\u2005]{0,6}助手/.test(msg.text);
}

/**
 * The dispatches a group answer addressed to a leader is about: those it quotes, else those
 * of the leaders it addresses; all of them when that leaves none.
 */
function narrowByAddress(mine: Dispatch[], a: Addressing): Dispatch[] {
  if (a.quote) {
    const quoted = mine.filter((d) => quotesDispatch(a.quote?.quoted ?? '', d));
    if (quoted.length > 0) return quoted;
  }
  if (a.leaderIds.length > 0) {
    const theirs = mine.filter((d) => a.leaderIds.includes(d.leaderId));
    if (theirs.length > 0) return theirs;
  }
  return mine;
}

async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<Decision | null> {
  const unitId = sender.unit;
  if (!isUnitWorker(sender) || unitId === undefined) return null;
  const text = msg.text.trim();
  if (text === '' || text.length > MAX_CHARS) return null;
  const a = addressingOf(text, msg.mentionIds, leaderRefs(ctx));
  const addressed = a.leaderIds.length > 0 || a.reportStart || a.quote !== null;
  const reply = classifyReply(text, { chat: msg.chat, mentionsBot: mentionsBot(msg, ctx), addressed });
  if (!reply) return null;
  if (reply.codeOnly) {
    const pending = await latestPendingReply(ctx.db, unitId);
    if (!pending) return null;
    const age = ctx.clock.now().getTime() - pending.at.getTime();
    // A message held by answer-clarify (it may name rounds too) waits for its own sender, briefly.
    if (
      pending.held === true
        ? pending.senderId !== sender.id || age > HELD_HOURS * 3_600_000
        : age > PENDING_HOURS * 3_600_000
    )
      return null;
    const mine = await dispatchesForUnit(ctx.db, unitId, reply.codes);
    const d = mine.find((x) => reply.codes.includes(x.code));
    return d ? { kind: 'resolve', pending, dispatch: d, unitId } : null;
  }
  // A daily report is never an answer, whatever it says (checked before the look-up).
  if (
    reply.kind === 'answer' &&
    parseReport({ text, sentAt: msg.sentAt, from: sender.id }, ctx.roster, ctx.config.timezone).isReport
  )
    return null;
  // A bare 收到 is the group's daily chatter: one batched question first, the full read only if the unit has a
  // dispatch open.
  if (reply.codes.length === 0 && !(await hasOpenDispatch(ctx.db, unitId))) return null;
  const all = await dispatchesForUnit(ctx.db, unitId, reply.codes);
  if (all.length === 0) return null;
  // Addressed to a leader (…结果出来后报李主任, @王副主任, 报告王主任…) whose dispatch is open for the unit
  // (or quoting one of them): those, whatever else waits.
  const mine = reply.codes.length === 0 ? narrowByAddress(all, a) : all;
  const toLeader = mine !== all;
  // A private answer naming no code while a 双派单 round also waits for the unit: ambiguous (answer-clarify asks).
  if (
    !toLeader &&
    msg.chat === 'private' &&
    reply.kind === 'answer' &&
    reply.codes.length === 0 &&
    (await roundsAwaitingUnit(ctx.db, unitId)).length > 0
  )
    return null;
  // Its words name a 双派单 round or an open ticket of the unit and no dispatch, or several waiting items (the
  // dispatch and a round): never a dispatch's answer by default, on either channel (answer-clarify and
  // ticket-done-ask ask which).
  if (reply.kind === 'answer' && reply.codes.length === 0 && !toLeader) {
    const topic = await namedByTopic(ctx, unitId, replyBody(text), await waitingThings(ctx, unitId));
    const other = topic.tickets.length > 0 || topic.items.length > 0;
    if (other && (!topic.items.some((w) => w.kind === 'dispatch') || topic.items.length > 1)) return null;
  }
  const link: Link = linkReply(
    reply.kind,
    reply.codes,
    mine.map((d) => {
      const t = d.targets.find((x) => x.unitId === unitId);
      return { code: d.code, acked: t?.ackedAt != null, answered: t?.answeredAt != null };
    }),
  );
  if (link.kind === 'none') return null;
  if (link.kind === 'ask')
    return { kind: 'ask', reply, dispatches: mine.filter((d) => link.codes.includes(d.code)), unitId };
  return { kind: 'link', reply, dispatch: mine.find((d) => d.code === link.code) as Dispatch, unitId };
}

/** Records a unit's 签收 or answer to a dispatch: confirms it to the sender, forwards an answer to the leader. */
export async function applyReply(
  ctx: AppContext,
  d: Dispatch,
  unitId: string,
  kind: 'ack' | 'answer',
  r: { senderId: string; messageId: string; text: string; at: Date; chat?: 'group' | 'private'; via?: 'card' },
): Promise<void> {
  const tz = ctx.config.timezone;
  const toSender = (text: string, purpose: string) => ctx.send(toPerson(r.senderId, text, purpose));
  const target = d.targets.find((t) => t.unitId === unitId);
  if (kind === 'ack') {
    await recordAck(ctx.db, d.id, unitId, r.senderId, r.at, r.messageId, r.text);
    const first = !target?.ackedAt && !target?.answeredAt;
    // A card's 签收 button: the card itself now reads 已签收, no second confirmation.
    if (first && r.via !== 'card')
      await toSender(ackConfirmText(d.code, d.deadline, tz, r.at), `dispatch:${d.code}:ack-confirm:${unitId}`);
    // Signed before: privately (or by a card) the sender still hears where it stands; in the group, nothing.
    else if (!first && !target?.answeredAt && (r.chat === 'private' || r.via === 'card'))
      await toSender(alreadyAckedText(d.code, d.deadline, tz), `dispatch:${d.code}:ack-again:${r.messageId}`);
    return;
  }
  const allAnswered = await recordAnswer(ctx.db, d.id, unitId, r.senderId, r.at, r.messageId, r.text);
  const leader = leaderName(ctx, d.leaderId);
  const late = (target?.answeredAt ?? r.at).getTime() > d.deadline.getTime();
  const sender = personName(ctx.roster, r.senderId);
  await ctx.send(
    toPerson(
      d.leaderId,
      answerForwardText({
        code: d.code,
        unit: unitName(ctx.roster, unitId),
        sender,
        text: r.text,
        dispatchText: d.text,
        late,
        allAnswered,
        units: d.targets.length,
      }),
      `dispatch:${d.code}:forward:${r.messageId}`,
    ),
  );
  await addEvent(ctx.db, d.id, {
    kind: 'forwarded',
    unitId,
    actorId: d.leaderId,
    messageId: r.messageId,
    text: null,
    at: ctx.clock.now(),
  });
  await toSender(answerConfirmText(d.code, leader), `dispatch:${d.code}:answer-confirm:${r.messageId}`);
}

/**
 * A head's or liaison's reply to a dispatch: 收到/签收 acknowledges, a reply with content is
 * the unit's answer (forwarded to the leader point-to-point). Linked by code, else to the
 * unit's only open dispatch; with several open the bot asks which. In the group a reply with no
 * code counts when it is addressed to the leader (@, name, a quoted dispatch, 报告…) and carries
 * substance. Commands, empty words (好的, 谢谢), group chit-chat and daily
 * reports are left to the other handlers.
 */
export const dispatchAnswerHandler = unitWorkerHandler('dispatch-answer', decide, async (dec, msg, sender, ctx) => {
  const at = new Date(msg.sentAt);
  const text = ownWords(msg.text).trim();
  if (dec.kind === 'resolve') {
    if (!(await resolvePendingReply(ctx.db, dec.pending.id, dec.dispatch.code, ctx.clock.now()))) return;
    await applyReply(ctx, dec.dispatch, dec.unitId, dec.pending.kind, {
      senderId: dec.pending.senderId,
      messageId: dec.pending.messageId,
      text: dec.pending.text,
      at: dec.pending.at,
    });
    return;
  }
  if (dec.kind === 'ask') {
    // 收到 when every one of them is signed already: said so, with what is due (never which one it signs).
    const signed = dec.dispatches.every((d) => d.targets.some((t) => t.unitId === dec.unitId && t.ackedAt));
    if (dec.reply.kind === 'ack' && signed) {
      const items = dec.dispatches.map((d) => ({ code: d.code, what: `调度“${summary(d.text)}”` }));
      await ctx.send(toPerson(sender.id, courtesyText('signed', items), `dispatch:ack-again:${msg.id}`));
      return;
    }
    const codes = dec.dispatches.map((d) => d.code);
    await addPendingReply(ctx.db, {
      unitId: dec.unitId,
      senderId: sender.id,
      messageId: msg.id,
      kind: dec.reply.kind,
      text,
      codes,
      at,
    });
    for (const d of dec.dispatches) {
      await addEvent(ctx.db, d.id, {
        kind: 'ask-which',
        unitId: dec.unitId,
        actorId: sender.id,
        messageId: msg.id,
        text,
        at: ctx.clock.now(),
        detail: { codes },
      });
    }
    await ctx.send(
      toPerson(
        sender.id,
        askWhichText(
          dec.dispatches.map((d) => ({ code: d.code, text: d.text })),
          dec.reply.kind,
        ),
        `dispatch-ask:${msg.id}`,
      ),
    );
    return;
  }
  if (dec.reply.kind === 'answer') await supersedePendingReplies(ctx.db, dec.unitId, at, dec.dispatch.code);
  await applyReply(ctx, dec.dispatch, dec.unitId, dec.reply.kind, {
    senderId: sender.id,
    messageId: msg.id,
    text,
    at,
    chat: msg.chat,
    ...(msg.via ? { via: msg.via } : {}),
  });
});
