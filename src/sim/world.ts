/**
 * What the simulator, replay and the /sim page need of a simulated chat, whichever channel the
 * bot talks through: the Wechaty mock puppet (MockWorld) or the WeCom AI bot's fake long
 * connection (WecomWorld). People are the district file's ids (Wechaty contact ids or WeCom
 * userids); the group is the district's group.
 */
import type { ChannelChoice } from '../bot/factory.js';
import type { DistrictConfig } from '../config/schema.js';
import type { Clock } from '../domain/clock.js';

/** The bot's contact id in the mock puppet; a scenario's mention of it is a mention of the bot on any channel. */
export const BOT_ID = 'wxid_duban_bot';
export const BOT_NAME = '督办助手';

/** A card with buttons the bot sent (WeCom's template card). */
export interface SentCard {
  /** The card's key (WeCom's task id): a replay's press line may name it. */
  key: string;
  title: string;
  /** The buttons' texts, in order. */
  buttons: string[];
}

/** One message the bot handed to the chat (observed where mentions survive). */
export interface SentRecord {
  /** 'group' or the contact id it went to privately. */
  to: string;
  text: string;
  mentions: string[];
  file?: string;
  /** The message was a card (its text, if any, is the card's text under the title). */
  card?: SentCard;
}

/** The bot changed a card after a press (WeCom greys its buttons and shows the new title). */
export interface CardUpdateRecord {
  key: string;
  /** Where the card was sent: 'group' or the person it went to privately. */
  to: string;
  /** The card's title (what it was: 点对点调度 D1). */
  title: string;
  /** What its greyed button now reads (已签收, 无需您签收). */
  status?: string;
  text?: string;
  /** Who sees the change: those people only, or everyone who sees the card. */
  for: string[] | 'all';
}

export interface SayOptions {
  to?: 'group' | 'bot';
  mentions?: string[];
  /** Message time (ms); defaults to the world's clock. Replay sets the scenario's time. */
  timestamp?: number;
  /** Force a message id (to simulate a redelivery). */
  id?: string;
}

/** Why the bot did not see what someone did (the platform did not show it to the bot). */
export type NotSeen = 'not-mentioned' | 'group-file';

/** A card button press: pressed (card key), or why there was nothing to press. */
export type PressOutcome =
  | { ok: true; cardKey: string; title: string }
  | { ok: false; why: 'no-card' | 'already-pressed' };

export interface SimWorld {
  readonly kind: 'wechaty' | 'wecom';
  readonly config: DistrictConfig;
  /** The time messages are stamped with when the caller gives none (the simulator's clock). */
  clock: Clock;
  /** The app's channel, talking to this world. */
  readonly channel: ChannelChoice;
  /** The bot's name in the group (what people type after @). */
  readonly botName: string;
  /** Logs the bot in (after the app started; a channel that connects by itself needs nothing). */
  login(): void;
  onSent(fn: (s: SentRecord) => void): void;
  /** Card changes after presses (channels with cards only). */
  onCardUpdate?(fn: (u: CardUpdateRecord) => void): void;
  /** A person says something in the group or privately to the bot; returns the message id. */
  say(fromId: string, text: string, o?: SayOptions): string;
  /** A person sends a file (a ticket list); returns the message id. */
  sendFile(fromId: string, path: string, o?: Omit<SayOptions, 'mentions'>): string;
  /** Delivers the same message again (a redelivery after a reconnect). */
  redeliver(messageId: string): void;
  /** Group members not on the roster: configured strangers and anyone who joined on demand. */
  strangers(): Array<{ id: string; name: string }>;
  /** Makes an unknown id a group member (a new member, a deputy). */
  ensureMember(contactId: string, name?: string): void;
  /** Why the bot did not see a message this world was given (undefined: it was delivered). */
  notSeen?(messageId: string): NotSeen | undefined;
  /** The sender withdraws (撤回) a message (channels that show withdrawals to the bot). */
  recall?(fromId: string, messageId?: string, o?: { timestamp?: number }): string | undefined;
  /**
   * A person presses a button (by its text) on the latest card they can see that has it and
   * that they have not pressed yet (or on the card with key `card`). Channels with cards only.
   */
  pressCard?(fromId: string, button: string, o?: { card?: string; timestamp?: number }): PressOutcome;
  /** Resolves once the bot has received everything handed to it so far. */
  flush?(): Promise<void>;
  close(): Promise<void>;
}
