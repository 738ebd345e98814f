/**
 * Repeat warnings (issue 18 §1, 及早发现、提前预警). At an import, each ticket whose keyed text changed (or that was
 * never keyed) is cut once and its place, category and problem words recorded (domain/clusters/keys.ts); a ticket
 * listed again with the same text is not cut again. After the import, only the places those tickets name are
 * recomputed, from their tickets within the window (read through the (place, at) index), linked in memory one
 * place at a time (domain/clusters/group.ts). Each cluster that formed or grew is told once per size: to the
 * responsible unit's head point-to-point, the street's, and the supervision team in the group, with the ticket
 * numbers; when one import makes more than `maxDetailed` (a backlog's first), each of them gets one list instead.
 * A dismissed cluster (忽略 C12) stays quiet until it has grown by `regrow` tickets. 查看 C12 shows one whole.
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
import { type KeyInput, keySource, mergeWords, placeLabel, ticketKeys } from '../domain/clusters/keys.js';
import { type OpenWarning, warningsNamed } from '../domain/clusters/named.js';
import { resolveStreet } from '../domain/dual/sides.js';
import { type Roster, responsibleFor, unitName, withRoles } from '../domain/roster.js';
import * as T from '../domain/texts/clusters.js';
import { formatDay } from '../domain/time.js';
import {
  clusterByCode,
  clustersAtPlaces,
  insertClusters,
  keyedTickets,
  type MemberFacts,
  markClustersWarned,
  memberFacts,
  type PlaceRow,
  type StoredCluster,
  ticketsAtPlaces,
  toldClusters,
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
    place: placeLabel(k.place),
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

/** A cluster to warn about at this import, as its warnings say it, with who is told. */
interface Due {
  change: ClusterChange;
  w: T.ClusterWarning;
  /** Street units (属地镇街) its tickets name, other than the responsible unit. */
  streetIds: string[];
}

/**
 * After an import: the clusters of the places it touched recomputed, and each that formed or grew told once per
 * size. Up to `clusters.maxDetailed` of them, each in its own messages (the purposes carry the code and the size:
 * the outbox sends a purpose once); more (a backlog's first import), each recipient gets one list of its own
 * (sendDigests). Either way each is then marked told at its size: a re-import sends nothing.
 */
export async function warnClusters(ctx: AppContext, places: ReadonlySet<string>): Promise<string[]> {
  if (!ctx.config.clusters.enabled || places.size === 0) return [];
  const changes = await recomputeClusters(ctx.db, ctx.config, places, ctx.clock.now());
  const due: Due[] = changes
    .filter((c) => c.warn)
    .map((change) => {
      const { w, streets } = clusterWarning(ctx.config, ctx.roster, change);
      const ids = new Set(streets.flatMap((s) => resolveStreet(ctx.roster, s)?.id ?? []));
      ids.delete(change.cluster.unitId);
      return { change, w, streetIds: [...ids] };
    });
  if (due.length === 0) return [];
  const told = (ds: readonly Due[]) =>
    markClustersWarned(
      ctx.db,
      ds.map((d) => ({ id: d.change.cluster.id, size: d.change.size })),
    );
  const digest = due.length > ctx.config.clusters.maxDetailed;
  if (digest) {
    await sendDigests(ctx, due);
    await told(due);
  } else
    for (const d of due) {
      await sendDetailed(ctx, d);
      await told([d]);
    }
  const warned = due.map((d) => d.change.cluster.code);
  ctx.log.info({ clusters: warned, digest }, 'repeat warnings sent');
  return warned;
}

const detailedPurpose = (d: Due) => `cluster:${d.change.cluster.code}:${d.change.size}`;

/** One cluster's warnings: its unit's head, each street's head, the supervision team in the group. */
async function sendDetailed(ctx: AppContext, d: Due): Promise<void> {
  const purpose = detailedPurpose(d);
  const unitId = d.change.cluster.unitId;
  for (const p of responsibleFor(ctx.roster, unitId))
    await ctx.send(toPerson(p.id, T.clusterUnitText(d.w), `${purpose}:unit:${p.id}`));
  for (const id of d.streetIds)
    for (const p of responsibleFor(ctx.roster, id))
      await ctx.send(toPerson(p.id, T.clusterStreetText(d.w, unitName(ctx.roster, id)), `${purpose}:street:${p.id}`));
  const team = withRoles(ctx.roster, ['supervisor']).map((p) => p.id);
  await ctx.send(toGroup(T.clusterGroupText(d.w), `${purpose}:group`, team));
}

/** Largest first; of one size, the older code first. */
const bySize = (a: Due, b: Due) => b.change.size - a.change.size || a.change.cluster.id - b.change.cluster.id;

/**
 * Many warnings at one import: the group gets one list of the largest `clusters.maxListedInGroup` (@-mentioning the
 * supervision team, in a few messages when long); each unit's head one list of the clusters it is responsible for
 * and, for a street, of those in its area (a unit with only one gets that one's usual warning). The purposes carry
 * a hash of the clusters and sizes told: the same lists are never sent twice.
 */
async function sendDigests(ctx: AppContext, due: Due[]): Promise<void> {
  const all = [...due].sort(bySize);
  const key = createHash('md5')
    .update(all.map((d) => `${d.change.cluster.code}:${d.change.size}`).join(','))
    .digest('base64url')
    .slice(0, 16);
  const byUnit = new Map<string, { own: Due[]; local: Due[] }>();
  const of = (u: string) => byUnit.get(u) ?? byUnit.set(u, { own: [], local: [] }).get(u);
  for (const d of all) {
    of(d.change.cluster.unitId)?.own.push(d);
    for (const id of d.streetIds) of(id)?.local.push(d);
  }
  let unitsTold = true;
  let streetsTold = false;
  for (const [unitId, { own, local }] of byUnit) {
    const people = responsibleFor(ctx.roster, unitId);
    if (people.length === 0 && own.length > 0) unitsTold = false;
    if (people.length > 0 && local.length > 0) streetsTold = true;
    if (people.length === 0) continue;
    const name = unitName(ctx.roster, unitId);
    const [one] = [...own, ...local];
    if (own.length + local.length === 1 && one) {
      // One is one message either way: the usual warning, with the purpose a detailed one has.
      const [text, as] =
        own.length === 1 ? [T.clusterUnitText(one.w), 'unit'] : [T.clusterStreetText(one.w, name), 'street'];
      for (const p of people) await ctx.send(toPerson(p.id, text, `${detailedPurpose(one)}:${as}:${p.id}`));
      continue;
    }
    const parts = T.clusterDigestUnitText(
      own.map((d) => d.w),
      local.map((d) => d.w),
      name,
    );
    for (const p of people)
      for (const [i, text] of parts.entries())
        await ctx.send(toPerson(p.id, text, `cluster-digest:${key}:unit:${p.id}:${i + 1}`));
  }
  const team = withRoles(ctx.roster, ['supervisor']).map((p) => p.id);
  const parts = T.clusterDigestGroupText({
    all: all.map((d) => d.w),
    listed: ctx.config.clusters.maxListedInGroup,
    unitsTold,
    streetsTold,
  });
  // Only the first part @-mentions the team: one notification for the list.
  for (const [i, text] of parts.entries())
    await ctx.send(toGroup(text, `cluster-digest:${key}:group:${i + 1}`, i === 0 ? team : []));
}

/**
 * One cluster as it stands, for 查看 C12: its tickets (oldest first) with their day and title, the units and
 * streets they name, every 并单 pair among them, and whether it was dismissed. Undefined for an unknown code.
 */
export async function clusterDetail(ctx: AppContext, code: string): Promise<string[] | undefined> {
  const k = await clusterByCode(ctx.db, code);
  if (!k) return undefined;
  const facts = await memberFacts(ctx.db, k.members);
  const tz = ctx.config.timezone;
  const tickets = k.members
    .flatMap((n) => facts.get(n) ?? [])
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.number.localeCompare(b.number));
  const counts = new Map<string, number>();
  for (const t of tickets) counts.set(t.unitId, (counts.get(t.unitId) ?? 0) + 1);
  // The responsible unit first, then by count.
  const units = [...counts]
    .sort((a, b) => Number(b[0] === k.unitId) - Number(a[0] === k.unitId) || b[1] - a[1])
    .map(([id, n]) => [unitName(ctx.roster, id), n] as const);
  const first = tickets[0];
  const last = tickets.at(-1);
  const placed: PlacedTicket[] = tickets.map((f) => ({
    ...f,
    place: k.place,
    category: null,
    problem: [],
    words: mergeWords(f),
  }));
  return T.clusterDetailText({
    code: k.code,
    place: placeLabel(k.place),
    total: k.members.length,
    firstDay: first ? formatDay(first.at, tz) : '',
    lastDay: last ? formatDay(last.at, tz) : '',
    units,
    streets: [...new Set(tickets.flatMap((t) => (t.street ? [t.street] : [])))],
    tickets: tickets.map((t) => ({ number: t.number, day: formatDay(t.at, tz), title: t.title || t.content })),
    mergePairs: mergePairs(placed, clusterRules(ctx.config)),
    dismissedAt: k.dismissedSize,
  });
}

/** Warnings read when a supervisor names one in words (a backlog's first import may leave hundreds). */
const NAMED_AMONG = 200;
const NAMED_TICKETS = 20;

export interface NamedWarnings {
  /** Open: told, not dismissed since its last warning. */
  open: OpenWarning[];
  /** Named too, but dismissed at their last warning (忽略 C1 already said). */
  dismissed: OpenWarning[];
}

/**
 * The repeat warnings told within the window that a supervisor's words name (烧烤店那个预警忽略吧: 烧烤店), read from
 * their place and their tickets' titles and contents; every one for no words. Oldest code first.
 */
export async function warningsNamedBy(ctx: AppContext, words: string): Promise<NamedWarnings> {
  const since = new Date(ctx.clock.now().getTime() - ctx.config.clusters.windowDays * DAY_MS);
  const told = await toldClusters(ctx.db, since, NAMED_AMONG);
  // Its latest tickets say what it is about; a large cluster's older ones add no word.
  const read = (c: StoredCluster) => c.members.slice(-NAMED_TICKETS);
  const facts = await memberFacts(ctx.db, told.flatMap(read));
  const isOpen = (c: StoredCluster) => c.dismissedSize === null || c.warnedSize > c.dismissedSize;
  const warning = (c: StoredCluster): OpenWarning => ({
    code: c.code,
    place: placeLabel(c.place),
    size: c.members.length,
    texts: read(c).flatMap((n) => {
      const f = facts.get(n);
      return f ? [f.title, f.content] : [];
    }),
  });
  const byCode = (a: OpenWarning, b: OpenWarning) => Number(a.code.slice(1)) - Number(b.code.slice(1));
  return {
    open: warningsNamed(words, told.filter(isOpen).map(warning)).sort(byCode),
    dismissed: words === '' ? [] : warningsNamed(words, told.filter((c) => !isOpen(c)).map(warning)).sort(byCode),
  };
}
