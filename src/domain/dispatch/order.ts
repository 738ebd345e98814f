/** The order in which a message names its addressees (pure). */
import type { Roster } from '../roster.js';

/**
 * The units as the message names them, first named first: by the position of an @-mention of
 * one of their people (the chat's mention list when the text has none), else of the unit's name
 * or an alias. Units found nowhere keep their order, after the others.
 */
export function inMessageOrder(
  unitIds: readonly string[],
  text: string,
  mentionIds: readonly string[],
  roster: Roster,
): string[] {
  const at = (unitId: string): number => {
    const spots: number[] = [];
    for (const p of roster.contactsOf(unitId)) {
      const i = text.indexOf(`@${p.name}`);
      if (i >= 0) spots.push(i);
    }
    const u = roster.unit(unitId);
    for (const name of u ? [u.name, ...u.aliases] : []) {
      const i = text.indexOf(name);
      if (i >= 0) spots.push(i);
    }
    if (spots.length > 0) return Math.min(...spots);
    const m = mentionIds.findIndex((id) => roster.person(id)?.unit === unitId);
    return m >= 0 ? text.length + m : Number.MAX_SAFE_INTEGER;
  };
  return unitIds
    .map((id, i) => ({ id, i, pos: at(id) }))
    .sort((a, b) => a.pos - b.pos || a.i - b.i)
    .map((x) => x.id);
}
