import { plainWords } from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import { trimEndOf } from '../domain/language/trim.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import { isUnitWorker } from '../domain/roster.js';
import {
  type Dispatch,
  dispatchesForUnit,
  latestPendingReply,
  type PendingReply,
  resolvePendingReply,
  supersedePendingReplies,
} from '../store/dispatches.js';
import { type DualRound, roundByCode } from '../store/dual.js';
import type { AppContext } from '../usecases/context.js';
import { applyReply } from './dispatch-answer.js';
import { applyRoundReply } from './dual-answer.js';
import { unitWorkerHandler } from './types.js';

/** How long a message the bot asked about waits for its sender to name the item (as dispatch-answer). */
const HELD_HOURS = 2;

/** D4 / 是D4的 / D4的 / 对，D4 / 是SP1的办理情况 / SP1: the reply names one item and nothing more. */
const NAMES_ONE =
  // check-lines: long regex
  /^(?:(?:是|就是|对|对的|是的|嗯)[，,\s]*)?(?:是|属于|作为|算|针对)?\s*((?:SP|D)\s?\d{1,8})\s*(?:号)?(?:的)?(?:答复|办理情况|反馈|办理结果)?(?:[，,\s]*(?:谢谢|辛苦了))?$/i;
const ONE_CODE = /(?<![A-Za-z0-9])((?:SP|D)\s?\d{1,8})(?!\d)/gi;
/**
 * What may stand beside the code: 是 / 就是 / 对 / 这个是 …, the item's words and 那件 / 那个 (是路灯那件 /
 * 就是建设巷路灯那个事).
 */
const POINTER_ONLY = /^(?:是|就是|对|对的|是的|嗯|这个是|这是|应该是|这个|那个|属于)*(?:的)?(?:答复|反馈|办理情况)?$/;
const POINTER_WORDS =
  // check-lines: long regex
  /^(?:是|就是|对|对的|是的|嗯|这个是|这是|应该是)*[\u4e00-\u9fa5A-Za-z0-9]{1,10}?(?:那件|这件|那个|这个|那条|这条|那单|这单|那桩)(?:事情?|单子|工作)?(?:的)?(?:答复|反馈)?(?:是|就是)?$/;
/** Words of a report of its own: the reply is then an answer in itself, not a pointer. */
const OWN_REPORT = /已|完成|完毕|修好|好了|解决|处理了|办结|清理|整改|落实/;

/**
 * The one code a short reply names when all else in it only points back (是路灯那件，D1 /
 * D1，就是建设巷路灯那个 / 对 路灯那个事 D1 / 这个是D1的), or undefined.
 */
function pointedCode(s: string): string | undefined {
  const codes = [...s.matchAll(ONE_CODE)].map((m) => (m[1] as string).replace(/\s/g, '').toUpperCase());
  if (new Set(codes).size !== 1) return undefined;
  const rest = s.replace(ONE_CODE, '').replace(/[\s,，.。!！~～、;；:：]+/g, '');
  if (rest.length > 16 || OWN_REPORT.test(rest)) return undefined;
  return POINTER_ONLY.test(rest) || POINTER_WORDS.test(rest) ? codes[0] : undefined;
}

/** 是 / 是的 / 对 / 确认: a yes to a question about one item. */
const YES = /^(?:是|是的|对|对的|嗯|嗯嗯|确认|是这个|对，是的|是的，作为办理情况|作为办理情况)$/;

type Decision =
  | { kind: 'dispatch'; pending: PendingReply; dispatch: Dispatch; unitId: string }
  | { kind: 'round'; pending: PendingReply; round: DualRound; unitId: string };

async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<Decision | null> {
  const unitId = sender.unit;
  if (!isUnitWorker(sender) || unitId === undefined) return null;
  const s = trimEndOf(plainWords(commandText(msg)), /[。.!！~～]/).trim();
  if (s === '' || s.length > 30) return null;
  const named = NAMES_ONE.exec(s)?.[1]?.replace(/\s/g, '').toUpperCase() ?? pointedCode(s);
  if (named === undefined && !YES.test(s)) return null;
  const pending = await latestPendingReply(ctx.db, unitId);
  if (!pending || pending.kind !== 'answer' || pending.senderId !== sender.id) return null;
  if (ctx.clock.now().getTime() - pending.at.getTime() > HELD_HOURS * 3_600_000) return null;
  const code = named ?? (pending.codes.length === 1 ? pending.codes[0] : undefined);
  if (code === undefined || !pending.codes.includes(code)) return null;
  if (code.startsWith('SP')) {
    const r = await roundByCode(ctx.db, code);
    return r?.sides.some((x) => x.unitId === unitId) ? { kind: 'round', pending, round: r, unitId } : null;
  }
  const d = (await dispatchesForUnit(ctx.db, unitId, [code])).find((x) => x.code === code);
  return d ? { kind: 'dispatch', pending, dispatch: d, unitId } : null;
}

/**
 * A unit person's message the bot could not place (no code, several things waiting, or a group
 * message it asked about) is held; the same person's reply naming one item within HELD_HOURS
 * (D4 / 是D4的 / 对，D4 / SP1, or 是 when one item was asked about) makes the held message that
 * item's answer: recorded with its original text, forwarded as usual, confirmed.
 */
export const answerHeldHandler = unitWorkerHandler('answer-held', decide, async (dec, msg, sender, ctx) => {
  const code = dec.kind === 'dispatch' ? dec.dispatch.code : dec.round.code;
  if (!(await resolvePendingReply(ctx.db, dec.pending.id, code, ctx.clock.now()))) return;
  await supersedePendingReplies(ctx.db, dec.unitId, dec.pending.at);
  const p = dec.pending;
  if (dec.kind === 'dispatch') {
    await applyReply(ctx, dec.dispatch, dec.unitId, 'answer', {
      senderId: p.senderId,
      messageId: p.messageId,
      text: p.text,
      at: p.at,
      chat: 'private',
    });
    return;
  }
  const held: IncomingMessage = {
    ...msg,
    id: p.messageId,
    chat: 'private',
    text: p.text,
    sentAt: p.at.toISOString(),
    mentionIds: [],
  };
  await applyRoundReply(
    ctx,
    { round: dec.round, unitId: dec.unitId, kind: 'answer', body: ownWords(p.text).trim() },
    held,
    sender,
  );
});
