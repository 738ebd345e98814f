/**
 * Outbound lanes: which message goes first when the outbox has a queue. The outbox is one
 * rate-limited line to the chat, so a unit waiting for a leader's instruction (a dispatch, an
 * escalation, a relay) goes first, then a person waiting for an answer (a report's confirmation,
 * a reply to a command), then reminders, then answers to chit-chat (help, a private hello: a
 * flood of those must never delay the rest, issue 14), and the day's bulk digests last.
 * Within a lane messages keep the order they were sent in.
 *
 * The lane follows from the message's purpose (its first segment names what it is for): one
 * table here instead of a choice in every handler. A purpose not listed is a reply to a person
 * (handlers key their answers by the incoming message id), the lane that must never wait.
 */
export type Lane = 'relay' | 'reply' | 'reminder' | 'chat' | 'bulk';

/** BullMQ priorities: lower goes first (1 is the highest; 0 would bypass the lanes). */
export const LANE_PRIORITY: Record<Lane, number> = { relay: 1, reply: 2, reminder: 3, chat: 4, bulk: 5 };

const BY_KIND: Record<string, Lane> = {
  // A leader's instruction on its way to units, what units answer back, escalations to leaders.
  'dispatch-ask': 'relay',
  'ticket-approval-decision': 'relay',
  'ticket-approval': 'relay',
  'report-escalation': 'relay',
  // A unit's correction after the day's summary went out, to whoever got the summary.
  'report-late-correction': 'relay',
  // Reminders that are due now.
  'report-reminder': 'reminder',
  'report-deadline': 'reminder',
  'calendar-missing': 'reminder',
  // Answers to chit-chat: anyone can ask for them as often as they like.
  help: 'chat',
  'private-fallback': 'chat',
  'report-unrecognised': 'chat',
  'answer-limit': 'chat',
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
  forward: 'relay',
  'leader-status': 'reminder',
  supervise: 'relay',
  'late-group': 'reminder',
  'ack-reminder': 'reminder',
  holdup: 'bulk',
  accountability: 'relay',
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
