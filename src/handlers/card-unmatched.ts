import { CARD_NOTHING_TO_SIGN } from '../domain/texts/card-press.js';
import { toPerson } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/**
 * A 签收 made by a card's button that no handler before took (the dispatch or round closed or
 * withdrawn since the card went out): the presser hears it privately, in a word, instead of the
 * answers meant for typed messages further down (report hints, "which one?").
 */
export const cardUnmatchedHandler: MessageHandler = {
  name: 'card-unmatched',
  matches: (msg) => msg.via === 'card',
  async handle(_, msg, sender, ctx) {
    await ctx.send(toPerson(sender.id, CARD_NOTHING_TO_SIGN, `card-unmatched:${msg.id}`));
  },
};
