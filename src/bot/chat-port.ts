import type { OutgoingMessage } from '../domain/messages.js';

/**
 * 'group-fallback': a private message said in the group (@-mentioning the person) because the
 * person cannot be messaged privately; 'withheld': a message that must never go to the group
 * (a credential) was not sent, and only its `groupNotice` was said in the group.
 */
export type DeliveredVia = 'group' | 'private' | 'group-fallback' | 'withheld';

/** What the rest of the bot may ask of the chat: nothing here knows Wechaty. */
export interface ChatPort {
  /** Logged in and the group found. */
  isReady(): boolean;
  /** Sends one message; throws if it could not be sent (the outbox retries). */
  deliver(m: OutgoingMessage): Promise<DeliveredVia>;
}
