import { commandText } from '../domain/messages.js';
import { isMyItemsRequest } from '../domain/my-items/request.js';
import { isLeader, isSupervisor, mentionsRosterPerson, unitName } from '../domain/roster.js';
import { supervisorItemsText } from '../domain/texts/dispatch.js';
import { asksAboutVisits, isVisitsQuestion } from '../domain/visits/question.js';
import { openDispatches } from '../store/dispatches.js';
import { liveRounds } from '../store/dual.js';
import { overdueAndReopenedCounts } from '../store/tickets.js';
import { replyTo } from '../usecases/send.js';
import { districtOwedVisitsText } from '../usecases/visits.js';
import type { MessageHandler } from './types.js';

/**
 * 我的待办 / 待办 from the supervision team (not a leader, no unit): the open 双派单 rounds and
 * who they wait for, the overdue and reopened tickets, the dispatches past their deadline.
 */
export const supervisorItemsHandler: MessageHandler = {
  name: 'supervisor-items',
  matches: (msg, sender, ctx) =>
    isSupervisor(sender) &&
    !isLeader(sender) &&
    sender.unit === undefined &&
    !mentionsRosterPerson(msg, sender, ctx) &&
    (isMyItemsRequest(commandText(msg)) || isVisitsQuestion(commandText(msg))),
  async handle(_, msg, sender, ctx) {
    // 我们区还有多少必到没走访: the district's owed visits, not the asker's own items.
    if (asksAboutVisits(commandText(msg))) {
      await ctx.send(replyTo(msg, await districtOwedVisitsText(ctx), `supervisor-items:${msg.id}`));
      return;
    }
    const now = ctx.clock.now();
    const rounds = (await liveRounds(ctx.db)).map((r) => {
      const backcheck = r.status === 'answered';
      return {
        code: r.code,
        backcheck,
        waiting: r.sides
          .filter((s) => (backcheck ? !s.backcheckAt : !s.answeredAt))
          .map((s) => unitName(ctx.roster, s.unitId)),
      };
    });
    const late = (await openDispatches(ctx.db))
      .filter((d) => d.deadline.getTime() < now.getTime())
      .map((d) => ({
        code: d.code,
        text: d.text,
        waiting: d.targets.filter((t) => !t.answeredAt).map((t) => unitName(ctx.roster, t.unitId)),
      }))
      .filter((d) => d.waiting.length > 0);
    const counts = await overdueAndReopenedCounts(ctx.db, now);
    const text = supervisorItemsText({
      name: sender.name,
      now,
      tz: ctx.config.timezone,
      rounds,
      overdueTickets: counts.overdue,
      reopenedTickets: counts.reopened,
      lateDispatches: late,
    });
    await ctx.send(replyTo(msg, text, `supervisor-items:${msg.id}`));
  },
};
