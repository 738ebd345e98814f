import type { IncomingMessage, OutgoingMessage } from '../domain/messages.js';
import type { AppContext } from './context.js';

/** What a message may carry besides its text (a file, a card). */
export type MessageExtras = Pick<OutgoingMessage, 'file' | 'card'>;

/** A private message to one person. */
export function toPerson(id: string, text: string, purpose: string, extras: MessageExtras = {}): OutgoingMessage {
  return { to: { kind: 'person', id }, text, mentions: [], purpose, ...extras };
}

/** A message to the group, @-mentioning these people (none unless given). */
export function toGroup(
  text: string,
  purpose: string,
  mentions: string[] = [],
  extras: MessageExtras = {},
): OutgoingMessage {
  return { to: { kind: 'group' }, text, mentions, purpose, ...extras };
}

/** Replies where the message came from: privately, or in the group @-mentioning the sender. */
export function replyTo(msg: IncomingMessage, text: string, purpose: string): OutgoingMessage {
  const m = msg.chat === 'private' ? toPerson(msg.senderId, text, purpose) : toGroup(text, purpose, [msg.senderId]);
  // A card-made message was not typed: there is nothing to answer in the chat's sense.
  return msg.via === 'card' ? m : { ...m, inReplyTo: msg.id };
}

/**
 * Sends a message as the handler's last step: nothing after it may depend on it being queued
 * (e.g. a state that a rerun would read as "already sent"). Waits only outside the router.
 */
export async function sendAsLastStep(ctx: AppContext, m: OutgoingMessage): Promise<void> {
  if (ctx.deferSend) ctx.deferSend(m);
  else await ctx.send(m);
}
