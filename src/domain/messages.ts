/** Our own small message types: nothing outside bot/ sees a Wechaty object. */

export interface IncomingFile {
  name: string;
  /** Where the adapter stored the file's bytes before queueing the message. */
  path: string;
  size: number;
}

export interface IncomingMessage {
  id: string;
  chat: 'group' | 'private';
  roomId: string | null;
  senderId: string;
  senderName: string;
  text: string;
  mentionIds: string[];
  /** When the chat says the message was sent (ISO). */
  sentAt: string;
  /** When the bot received it, on the bot's clock (ISO). */
  receivedAt: string;
  file: IncomingFile | null;
  /** 'recall': the sender withdrew (撤回) an earlier message, `recalledId`; its text is empty. Absent: an ordinary message. */
  kind?: 'message' | 'recall';
  /** The id of the message withdrawn (kind 'recall'). */
  recalledId?: string;
}

/** Where an outgoing message goes. */
export type Recipient = { kind: 'group' } | { kind: 'person'; id: string };

export interface OutgoingMessage {
  to: Recipient;
  text: string;
  /** Contact ids to @-mention (group messages; a fallback delivery mentions the person). */
  mentions: string[];
  /** What the message is for; also its idempotency key (one message per purpose). */
  purpose: string;
  /** Optional file to send after the text. */
  file?: { name: string; path: string };
}
