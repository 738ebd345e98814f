import type { CardMeaning, SignRecord } from '../domain/sign-card.js';
import type { Queryable } from './db.js';

/**
 * Whether the unit's item a card stands for is signed (签收), by whom and when; null when not yet
 * (or the store does not know the item). One indexed lookup: a dispatch's target (dispatches.code
 * unique, dispatch_targets' key), a 双派单 round's side of the unit (dual_rounds.code unique,
 * dual_sides' key; a unit with a side still unsigned counts as unsigned), the unit's digest of the
 * card's cycle (ticket_digests' key).
 */
export async function unitSignRecord(db: Queryable, m: CardMeaning, unitId: string): Promise<SignRecord | null> {
  const rows = await db.query<{ acked_by: string | null; acked_at: Date | string | null }>(
    m.kind === 'dispatch'
      ? `select t.acked_by, t.acked_at from dispatch_targets t join dispatches d on d.id = t.dispatch_id
         where d.code = $1 and t.unit_id = $2`
      : m.kind === 'dual'
        ? `select s.acked_by, s.acked_at from dual_sides s join dual_rounds r on r.id = s.round_id
           where r.code = $1 and s.unit_id = $2 order by s.acked_at asc nulls first limit 1`
        : 'select acked_by, acked_at from ticket_digests where cycle = $1 and unit_id = $2',
    [m.kind === 'digest' ? m.cycle : m.code, unitId],
  );
  const r = rows[0];
  if (r?.acked_at == null) return null;
  return { by: r.acked_by ?? null, at: new Date(r.acked_at) };
}
