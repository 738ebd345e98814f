import { dispatchesForUnit, hasOpenDispatch } from '../store/dispatches.js';
import { roundsAwaitingUnit } from '../store/dual.js';
import type { AppContext } from './context.js';

/** A dispatch or 双派单 round delivered to the unit after `since` and not yet signed or answered. */
export async function signableSince(ctx: AppContext, unitId: string, since: Date): Promise<boolean> {
  const later = (at: Date | null) => at !== null && at.getTime() > since.getTime();
  if (
    (await hasOpenDispatch(ctx.db, unitId)) &&
    (await dispatchesForUnit(ctx.db, unitId)).some((d) =>
      d.targets.some((t) => t.unitId === unitId && !t.ackedAt && !t.answeredAt && later(t.deliveredAt)),
    )
  )
    return true;
  return (await roundsAwaitingUnit(ctx.db, unitId)).some((r) =>
    r.sides.some((s) => s.unitId === unitId && !s.ackedAt && !s.answeredAt && later(s.deliveredAt)),
  );
}
