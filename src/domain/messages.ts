/** Our own small message types: nothing outside bot/ sees a Wechaty object. */

export interface IncomingFile {
  name: string;
  /** Where the adapter stored the file's bytes before queueing the message; '' when not kept. */
  path: string;
  size: number;
  /** SHA-256 of the bytes kept (the audit keeps it after the file itself expired). */
  sha256?: string;
  /** Why the file was not kept: not a spreadsheet, a sender who may not import, too large. */
  refused?: 'type' | 'not-allowed' | 'too-large';
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
  /**
   * 'recall': the sender withdrew (撤回) an earlier message, `recalledId`; its text is empty. Absent: an ordinary
   * message.
   */
  kind?: 'message' | 'recall';
  /** The id of the message withdrawn (kind 'recall'). */
  recalledId?: string;
  /** The text of the message this one quotes (引用), where the chat tells it. */
  quote?: string;
  /**
   * 'card': not typed but made by the bot from a press on a card's button (one-tap 签收), carrying
   * what the person would have typed; handled exactly like the typed message.
   */
  via?: 'card';
}

/**
 * Buttons under a message (one-tap 签收 / 已阅) on a channel with interactive cards; a channel
 * without them sends the text only (whose words already say how to answer by typing).
 */
export interface OutgoingCard {
  /** Unique per card, at most 128 of [A-Za-z0-9_-@] (the chat's task id); a press comes back with it. */
  key: string;
  /** The card's title (short: about 20 characters). */
  title: string;
  /** The buttons; a button's key (at most 1024 bytes) says what a press means (CardAction.actionKey). */
  buttons: Array<{ key: string; text: string }>;
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
  /** Optional buttons (channels with interactive cards). */
  card?: OutgoingCard;
  /**
   * The id of the received message this one answers, in the same conversation (a reply). A chat
   * that answers messages apart from pushing new ones (the WeCom AI bot) may use it; others ignore it.
   */
  inReplyTo?: string;
  /**
   * Where a private message may go when the person cannot be messaged privately (not a friend,
   * contact look-up failed). Absent: @-mention in the group. 'never-group': it carries a
   * credential, so it is withheld and only `groupNotice` (no credential) is said in the group.
   */
  private?: 'never-group';
  /** Said in the group, @-mentioning the person, instead of a withheld 'never-group' message. */
  groupNotice?: string;
  /**
   * A console login link minted only when the message is delivered, in place of
   * CONSOLE_LINK_SLOT in the text: the raw token is never stored (outbound_messages) nor queued
   * (Redis job data), and a withheld or failed delivery revokes it.
   */
  consoleLink?: { personId: string; fromMessage: string; minutes: number };
}

/** Stands for a login link in a stored or queued text (see OutgoingMessage.consoleLink). */
export const CONSOLE_LINK_SLOT = '〔登录链接〕';

/** Whether a message may be posted in the group when its person cannot be reached privately. */
export function mayFallBackToGroup(m: OutgoingMessage): boolean {
  if (m.private === 'never-group' || m.consoleLink) return false;
  // Defence in depth: a login link in the text never goes to the group, whatever the flag says.
  return !/\/console\/login\?t=/.test(m.text) && !m.purpose.startsWith('console-link:');
}

/** A text with any console login token hidden (what is stored and logged). */
export function redactCredentials(text: string): string {
  return text.replace(/(\/console\/login\?t=)[A-Za-z0-9_-]+/g, `$1${'***'}`);
}

/** The message text without leading @-mentions and surrounding blanks. */
export function commandText(msg: IncomingMessage): string {
  return msg.text.replace(/^(\s*@[^\s\u2005]+[\s\u2005]*)+/, '').trim();
}

/**
 * Whether a message is addressed to the bot: a private one, or a group one that @-mentions someone not on the roster
 * (the bot: its own contact is on no roster) or opens with @ and the bot's name. `isPerson`: on the roster.
 */
export function addressesBot(msg: IncomingMessage, isPerson: (id: string) => boolean, botName: string): boolean {
  if (msg.chat === 'private') return true;
  return msg.mentionIds.some((id) => !isPerson(id)) || msg.text.trimStart().startsWith(`@${botName}`);
}
