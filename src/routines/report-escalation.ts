import { reportEscalationText } from '../domain/texts/reports.js';
import { inZone } from '../domain/time.js';
import { claimStep } from '../store/steps.js';
import { wordingOf } from '../usecases/context.js';
import { toPerson } from '../usecases/send.js';
import { workdayToday } from './gate.js';
import { missingUnits, withHeads } from './report-status.js';
import { dailyAt, type Routine } from './types.js';

/** 18:30: units still missing go to the supervision team point-to-point, once a day. */
export const reportEscalation: Routine = {
  name: 'report-escalation',
  patterns: (c) => [dailyAt(c.routines.reportEscalation)],
  async run(ctx) {
    const { run, day } = await workdayToday(ctx);
    if (!run) return;
    const { missing } = await missingUnits(ctx, day);
    if (missing.length === 0) return;
    if (
      !(await claimStep(ctx.db, `report-escalation:${day}`, 'report-escalation', ctx.clock.now(), day, {
        missing: missing.map((u) => u.id),
      }))
    )
      return;
    const at = inZone(ctx.clock.now(), ctx.config.timezone).format('HH:mm');
    const text = reportEscalationText(day, at, withHeads(ctx, missing), wordingOf(ctx));
    for (const p of ctx.roster.withRole('supervisor')) {
      await ctx.send(toPerson(p.id, text, `report-escalation:${day}:${p.id}`));
    }
  },
};
