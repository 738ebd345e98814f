import { addressingOf } from '../domain/dispatch/addressing.js';
import { commandOf, isSoftAck } from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import { isUnitWorker } from '../domain/roster.js';
import { signWhichText } from '../domain/texts/answers.js';
import * as DT from '../domain/texts/dual.js';
import { inboundMentions } from '../store/audit.js';
import { dispatchesForUnit } from '../store/dispatches.js';
import { recordSideAck, roundByCode } from '../store/dual.js';
import { latestUnackedDigestAt } from '../store/ticket-nag.js';
import type { AppContext } from '../usecases/context.js';
import { leaderRefs } from '../usecases/dispatch-common.js';
import { toPerson } from '../usecases/send.js';
import { applyReply } from './dispatch-answer.js';
import { unitWorkerHandler } from './types.js';
import { type WaitingThing, waitingThings } from './unit-items.js';

const MAX_CHARS = 200;
/** A code or a ticket number: the message says what it is about (the code handlers take it). */
const NAMES_SOMETHING = /(?<![A-Za-z0-9])(?:SP|D)\s?\d{1,8}(?!\d)|\d{6,}|TB\d/i;

type Decision =
  | { kind: 'sign'; item: WaitingThing; unitId: string }
  | { kind: 'ask'; items: WaitingThing[]; unitId: string };

/**
 * The things a bare acknowledgement may sign: the unit's unsigned dispatches and rounds, those
 * that reached it after its latest unsigned ticket digest (that digest takes a 签收 sent after it).
 */
async function signable(ctx: AppContext, unitId: string): Promise<WaitingThing[] | null> {
  const unsigned = (await waitingThings(ctx, unitId)).filter((w) => w.unsigned);
  if (unsigned.length === 0) return null;
  const digestAt = await latestUnackedDigestAt(ctx.db, unitId);
  if (digestAt === null) return unsigned;
  const later = unsigned.filter((w) => w.deliveredAt !== null && w.deliveredAt.getTime() > digestAt.getTime());
  return later.length > 0 ? later : null;
}

/**
 * 好的李主任，马上安排… : of several unsigned items, the one dispatch the named (or @-mentioned) leader issued; all of
 * them when the message names no leader, or the leader issued none or several.
 */
function byLeaderNamed(msg: IncomingMessage, ctx: AppContext, items: WaitingThing[]): WaitingThing[] {
  const { leaderIds } = addressingOf(ownWords(msg.text), msg.mentionIds, leaderRefs(ctx));
  if (leaderIds.length === 0) return items;
  const theirs = items.filter(
    (w) => w.kind === 'dispatch' && w.leaderId !== undefined && leaderIds.includes(w.leaderId),
  );
  return theirs.length === 1 ? theirs : items;
}

/** How long after a leader's group dispatch @-mentioning someone that person's bare 收到 is taken as its 签收. */
const RECENT_MENTION_MINUTES = 30;

/**
 * In the group, 收到 just after a leader's dispatch @-mentioned the sender (within half an hour): of several unsigned
 * items, that dispatch (the one the 收到 answers); all of them when none or several did.
 */
async function byRecentMention(msg: IncomingMessage, ctx: AppContext, items: WaitingThing[]): Promise<WaitingThing[]> {
  if (msg.chat !== 'group') return items;
  const at = new Date(msg.sentAt).getTime();
  const hits: WaitingThing[] = [];
  for (const w of items) {
    if (w.kind !== 'dispatch' || w.sourceMessageId === undefined || w.deliveredAt === null) continue;
    const age = at - w.deliveredAt.getTime();
    if (age < 0 || age > RECENT_MENTION_MINUTES * 60_000) continue;
    if ((await inboundMentions(ctx.db, w.sourceMessageId))?.includes(msg.senderId)) hits.push(w);
  }
  return hits.length === 1 ? hits : items;
}

async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<Decision | null> {
  const unitId = sender.unit;
  // A card's press names what it signs (its bare 签收 is a digest's): never a guess among the unit's items.
  if (!isUnitWorker(sender) || unitId === undefined || msg.via === 'card') return null;
  const text = ownWords(commandText(msg)).trim();
  if (text === '' || text.length > MAX_CHARS || commandOf(text) !== null || NAMES_SOMETHING.test(text)) return null;
  if (!isSoftAck(text)) return null;
  const all = await signable(ctx, unitId);
  if (all === null) return null;
  const named = all.length > 1 ? byLeaderNamed(msg, ctx, all) : all;
  const items = named.length > 1 ? await byRecentMention(msg, ctx, named) : named;
  return items.length === 1 ? { kind: 'sign', item: items[0] as WaitingThing, unitId } : { kind: 'ask', items, unitId };
}

/**
 * A unit person's bare acknowledgement (收到, 好的, 👌, OK, 嗯嗯, 明白, 收到马上安排 …) with no code,
 * in the group or privately, while the unit has something unsigned: with exactly one (a
 * dispatch or a 双派单 round) it signs it and confirms privately; with several it signs the one dispatch of the
 * leader it names (好的李主任，…), else asks which, privately. Nothing unsigned: the other handlers (ticket
 * digests, answer-clarify) decide.
 */
export const unitAckHandler = unitWorkerHandler('unit-ack', decide, async (dec, msg, sender, ctx) => {
  const toSender = (text: string, purpose: string) => ctx.send(toPerson(sender.id, text, purpose));
  if (dec.kind === 'ask') {
    await toSender(signWhichText(dec.items), `unit-ack-which:${msg.id}`);
    return;
  }
  const at = new Date(msg.sentAt);
  const text = ownWords(msg.text).trim();
  if (dec.item.kind === 'dispatch') {
    const [d] = await dispatchesForUnit(ctx.db, dec.unitId, [dec.item.code]);
    const found =
      d && d.code === dec.item.code
        ? d
        : (await dispatchesForUnit(ctx.db, dec.unitId)).find((x) => x.code === dec.item.code);
    if (found)
      await applyReply(ctx, found, dec.unitId, 'ack', {
        senderId: sender.id,
        messageId: msg.id,
        text,
        at,
        chat: 'private',
      });
    return;
  }
  const r = await roundByCode(ctx.db, dec.item.code);
  const side = r?.sides.find((s) => s.unitId === dec.unitId);
  if (!r || !side) return;
  await recordSideAck(ctx.db, r.id, side.side, { by: sender.id, at, messageId: msg.id, text });
  await toSender(DT.ackConfirmText(r.code, r.deadline, ctx.config.timezone, at), `dual-reply:${msg.id}`);
});
