import type { DistrictConfig, PersonConfig, Role, UnitConfig } from '../config/schema.js';
import { toSimplified } from './language/traditional.js';
import type { IncomingMessage } from './messages.js';

export type Unit = UnitConfig;
export type Person = PersonConfig;

/** Read-only lookups over a district's units and people. Pure, no I/O. */
export class Roster {
  readonly units: readonly Unit[];
  readonly people: readonly Person[];
  private readonly unitsById = new Map<string, Unit>();
  private readonly unitsByName = new Map<string, Unit>();
  private readonly peopleById = new Map<string, Person>();
  /** Every name and alias with its unit, longest first (so 区住建局 wins over 住建). */
  readonly unitNames: ReadonlyArray<{ text: string; unit: Unit }>;

  constructor(units: readonly Unit[], people: readonly Person[]) {
    this.units = units;
    this.people = people;
    const names: Array<{ text: string; unit: Unit }> = [];
    for (const u of units) {
      this.unitsById.set(u.id, u);
      for (const n of [u.name, ...u.aliases]) {
        // A name written in traditional characters in the district file matches either way.
        this.unitsByName.set(n, u);
        names.push({ text: n, unit: u });
        const simple = toSimplified(n);
        if (simple === n) continue;
        if (!this.unitsByName.has(simple)) this.unitsByName.set(simple, u);
        names.push({ text: simple, unit: u });
      }
    }
    names.sort((a, b) => b.text.length - a.text.length);
    this.unitNames = names;
    for (const p of people) this.peopleById.set(p.id, p);
  }

  static fromConfig(c: Pick<DistrictConfig, 'units' | 'people'>): Roster {
    return new Roster(c.units, c.people);
  }

  unit(id: string): Unit | undefined {
    return this.unitsById.get(id);
  }

  /** Resolves a canonical name or alias exactly. */
  unitByName(name: string): Unit | undefined {
    const n = name.trim();
    return this.unitsByName.get(n) ?? this.unitsByName.get(toSimplified(n));
  }

  person(contactId: string): Person | undefined {
    return this.peopleById.get(contactId);
  }

  hasRole(contactId: string, role: Role): boolean {
    return this.peopleById.get(contactId)?.roles.includes(role) ?? false;
  }

  /** The unit a person belongs to, if any. */
  unitOf(contactId: string): Unit | undefined {
    const p = this.peopleById.get(contactId);
    return p?.unit === undefined ? undefined : this.unitsById.get(p.unit);
  }

  withRole(role: Role): Person[] {
    return this.people.filter((p) => p.roles.includes(role));
  }

  /** Heads first, then liaisons, of a unit. */
  contactsOf(unitId: string, roles: readonly Role[] = ['head', 'liaison']): Person[] {
    return roles.flatMap((r) => this.people.filter((p) => p.unit === unitId && p.roles.includes(r)));
  }

  headsOf(unitId: string): Person[] {
    return this.contactsOf(unitId, ['head']);
  }

  reportingUnits(): Unit[] {
    return this.units.filter((u) => u.reports);
  }

  /**
   * All non-overlapping unit mentions in a text, leftmost-longest, with their positions.
   */
  findUnits(raw: string): Array<{ unit: Unit; index: number; text: string }> {
    // Traditional characters match their simplified names (positions kept: only when the length is).
    const simple = toSimplified(raw);
    const text = simple.length === raw.length ? simple : raw;
    const found: Array<{ unit: Unit; index: number; text: string }> = [];
    const taken: boolean[] = new Array(text.length).fill(false);
    for (const n of this.unitNames) {
      let from = 0;
      for (;;) {
        const i = text.indexOf(n.text, from);
        if (i < 0) break;
        from = i + 1;
        let free = true;
        for (let k = i; k < i + n.text.length; k++)
          if (taken[k]) {
            free = false;
            break;
          }
        if (!free) continue;
        for (let k = i; k < i + n.text.length; k++) taken[k] = true;
        found.push({ unit: n.unit, index: i, text: n.text });
      }
    }
    return found.sort((a, b) => a.index - b.index);
  }
}

/** A district leader (gives dispatches, decides 退办 requests). */
export function isLeader(p: Person): boolean {
  return p.roles.includes('leader');
}

/** A member of the supervision team (督导专班). */
export function isSupervisor(p: Person): boolean {
  return p.roles.includes('supervisor');
}

/** A leader or a supervisor: sees every unit, may report on a unit's behalf (代报). */
export function isOversight(p: Person): boolean {
  return isLeader(p) || isSupervisor(p);
}

/** A head or a liaison by role, whether or not the roster gives a unit. */
export function isHeadOrLiaison(p: Person): boolean {
  return p.roles.includes('head') || p.roles.includes('liaison');
}

/** A head or liaison of a unit: those who answer for it. */
export function isUnitWorker(p: Person): boolean {
  return p.unit !== undefined && isHeadOrLiaison(p);
}

/** A unit's name as people read it; its id when the roster does not know it. */
export function unitName(roster: Roster, unitId: string): string {
  return roster.unit(unitId)?.name ?? unitId;
}

/** A person's name; their id when the roster does not know them. */
export function personName(roster: Roster, id: string): string {
  return roster.person(id)?.name ?? id;
}

/** The people who answer for a unit by name: its heads, else its liaisons. */
export function responsibleFor(roster: Roster, unitId: string): Person[] {
  const heads = roster.headsOf(unitId);
  return heads.length > 0 ? heads : roster.contactsOf(unitId, ['liaison']);
}

/** Everyone with any of these roles, once each, in the order of the roles (then the roster). */
export function withRoles(roster: Roster, roles: readonly Role[]): Person[] {
  const out: Person[] = [];
  for (const r of roles) for (const p of roster.withRole(r)) if (!out.includes(p)) out.push(p);
  return out;
}

/** The contact ids of everyone with the role. */
export function idsWithRole(roster: Roster, role: Role): string[] {
  return roster.withRole(role).map((p) => p.id);
}

/** Whether the message @-mentions someone on the roster other than its sender: it speaks to them, not to the bot. */
export function mentionsRosterPerson(
  msg: Pick<IncomingMessage, 'mentionIds'>,
  sender: Person,
  ctx: { roster: Roster },
): boolean {
  return msg.mentionIds.some((id) => id !== sender.id && ctx.roster.person(id) !== undefined);
}
