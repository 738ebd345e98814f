import type { IncomingMessage } from '../domain/messages.js';
import { isUnitWorker, type Person } from '../domain/roster.js';
import type { AppContext } from '../usecases/context.js';

/** What `matches` answers: null, undefined or false = not this handler's; anything else = its decision. */
export type Decision<D> = D | null | undefined | false;

/**
 * Readings of one message that several handlers share (the daily-report parse): made at most
 * once per message, on first use. The router makes one per message; it dies with it.
 */
export class MessageReadings {
  private readonly made = new Map<(msg: IncomingMessage, ctx: AppContext) => unknown, unknown>();

  constructor(
    private readonly msg: IncomingMessage,
    private readonly ctx: AppContext,
  ) {}

  /** `read(msg, ctx)`, computed once per message (the function itself is the key). */
  of<T>(read: (msg: IncomingMessage, ctx: AppContext) => T): T {
    if (!this.made.has(read)) this.made.set(read, read(this.msg, this.ctx));
    return this.made.get(read) as T;
  }
}

/**
 * One kind of message. The router offers a message to each handler in order, asking `matches`
 * once: the first handler that answers with a decision (not null, undefined or false) gets it,
 * and that decision, in `handle`. A handler with nothing to hand on answers `true`.
 */
export interface MessageHandler<D = true> {
  readonly name: string;
  /**
   * Does this handler take the message from this (roster) sender, and with what reading? May
   * look at the store (a promise) when the answer depends on state, e.g. "this unit has a
   * dispatch open".
   */
  matches(
    msg: IncomingMessage,
    sender: Person,
    ctx: AppContext,
    readings: MessageReadings,
  ): Decision<D> | Promise<Decision<D>>;
  handle(decision: D, msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<void>;
}

/** Any handler, whatever its decision (the router's list; each gets back its own decision). */
export type AnyMessageHandler = MessageHandler<unknown>;

/** Whether `matches` answered with a decision. */
export function isDecision<D>(d: Decision<D>): d is D {
  return d !== null && d !== undefined && d !== false;
}

/**
 * A handler for the messages of a unit's heads and liaisons only, whose decision may need the
 * store (e.g. "this unit has a dispatch open").
 */
export function unitWorkerHandler<D>(
  name: string,
  decide: (msg: IncomingMessage, sender: Person, ctx: AppContext) => Promise<D | null>,
  act: (decision: D, msg: IncomingMessage, sender: Person, ctx: AppContext) => Promise<void>,
): MessageHandler<D> {
  return {
    name,
    matches: async (msg, sender, ctx) => (isUnitWorker(sender) ? decide(msg, sender, ctx) : null),
    handle: act,
  };
}
