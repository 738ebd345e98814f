import { isLeader, unitName } from '../domain/roster.js';
import { duplicateDispatchText } from '../domain/texts/dispatch.js';
import { recentSameDispatch } from '../store/dispatches.js';
import { createAndDeliver, type DispatchReading, readDispatch } from '../usecases/dispatch-common.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/** Longer texts are not dispatches (and not worth parsing on the hot path). */
const MAX_CHARS = 5_000;

/**
 * A leader's message in the group that parses as a dispatch to one or more units: tracked
 * with a short code, one line in the group, point-to-point delivery to each unit. Only
 * leaders by contact id: anyone else's lookalike is ordinary chat for the next handler.
 */
export const dispatchCreateHandler: MessageHandler<DispatchReading> = {
  name: 'dispatch-create',
  matches(msg, sender, ctx) {
    if (msg.chat !== 'group' || !isLeader(sender)) return null;
    const text = msg.text.trim();
    const r =
      text === '' || text.length > MAX_CHARS ? null : readDispatch(ctx, text, msg.sentAt, sender.id, msg.mentionIds);
    return r !== null && r.isDispatch && r.unitIds.length > 0 ? r : null;
  },
  async handle(reading, msg, sender, ctx) {
    // The same instruction twice within minutes (sent again, a double tap): one dispatch, not two codes.
    const since = new Date(new Date(msg.sentAt).getTime() - ctx.config.limits.repeatMinutes * 60_000);
    const same = await recentSameDispatch(ctx.db, sender.id, msg.text.trim(), since);
    if (
      same &&
      same.sourceMessageId !== msg.id &&
      sameUnits(
        same.targets.map((t) => t.unitId),
        reading.unitIds,
      )
    ) {
      const text = duplicateDispatchText(
        same.code,
        same.createdAt,
        same.targets.map((t) => unitName(ctx.roster, t.unitId)),
        ctx.config.timezone,
      );
      await ctx.send(replyTo(msg, text, `dispatch-duplicate:${msg.id}`));
      return;
    }
    const d = await createAndDeliver(ctx, {
      leaderId: sender.id,
      messageId: msg.id,
      chat: 'group',
      text: msg.text.trim(),
      reading,
    });
    ctx.log.info({ code: d.code, units: reading.unitIds, deadline: d.deadline }, 'dispatch created');
  },
};

function sameUnits(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((u) => b.includes(u));
}
