/**
 * When the bot first ran for the district and when each unit first appeared on its roster.
 * The 月评比 counts only days since then (see src/domain/ranking.ts countedDays and
 * src/usecases/ranking.ts monthData).
 */
import type { Queryable } from './db.js';

/**
 * Called at every start: records the first start once — the earliest of now, the first
 * inbound message and the first report, so a database from before this record keeps its
 * history — and each roster unit the first time it is seen (units on the roster at the first
 * start count from the deployment; units added later from the start that first sees them).
 */
export async function recordDeployment(db: Queryable, unitIds: readonly string[], now: Date): Promise<void> {
  const created = await db.query<{ started_at: Date }>(
    `insert into deployment (id, started_at)
     select 1, least($1::timestamptz, (select min(received_at) from inbound_messages), (select min(received_at) from ` +
      `reports))
     on conflict do nothing returning started_at`,
    [now],
  );
  const since = created[0] ? new Date(created[0].started_at) : now;
  if (unitIds.length === 0) return;
  await db.query(
    `insert into units_seen (unit_id, first_seen_at)
     select x, $2 from jsonb_array_elements_text($1::jsonb) as x on conflict do nothing`,
    [JSON.stringify(unitIds), since],
  );
}

export interface Deployment {
  /**
   * Since when the bot has been running for the district: its first data (the first message,
   * report or ticket import), else its first start; null: never started (a database used
   * without app.start, e.g. some tools). The first data, not the first start, so that a replay
   * (whose clock starts long before its first line) or a bot installed days before use counts
   * from the first working day it actually saw.
   */
  startedAt: Date | null;
  /** unit id → when it was first on the roster. */
  unitsSince: Map<string, Date>;
}

export async function readDeployment(db: Queryable): Promise<Deployment> {
  // Fixed once found: later rows cannot be earlier than the first ones.
  await db.query(
    `update deployment set first_data_at = least((select min(received_at) from inbound_messages), (select ` +
      `min(received_at) from reports), (select min(at) from ticket_imports))
     where id = 1 and first_data_at is null`,
  );
  const [d] = await db.query<{ started_at: Date; first_data_at: Date | null }>(
    'select started_at, first_data_at from deployment where id = 1',
  );
  const units = await db.query<{ unit_id: string; first_seen_at: Date }>(
    'select unit_id, first_seen_at from units_seen',
  );
  const since = d ? new Date(d.first_data_at ?? d.started_at) : null;
  return { startedAt: since, unitsSince: new Map(units.map((u) => [u.unit_id, new Date(u.first_seen_at)])) };
}
