import { isHeadOrLiaison, isOversight, type Person } from '../domain/roster.js';

/** What a person may see in the console: everything, one unit, or nothing. */
export type ConsoleScope = { all: true } | { all: false; unitId: string } | null;

export function consoleScope(p: Person | undefined): ConsoleScope {
  if (!p) return null;
  if (isOversight(p)) return { all: true };
  if (isHeadOrLiaison(p) && p.unit) return { all: false, unitId: p.unit };
  return null;
}
