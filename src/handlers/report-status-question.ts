import { commandText } from '../domain/messages.js';
import { type ReportStatusQuestion, reportStatusQuestionOf } from '../domain/report/status-question.js';
import { isOversight, mentionsRosterPerson } from '../domain/roster.js';
import { reportStatusText } from '../domain/texts/reports.js';
import { clockMinutes, formatShort, inZone, localDay, localMinutes } from '../domain/time.js';
import { reportsForDay } from '../store/reports.js';
import { hasStep } from '../store/steps.js';
import { overdueAndReopenedCounts } from '../store/tickets.js';

import type { AppContext } from '../usecases/context.js';
import { daySummaryOf } from '../usecases/day-summary.js';
import { replyTo, toPerson } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/** The working day asked about: today (the last working day on a rest day), or the one before for 昨天. */
function dayAsked(ctx: AppContext, q: ReportStatusQuestion): string {
  const today = localDay(ctx.clock.now(), ctx.config.timezone);
  const last = ctx.calendar.isWorkday(today) ? today : ctx.calendar.previousWorkday(today);
  return q.yesterday ? ctx.calendar.previousWorkday(today) : last;
}

/**
 * A leader, supervisor or the discipline inspector asks about the day's reports: 今天还有哪些单位没报？ gets who has
 * not reported (with their heads) and how many are late; 今天的汇总发我看一下 gets the day's summary as it stands,
 * privately, once the 18:40 summary has gone out (before it: where reporting stands and when the summary comes);
 * 今天各单位工单办理情况怎么样？ gets where reporting stands and the district's overdue and reopened tickets.
 */
export const reportStatusQuestionHandler: MessageHandler<ReportStatusQuestion> = {
  name: 'report-status-question',
  matches: (msg, sender, ctx) =>
    (isOversight(sender) || sender.roles.includes('discipline')) &&
    sender.unit === undefined &&
    !mentionsRosterPerson(msg, sender, ctx)
      ? reportStatusQuestionOf(commandText(msg))
      : null,
  async handle(q, msg, sender, ctx) {
    const now = ctx.clock.now();
    const tz = ctx.config.timezone;
    const day = dayAsked(ctx, q);
    const today = localDay(now, tz);
    const units = ctx.roster.reportingUnits();
    const reports = (await reportsForDay(ctx.db, day)).filter((r) => units.some((u) => u.id === r.unitId));
    const summarySent = await hasStep(ctx.db, `daily-summary:${day}`);
    if (q.kind === 'summary' && summarySent) {
      const { summary } = await daySummaryOf(ctx, day, reports);
      await ctx.send(toPerson(sender.id, summary.text, `report-status:${msg.id}`));
      return;
    }
    const reported = new Set(reports.map((r) => r.unitId));
    const deadline = ctx.config.routines.reportDeadline;
    const text = reportStatusText({
      day,
      at: day === today ? inZone(now, tz).format('HH:mm') : formatShort(now, tz),
      deadline,
      total: units.length,
      late: reports.filter((r) => r.late).length,
      missing: units
        .filter((u) => !reported.has(u.id))
        .map((u) => ({ unit: u.name, heads: ctx.roster.headsOf(u.id).map((p) => p.name) })),
      beforeDeadline: day === today && localMinutes(now, tz) < clockMinutes(deadline),
      ...(q.kind === 'summary' && !summarySent ? { summaryAt: ctx.config.routines.dailySummary } : {}),
      ...(q.kind === 'overview' ? { tickets: await overdueAndReopenedCounts(ctx.db, now) } : {}),
    });
    await ctx.send(replyTo(msg, text, `report-status:${msg.id}`));
  },
};
