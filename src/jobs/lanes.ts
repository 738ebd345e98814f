import type { OutgoingMessage } from '../domain/messages.js';

/**
 * Outbound lanes: which message goes first when the outbox has a queue (issue 17, "sending paced
 * by priority"). The outbox is one rate-limited line to the chat (20 a minute on a group webhook),
 * and at 18:00–18:40 it holds dozens of messages, so:
 *
 * 1. relay: a leader's instruction on its way to units (dispatch deliveries), the 18:30
 *    escalation to the supervision team, approvals: someone waits for them to act;
 * 2. reply: the answer to a person's command (a question, 我的待办, a ticket command), which the
 *    person is looking at the chat for (its place is unchanged from issue 14);
 * 3. reminder: roll-calls (reminders, the 18:00 点名, 签收 reminders) and the day's, week's and
 *    month's summaries: what the whole group reads, due now;
 * 4. chat: answers to chit-chat (help, a private hello): a flood of those must never delay the
 *    lanes above (issue 14);
 * 5. bulk: ticket digests (催办, 书面/现场 lists, referrals);
 * 6. confirm: a report's confirmation (the unit already sees its report sent; the confirmation
 *    only says it was read right), last, as the issue orders: at 18:00 eighteen of them must not
 *    hold up a dispatch. Chit-chat answers stay ahead of them but cannot crowd them out for long:
 *    each sender gets at most 10 in 10 minutes (issue 14). Several confirmations to the same
 *    person still waiting within a minute go out as one message (`isCoalescible` below).
 *
 * Within a lane messages keep the order they were sent in.
 *
 * The lane follows from the message's purpose (its first segment names what it is for): one
 * table here instead of a choice in every handler. A purpose not listed is a reply to a person
 * (handlers key their answers by the incoming message id).
 */
export type Lane = 'relay' | 'reply' | 'reminder' | 'chat' | 'bulk' | 'confirm';

/** BullMQ priorities: lower goes first (1 is the highest; 0 would bypass the lanes). */
export const LANE_PRIORITY: Record<Lane, number> = { relay: 1, reply: 2, reminder: 3, chat: 4, bulk: 5, confirm: 6 };

const BY_KIND: Record<string, Lane> = {
  // A leader's instruction on its way to units, what units answer back, escalations to leaders.
  'dispatch-ask': 'relay',
  'ticket-approval-decision': 'relay',
  'ticket-approval': 'relay',
  'report-escalation': 'relay',
  // A unit's correction after the day's summary went out, to whoever got the summary.
  'report-late-correction': 'relay',
  // Roll-calls that are due now, and the summaries everyone reads.
  'report-reminder': 'reminder',
  'report-deadline': 'reminder',
  'calendar-missing': 'reminder',
  'daily-summary': 'reminder',
  'weekly-summary': 'reminder',
  'monthly-review': 'reminder',
  // 百日攻坚: an item behind, to its lead unit's head (once a week), with the summary it goes with.
  'campaign-behind': 'reminder',
  // Answers to chit-chat: anyone can ask for them as often as they like.
  help: 'chat',
  'private-fallback': 'chat',
  'group-fallback': 'chat',
  'report-unrecognised': 'chat',
  'answer-limit': 'chat',
  greeting: 'chat',
  'report-ack': 'chat',
  // The day's bulk: ticket digests.
  'ticket-nag': 'bulk',
  'ticket-written': 'bulk',
  'ticket-onsite': 'bulk',
  'ticket-referral': 'bulk',
  // A report's confirmation: to its sender, the group's receipt, a 代报 adopted, flags confirmed, a recall.
  'report-confirm': 'confirm',
  'report-receipt': 'confirm',
  'report-adopted': 'confirm',
  'report-flags-confirmed': 'confirm',
  'report-withdrawn': 'confirm',
  // 百日攻坚 figures sent apart from a report: confirmed like one (a question about a 累计 goes with it).
  'campaign-confirm': 'confirm',
  'campaign-question': 'confirm',
  'campaign-withdrawn': 'confirm',
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

/**
 * Confirmations that read well one after another in one message, as a person would write them: a
 * report's confirmation, a 代报 adopted, flags confirmed, a recall confirmed. Only these, only to
 * a person, and only plain text (no file, card, console link, mention or withheld-notice): a
 * dispatch delivery or anything with buttons or a credential always goes alone.
 */
const COALESCIBLE_KINDS: ReadonlySet<string> = new Set([
  'report-confirm',
  'report-adopted',
  'report-flags-confirmed',
  'report-withdrawn',
  'campaign-confirm',
  'campaign-withdrawn',
]);

/** Whether the outbox may send this message together with others of its kind to the same person. */
export function isCoalescible(m: OutgoingMessage): m is OutgoingMessage & { to: { kind: 'person'; id: string } } {
  return (
    m.to.kind === 'person' &&
    COALESCIBLE_KINDS.has(m.purpose.split(':')[0] ?? '') &&
    m.mentions.length === 0 &&
    !m.file &&
    !m.card &&
    !m.consoleLink &&
    !m.private &&
    m.groupNotice === undefined
  );
}
