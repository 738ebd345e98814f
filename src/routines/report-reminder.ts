import { reportReminderText } from '../domain/texts/reports.js';
import { claimStep } from '../store/steps.js';
import { wordingOf } from '../usecases/context.js';
import { toGroup } from '../usecases/send.js';
import { workdayToday } from './gate.js';
import { missingUnits } from './report-status.js';
import { dailyAt, type Routine } from './types.js';

/** 17:30: one group message @-mentioning the heads (and liaisons) of units not yet reported. */
export const reportReminder: Routine = {
  name: 'report-reminder',
  patterns: (c) => [dailyAt(c.routines.reportReminder)],
  async run(ctx) {
    const { run, day } = await workdayToday(ctx);
    if (!run) return;
    const { missing } = await missingUnits(ctx, day);
    if (missing.length === 0) return;
    const roles = ctx.config.reports.remindLiaisons ? (['head', 'liaison'] as const) : (['head'] as const);
    const mentions = missing.flatMap((u) => ctx.roster.contactsOf(u.id, roles).map((p) => p.id));
    const text = reportReminderText(
      day,
      ctx.config.routines.reportDeadline,
      missing.map((u) => u.name),
      wordingOf(ctx),
    );
    await ctx.send(toGroup(text, `report-reminder:${day}`, mentions));
    await claimStep(ctx.db, `report-reminder:${day}`, 'report-reminder', ctx.clock.now(), day, {
      missing: missing.map((u) => u.id),
    });
  },
};
