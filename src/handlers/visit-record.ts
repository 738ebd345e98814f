import { commandText } from '../domain/messages.js';
import { isUnitWorker, unitName } from '../domain/roster.js';
import * as T from '../domain/texts/visits.js';
import { localDay } from '../domain/time.js';
import { parseVisitRecord, type VisitRecordCommand, visitCodeAtStart } from '../domain/visits/record.js';
import { getVisit, recordVisit } from '../store/visits.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/**
 * 四个必到 (issue 18 §2): `V7 已上门 11月20日 王局长 已与群众达成整改协议` (已走访 / 已见面 / 已到现场; the date
 * optional, today; the person optional, the sender) from the unit's head or liaison records the visit with the
 * ticket's item and confirms it. Anyone else, or another unit's item, gets told who records it. A message that
 * starts with a V code but is not read as a record is answered with how to write one: it is never taken as the
 * answer to another item (a unit's open D or SP).
 */
export const visitRecordHandler: MessageHandler<VisitRecordCommand | { unreadable: string }> = {
  name: 'visit-record',
  matches: (msg, _sender, ctx) => {
    const text = commandText(msg);
    const code = visitCodeAtStart(text);
    if (code === null) return null;
    return parseVisitRecord(text, localDay(ctx.clock.now(), ctx.config.timezone)) ?? { unreadable: code };
  },
  async handle(c, msg, sender, ctx) {
    const now = ctx.clock.now();
    const purpose = `visit-record:${msg.id}`;
    if ('unreadable' in c) return void (await ctx.send(replyTo(msg, T.visitUnreadable(c.unreadable), purpose)));
    const v = await getVisit(ctx.db, c.code);
    if (!v) return void (await ctx.send(replyTo(msg, T.visitUnknown(c.code), purpose)));
    if (!isUnitWorker(sender)) return void (await ctx.send(replyTo(msg, T.VISIT_NEEDS_WORKER, purpose)));
    if (sender.unit !== v.unitId)
      return void (await ctx.send(replyTo(msg, T.visitNotYours(v.code, unitName(ctx.roster, v.unitId)), purpose)));
    const today = localDay(now, ctx.config.timezone);
    const day = c.day ?? today;
    if (day > today) return void (await ctx.send(replyTo(msg, T.visitFutureDay(day), purpose)));
    const person = c.person ?? sender.name;
    await recordVisit(ctx.db, v.code, { day, visitor: person, agreed: c.agreed, by: sender.id, at: now });
    const text =
      v.recordedAt === null
        ? T.visitRecorded(v.code, v.ticketNumber, day, person, c.agreed)
        : T.visitAlreadyRecorded(v.code, v.visitedOn ?? day, v.visitor ?? person);
    await ctx.send(replyTo(msg, text, purpose));
  },
};
