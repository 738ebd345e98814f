import { ackTail, isQuestion, isSoftAck } from '../domain/language/intent.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import { unitName } from '../domain/roster.js';
import { DIGEST_ALREADY_SIGNED } from '../domain/texts/card-press.js';
import * as T from '../domain/texts/tickets.js';
import { parseTicketCommand, type TicketCommand } from '../domain/tickets/commands.js';
import { dispatchesForUnit, hasOpenDispatch } from '../store/dispatches.js';
import { ackLatestDigest, latestUnackedDigestAt } from '../store/ticket-nag.js';
import { getTicket, recordTicketEvent } from '../store/tickets.js';
import type { AppContext } from '../usecases/context.js';
import { replyTo, toPerson } from '../usecases/send.js';
import { signableSince } from '../usecases/signable.js';
import { reportDueLine } from './report-ack.js';
import type { MessageHandler } from './types.js';
import { waitingThings } from './unit-items.js';

const CODE = /(?<![A-Za-z0-9])(?:SP|D)\s?\d{1,8}(?!\d)/i;

/**
 * An open dispatch to the unit, not yet answered by it, names this ticket: `GD… 已办结，…` is then
 * the answer to it (the ticket's 已办结 is recorded beside it, see ticket-done-mentioned).
 */
async function dispatchAsksAbout(ctx: AppContext, unitId: string, number: string): Promise<boolean> {
  if (!(await hasOpenDispatch(ctx.db, unitId))) return false;
  return (await dispatchesForUnit(ctx.db, unitId)).some(
    (d) => d.text.includes(number) && d.targets.some((t) => t.unitId === unitId && !t.answeredAt),
  );
}

/** A short remark after 收到 about the digest's tickets themselves (这个单子上午已经报过办结了). */
const TICKET_REMARK = /工单|单子|平台|12345|热线/;
const MAX_REMARK = 30;

/** 收到👍 这个单子上午已经报过办结了: a 签收 with a remark on the tickets, naming no number. */
function isAckWithTicketRemark(text: string): boolean {
  const tail = ackTail(text);
  return (
    tail !== null && tail.length <= MAX_REMARK && TICKET_REMARK.test(tail) && !/\d{6,}/.test(tail) && !isQuestion(tail)
  );
}

/**
 * The command, where a bare 好的 / 👌 / 👍 / [强] (or 收到 with a remark on the tickets) signs the digest as 收到 does.
 */
function commandOf(msg: IncomingMessage): TicketCommand | null {
  const text = commandText(msg);
  return parseTicketCommand(text) ?? (isSoftAck(text) || isAckWithTicketRemark(text) ? { kind: 'ack' } : null);
}

/**
 * A unit's answers to a digest: `签收` / `收到` (any acknowledgement) acknowledges the latest digest; `<工单编号>
 * 已办结 <说明>` is recorded as the unit's report (the platform stays the source of truth for status).
 */
export const ticketCommandsHandler: MessageHandler<TicketCommand> = {
  name: 'ticket-commands',
  async matches(msg, sender, ctx) {
    if (sender.unit === undefined) return null;
    const c = commandOf(msg);
    if (c?.kind === 'reported-done') return (await dispatchAsksAbout(ctx, sender.unit, c.number)) ? null : c;
    // 签收 / 收到 is ours only while the unit has a digest to acknowledge (else e.g. a dispatch's)
    // and nothing it must sign reached it since (a code names a dispatch or a round).
    if (c?.kind !== 'ack' || CODE.test(commandText(msg))) return null;
    // A digest card's 签收 button: the unit's digest, whatever reached it since (or: already signed).
    if (msg.via === 'card') return c;
    const digestAt = await latestUnackedDigestAt(ctx.db, sender.unit);
    return digestAt !== null && !(await signableSince(ctx, sender.unit, digestAt)) ? c : null;
  },
  async handle(c, msg, sender, ctx) {
    const now = ctx.clock.now();
    const unitId = sender.unit as string;
    const purpose = `ticket-command:${msg.id}`;
    if (c.kind === 'ack') {
      const cycle = await ackLatestDigest(ctx.db, unitId, sender.id, now);
      // A card's press: the card now reads 已签收; only a digest signed before is worth a word.
      if (msg.via === 'card') {
        if (!cycle) await ctx.send(toPerson(sender.id, DIGEST_ALREADY_SIGNED, purpose));
        return;
      }
      // Other things still unsigned (they came before the digest, whose 签收 this is): named, never left silent.
      const others = cycle ? (await waitingThings(ctx, unitId)).filter((w) => w.unsigned).map((w) => w.code) : [];
      const answer = !cycle ? T.ACK_NOTHING : others.length > 0 ? T.ackRecordedWithOthersText(others) : T.ACK_RECORDED;
      // After the 17:30 reminder named the unit: the report it still owes, in the same answer (never a second one).
      const due = cycle ? await reportDueLine(ctx, sender.id, unitId) : null;
      await ctx.send(replyTo(msg, due ? `${answer}${due}` : answer, purpose));
      return;
    }
    if (c.kind !== 'reported-done') return;
    const t = await getTicket(ctx.db, c.number);
    if (!t) {
      // 工单2026113000123已办结，回访满意 in the group: a case of the unit's own, not one of ours.
      if (c.loose === true && msg.chat === 'group') return;
      await ctx.send(replyTo(msg, T.unknownTicket(c.number), purpose));
      return;
    }
    if (t.unitId !== unitId) {
      await ctx.send(replyTo(msg, T.notYourTicket(c.number, unitName(ctx.roster, t.unitId)), purpose));
      return;
    }
    await recordTicketEvent(ctx.db, c.number, 'reported-done', now, `chat:${sender.id}`, {
      note: c.note,
      message: msg.id,
    });
    await ctx.send(replyTo(msg, T.reportedDone(c.number), purpose));
  },
};
