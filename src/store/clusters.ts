import type { LinkedTicket } from '../domain/clusters/group.js';
import type { Queryable } from './db.js';

export interface PlaceRow {
  number: string;
  /** Of the keyed text (keySource): the same on a re-import, then the ticket is not cut again. */
  hash: string;
  place: string | null;
  category: string | null;
  problem: readonly string[];
}

const words = (s: string): string[] => (s === '' ? [] : s.split(' '));

/** The stored hash and place of these tickets (those keyed before). */
export async function keyedTickets(
  db: Queryable,
  numbers: readonly string[],
): Promise<Map<string, { hash: string; place: string | null }>> {
  if (numbers.length === 0) return new Map();
  const rows = await db.query<{ ticket_number: string; text_hash: string; place: string | null }>(
    `select ticket_number, text_hash, place from ticket_places
      where ticket_number in (select jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(numbers)],
  );
  return new Map(rows.map((r) => [r.ticket_number, { hash: r.text_hash, place: r.place }]));
}

/**
 * Records the keys of tickets already written to `tickets` (replacing what was there); `at` is their 派单时间, else
 * when they were first seen (read from `tickets`).
 */
export async function writeTicketPlaces(db: Queryable, rows: readonly PlaceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into ticket_places (ticket_number, text_hash, place, category, problem, at)
     select x.number, x.hash, x.place, x.category, x.problem, coalesce(t.assigned_at, t.first_seen_at)
       from jsonb_to_recordset($1::jsonb) as x(number text, hash text, place text, category text, problem text)
       join tickets t on t.number = x.number
     on conflict (ticket_number) do update
       set text_hash = excluded.text_hash, place = excluded.place, category = excluded.category,
           problem = excluded.problem, at = excluded.at`,
    [
      JSON.stringify(
        rows.map((r) => ({
          number: r.number,
          hash: r.hash,
          place: r.place,
          category: r.category,
          problem: r.problem.join(' '),
        })),
      ),
    ],
  );
}

/** The tickets of these places keyed with 派单时间 in [since, until] (what linking needs only). */
export async function ticketsAtPlaces(
  db: Queryable,
  places: readonly string[],
  since: Date,
  until: Date,
): Promise<LinkedTicket[]> {
  if (places.length === 0) return [];
  const rows = await db.query<{
    number: string;
    place: string;
    category: string | null;
    problem: string;
    at: Date | string;
  }>(
    `select ticket_number as number, place, category, problem, at from ticket_places
      where place in (select jsonb_array_elements_text($1::jsonb)) and at >= $2 and at <= $3`,
    [JSON.stringify(places), since, until],
  );
  return rows.map((r) => ({
    number: r.number,
    place: r.place,
    category: r.category,
    problem: words(r.problem),
    at: new Date(r.at),
  }));
}

export interface MemberFacts {
  number: string;
  title: string;
  content: string;
  at: Date;
  unitId: string;
  street: string | null;
}

/** What a warning needs of these tickets: their text (并单), date, unit and street. */
export async function memberFacts(db: Queryable, numbers: readonly string[]): Promise<Map<string, MemberFacts>> {
  if (numbers.length === 0) return new Map();
  const rows = await db.query<{
    number: string;
    title: string | null;
    content: string | null;
    at: Date | string;
    unit_id: string;
    street: string | null;
  }>(
    `select t.number, t.title, t.content, coalesce(p.at, t.assigned_at, t.first_seen_at) as at, t.unit_id, t.street
       from tickets t left join ticket_places p on p.ticket_number = t.number
      where t.number in (select jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(numbers)],
  );
  return new Map(
    rows.map((r) => [
      r.number,
      {
        number: r.number,
        title: r.title ?? '',
        content: r.content ?? '',
        at: new Date(r.at),
        unitId: r.unit_id,
        street: r.street,
      },
    ]),
  );
}

export interface StoredCluster {
  id: number;
  code: string;
  place: string;
  unitId: string;
  members: string[];
  warnedSize: number;
  dismissedSize: number | null;
}

interface ClusterRow {
  id: string | number;
  code: string;
  place: string;
  unit_id: string;
  members: string[];
  warned_size: number;
  dismissed_size: number | null;
}

const fromRow = (r: ClusterRow): StoredCluster => ({
  id: Number(r.id),
  code: r.code,
  place: r.place,
  unitId: r.unit_id,
  members: r.members,
  warnedSize: r.warned_size,
  dismissedSize: r.dismissed_size,
});

export async function clustersAtPlaces(db: Queryable, places: readonly string[]): Promise<StoredCluster[]> {
  if (places.length === 0) return [];
  const rows = await db.query<ClusterRow>(
    'select * from ticket_clusters where place in (select jsonb_array_elements_text($1::jsonb)) order by id',
    [JSON.stringify(places)],
  );
  return rows.map(fromRow);
}

export async function clusterByCode(db: Queryable, code: string): Promise<StoredCluster | undefined> {
  const rows = await db.query<ClusterRow>('select * from ticket_clusters where code = $1', [code.toUpperCase()]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/**
 * The warnings told and changed since `since`, the latest first, at most `limit`: open ones (not dismissed, or told
 * again after it) and those dismissed at their last warning.
 */
export async function toldClusters(db: Queryable, since: Date, limit: number): Promise<StoredCluster[]> {
  const rows = await db.query<ClusterRow>(
    `select * from ticket_clusters where warned_size > 0 and updated_at >= $1
      order by updated_at desc, id desc limit $2`,
    [since, limit],
  );
  return rows.map(fromRow);
}

/** New clusters (one statement); each code is C and its id. Returned in the order given. */
export async function insertClusters(
  db: Queryable,
  cs: readonly { place: string; unitId: string; members: readonly string[] }[],
  at: Date,
): Promise<StoredCluster[]> {
  if (cs.length === 0) return [];
  const rows = await db.query<ClusterRow & { ord: number }>(
    `with x as (
       select x.*, nextval('ticket_clusters_id_seq') as id
         from jsonb_to_recordset($1::jsonb) as x(ord int, place text, unit_id text, members jsonb)
        order by x.ord)
     insert into ticket_clusters (id, code, place, unit_id, members, created_at, updated_at)
     select id, 'C' || id, place, unit_id, members, $2, $2 from x order by ord
     returning *`,
    [JSON.stringify(cs.map((c, ord) => ({ ord, place: c.place, unit_id: c.unitId, members: c.members }))), at],
  );
  return rows.map(fromRow).sort((a, b) => a.id - b.id);
}

/** Clusters' new members and unit (one statement). */
export async function updateClusters(
  db: Queryable,
  cs: readonly { id: number; members: readonly string[]; unitId: string }[],
  at: Date,
): Promise<void> {
  if (cs.length === 0) return;
  await db.query(
    `update ticket_clusters c set members = x.members, unit_id = x.unit_id, updated_at = $2
       from jsonb_to_recordset($1::jsonb) as x(id bigint, members jsonb, unit_id text) where c.id = x.id`,
    [JSON.stringify(cs.map((c) => ({ id: c.id, members: c.members, unit_id: c.unitId }))), at],
  );
}

/** Clusters told at these sizes (one statement); a size told is never lowered. */
export async function markClustersWarned(db: Queryable, cs: readonly { id: number; size: number }[]): Promise<void> {
  if (cs.length === 0) return;
  await db.query(
    `update ticket_clusters c set warned_size = greatest(c.warned_size, x.size)
       from jsonb_to_recordset($1::jsonb) as x(id bigint, size int) where c.id = x.id`,
    [JSON.stringify(cs)],
  );
}

export async function dismissCluster(db: Queryable, id: number, size: number, by: string): Promise<void> {
  await db.query('update ticket_clusters set dismissed_size = $2, dismissed_by = $3 where id = $1', [id, size, by]);
}
