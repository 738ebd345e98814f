import type { TicketInput } from './row.js';

export type TicketEventKind = 'new' | 'status' | 'deadline' | 'reopened' | 'rating' | 'unit' | 'details';

export interface TicketChange {
  kind: TicketEventKind;
  detail: Record<string, unknown>;
}

export interface TicketDiff {
  outcome: 'new' | 'updated' | 'unchanged';
  events: TicketChange[];
}

const t = (d: Date | null) => (d ? d.toISOString() : null);

/** What changed between the stored ticket and a newly read one; each change is one event. */
export function diffTicket(old: TicketInput | undefined, next: TicketInput): TicketDiff {
  if (!old) {
    return {
      outcome: 'new',
      events: [
        {
          kind: 'new',
          detail: { unit: next.unitId, status: next.status, due: t(next.dueAt), reopenCount: next.reopenCount },
        },
      ],
    };
  }
  const events: TicketChange[] = [];
  if (old.status !== next.status) events.push({ kind: 'status', detail: { from: old.status, to: next.status } });
  if (t(old.dueAt) !== t(next.dueAt))
    events.push({ kind: 'deadline', detail: { from: t(old.dueAt), to: t(next.dueAt) } });
  if (next.reopenCount > old.reopenCount)
    events.push({ kind: 'reopened', detail: { from: old.reopenCount, to: next.reopenCount } });
  if (old.rating !== next.rating) events.push({ kind: 'rating', detail: { from: old.rating, to: next.rating } });
  if (old.unitId !== next.unitId) events.push({ kind: 'unit', detail: { from: old.unitId, to: next.unitId } });
  const details = (['title', 'content', 'street', 'grid'] as const).filter((k) => old[k] !== next[k]);
  if (t(old.assignedAt) !== t(next.assignedAt)) details.push('assignedAt' as never);
  if (next.reopenCount < old.reopenCount) details.push('reopenCount' as never);
  if (details.length > 0) events.push({ kind: 'details', detail: { fields: details } });
  return { outcome: events.length > 0 ? 'updated' : 'unchanged', events };
}

/**
 * Whether a re-read ticket brings a category or address the stored one lacks or has otherwise.
 * Such a change is written but is no event (nothing is told, no 双派单 or visit is opened, the
 * import counts it as unchanged); a list without these columns never clears them.
 */
export function quietChange(old: TicketInput | undefined, next: TicketInput): boolean {
  if (!old) return false;
  return (
    (next.category !== undefined && next.category !== old.category) ||
    (next.address !== undefined && next.address !== old.address)
  );
}
