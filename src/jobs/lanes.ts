/**
 * Outbound lanes: which message goes first when the outbox has a queue. The outbox is one
 * rate-limited line to the chat, so a person waiting for an answer (a report's confirmation,
 * a reply to a command) or a unit waiting for a leader's instruction must not wait behind the
 * day's bulk digests. Within a lane messages keep the order they were sent in.
 *
 * The lane follows from the message's purpose (its first segment names what it is for): one
 * table here instead of a choice in every handler. A purpose not listed is a reply to a person
 * (handlers key their answers by the incoming message id), the lane that must never wait.
 */
export type Lane = 'reply' | 'relay' | 'reminder' | 'bulk';

/** BullMQ priorities: lower goes first (1 is the highest; 0 would bypass the lanes). */
export const LANE_PRIORITY: Record<Lane, number> = { reply: 1, relay: 2, reminder: 3, bulk: 4 };

const BY_KIND: Record<string, Lane> = {
  // A leader's instruction on its way to units, and what units answer back to leaders.
  'dispatch-ask': 'reply',
  'ticket-approval-decision': 'relay',
  'ticket-approval': 'relay',
  // A unit's correction after the day's summary went out, to whoever got the summary.
  'report-late-correction': 'relay',
  // Reminders and escalations that are due now.
  'report-reminder': 'reminder',
  'report-deadline': 'reminder',
  'report-escalation': 'reminder',
  'calendar-missing': 'reminder',
  // The day's bulk: digests, summaries, reviews.
  'ticket-nag': 'bulk',
  'ticket-written': 'bulk',
  'ticket-onsite': 'bulk',
  'ticket-referral': 'bulk',
  'daily-summary': 'bulk',
  'weekly-summary': 'bulk',
  'monthly-review': 'bulk',
};

/** Dispatch and 双派单 purposes: `dispatch:<code>:<step>:…`, `dual:<code>:<step>:…`. */
const STEP_LANE: Record<string, Lane> = {
  deliver: 'relay',
  group: 'relay',
  forward: 'reply',
  'leader-status': 'reminder',
  supervise: 'reminder',
  'late-group': 'reminder',
  'ack-reminder': 'reminder',
  holdup: 'bulk',
  accountability: 'reminder',
  backcheck: 'relay',
};

export function laneOf(purpose: string): Lane {
  const parts = purpose.split(':');
  const kind = parts[0] ?? '';
  if (kind === 'dispatch' || kind === 'dual') return STEP_LANE[parts[2] ?? ''] ?? 'reminder';
  return BY_KIND[kind] ?? 'reply';
}

export function priorityOf(purpose: string): number {
  return LANE_PRIORITY[laneOf(purpose)];
}
