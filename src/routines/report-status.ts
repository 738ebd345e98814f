import type { Unit } from '../domain/roster.js';
import { reportedUnitIds } from '../store/reports.js';
import type { AppContext } from '../usecases/context.js';

/** The reporting units that have not reported for a day, with their heads. */
export async function missingUnits(ctx: AppContext, day: string): Promise<{ total: number; missing: Unit[] }> {
  const units = ctx.roster.reportingUnits();
  const reported = await reportedUnitIds(ctx.db, day);
  return { total: units.length, missing: units.filter((u) => !reported.has(u.id)) };
}

export function withHeads(ctx: AppContext, units: readonly Unit[]): Array<{ unit: string; heads: string[] }> {
  return units.map((u) => ({ unit: u.name, heads: ctx.roster.headsOf(u.id).map((p) => p.name) }));
}
