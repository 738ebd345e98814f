import { commandText } from '../domain/messages.js';
import { isMyItemsRequest } from '../domain/my-items/request.js';
import { isLeader, mentionsRosterPerson, unitName } from '../domain/roster.js';
import { leaderItemsText } from '../domain/texts/dispatch.js';
import { asksAboutVisits, isVisitsQuestion } from '../domain/visits/question.js';
import { hasDispatchFrom, openDispatches } from '../store/dispatches.js';
import { undecidedApprovalsFor } from '../store/ticket-approvals.js';
import { wordingOf } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import { districtOwedVisitsText } from '../usecases/visits.js';
import type { MessageHandler } from './types.js';

/**
 * 我的待办 / 待办 from a leader: the dispatches the leader gave that are still open (which units
 * have yet to answer) and the 退办 / 不再办理 requests awaiting the leader's decision.
 */
export const leaderItemsHandler: MessageHandler = {
  name: 'leader-items',
  matches: (msg, sender, ctx) =>
    isLeader(sender) &&
    sender.unit === undefined &&
    !mentionsRosterPerson(msg, sender, ctx) &&
    (isMyItemsRequest(commandText(msg)) || isVisitsQuestion(commandText(msg))),
  async handle(_, msg, sender, ctx) {
    // 我们区还有多少必到没走访: the district's owed visits, not the asker's own items.
    if (asksAboutVisits(commandText(msg))) {
      await ctx.send(replyTo(msg, await districtOwedVisitsText(ctx), `leader-items:${msg.id}`));
      return;
    }
    const dispatches = (await openDispatches(ctx.db))
      .filter((d) => d.leaderId === sender.id)
      .map((d) => ({
        code: d.code,
        text: d.text,
        deadline: d.deadline,
        waiting: d.targets.filter((t) => !t.answeredAt).map((t) => unitName(ctx.roster, t.unitId)),
        units: d.targets.length,
      }));
    const approvals = (await undecidedApprovalsFor(ctx.db, sender.id)).map((a) => ({
      code: a.code,
      kind: a.kind,
      ticketNumber: a.ticketNumber,
      unit: a.unitId ? unitName(ctx.roster, a.unitId) : '',
    }));
    const text = leaderItemsText({
      leaderName: sender.name,
      now: ctx.clock.now(),
      tz: ctx.config.timezone,
      dispatches,
      approvals,
      // Never "均已办结" for a leader none of whose dispatches was ever received.
      facts: {
        onRecord: dispatches.length > 0 || (await hasDispatchFrom(ctx.db, sender.id)),
        wording: wordingOf(ctx),
      },
    });
    await ctx.send(replyTo(msg, text, `leader-items:${msg.id}`));
  },
};
