import type { Person } from '../domain/roster.js';

/** What a person may see in the console: everything, one unit, or nothing. */
export type ConsoleScope = { all: true } | { all: false; unitId: string } | null;

export function consoleScope(p: Person | undefined): ConsoleScope {
  if (!p) return null;
  if (p.roles.includes('leader') || p.roles.includes('supervisor')) return { all: true };
  if ((p.roles.includes('head') || p.roles.includes('liaison')) && p.unit) return { all: false, unitId: p.unit };
  return null;
}
