import type { ReportFigures } from '../domain/report/figures.js';
import type { Queryable } from './db.js';

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

/**
 * Stores a report as the unit's current one for the day, keeping every earlier version.
 * Idempotent per message id: a message processed twice gives the same version. One statement
 * (atomic on its own): the evening burst stores 18 reports and their corrections quickly.
 */
export async function saveReport(db: Queryable, r: SaveReport): Promise<{ version: number }> {
  const f = r.figures;
  const rows = await db.query<{ version: number }>(
    `with seen as (
       select version from report_versions where message_id = $5::text
     ), next as (
       select coalesce(max(version), 0)::int + 1 as version from report_versions where unit_id = $1::text and day = $2::text
     ), ins as (
       insert into report_versions (unit_id, day, version, figures, late, message_id, sender_id, received_at, text)
       select $1::text, $2::text, next.version, $3::jsonb, $4::boolean, $5::text, $6::text, $7::timestamptz, $8::text
       from next where not exists (select 1 from seen)
       returning version
     ), cur as (
       -- A correction keeps the "late" mark of the first report: lateness is about the first one.
       insert into reports (unit_id, day, received, completed, in_progress, overdue, reopened, unsatisfied, returned, on_time_rate, satisfaction_rate, late, version, message_id, sender_id, received_at)
       select $1::text, $2::text, $9::int, $10::int, $11::int, $12::int, $13::int, $14::int, $15::int, $16::float8, $17::float8, $4::boolean, ins.version, $5::text, $6::text, $7::timestamptz
       from ins
       on conflict (unit_id, day) do update set received = excluded.received, completed = excluded.completed, in_progress = excluded.in_progress,
         overdue = excluded.overdue, reopened = excluded.reopened, unsatisfied = excluded.unsatisfied, returned = excluded.returned,
         on_time_rate = excluded.on_time_rate, satisfaction_rate = excluded.satisfaction_rate, version = excluded.version,
         message_id = excluded.message_id, sender_id = excluded.sender_id, received_at = excluded.received_at
       returning version
     )
     select version from ins union all select version from seen`,
    [r.unitId, r.day, JSON.stringify(f), r.late, r.messageId, r.senderId, r.receivedAt, r.text,
      f.received, f.completed, f.inProgress, f.overdue, f.reopened, f.unsatisfied, f.returned, f.onTimeRate, f.satisfactionRate],
  );
  const version = rows[0]?.version;
  if (version === undefined) throw new Error(`report of message ${r.messageId} not stored`);
  return { version };
}

export async function reportsForDay(db: Queryable, day: string): Promise<StoredReport[]> {
  return (await db.query<Row>('select * from reports where day = $1 order by unit_id', [day])).map(fromRow);
}

export async function reportedUnitIds(db: Queryable, day: string): Promise<Set<string>> {
  return new Set((await db.query<{ unit_id: string }>('select unit_id from reports where day = $1', [day])).map((r) => r.unit_id));
}
