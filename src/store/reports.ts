import type { ReportFigures } from '../domain/report/figures.js';
import { batchedPerDb } from './batcher.js';
import type { Queryable, SqlValue } from './db.js';
import { valuesList } from './values.js';

export interface StoredReport extends ReportFigures {
  unitId: string;
  day: string;
  late: boolean;
  version: number;
  senderId: string;
  receivedAt: Date;
}

interface Row {
  unit_id: string; day: string; received: number | null; completed: number | null; in_progress: number | null; overdue: number | null;
  reopened: number | null; unsatisfied: number | null; returned: number | null; on_time_rate: number | null; satisfaction_rate: number | null;
  late: boolean; version: number; sender_id: string; received_at: Date;
}

function fromRow(r: Row): StoredReport {
  return {
    unitId: r.unit_id, day: r.day, received: r.received, completed: r.completed, inProgress: r.in_progress, overdue: r.overdue,
    reopened: r.reopened, unsatisfied: r.unsatisfied, returned: r.returned, onTimeRate: r.on_time_rate, satisfactionRate: r.satisfaction_rate,
    late: r.late, version: r.version, senderId: r.sender_id, receivedAt: new Date(r.received_at),
  };
}

export interface SaveReport {
  unitId: string;
  day: string;
  figures: ReportFigures;
  late: boolean;
  messageId: string;
  senderId: string;
  receivedAt: Date;
  text: string;
}

const COLUMN_TYPES = ['text', 'text', 'jsonb', 'boolean', 'text', 'text', 'timestamptz', 'text', 'int', 'int', 'int', 'int', 'int', 'int', 'int', 'float8', 'float8'];
const savers = batchedPerDb(saveReports);

/**
 * Stores a report as the unit's current one for the day, keeping every earlier version.
 * Idempotent per message id: a message processed twice gives the same version. Reports of
 * different units arriving together (the evening burst) are stored in one statement, each
 * caller waiting for its own; each statement is atomic on its own.
 */
export function saveReport(db: Queryable, r: SaveReport): Promise<{ version: number }> {
  return savers(db, r);
}

/** Stores reports of distinct messages and distinct unit-days in one statement. */
export async function saveReports(db: Queryable, rs: readonly SaveReport[]): Promise<Array<{ version: number }>> {
  if (new Set(rs.map((r) => r.messageId)).size !== rs.length || new Set(rs.map((r) => `${r.unitId}|${r.day}`)).size !== rs.length) {
    throw new Error('saveReports: one message or one unit-day per statement');
  }
  const params: SqlValue[] = [];
  for (const r of rs) {
    const f = r.figures;
    params.push(r.unitId, r.day, JSON.stringify(f), r.late, r.messageId, r.senderId, r.receivedAt, r.text,
      f.received, f.completed, f.inProgress, f.overdue, f.reopened, f.unsatisfied, f.returned, f.onTimeRate, f.satisfactionRate);
  }
  const out = await db.query<{ message_id: string; version: number }>(
    `with input (unit_id, day, figures, late, message_id, sender_id, received_at, text,
                 received, completed, in_progress, overdue, reopened, unsatisfied, returned, on_time_rate, satisfaction_rate) as (
       values ${valuesList(rs.length, COLUMN_TYPES)}
     ), seen as (
       select v.message_id, v.version from report_versions v join input i on i.message_id = v.message_id
     ), fresh as (
       select i.*, coalesce((select max(v.version) from report_versions v where v.unit_id = i.unit_id and v.day = i.day), 0)::int + 1 as version
       from input i where not exists (select 1 from seen s where s.message_id = i.message_id)
     ), ins as (
       insert into report_versions (unit_id, day, version, figures, late, message_id, sender_id, received_at, text)
       select unit_id, day, version, figures, late, message_id, sender_id, received_at, text from fresh
       returning message_id, version
     ), cur as (
       -- A correction keeps the "late" mark of the first report: lateness is about the first one.
       insert into reports (unit_id, day, received, completed, in_progress, overdue, reopened, unsatisfied, returned, on_time_rate, satisfaction_rate, late, version, message_id, sender_id, received_at)
       select unit_id, day, received, completed, in_progress, overdue, reopened, unsatisfied, returned, on_time_rate, satisfaction_rate, late, version, message_id, sender_id, received_at
       from fresh
       on conflict (unit_id, day) do update set received = excluded.received, completed = excluded.completed, in_progress = excluded.in_progress,
         overdue = excluded.overdue, reopened = excluded.reopened, unsatisfied = excluded.unsatisfied, returned = excluded.returned,
         on_time_rate = excluded.on_time_rate, satisfaction_rate = excluded.satisfaction_rate, version = excluded.version,
         message_id = excluded.message_id, sender_id = excluded.sender_id, received_at = excluded.received_at
       returning 1
     )
     select message_id, version from ins union all select message_id, version from seen`,
    params,
  );
  const byId = new Map(out.map((o) => [o.message_id, o.version]));
  return rs.map((r) => {
    const version = byId.get(r.messageId);
    if (version === undefined) throw new Error(`report of message ${r.messageId} not stored`);
    return { version };
  });
}

export async function reportsForDay(db: Queryable, day: string): Promise<StoredReport[]> {
  return (await db.query<Row>('select * from reports where day = $1 order by unit_id', [day])).map(fromRow);
}

export async function reportedUnitIds(db: Queryable, day: string): Promise<Set<string>> {
  return new Set((await db.query<{ unit_id: string }>('select unit_id from reports where day = $1', [day])).map((r) => r.unit_id));
}

/** A refused 代报 offered to the unit it was for (migration 008). */
export interface ProxyOffer {
  messageId: string;
  unitId: string;
  day: string;
  senderId: string;
  sentAt: Date;
  text: string;
  figures: ReportFigures;
  adoptedBy: string | null;
  adoptMessageId: string | null;
}

function offerFromRow(r: Record<string, unknown>): ProxyOffer {
  return {
    messageId: String(r.message_id), unitId: String(r.unit_id), day: String(r.day), senderId: String(r.sender_id),
    sentAt: new Date(r.sent_at as string | Date), text: String(r.text),
    figures: (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as ReportFigures,
    adoptedBy: (r.adopted_by as string | null) ?? null, adoptMessageId: (r.adopt_message_id as string | null) ?? null,
  };
}

/** Records the offer; false if this message was offered already. */
export async function addProxyOffer(db: Queryable, o: Omit<ProxyOffer, 'adoptedBy' | 'adoptMessageId'>, at: Date): Promise<boolean> {
  const rows = await db.query(
    `insert into report_proxy_offers (message_id, unit_id, day, sender_id, sent_at, text, figures, offered_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict (message_id) do nothing returning message_id`,
    [o.messageId, o.unitId, o.day, o.senderId, o.sentAt, o.text, JSON.stringify(o.figures), at],
  );
  return rows.length > 0;
}

/** The offer a unit's adopt message is about: the one it adopted already, else the unit's latest pending one. */
export async function proxyOfferToAdopt(db: Queryable, unitId: string, adoptMessageId: string): Promise<ProxyOffer | undefined> {
  const rows = await db.query<Record<string, unknown>>(
    `select * from report_proxy_offers where unit_id = $1 and (adopt_message_id = $2 or adopted_at is null)
     order by (adopt_message_id = $2) desc nulls last, sent_at desc limit 1`,
    [unitId, adoptMessageId],
  );
  return rows[0] ? offerFromRow(rows[0]) : undefined;
}

/** Marks the offer adopted by a message (idempotent for that message). */
export async function markProxyAdopted(db: Queryable, messageId: string, by: string, adoptMessageId: string, at: Date): Promise<void> {
  await db.query(
    `update report_proxy_offers set adopted_at = $3, adopted_by = $2, adopt_message_id = $4
     where message_id = $1 and (adopted_at is null or adopt_message_id = $4)`,
    [messageId, by, at, adoptMessageId],
  );
}
