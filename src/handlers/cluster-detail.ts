import { parseDetail } from '../domain/clusters/commands.js';
import { plainWords } from '../domain/language/intent.js';
import * as T from '../domain/texts/clusters.js';
import { clusterDetail } from '../usecases/clusters.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/**
 * `C12`, `查看 C12`, `预警C12的工单`: anyone on the roster (the supervision team, a leader, a unit told of it) sees one
 * repeat warning whole, where they asked: every ticket with its day and title, in a few messages when long. An
 * unknown code is answered as such. Useful most after a backlog's import, whose warnings list each cluster in a line.
 */
export const clusterDetailHandler: MessageHandler<string> = {
  name: 'cluster-detail',
  matches: (msg, _sender, ctx) => (ctx.config.clusters.enabled ? parseDetail(plainWords(msg.text)) : null),
  async handle(code, msg, sender, ctx) {
    const parts = await clusterDetail(ctx, code);
    ctx.log.info({ id: msg.id, cluster: code, by: sender.id, found: parts !== undefined }, 'repeat warning looked up');
    if (!parts) {
      await ctx.send(replyTo(msg, T.clusterUnknownText(code), `cluster-detail:${msg.id}`));
      return;
    }
    // In the group only the first part @-mentions the asker.
    for (const [i, text] of parts.entries()) {
      const m = replyTo(msg, text, `cluster-detail:${msg.id}:${i + 1}`);
      await ctx.send(i === 0 ? m : { ...m, mentions: [] });
    }
  },
};
