/**
 * Repeat clusters (issue 18 §1): tickets of one place whose problem words overlap enough are
 * linked (single link: A–B and B–C make one group), inside a window of days; a group of at least
 * `minSize` tickets is a cluster. Tickets that repeat one citizen's request (near-identical
 * wording at the same place) are suggested for 并单.
 */
import { overlap, sameness } from './keys.js';

export interface PlacedTicket {
  number: string;
  place: string;
  problem: readonly string[];
  /** All the text's words (contentWords), for 并单. */
  words: readonly string[];
  /** 派单时间, else when first seen. */
  at: Date;
  unitId: string;
  /** 属地镇街 as the export gives it. */
  street: string | null;
}

export interface ClusterRules {
  minSize: number;
  windowDays: number;
  similarity: number;
  /** Sameness (Jaccard) from which two tickets are one citizen's request repeated. */
  mergeSimilarity: number;
}

export const DAY_MS = 86_400_000;

/** Groups of linked tickets (each ≥ minSize, oldest first), per place, within the window before `now`. */
export function findGroups(tickets: readonly PlacedTicket[], rules: ClusterRules, now: Date): PlacedTicket[][] {
  const since = now.getTime() - rules.windowDays * DAY_MS;
  const byPlace = new Map<string, PlacedTicket[]>();
  for (const t of tickets) {
    if (t.at.getTime() < since || t.at.getTime() > now.getTime()) continue;
    const list = byPlace.get(t.place) ?? [];
    list.push(t);
    byPlace.set(t.place, list);
  }
  const groups: PlacedTicket[][] = [];
  for (const list of byPlace.values()) {
    const parent = list.map((_, i) => i);
    const root = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
      return i;
    };
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        if (overlap((list[i] as PlacedTicket).problem, (list[j] as PlacedTicket).problem) >= rules.similarity)
          parent[root(j)] = root(i);
    const byRoot = new Map<number, PlacedTicket[]>();
    list.forEach((t, i) => {
      const g = byRoot.get(root(i)) ?? [];
      g.push(t);
      byRoot.set(root(i), g);
    });
    for (const g of byRoot.values())
      if (g.length >= rules.minSize)
        groups.push(g.sort((a, b) => a.at.getTime() - b.at.getTime() || a.number.localeCompare(b.number)));
  }
  return groups;
}

/** Pairs [earlier, later] of near-identical tickets in a group: suggested for 并单. */
export function mergePairs(group: readonly PlacedTicket[], rules: ClusterRules): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < group.length; i++)
    for (let j = i + 1; j < group.length; j++) {
      const a = group[i] as PlacedTicket;
      const b = group[j] as PlacedTicket;
      if (sameness(a.words, b.words) >= rules.mergeSimilarity) pairs.push([a.number, b.number]);
    }
  return pairs;
}

/** The unit answering for a group: the one with most of its tickets (the earliest on a tie). */
export function leadUnit(group: readonly PlacedTicket[]): string {
  const n = new Map<string, number>();
  for (const t of group) n.set(t.unitId, (n.get(t.unitId) ?? 0) + 1);
  let best = group[0]?.unitId ?? '';
  for (const [u, c] of n) if (c > (n.get(best) ?? 0)) best = u;
  return best;
}

/** Whether a cluster of this size is to be warned about: new growth past the last warning, and out of a dismissal. */
export function shouldWarn(
  size: number,
  warnedSize: number,
  dismissedAt: number | null,
  rules: { minSize: number; regrow: number },
): boolean {
  if (size < rules.minSize || size <= warnedSize) return false;
  return dismissedAt === null || size >= dismissedAt + rules.regrow;
}
