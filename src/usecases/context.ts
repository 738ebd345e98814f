import type { Logger } from 'pino';
import type { DistrictConfig } from '../config/schema.js';
import type { WorkCalendar } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import { addressesBot, type IncomingMessage, type OutgoingMessage } from '../domain/messages.js';
import type { Roster } from '../domain/roster.js';
import { type ChannelWording, WORDING_READS_ALL } from '../domain/texts/channel.js';
import type { DualFlows } from '../jobs/dual.js';
import type { Db } from '../store/db.js';

/**
 * Everything a handler, routine or console page may use: built once in app.ts. Handlers decide;
 * they never talk to the chat.
 */
export interface AppContext {
  config: DistrictConfig;
  roster: Roster;
  calendar: WorkCalendar;
  clock: Clock;
  db: Db;
  /** Enqueues an outgoing message (idempotent by purpose). */
  send: (m: OutgoingMessage) => Promise<string>;
  /**
   * Set by the router while it processes a message: enqueues a message the handler sends as
   * its last step, without waiting for it. Messages are queued in the order they are sent; the
   * incoming message is marked processed (and its job completes) only once they are queued, so
   * a crash repeats the handler rather than losing them. Use it through `sendAsLastStep`.
   */
  deferSend?: (m: OutgoingMessage) => void;
  log: Logger;
  /** The app's data dir (files the bot makes, e.g. the day card); absent in some unit tests. */
  dataDir?: string;
  /** The 双派单 flows (issue 6); absent in unit tests that build a context by hand. */
  dual?: DualFlows;
  /**
   * How the bot's texts say to answer it, from the channel's capabilities (issue 17): set in
   * app.ts once the channel is built; absent: the Wechaty wording (every group message read).
   */
  wording?: ChannelWording;
}

/** The channel's wording (the Wechaty wording when the context has none). */
export function wordingOf(ctx: Pick<AppContext, 'wording'>): ChannelWording {
  return ctx.wording ?? WORDING_READS_ALL;
}

/**
 * Whether the bot was spoken to: privately, in the group with an @ of it, or anything in the group where the bot sees
 * only the messages that @ it (WeCom).
 */
export function addressedToBot(ctx: Pick<AppContext, 'wording' | 'roster'>, msg: IncomingMessage): boolean {
  const w = wordingOf(ctx);
  return !w.readsAll || addressesBot(msg, (id) => ctx.roster.person(id) !== undefined, w.bot);
}
