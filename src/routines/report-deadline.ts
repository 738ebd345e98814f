import { reportRollCallText } from '../domain/texts/reports.js';
import { claimStep } from '../store/steps.js';
import { wordingOf } from '../usecases/context.js';
import { toGroup } from '../usecases/send.js';
import { workdayToday } from './gate.js';
import { missingUnits, withHeads } from './report-status.js';
import { dailyAt, type Routine } from './types.js';

/** 18:00: one group roll-call: how many reported, the missing units with their heads @-mentioned. */
export const reportDeadline: Routine = {
  name: 'report-deadline',
  patterns: (c) => [dailyAt(c.routines.reportDeadline)],
  async run(ctx) {
    const { run, day } = await workdayToday(ctx);
    if (!run) return;
    const { total, missing } = await missingUnits(ctx, day);
    const mentions = missing.flatMap((u) => ctx.roster.headsOf(u.id).map((p) => p.id));
    const text = reportRollCallText(
      day,
      ctx.config.routines.reportDeadline,
      total - missing.length,
      total,
      withHeads(ctx, missing),
      wordingOf(ctx),
    );
    await ctx.send(toGroup(text, `report-deadline:${day}`, mentions));
    await claimStep(ctx.db, `report-deadline:${day}`, 'report-deadline', ctx.clock.now(), day, {
      missing: missing.map((u) => u.id),
    });
  },
};
