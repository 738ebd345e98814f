import { type Addressing, addressingOf } from '../domain/dispatch/addressing.js';
import {
  aboutTheBot,
  commandOf,
  courtesyOf,
  FINDING,
  HANDLED,
  hasSubstance,
  isAck,
  isAckOnly,
  isQuestion,
  isSoftAck,
  plainWords,
} from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import { sharesWords } from '../domain/language/shares-words.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import { parseReport } from '../domain/report/parse.js';
import type { Person } from '../domain/roster.js';
import { isUnitWorker } from '../domain/roster.js';
import {
  alreadyForwardedText,
  clarifyText,
  courtesyText,
  groupAnswerAskText,
  isBackcheckOnly,
  type WaitingItem,
  waitingListText,
  whichItemText,
} from '../domain/texts/answers.js';
import { formatShort } from '../domain/texts/dispatch.js';
import { addPendingReply, dispatchesForUnit, hasOpenDispatch } from '../store/dispatches.js';
import type { AppContext } from '../usecases/context.js';
import { leaderName, leaderRefs } from '../usecases/dispatch-common.js';
import { toPerson } from '../usecases/send.js';
import { unitWorkerHandler } from './types.js';
import { type NamedByTopic, namedByTopic, type WaitingThing, waitingItemOf, waitingThings } from './unit-items.js';

const MAX_CHARS = 5_000;
const CODE = /(?<![A-Za-z0-9])(?:SP|D)\s?\d{1,8}/gi;
const HAS_CODE = /(?<![A-Za-z0-9])(?:SP|D)\s?\d{1,8}/i;

type Decision =
  | { kind: 'answered'; code: string; at: Date; leaderId: string }
  | { kind: 'courtesy'; courtesy: 'thanks' | 'greeting' | 'ok' | 'signed'; items: WaitingItem[] }
  | { kind: 'clarify'; items: WaitingItem[]; ack: boolean; hold: boolean; group?: true; text?: string };

function addressedToLeader(msg: IncomingMessage, ctx: AppContext): Addressing {
  return addressingOf(msg.text, msg.mentionIds, leaderRefs(ctx));
}

/**
 * In the group: a unit's message with substance and no code, reading like an answer (what was
 * done or found, or addressed to a leader), while a 双派单 round — and no dispatch — waits for
 * the unit's answer. Daily reports and chit-chat are left alone.
 */
async function groupDecision(
  msg: IncomingMessage,
  sender: Person,
  ctx: AppContext,
  text: string,
): Promise<Decision | null> {
  const unitId = sender.unit as string;
  if (HAS_CODE.test(text) || !hasSubstance(text) || isQuestion(text) || isAck(text)) return null;
  const a = addressedToLeader(msg, ctx);
  const s = plainWords(text);
  if (!HANDLED.test(s) && !FINDING.test(s) && a.leaderIds.length === 0 && !a.reportStart) return null;
  if (parseReport({ text, sentAt: msg.sentAt, from: sender.id }, ctx.roster, ctx.config.timezone).isReport) return null;
  if (await hasOpenDispatch(ctx.db, unitId)) {
    const same = await sameWordsDispatch(ctx, unitId, s);
    if (same !== null) return same;
    // Its words name a round or an open ticket: asked about (the group's other chatter left alone).
    const things = (await waitingThings(ctx, unitId)).filter((w) => !w.backcheck);
    const topic = await namedByTopic(ctx, unitId, s, things);
    return topic.items.length + topic.tickets.length > 0 ? byTopic(things, topic) : null;
  }
  const rounds = (await waitingThings(ctx, unitId)).filter((w) => w.kind === 'round' && !w.backcheck);
  if (rounds.length === 0) return null;
  return byTopic(rounds, await namedByTopic(ctx, unitId, s, rounds));
}

/**
 * A message with substance and no code while items wait, held: the one item its words name is asked about (是否作为
 * SP1 的办理情况？); items and tickets it may name, or several, are listed with how to answer each; naming none, what
 * waits is listed (never a guess at an item it does not speak of).
 */
function byTopic(things: readonly WaitingThing[], topic: NamedByTopic): Decision {
  const items = things.map(waitingItemOf);
  const named = topic.items.map(waitingItemOf);
  if (named.length === 1 && topic.tickets.length === 0)
    return { kind: 'clarify', items: named, ack: false, hold: true };
  const text =
    named.length + topic.tickets.length > 0 ? whichItemText(named, topic.tickets, items) : waitingListText(items);
  return { kind: 'clarify', items, ack: false, hold: true, text };
}

/**
 * In the group, what was done or found, with no code and not addressed to anyone, while the
 * unit has open dispatches: one unanswered dispatch whose words it repeats (公交站台已经修好了 for
 * “公交站台今天必须修好”) is asked about privately and the message held (answer-held takes 是 / D7).
 */
async function sameWordsDispatch(ctx: AppContext, unitId: string, s: string): Promise<Decision | null> {
  const open = (await waitingThings(ctx, unitId)).filter((w) => w.kind === 'dispatch');
  const texts = await dispatchesForUnit(
    ctx.db,
    unitId,
    open.map((w) => w.code),
  );
  const named = open.filter((w) => sharesWords(texts.find((d) => d.code === w.code)?.text ?? '', s));
  if (named.length !== 1) return null;
  const w = named[0] as (typeof named)[number];
  return { kind: 'clarify', items: [{ code: w.code, what: w.what }], ack: false, hold: true, group: true };
}

/**
 * A bare code (D2 / D2？ / D2的) of a dispatch the unit already answered, naming nothing still
 * waiting: its feedback was forwarded (never asked about another item).
 */
async function answeredNamed(
  ctx: AppContext,
  unitId: string,
  text: string,
  things: ReadonlyArray<{ code: string }>,
): Promise<Decision | null> {
  const codes = [...new Set([...text.matchAll(CODE)].map((m) => m[0].replace(/\s/g, '').toUpperCase()))];
  if (codes.length !== 1 || hasSubstance(text.replace(CODE, ' '))) return null;
  const code = codes[0] as string;
  if (!code.startsWith('D') || things.some((w) => w.code === code)) return null;
  const d = (await dispatchesForUnit(ctx.db, unitId, [code])).find((x) => x.code === code);
  const at = d?.targets.find((x) => x.unitId === unitId)?.answeredAt;
  return d && at ? { kind: 'answered', code, at, leaderId: d.leaderId } : null;
}

async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<Decision | null> {
  if (!isUnitWorker(sender) || sender.unit === undefined) return null;
  const text = ownWords(commandText(msg)).trim();
  if (text === '' || text.length > MAX_CHARS || commandOf(text) !== null) return null;
  if (msg.chat === 'group') return groupDecision(msg, sender, ctx, text);
  const things = await waitingThings(ctx, sender.unit);
  const answered = await answeredNamed(ctx, sender.unit, text, things);
  if (answered !== null) return answered;
  if (things.length === 0) return null;
  const items = things.map(waitingItemOf);
  const bare = text.replace(CODE, ' ');
  const courtesy = courtesyOf(bare);
  if (courtesy !== null) return { kind: 'courtesy', courtesy, items };
  // 好的 / 👌 with nothing left to sign (unit-ack signs what is unsigned).
  if (isSoftAck(bare) && !isAck(bare) && !things.some((w) => w.unsigned)) {
    // Only 双倒查 answers wait: a bare 好的 asks nothing and gets nothing (the 倒查 question said how to answer).
    if (items.every(isBackcheckOnly)) return null;
    return { kind: 'courtesy', courtesy: 'ok', items };
  }
  // 收到 / 收到，马上安排 with everything signed already: said so, with what is due (never 是否签收 D1？).
  if (isAckOnly(bare) && !things.some((w) => w.unsigned) && !items.every(isBackcheckOnly))
    return { kind: 'courtesy', courtesy: 'signed', items };
  // 控制台打不开: about the bot, not an item's answer; the private fallback answers it.
  if (aboutTheBot(bare)) return null;
  const ack = isAck(bare) || isSoftAck(bare);
  if (ack || !hasSubstance(bare) || isQuestion(bare)) return { kind: 'clarify', items, ack, hold: false };
  return byTopic(things, await namedByTopic(ctx, sender.unit, text, things));
}

/**
 * A head's or liaison's message that no answer handler could take while something waits for
 * the unit. Privately: thanks or a greeting get a short polite answer naming what waits; 好的 /
 * 👌 when all is signed likewise; anything else asks which item it is for, listing the codes.
 * In the group: a message that reads like an answer while only a 双派单 round waits is asked
 * about privately. A message with substance is held: the sender's next reply naming the item
 * (answer-held) makes it that item's answer. Never recorded silently, never silence.
 */
export const answerClarifyHandler = unitWorkerHandler('answer-clarify', decide, async (dec, msg, sender, ctx) => {
  if (dec.kind === 'answered') {
    const text = alreadyForwardedText(
      dec.code,
      formatShort(dec.at, ctx.config.timezone),
      leaderName(ctx, dec.leaderId),
    );
    await ctx.send(toPerson(msg.senderId, text, `answer-clarify:${msg.id}`));
    return;
  }
  if (dec.kind === 'courtesy') {
    await ctx.send(toPerson(msg.senderId, courtesyText(dec.courtesy, dec.items), `answer-clarify:${msg.id}`));
    return;
  }
  if (dec.hold && sender.unit !== undefined) {
    const text = ownWords(msg.text).trim();
    await addPendingReply(ctx.db, {
      unitId: sender.unit,
      senderId: sender.id,
      messageId: msg.id,
      kind: 'answer',
      held: true,
      text,
      codes: dec.items.map((i) => i.code),
      at: new Date(msg.sentAt),
    });
  }
  const text =
    dec.text ??
    (dec.group === true && dec.items[0] ? groupAnswerAskText(dec.items[0]) : clarifyText(dec.items, dec.ack));
  await ctx.send(toPerson(msg.senderId, text, `answer-clarify:${msg.id}`));
});
