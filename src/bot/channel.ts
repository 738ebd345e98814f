import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import type { IncomingMessage, OutgoingMessage } from '../domain/messages.js';
import type { Roster } from '../domain/roster.js';

/**
 * 'group-fallback': a private message said in the group (@-mentioning the person) because the
 * person cannot be messaged privately; 'withheld': a message that must never go to the group
 * (a credential) was not sent, and only its `groupNotice` was said in the group.
 */
export type DeliveredVia = 'group' | 'private' | 'group-fallback' | 'withheld';

/** What the outbox worker may ask of the chat: nothing here knows which chat it is. */
export interface ChatPort {
  /** Logged in and the group found. */
  isReady(): boolean;
  /** Sends one message; throws if it could not be sent (the outbox retries). */
  deliver(m: OutgoingMessage): Promise<DeliveredVia>;
}

/**
 * What a channel can do, declared once and honestly: the rest of the bot (and the contract
 * tests) read it instead of asking which chat it is.
 */
export interface ChannelCapabilities {
  /** Receives every group message (true), or only those that @-mention the bot (false). */
  readonly readsAllGroupMessages: boolean;
  /** Receives files sent in the group (true), or files only in a private chat (false). */
  readonly groupFiles: boolean;
  /** Inbound mentions carry contact ids, and outbound @-mentions are made by contact id. */
  readonly mentionsById: boolean;
  /** Can send cards with buttons, and reports presses through `onCardAction`. */
  readonly interactiveCards: boolean;
  /** Reports a withdrawn message (撤回) as a `kind: 'recall'` message (false: recalls are never seen). */
  readonly recalls: boolean;
  /** Sending limits the chat (or our account's safety) imposes; null where there is none. */
  readonly sendLimits: { readonly perMinute: number | null; readonly perConversationPerMinute: number | null };
  /** Can list the group's members. */
  readonly memberList: boolean;
}

/**
 * The channel's connection, as events: `login` (the account is logged in; the group may not be
 * found yet), `ready` (the group is found: sending works), `logged-out` (sending pauses until the
 * next login), `reconnecting` (the transport is re-established; not every channel reports it),
 * `qr-code` (a code to scan to log in, where a channel has one), `error` (logged by the channel;
 * for metrics and alerts).
 */
export type ChannelState =
  | { kind: 'login'; userId: string }
  | { kind: 'ready' }
  | { kind: 'logged-out'; userId?: string }
  | { kind: 'reconnecting' }
  | { kind: 'qr-code'; qrcode: string; status?: number }
  | { kind: 'error'; error: string };

/** The connection in one word (the health endpoint's chat state). */
export type ChannelStatus = 'ready' | 'logged-in' | 'logged-out';

/** A press on a button of an interactive card (a channel with `interactiveCards`). */
export interface CardAction {
  /** The channel's id of the event (redeliveries carry the same id). */
  id: string;
  /** The card the button belongs to (the key it was sent with). */
  cardKey: string;
  /** The button's key. */
  actionKey: string;
  chat: 'group' | 'private';
  roomId: string | null;
  senderId: string;
  senderName: string;
  /** ISO, on the bot's clock. */
  receivedAt: string;
}

/**
 * What the app decided about a card press, decided at once (a chat may allow the card to be
 * changed only for a few seconds after the press): the card is replaced by `title` (and `text`)
 * for `scope` ('presser': only the person who pressed sees the change, e.g. a refusal or one unit
 * signing a group card; 'all': everyone). `accepted` false: the press was refused (and recorded).
 */
export interface CardVerdict {
  accepted: boolean;
  title: string;
  text?: string;
  scope: 'presser' | 'all';
}

/**
 * Why a delivery failed, for the outbox: 'too-fast' (the chat's rate limit: wait `retryAfterMs`
 * or one window, not an attempt used, never lost), 'not-connected' (nothing was sent), 'rejected'
 * (the chat answered with an error `code`: retried with back-off), 'unknown-outcome' (no answer
 * in time or the connection dropped while waiting: it may have been delivered).
 */
export type SendFailure = 'too-fast' | 'not-connected' | 'rejected' | 'unknown-outcome';

export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly failure: SendFailure,
    readonly code?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }
}

/** Anything a channel hands on: a message, or a card button press. */
export type InboundEvent = { kind: 'message'; message: IncomingMessage } | { kind: 'card-action'; action: CardAction };

/** What every channel is given by the app (its channel-specific settings come with its choice). */
export interface ChannelDeps {
  /** The group the bot serves: found by id when given, else by its name (topic). */
  group: { topic: string; id?: string };
  roster: Roster;
  clock: Clock;
  /** Messages older than this (after a reconnect) are ignored. */
  maxAgeSeconds: number;
  /** Where received files are stored before their message is handed on. */
  filesDir: string;
  maxFileBytes?: number;
  /** The configured sending rate (config.outbox.perMinute), for channels whose limit is ours. */
  sendPerMinute: number;
  /** Durably records a received message (the inbound queue). Must not process it. */
  receive: (m: IncomingMessage) => Promise<void>;
  /**
   * A card button was pressed (channels with `interactiveCards`): the app records it durably and
   * answers at once how the card should now look.
   */
  onCardAction?: (a: CardAction) => Promise<CardVerdict>;
  log: Logger;
}

/** The two-way chat: its lifecycle and state, inbound hand-off, outbound delivery, capabilities. */
export interface ChatChannel extends ChatPort {
  readonly capabilities: ChannelCapabilities;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Listens to the connection's state; returns a function that stops listening. */
  onState(listener: (s: ChannelState) => void): () => void;
  status(): ChannelStatus;
  /** Messages received from the chat but not yet handed on (App.idle()). */
  pending(): number;
}

/** A small typed listener list for channel adapters. */
export class StateListeners {
  private readonly listeners = new Set<(s: ChannelState) => void>();

  add(listener: (s: ChannelState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(s: ChannelState, log?: Logger): void {
    for (const l of [...this.listeners]) {
      try {
        l(s);
      } catch (err) {
        log?.error({ err, state: s.kind }, 'channel state listener failed');
      }
    }
  }
}
