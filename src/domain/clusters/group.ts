/**
 * Repeat clusters (issue 18 §1). The tickets of one place within a window are linked when they are
 * the same problem: the same category (问题分类, when the export gives one) or their problem words
 * overlapping by `similarity` at least (keys.ts). Linking is single link (A–B and B–C make one
 * group). A group of at least `minSize` tickets is a cluster; a group that holds a ticket of a
 * cluster already known makes that cluster grow, whatever its size. Tickets that repeat one
 * citizen's request (near-identical wording at the same place) are suggested for 并单.
 *
 * The linking looks only at the pairs that share a word or a category (an index of word → tickets),
 * so a place's tickets about unrelated problems cost nothing.
 */
import { sameness } from './keys.js';

/** A ticket as linking sees it. */
export interface LinkedTicket {
  number: string;
  place: string;
  /** 问题分类 as compared (categoryKey), null when the export has none. */
  category: string | null;
  problem: readonly string[];
  /** 派单时间, else when first seen. */
  at: Date;
}

/** A ticket with what a warning needs. */
export interface PlacedTicket extends LinkedTicket {
  /** All the text's words (contentWords / mergeWords), for 并单. */
  words: Iterable<string>;
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

/** Oldest first; on the same time, by number (code units: ticket numbers are digits, no collation needed). */
const byAge = (a: { at: Date; number: string }, b: { at: Date; number: string }) =>
  a.at.getTime() - b.at.getTime() || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);

/**
 * The groups of linked tickets among one place's tickets (each group of 2 or more, oldest first; the groups in the
 * order of their oldest ticket). Only the pairs sharing a word or a category are compared.
 */
export function linkPlace<T extends LinkedTicket>(tickets: readonly T[], similarity: number): T[][] {
  const list = [...tickets].sort(byAge);
  const n = list.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) {
      const next = parent[i] as number;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const words = list.map((t) => [...new Set(t.problem)]);
  const byCategory = new Map<string, number>();
  const postings = new Map<string, number[]>();
  const shared = new Int32Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = list[i] as T;
    if (t.category !== null) {
      const first = byCategory.get(t.category);
      if (first === undefined) byCategory.set(t.category, i);
      else union(first, i);
    }
    const mine = words[i] as string[];
    for (const w of mine) {
      const seen = postings.get(w);
      if (!seen) {
        postings.set(w, [i]);
        continue;
      }
      for (const j of seen) {
        const c = shared[j] as number;
        if (c === 0) touched.push(j);
        shared[j] = c + 1;
      }
      seen.push(i);
    }
    for (const j of touched) {
      const fewer = Math.min(mine.length, (words[j] as string[]).length);
      if ((shared[j] as number) / fewer >= similarity) union(i, j);
      shared[j] = 0;
    }
    touched.length = 0;
  }
  const groups = new Map<number, T[]>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(list[i] as T);
    else groups.set(r, [list[i] as T]);
  }
  return [...groups.values()].filter((g) => g.length >= 2);
}

/** The tickets of each place within the window before `now`. */
function inWindow<T extends LinkedTicket>(tickets: readonly T[], windowDays: number, now: Date): Map<string, T[]> {
  const since = now.getTime() - windowDays * DAY_MS;
  const byPlace = new Map<string, T[]>();
  for (const t of tickets) {
    if (t.at.getTime() < since || t.at.getTime() > now.getTime()) continue;
    const list = byPlace.get(t.place);
    if (list) list.push(t);
    else byPlace.set(t.place, [t]);
  }
  return byPlace;
}

/** Linked groups (each of 2 or more, oldest first), per place, within the window before `now`. */
export function linkedGroups<T extends LinkedTicket>(
  tickets: readonly T[],
  rules: Pick<ClusterRules, 'windowDays' | 'similarity'>,
  now: Date,
): T[][] {
  return [...inWindow(tickets, rules.windowDays, now).values()].flatMap((list) => linkPlace(list, rules.similarity));
}

/** Groups of linked tickets of at least `minSize` (oldest first), per place, within the window before `now`. */
export function findGroups<T extends LinkedTicket>(tickets: readonly T[], rules: ClusterRules, now: Date): T[][] {
  return linkedGroups(tickets, rules, now).filter((g) => g.length >= rules.minSize);
}

/** A known cluster as matching sees it. */
export interface KnownCluster {
  id: number;
  place: string;
  members: readonly string[];
}

export interface ClusterMatch {
  /** Known clusters with the tickets that join them (numbers, in the groups' order). */
  grown: Map<number, string[]>;
  /** Groups of at least `minSize` holding no ticket of a known cluster: new clusters. */
  fresh: string[][];
}

/**
 * What a place's linked groups do to its known clusters: a group holding a member of a known cluster adds its other
 * tickets to it (to the oldest such cluster when it holds members of several); a group of `minSize` or more holding
 * none is a new cluster; a smaller one is nothing yet.
 */
export function matchClusters(
  groups: readonly (readonly LinkedTicket[])[],
  known: readonly KnownCluster[],
  minSize: number,
): ClusterMatch {
  // Place → ticket → the oldest cluster holding it (set newest first, so the oldest stays).
  const owner = new Map<string, Map<string, number>>();
  for (const c of [...known].sort((a, b) => b.id - a.id)) {
    let of = owner.get(c.place);
    if (!of) {
      of = new Map();
      owner.set(c.place, of);
    }
    for (const n of c.members) of.set(n, c.id);
  }
  const members = new Map(known.map((c) => [c.id, new Set(c.members)]));
  const grown = new Map<number, string[]>();
  const fresh: string[][] = [];
  for (const g of groups) {
    let id: number | undefined;
    for (const t of g) {
      const o = owner.get(t.place)?.get(t.number);
      if (o !== undefined && (id === undefined || o < id)) id = o;
    }
    if (id === undefined) {
      if (g.length >= minSize) fresh.push(g.map((t) => t.number));
      continue;
    }
    const has = members.get(id) as Set<string>;
    for (const t of g) {
      if (has.has(t.number)) continue;
      has.add(t.number);
      const list = grown.get(id);
      if (list) list.push(t.number);
      else grown.set(id, [t.number]);
    }
  }
  return { grown, fresh };
}

/**
 * Pairs [earlier, later] of near-identical tickets in a group (suggested for 并单), among those with at least one of
 * `fresh` (all when absent): a warning suggests each pair once, when its later ticket arrives.
 */
export function mergePairs(
  group: readonly PlacedTicket[],
  rules: Pick<ClusterRules, 'mergeSimilarity'>,
  fresh?: ReadonlySet<string>,
): [string, string][] {
  const list = [...group].sort(byAge);
  const sets = list.map((t) => (t.words instanceof Set ? (t.words as Set<string>) : new Set(t.words)));
  const pairs: [string, string][] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i] as PlacedTicket;
      const b = list[j] as PlacedTicket;
      if (fresh && !fresh.has(a.number) && !fresh.has(b.number)) continue;
      if (sameness(sets[i] as Set<string>, sets[j] as Set<string>) >= rules.mergeSimilarity)
        pairs.push([a.number, b.number]);
    }
  return pairs;
}

/** The unit answering for a group: the one with most of its tickets (the earliest's on a tie). */
export function leadUnit(group: readonly { unitId: string; at: Date; number: string }[]): string {
  const list = [...group].sort(byAge);
  const n = new Map<string, number>();
  for (const t of list) n.set(t.unitId, (n.get(t.unitId) ?? 0) + 1);
  let best = list[0]?.unitId ?? '';
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
