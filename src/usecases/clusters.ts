/**
 * Repeat warnings (issue 18 §1, 及早发现、提前预警). At an import, each ticket whose keyed text changed (or that was
 * never keyed) is cut once and its place, category and problem words recorded (domain/clusters/keys.ts); a ticket
 * listed again with the same text is not cut again. After the import, only the places those tickets name are
 * recomputed, from their tickets within the window (read through the (place, at) index), linked in memory one
 * place at a time (domain/clusters/group.ts). Each cluster that formed or grew is told once per size: to the
 * responsible unit's head point-to-point, the street's, and the supervision team in the group, with the ticket
 * numbers. A dismissed cluster (忽略 C12) stays quiet until it has grown by `regrow` tickets.
 */
import { createHash } from 'node:crypto';
import type { DistrictConfig } from '../config/schema.js';
import {
  type ClusterRules,
  DAY_MS,
  leadUnit,
  linkedGroups,
  matchClusters,
  mergePairs,
  type PlacedTicket,
  shouldWarn,
} from '../domain/clusters/group.js';
import { type KeyInput, keySource, mergeWords, ticketKeys } from '../domain/clusters/keys.js';
import { resolveStreet } from '../domain/dual/sides.js';
import { type Roster, responsibleFor, unitName, withRoles } from '../domain/roster.js';
import * as T from '../domain/texts/clusters.js';
import { formatDay } from '../domain/time.js';
import {
  clustersAtPlaces,
  insertClusters,
  keyedTickets,
  type MemberFacts,
  markClusterWarned,
  memberFacts,
  type PlaceRow,
  type StoredCluster,
  ticketsAtPlaces,
  updateClusters,
  writeTicketPlaces,
} from '../store/clusters.js';
import type { Db, Queryable } from '../store/db.js';
import type { AppContext } from './context.js';
import { toGroup, toPerson } from './send.js';

export function clusterRules(config: DistrictConfig): ClusterRules {
  const c = config.clusters;
  return { minSize: c.minSize, windowDays: c.windowDays, similarity: c.similarity, mergeSimilarity: c.mergeSimilarity };
}

/** A ticket as keyed: `address` (事发地址) and `category` (问题分类) when the export gives them. */
export interface KeyedTicket extends KeyInput {
  number: string;
  assignedAt: Date | null;
}

/** The hash a ticket's keys are recorded with: its keyed text and its 派单时间. */
export function keyHash(t: KeyedTicket): string {
  return createHash('md5')
    .update(`${keySource(t)}\u0001${t.assignedAt?.toISOString() ?? ''}`)
    .digest('base64url');
}

/**
 * Records the keys of a batch of imported tickets (already written to `tickets`): only those never keyed or whose
 * keyed text changed are cut. Returns the places touched (a ticket's new place, and its old one if it moved).
 */
export async function recordTicketPlaces(db: Queryable, tickets: readonly KeyedTicket[]): Promise<Set<string>> {
  const last = new Map(tickets.map((t) => [t.number, t]));
  const known = await keyedTickets(db, [...last.keys()]);
  const touched = new Set<string>();
  const rows: PlaceRow[] = [];
  for (const t of last.values()) {
    const hash = keyHash(t);
    const before = known.get(t.number);
    if (before?.hash === hash) continue;
    const row = { number: t.number, hash, ...ticketKeys(t) };
    rows.push(row);
    if (row.place !== null) touched.add(row.place);
    if (before?.place != null && before.place !== row.place) touched.add(before.place);
  }
  await writeTicketPlaces(db, rows);
  return touched;
}

export interface ClusterChange {
  cluster: StoredCluster;
  /** Tickets added at this recompute (all of them for a new cluster). */
  added: string[];
  size: number;
  warn: boolean;
  /** Only for a cluster to warn about: its tickets' facts (unit, street, date, text). */
  facts?: Map<string, MemberFacts>;
}

/** Places recomputed together: one read of their tickets, one of their clusters, one write each. */
const CHUNK = 500;
/** Serializes recomputes across processes (two imports at once never make one cluster twice). */
const LOCK = 18_001;

/** Recomputes the clusters of these places (stored: new ones made, members added); says which to warn about. */
export async function recomputeClusters(
  db: Db,
  config: DistrictConfig,
  places: ReadonlySet<string>,
  now: Date,
): Promise<ClusterChange[]> {
  const list = [...places].sort();
  const changes: ClusterChange[] = [];
  for (let i = 0; i < list.length; i += CHUNK) {
    const chunk = list.slice(i, i + CHUNK);
    changes.push(
      ...(await db.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock($1)', [LOCK]);
        return recomputeChunk(tx, config, chunk, now);
      })),
    );
  }
  return changes;
}

async function recomputeChunk(
  db: Queryable,
  config: DistrictConfig,
  places: readonly string[],
  now: Date,
): Promise<ClusterChange[]> {
  const rules = clusterRules(config);
  const tickets = await ticketsAtPlaces(db, places, new Date(now.getTime() - rules.windowDays * DAY_MS), now);
  const groups = linkedGroups(tickets, rules, now);
  const known = await clustersAtPlaces(db, places);
  const { grown, fresh } = matchClusters(groups, known, rules.minSize);
  const byPlace = new Map(tickets.map((t) => [t.number, t.place]));
  const grownClusters = known
    .filter((c) => grown.has(c.id))
    .map((c) => {
      const added = grown.get(c.id) ?? [];
      return { cluster: { ...c, members: [...c.members, ...added] }, added };
    });
  // A cluster grown or made here, or one whose last warning was not recorded (a send that failed).
  const rulesOfWarning = { minSize: rules.minSize, regrow: config.clusters.regrow };
  const pending = known.filter(
    (c) => !grown.has(c.id) && shouldWarn(c.members.length, c.warnedSize, c.dismissedSize, rulesOfWarning),
  );
  const numbers = [
    ...grownClusters.flatMap((g) => g.cluster.members),
    ...fresh.flat(),
    ...pending.flatMap((c) => c.members),
  ];
  const facts = await memberFacts(db, numbers);
  const unitOf = (members: readonly string[]) => leadUnit(members.flatMap((n) => facts.get(n) ?? []));
  for (const g of grownClusters) g.cluster.unitId = unitOf(g.cluster.members) || g.cluster.unitId;
  await updateClusters(
    db,
    grownClusters.map((g) => g.cluster),
    now,
  );
  const made = await insertClusters(
    db,
    fresh.map((members) => ({ place: byPlace.get(members[0] as string) as string, unitId: unitOf(members), members })),
    now,
  );
  const all = [
    ...grownClusters,
    ...made.map((c) => ({ cluster: c, added: c.members })),
    ...pending.map((c) => ({ cluster: c, added: [] })),
  ];
  return all.map(({ cluster, added }) => {
    const size = cluster.members.length;
    const warn = shouldWarn(size, cluster.warnedSize, cluster.dismissedSize, rulesOfWarning);
    if (!warn) return { cluster, added, size, warn };
    const mine = new Map<string, MemberFacts>();
    for (const n of cluster.members) {
      const f = facts.get(n);
      if (f) mine.set(n, f);
    }
    return { cluster, added, size, warn, facts: mine };
  });
}

/**
 * What a warning says of a cluster to warn about: its numbers (new and earlier), dates, responsible unit and 并单
 * pairs among the tickets since its last warning (their words cut here, for these tickets only); and its streets.
 */
export function clusterWarning(
  config: DistrictConfig,
  roster: Roster,
  c: ClusterChange,
): { w: T.ClusterWarning; streets: string[] } {
  const k = c.cluster;
  const facts = c.facts ?? new Map<string, MemberFacts>();
  const tickets: PlacedTicket[] = k.members.flatMap((n) => {
    const f = facts.get(n);
    return f ? [{ ...f, place: k.place, category: null, problem: [], words: mergeWords(f) }] : [];
  });
  const times = tickets.map((t) => t.at.getTime());
  const earlier = k.members.slice(0, k.warnedSize);
  const w: T.ClusterWarning = {
    code: k.code,
    place: k.place,
    unitName: unitName(roster, k.unitId),
    earlier,
    added: k.members.slice(k.warnedSize),
    firstDay: formatDay(new Date(Math.min(...times)), config.timezone),
    lastDay: formatDay(new Date(Math.max(...times)), config.timezone),
    windowDays: config.clusters.windowDays,
    // Dismissed since its last warning (a later growth reads as usual again).
    dismissed: k.dismissedSize !== null && k.dismissedSize >= k.warnedSize,
    unitTickets: tickets.filter((t) => t.unitId === k.unitId).length,
    mergePairs: mergePairs(tickets, clusterRules(config), new Set(k.members.slice(k.warnedSize))),
  };
  return { w, streets: [...new Set(tickets.flatMap((t) => (t.street ? [t.street] : [])))] };
}

/**
 * After an import: the clusters of the places it touched recomputed, and each that formed or grew told once per
 * size (the purposes carry the code and the size: the outbox sends a purpose once).
 */
export async function warnClusters(ctx: AppContext, places: ReadonlySet<string>): Promise<string[]> {
  if (!ctx.config.clusters.enabled || places.size === 0) return [];
  const changes = await recomputeClusters(ctx.db, ctx.config, places, ctx.clock.now());
  const warned: string[] = [];
  for (const c of changes) {
    if (!c.warn) continue;
    const k = c.cluster;
    const { w, streets } = clusterWarning(ctx.config, ctx.roster, c);
    const purpose = `cluster:${k.code}:${c.size}`;
    for (const p of responsibleFor(ctx.roster, k.unitId))
      await ctx.send(toPerson(p.id, T.clusterUnitText(w), `${purpose}:unit:${p.id}`));
    const streetIds = new Set(streets.flatMap((s) => resolveStreet(ctx.roster, s)?.id ?? []));
    streetIds.delete(k.unitId);
    for (const id of streetIds)
      for (const p of responsibleFor(ctx.roster, id))
        await ctx.send(toPerson(p.id, T.clusterStreetText(w, unitName(ctx.roster, id)), `${purpose}:street:${p.id}`));
    const team = withRoles(ctx.roster, ['supervisor']).map((p) => p.id);
    await ctx.send(toGroup(T.clusterGroupText(w), `${purpose}:group`, team));
    await markClusterWarned(ctx.db, k.id, c.size);
    warned.push(k.code);
  }
  if (warned.length > 0) ctx.log.info({ clusters: warned }, 'repeat warnings sent');
  return warned;
}
