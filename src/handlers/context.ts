import type { Logger } from 'pino';
import type { DistrictConfig } from '../config/schema.js';
import type { WorkCalendar } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import type { IncomingMessage, OutgoingMessage } from '../domain/messages.js';
import type { Person, Roster } from '../domain/roster.js';
import type { DualFlows } from '../jobs/dual.js';
import type { Db } from '../store/db.js';

/** Everything a handler or routine may use. Handlers decide; they never talk to the chat. */
export interface HandlerContext {
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
}

/** One kind of message. The router offers a message to each handler in order. */
export interface MessageHandler {
  readonly name: string;
  /**
   * Cheap test: does this handler take the message from this (roster) sender? May look at the
   * store (a promise) when the answer depends on state, e.g. "this unit has a dispatch open".
   */
  matches(msg: IncomingMessage, sender: Person, ctx: HandlerContext): boolean | Promise<boolean>;
  handle(msg: IncomingMessage, sender: Person, ctx: HandlerContext): Promise<void>;
}

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
export async function sendAsLastStep(ctx: HandlerContext, m: OutgoingMessage): Promise<void> {
  if (ctx.deferSend) ctx.deferSend(m);
  else await ctx.send(m);
}

/** The message text without leading @-mentions and surrounding blanks. */
export function commandText(msg: IncomingMessage): string {
  return msg.text.replace(/^(\s*@[^\s\u2005]+[\s\u2005]*)+/, '').trim();
}

/** Whether the message @-mentions someone on the roster other than its sender: it speaks to them, not to the bot. */
export function mentionsRosterPerson(msg: IncomingMessage, sender: Person, ctx: Pick<HandlerContext, 'roster'>): boolean {
  return msg.mentionIds.some((id) => id !== sender.id && ctx.roster.person(id) !== undefined);
}

/** A head or liaison of a unit: those who answer for it. */
export function isUnitWorker(p: Person): boolean {
  return p.unit !== undefined && (p.roles.includes('head') || p.roles.includes('liaison'));
}

/**
 * A handler whose decision may need the store (e.g. "this unit has a dispatch open"): decided
 * once per message in `matches` (only for heads and liaisons) and acted on in `handle`.
 */
export function decidingHandler<D>(
  name: string,
  decide: (msg: IncomingMessage, sender: Person, ctx: HandlerContext) => Promise<D | null>,
  act: (decision: D, msg: IncomingMessage, sender: Person, ctx: HandlerContext) => Promise<void>,
): MessageHandler {
  const decisions = new WeakMap<IncomingMessage, D | null>();
  const decided = async (msg: IncomingMessage, sender: Person, ctx: HandlerContext): Promise<D | null> => {
    if (!decisions.has(msg)) decisions.set(msg, isUnitWorker(sender) ? await decide(msg, sender, ctx) : null);
    return decisions.get(msg) ?? null;
  };
  return {
    name,
    matches: async (msg, sender, ctx) => (await decided(msg, sender, ctx)) !== null,
    async handle(msg, sender, ctx) {
      const d = await decided(msg, sender, ctx);
      if (d !== null) await act(d, msg, sender, ctx);
    },
  };
}
