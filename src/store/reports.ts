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
 * Idempotent per message id: a message processed twice gives the same version.
 */
export async function saveReport(db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }, r: SaveReport): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const seen = await tx.query<{ version: number }>('select version from report_versions where message_id = $1', [r.messageId]);
    if (seen[0]) return { version: seen[0].version };
    const prev = await tx.query<{ version: number }>('select coalesce(max(version), 0)::int as version from report_versions where unit_id = $1 and day = $2', [r.unitId, r.day]);
    const version = (prev[0]?.version ?? 0) + 1;
    const f = r.figures;
    await tx.query(
      `insert into report_versions (unit_id, day, version, figures, late, message_id, sender_id, received_at, text) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [r.unitId, r.day, version, JSON.stringify(f), r.late, r.messageId, r.senderId, r.receivedAt, r.text],
    );
    // A correction keeps the "late" mark of the first report: lateness is about the first one.
    await tx.query(
      `insert into reports (unit_id, day, received, completed, in_progress, overdue, reopened, unsatisfied, returned, on_time_rate, satisfaction_rate, late, version, message_id, sender_id, received_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
       on conflict (unit_id, day) do update set received = excluded.received, completed = excluded.completed, in_progress = excluded.in_progress,
         overdue = excluded.overdue, reopened = excluded.reopened, unsatisfied = excluded.unsatisfied, returned = excluded.returned,
         on_time_rate = excluded.on_time_rate, satisfaction_rate = excluded.satisfaction_rate, version = excluded.version,
         message_id = excluded.message_id, sender_id = excluded.sender_id, received_at = excluded.received_at`,
      [r.unitId, r.day, f.received, f.completed, f.inProgress, f.overdue, f.reopened, f.unsatisfied, f.returned, f.onTimeRate, f.satisfactionRate, r.late, version, r.messageId, r.senderId, r.receivedAt],
    );
    return { version };
  });
}

export async function reportsForDay(db: Queryable, day: string): Promise<StoredReport[]> {
  return (await db.query<Row>('select * from reports where day = $1 order by unit_id', [day])).map(fromRow);
}

export async function reportedUnitIds(db: Queryable, day: string): Promise<Set<string>> {
  return new Set((await db.query<{ unit_id: string }>('select unit_id from reports where day = $1', [day])).map((r) => r.unit_id));
}
