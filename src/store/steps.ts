import type { Queryable } from './db.js';

/**
 * Claims a step (a reminder, an escalation, a routine run) once: true the first time for a
 * key, false after. The row is the record that the step was taken.
 */
export async function claimStep(
  db: Queryable,
  key: string,
  routine: string,
  at: Date,
  day: string | null = null,
  detail: Record<string, unknown> = {},
): Promise<boolean> {
  const rows = await db.query(
    `insert into routine_steps (key, routine, day, taken_at, detail) values ($1,$2,$3,$4,$5)
     on conflict (key) do nothing returning key`,
    [key, routine, day, at, JSON.stringify(detail)],
  );
  return rows.length > 0;
}

/** A step's detail, or undefined when it was not taken. */
export async function stepDetail(db: Queryable, key: string): Promise<Record<string, unknown> | undefined> {
  const [r] = await db.query<{ detail: Record<string, unknown> | string }>(
    'select detail from routine_steps where key = $1',
    [key],
  );
  if (!r) return undefined;
  return typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail;
}

export async function hasStep(db: Queryable, key: string): Promise<boolean> {
  return (await db.query('select 1 from routine_steps where key = $1', [key])).length > 0;
}
