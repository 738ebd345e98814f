import type { IncomingMessage } from '../domain/messages.js';
import { isUnitWorker, type Person } from '../domain/roster.js';
import type { AppContext } from '../usecases/context.js';

/** One kind of message. The router offers a message to each handler in order. */
export interface MessageHandler {
  readonly name: string;
  /**
   * Cheap test: does this handler take the message from this (roster) sender? May look at the
   * store (a promise) when the answer depends on state, e.g. "this unit has a dispatch open".
   */
  matches(msg: IncomingMessage, sender: Person, ctx: AppContext): boolean | Promise<boolean>;
  handle(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<void>;
}

/**
 * A handler whose decision may need the store (e.g. "this unit has a dispatch open"): decided
 * once per message in `matches` (only for heads and liaisons) and acted on in `handle`.
 */
export function decidingHandler<D>(
  name: string,
  decide: (msg: IncomingMessage, sender: Person, ctx: AppContext) => Promise<D | null>,
  act: (decision: D, msg: IncomingMessage, sender: Person, ctx: AppContext) => Promise<void>,
): MessageHandler {
  const decisions = new WeakMap<IncomingMessage, D | null>();
  const decided = async (msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<D | null> => {
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
