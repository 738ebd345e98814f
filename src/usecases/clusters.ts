/**
 * Repeat warnings (issue 18 §1, 及早发现、提前预警). Each imported ticket's place and problem words
 * are recorded (domain/clusters/keys.ts); after the import, the clusters of the places it touched
 * are recomputed (only those places, within the window) and each cluster that formed or grew is
 * told once per size: to the responsible unit's head point-to-point and to the supervision team in
 * the group, with the ticket numbers. A dismissed cluster (忽略 C12) stays quiet until it has grown
 * by `regrow` tickets.
 */
import type { DistrictConfig } from '../config/schema.js';
import { type ClusterRules, DAY_MS, findGroups, leadUnit, mergePairs, shouldWarn } from '../domain/clusters/group.js';
import { ticketKeys } from '../domain/clusters/keys.js';
import { resolveStreet } from '../domain/dual/sides.js';
import { responsibleFor, unitName, withRoles } from '../domain/roster.js';
import * as T from '../domain/texts/clusters.js';
import type { TicketInput } from '../domain/tickets/row.js';
import {
  clustersAtPlaces,
  insertClusters,
  markClusterWarned,
  type PlaceRow,
  type StoredCluster,
  ticketsAtPlaces,
  updateClusters,
  writeTicketPlaces,
} from '../store/clusters.js';
import type { Queryable } from '../store/db.js';
import type { AppContext } from './context.js';
import { toGroup, toPerson } from './send.js';

export function clusterRules(config: DistrictConfig): ClusterRules {
  const c = config.clusters;
  return { minSize: c.minSize, windowDays: c.windowDays, similarity: c.similarity, mergeSimilarity: c.mergeSimilarity };
}

/** The place and problem words of tickets (those naming no place are left out). */
export function placeRows(tickets: readonly TicketInput[], now: Date): PlaceRow[] {
  const rows: PlaceRow[] = [];
  for (const t of tickets) {
    const k = ticketKeys(`${t.title} ${t.content}`);
    if (k.place === null) continue;
    rows.push({ number: t.number, place: k.place, problem: k.problem, words: k.words, at: t.assignedAt ?? now });
  }
  return rows;
}

/** Records the places of a batch of imported tickets; returns the places named. */
export async function recordTicketPlaces(
  db: Queryable,
  tickets: readonly TicketInput[],
  now: Date,
): Promise<Set<string>> {
  const rows = placeRows(tickets, now);
  await writeTicketPlaces(db, rows);
  return new Set(rows.map((r) => r.place));
}

export interface ClusterChange {
  cluster: StoredCluster;
  /** The streets (属地镇街) its tickets name, as the export gives them. */
  streets: string[];
  size: number;
  warn: boolean;
  mergePairs: [string, string][];
}

/** Recomputes the clusters of these places (stored: new ones made, members updated); what to warn about. */
export async function recomputeClusters(
  db: Queryable,
  config: DistrictConfig,
  places: ReadonlySet<string>,
  now: Date,
): Promise<ClusterChange[]> {
  if (places.size === 0) return [];
  const rules = clusterRules(config);
  const list = [...places];
  const tickets = await ticketsAtPlaces(db, list, new Date(now.getTime() - rules.windowDays * DAY_MS));
  const groups = findGroups(tickets, rules, now);
  const stored = await clustersAtPlaces(db, list);
  const found: { cluster: StoredCluster | null; group: (typeof groups)[number]; unitId: string }[] = [];
  const updates: StoredCluster[] = [];
  for (const g of groups) {
    const numbers = g.map((t) => t.number);
    const unitId = leadUnit(g);
    const known = stored.find((c) => c.place === g[0]?.place && c.members.some((n) => numbers.includes(n)));
    if (!known) {
      found.push({ cluster: null, group: g, unitId });
      continue;
    }
    const members = [...known.members, ...numbers.filter((n) => !known.members.includes(n))];
    const cluster = { ...known, members, unitId };
    if (members.length !== known.members.length) updates.push(cluster);
    found.push({ cluster, group: g, unitId });
  }
  await updateClusters(db, updates, now);
  const fresh = found.filter((f) => f.cluster === null);
  const made = await insertClusters(
    db,
    fresh.map((f) => ({ place: f.group[0]?.place ?? '', unitId: f.unitId, members: f.group.map((t) => t.number) })),
    now,
  );
  fresh.forEach((f, i) => {
    f.cluster = made[i] ?? null;
  });
  const changes: ClusterChange[] = [];
  for (const f of found) {
    const cluster = f.cluster;
    if (!cluster) continue;
    const size = cluster.members.length;
    const warn = shouldWarn(size, cluster.warnedSize, cluster.dismissedSize, {
      minSize: rules.minSize,
      regrow: config.clusters.regrow,
    });
    const streets = [...new Set(f.group.flatMap((t) => (t.street ? [t.street] : [])))];
    changes.push({ cluster, streets, size, warn, mergePairs: mergePairs(f.group, rules) });
  }
  return changes;
}

/**
 * After an import: the clusters of the places it touched recomputed, and each that formed or grew told once per
 * size (the purposes carry the code and the size).
 */
export async function warnClusters(ctx: AppContext, places: ReadonlySet<string>): Promise<string[]> {
  if (!ctx.config.clusters.enabled || places.size === 0) return [];
  const changes = await recomputeClusters(ctx.db, ctx.config, places, ctx.clock.now());
  const warned: string[] = [];
  for (const c of changes) {
    if (!c.warn) continue;
    const k = c.cluster;
    const w: T.ClusterWarning = {
      code: k.code,
      place: k.place,
      unitName: unitName(ctx.roster, k.unitId),
      numbers: k.members,
      windowDays: ctx.config.clusters.windowDays,
      mergePairs: c.mergePairs,
      grown: k.warnedSize > 0,
    };
    const purpose = `cluster:${k.code}:${c.size}`;
    for (const p of responsibleFor(ctx.roster, k.unitId))
      await ctx.send(toPerson(p.id, T.clusterUnitText(w), `${purpose}:unit:${p.id}`));
    const streets = new Set(c.streets.flatMap((s) => resolveStreet(ctx.roster, s)?.id ?? []));
    streets.delete(k.unitId);
    for (const id of streets)
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
