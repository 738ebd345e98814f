import { summarizeDay } from '../../domain/report/summary.js';
import { reportsForDay } from '../../store/reports.js';
import { claimStep } from '../../store/steps.js';
import { workdayToday } from './gate.js';
import { dailyAt, type Routine } from './types.js';

/** 18:40: the day's picture for the leaders, in the group or point-to-point by config. */
export const dailySummary: Routine = {
  name: 'daily-summary',
  patterns: (c) => [dailyAt(c.routines.dailySummary)],
  async run(ctx) {
    const { run, day } = await workdayToday(ctx);
    if (!run) return;
    const s = summarizeDay({ day, units: ctx.roster.reportingUnits(), reports: await reportsForDay(ctx.db, day), lowRate: ctx.config.reports.lowRate });
    if (ctx.config.routines.dailySummaryTo === 'leaders') {
      for (const p of ctx.roster.withRole('leader')) {
        await ctx.send({ to: { kind: 'person', id: p.id }, text: s.text, mentions: [], purpose: `daily-summary:${day}:${p.id}` });
      }
    } else {
      await ctx.send({ to: { kind: 'group' }, text: s.text, mentions: [], purpose: `daily-summary:${day}` });
    }
    await claimStep(ctx.db, `daily-summary:${day}`, 'daily-summary', ctx.clock.now(), day, { reported: s.reported, total: s.total, totals: s.totals });
  },
};
