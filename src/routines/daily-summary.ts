import { mondayOf } from '../domain/dual/periods.js';
import { changesBetween } from '../domain/report/merge.js';
import { unitName } from '../domain/roster.js';
import { dayCardCaption } from '../domain/texts/day-summary.js';
import { describeChange, lateCorrectionSummaryLine } from '../domain/texts/report-corrections.js';
import { dayCardFile } from '../render/day-card-file.js';
import { markLateCorrectionsNoted, pendingLateCorrections, reportsForDay } from '../store/reports.js';
import { claimStep } from '../store/steps.js';
import { tellBehindHeads } from '../usecases/campaign.js';
import { daySummaryOf } from '../usecases/day-summary.js';
import { toGroup, toPerson } from '../usecases/send.js';
import { workdayToday } from './gate.js';
import { dailyAt, type Routine } from './types.js';

/** 18:40: the day's picture for the leaders, in the group or point-to-point by config. */
export const dailySummary: Routine = {
  name: 'daily-summary',
  patterns: (c) => [dailyAt(c.routines.dailySummary)],
  async run(ctx) {
    const { run, day } = await workdayToday(ctx);
    if (!run) return;
    const reports = await reportsForDay(ctx.db, day);
    // reports.lateCorrection 'summary': corrections of earlier days sent after their summary are listed in this one.
    const late =
      ctx.config.reports.lateCorrection === 'summary'
        ? (await pendingLateCorrections(ctx.db)).filter((c) => c.day < day)
        : [];
    const corrections = late.map((c) =>
      lateCorrectionSummaryLine(
        unitName(ctx.roster, c.unitId),
        c.day,
        changesBetween(c.before, c.after).map(describeChange),
      ),
    );
    // 百日攻坚: the day counter and the items behind, after the hotline anomalies.
    const { summary: s, campaign } = await daySummaryOf(ctx, day, reports, corrections);
    // 'image' / 'both': the card goes with the message (text first, then the picture).
    const format = ctx.config.reports.summaryFormat;
    const file = format === 'text' ? undefined : await dayCardFile(ctx, day, reports, s);
    // The picture has no campaign part: the caption keeps its lines.
    const text =
      format === 'image' && file ? [dayCardCaption(day, s), ...(campaign ? campaign.lines : [])].join('\n') : s.text;
    const card = file ? { file } : {};
    if (ctx.config.routines.dailySummaryTo === 'leaders') {
      for (const p of ctx.roster.withRole('leader')) {
        await ctx.send(toPerson(p.id, text, `daily-summary:${day}:${p.id}`, card));
      }
    } else {
      await ctx.send(toGroup(text, `daily-summary:${day}`, [], card));
    }
    // Each item behind: its lead unit's head is told, once per item and week.
    if (campaign) await tellBehindHeads(ctx, mondayOf(day), campaign.behind);
    await markLateCorrectionsNoted(
      ctx.db,
      late.map((c) => c.messageId),
      ctx.clock.now(),
    );
    await claimStep(ctx.db, `daily-summary:${day}`, 'daily-summary', ctx.clock.now(), day, {
      reported: s.reported,
      total: s.total,
      totals: s.totals,
      givenBy: s.givenBy,
    });
  },
};
