import type { PlacedTicket } from '../domain/clusters/group.js';
import type { Queryable } from './db.js';

export interface PlaceRow {
  number: string;
  place: string;
  problem: readonly string[];
  words: readonly string[];
  at: Date;
}

/** Records the place and problem words of tickets (replacing what was there). */
export async function writeTicketPlaces(db: Queryable, rows: readonly PlaceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into ticket_places (ticket_number, place, problem, words, at)
     select x.number, x.place, x.problem, x.words, x.at
       from jsonb_to_recordset($1::jsonb) as x(number text, place text, problem jsonb, words jsonb, at timestamptz)
     on conflict (ticket_number) do update
       set place = excluded.place, problem = excluded.problem, words = excluded.words, at = excluded.at`,
    [JSON.stringify(rows.map((r) => ({ ...r, at: r.at.toISOString() })))],
  );
}

/** The tickets of these places since `since`, with their unit. */
export async function ticketsAtPlaces(db: Queryable, places: readonly string[], since: Date): Promise<PlacedTicket[]> {
  if (places.length === 0) return [];
  const rows = await db.query<{
    number: string;
    place: string;
    problem: string[];
    words: string[];
    at: Date | string;
    unit_id: string;
    street: string | null;
  }>(
    `select p.ticket_number as number, p.place, p.problem, p.words, p.at, t.unit_id, t.street
       from ticket_places p join tickets t on t.number = p.ticket_number
      where p.place in (select jsonb_array_elements_text($1::jsonb)) and p.at >= $2`,
    [JSON.stringify(places), since],
  );
  return rows.map((r) => ({
    number: r.number,
    place: r.place,
    problem: r.problem,
    words: r.words,
    at: new Date(r.at),
    unitId: r.unit_id,
    street: r.street,
  }));
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

export async function markClusterWarned(db: Queryable, id: number, size: number): Promise<void> {
  await db.query('update ticket_clusters set warned_size = greatest(warned_size, $2) where id = $1', [id, size]);
}

export async function dismissCluster(db: Queryable, id: number, size: number, by: string): Promise<void> {
  await db.query('update ticket_clusters set dismissed_size = $2, dismissed_by = $3 where id = $1', [id, size, by]);
}
