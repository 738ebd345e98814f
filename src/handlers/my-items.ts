import { commandOf } from '../domain/language/intent.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import { isMyItemsRequest } from '../domain/my-items/request.js';
import { isOversight, isUnitWorker, mentionsRosterPerson, type Person } from '../domain/roster.js';
import { myItemsText } from '../domain/texts/my-items.js';
import { replyTo } from '../usecases/send.js';
import { unitVisitLines, withVisitLines } from '../usecases/visits.js';
import type { MessageHandler } from './types.js';
import { unitDispatches, unitRounds, unitTickets } from './unit-items.js';

/**
 * 调度进展 / 调度情况 / 调度进展 D2 privately from a head or liaison (no leader, no supervisor): the
 * unit's own open items, never the leader's view. In the group it stays ordinary chat.
 */
function unitAsksProgress(msg: IncomingMessage, sender: Person, text: string): boolean {
  return msg.chat === 'private' && !isOversight(sender) && commandOf(text) === 'progress';
}

/**
 * 我的待办 / 待办 / 查超期 / 我们还有几件超期 / 还有哪些没办…: a head or liaison gets the unit's
 * open dispatches, 双派单 rounds and overdue or reopened tickets, with counts and codes, where
 * they asked (privately, or in the group with an @-mention). 调度进展 from them means the same.
 */
export const myItemsHandler: MessageHandler = {
  name: 'my-items',
  matches: (msg, sender, ctx) =>
    isUnitWorker(sender) &&
    !mentionsRosterPerson(msg, sender, ctx) &&
    (isMyItemsRequest(commandText(msg)) || unitAsksProgress(msg, sender, commandText(msg))),
  async handle(_, msg, sender, ctx) {
    const unit = ctx.roster.unitOf(sender.id);
    if (!unit) return;
    const now = ctx.clock.now();
    const [dispatches, rounds, tickets, visits] = await Promise.all([
      unitDispatches(ctx, unit.id),
      unitRounds(ctx, unit.id),
      unitTickets(ctx, unit.id, now),
      unitVisitLines(ctx, unit.id),
    ]);
    const items = myItemsText({ unitName: unit.name, now, tz: ctx.config.timezone, dispatches, rounds, tickets });
    const none = dispatches.length + rounds.length + tickets.length === 0;
    const text = withVisitLines(items, unit.name, none, visits);
    await ctx.send(replyTo(msg, text, `my-items:${msg.id}`));
  },
};
