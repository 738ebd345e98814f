import type { IncomingMessage, OutgoingMessage } from '../domain/messages.js';
import type { AppContext } from './context.js';

/** Replies where the message came from: privately, or in the group @-mentioning the sender. */
export function replyTo(msg: IncomingMessage, text: string, purpose: string): OutgoingMessage {
  return msg.chat === 'private'
    ? { to: { kind: 'person', id: msg.senderId }, text, mentions: [], purpose }
    : { to: { kind: 'group' }, text, mentions: [msg.senderId], purpose };
}

/**
 * Sends a message as the handler's last step: nothing after it may depend on it being queued
 * (e.g. a state that a rerun would read as "already sent"). Waits only outside the router.
 */
export async function sendAsLastStep(ctx: AppContext, m: OutgoingMessage): Promise<void> {
  if (ctx.deferSend) ctx.deferSend(m);
  else await ctx.send(m);
}
