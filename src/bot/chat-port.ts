import type { OutgoingMessage } from '../domain/messages.js';

export type DeliveredVia = 'group' | 'private' | 'group-fallback';

/** What the rest of the bot may ask of the chat: nothing here knows Wechaty. */
export interface ChatPort {
  /** Logged in and the group found. */
  isReady(): boolean;
  /** Sends one message; throws if it could not be sent (the outbox retries). */
  deliver(m: OutgoingMessage): Promise<DeliveredVia>;
}
