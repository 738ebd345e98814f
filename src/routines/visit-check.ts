import { scanVisits } from '../usecases/visits.js';
import { dailyAt, type Routine } from './types.js';

/**
 * 四个必到 (issue 18 §2): opens the visits recent tickets call for (those a CLI import wrote), and on working days
 * delivers the items not yet delivered (opened by a night or weekend import: the next working morning), reminds on the
 * configured working days before they are due and sends the unrecorded ones past due to the supervision team. Runs at
 * the nag's first time.
 */
export const visitCheckRoutine: Routine = {
  name: 'visit-check',
  patterns: (c) => (c.routines.ticketNag[0] === undefined ? [] : [dailyAt(c.routines.ticketNag[0])]),
  async run(ctx) {
    const r = await scanVisits(ctx);
    if (r.opened.length + r.delivered + r.reminded + r.escalated > 0) ctx.log.info(r, 'visit-check');
  },
};
