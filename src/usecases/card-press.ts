import type { CardAction, CardVerdict } from '../bot/channel.js';
import type { IncomingMessage } from '../domain/messages.js';
import { personName, unitName } from '../domain/roster.js';
import {
  type CardMeaning,
  decidePress,
  parseButtonKey,
  pressOutcome,
  type SignRecord,
  typedText,
} from '../domain/sign-card.js';
import * as C from '../domain/texts/card-press.js';
import { formatShort } from '../domain/time.js';
import { withinMs } from '../lib/within.js';
import { markInboundsProcessed, recordInbounds } from '../store/audit.js';
import { unitSignRecord } from '../store/sign-records.js';
import type { AppContext } from './context.js';

/** The handler name a refused press is recorded under (inbound_messages.handler). */
export const CARD_REFUSED = 'card-refused';
/** The handler name a press on an item signed before is recorded under (nothing queued for it). */
export const CARD_ALREADY_SIGNED = 'card-already-signed';
/** How long a refusal's record may hold up the verdict (the chat changes a card only briefly). */
const RECORD_WAIT_MS = 1_500;
/**
 * How long the hand-off to the inbound queue may hold it up (Redis down: the add waits for it to
 * come back), the read of the item's 签收 record before it included: the verdict's whole budget.
 */
const RECEIVE_WAIT_MS = 3_000;
/** How long the read of the item's 签收 record may take (the database slow: signed as if unsigned). */
const READ_WAIT_MS = 1_000;

/** The id of the message a press becomes: a redelivered press (same event id) is processed once. */
export function cardMessageId(eventId: string): string {
  return `card:${eventId}`;
}

/** The message a press stands for: what the person would have typed, where they pressed, made by the card. */
export function cardMessage(a: CardAction, text: string): IncomingMessage {
  return {
    id: cardMessageId(a.id),
    chat: a.chat,
    roomId: a.roomId,
    senderId: a.senderId,
    senderName: a.senderName,
    text,
    mentionIds: [],
    sentAt: a.receivedAt,
    receivedAt: a.receivedAt,
    file: null,
    via: 'card',
  };
}

/** Waits for `p` at most `ms` (its failure logged by the caller's catch); true when it settled in time. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  return (
    (await withinMs(
      p.then(() => true),
      ms,
    )) !== 'late'
  );
}

/** The unit's 签收 record of the item, or 'unknown' when the read failed or took longer than `ms` (logged). */
async function readSignRecord(
  ctx: AppContext,
  m: CardMeaning,
  unitId: string,
  ms: number,
): Promise<SignRecord | null | 'unknown'> {
  const read = unitSignRecord(ctx.db, m, unitId);
  let record: SignRecord | null | 'unknown' = 'unknown';
  const settled = read.then(
    (r) => {
      record = r;
    },
    (err) => ctx.log.error({ err, unit: unitId }, 'card press: 签收 record not read; signing as if unsigned'),
  );
  if (!(await within(settled, ms)))
    ctx.log.warn({ unit: unitId }, 'card press: 签收 record slow to read; signing as if unsigned');
  return record;
}

/**
 * A press that is not handed to the handlers, recorded in the inbound audit, processed at once
 * by `handler` (a refusal, or a press on an item signed before). A redelivered press whose
 * message was handled already keeps its row as it was.
 */
async function recordUnqueued(
  ctx: AppContext,
  a: CardAction,
  m: CardMeaning | null,
  handler: string,
  error?: string,
): Promise<void> {
  const msg = cardMessage(a, m ? typedText(m) : a.actionKey);
  const write = (async () => {
    const [row] = await recordInbounds(ctx.db, [{ m: msg, knownSender: ctx.roster.person(a.senderId) !== undefined }]);
    if (row?.processed) return;
    const at = ctx.clock.now();
    await markInboundsProcessed(ctx.db, [{ id: msg.id, handler, at, ...(error !== undefined ? { error } : {}) }]);
  })();
  write.catch((err) => ctx.log.error({ err, event: a.id, handler }, 'card press not recorded'));
  if (!(await within(write, RECORD_WAIT_MS)))
    ctx.log.warn({ event: a.id, handler }, 'card press: its record still pending; answered without waiting');
}

/**
 * A press on a card's 签收 button (a channel with interactive cards): decided at once from the
 * roster. Accepted, it becomes the message the person would have typed (`D3 收到`, `SP2 签收`,
 * `签收`), handed to the durable inbound path like any received message, so the store and the
 * audit get the same rows as a typed 签收; the card then reads 已签收（姓名 时间）. Unless the unit's
 * item is signed already (typed, or a colleague's press; read first, one indexed lookup): then
 * nothing is queued (no second confirmation, no second 签收), the press is recorded, and the card
 * shows the record that stands: 此前已签收（姓名 时间）. Two presses at the same moment both read
 * "unsigned" and both go to the handlers, which sign the item once. Refused (another unit's item,
 * a leader on the dispatch they sent, someone off the roster, a card we cannot read): recorded,
 * and only the presser sees the polite refusal.
 */
export async function pressCard(
  ctx: AppContext,
  receive: (m: IncomingMessage) => Promise<void>,
  a: CardAction,
): Promise<CardVerdict> {
  const meaning = parseButtonKey(a.actionKey);
  const presser = ctx.roster.person(a.senderId);
  const d = decidePress(meaning, presser);
  const logged = { event: a.id, card: a.cardKey, action: a.actionKey, from: a.senderId, chat: a.chat };
  if (!d.ok) {
    ctx.log.warn({ ...logged, name: a.senderName, why: d.why }, 'card press refused');
    await recordUnqueued(ctx, a, meaning, CARD_REFUSED, d.why);
    const text =
      d.why === 'stranger'
        ? C.refusedText.stranger
        : d.why === 'unknown-card'
          ? C.refusedText.unknownCard
          : C.refusedText.notResponsible(d.unitIds.map((u) => unitName(ctx.roster, u)));
    return { accepted: false, title: C.REFUSED_TITLE, text, scope: 'presser' };
  }
  const m = meaning as CardMeaning;
  const started = performance.now();
  const o = pressOutcome(d, await readSignRecord(ctx, m, d.unitId, READ_WAIT_MS));
  const unit = unitName(ctx.roster, d.unitId);
  if (o.act === 'show-record') {
    // Signed before (typed, or pressed by a colleague): the card shows the record that stands.
    const { by, at } = o.record;
    ctx.log.info({ ...logged, unit: d.unitId, by, at }, 'card press on an item signed before: record shown');
    await recordUnqueued(ctx, a, m, CARD_ALREADY_SIGNED);
    const when = formatShort(at, ctx.config.timezone);
    return {
      accepted: true,
      title: C.SIGNED_TITLE,
      text: C.signedBeforeText(by === null ? null : personName(ctx.roster, by), unit, when, o.scope === 'presser'),
      scope: o.scope,
    };
  }
  const receiveWait = RECEIVE_WAIT_MS - Math.min(performance.now() - started, READ_WAIT_MS);
  try {
    if (!(await within(receive(cardMessage(a, typedText(m))), receiveWait))) {
      // Queued once Redis answers (the add is still pending): most likely recorded, not yet sure.
      ctx.log.warn({ ...logged, unit: d.unitId }, 'card press: inbound queue slow; answered before it was queued');
      return { accepted: true, title: C.PRESS_PENDING_TITLE, text: C.PRESS_PENDING_TEXT, scope: 'presser' };
    }
  } catch (err) {
    ctx.log.error({ ...logged, err }, 'card press could not be queued: nothing signed');
    return { accepted: false, title: C.PRESS_FAILED_TITLE, text: C.PRESS_FAILED_TEXT, scope: 'presser' };
  }
  ctx.log.info({ ...logged, unit: d.unitId, as: typedText(m) }, 'card press accepted');
  const at = formatShort(new Date(a.receivedAt), ctx.config.timezone);
  const name = personName(ctx.roster, a.senderId);
  return {
    accepted: true,
    title: C.SIGNED_TITLE,
    text: C.signedText(name, unit, at, o.scope === 'presser'),
    scope: o.scope,
  };
}
