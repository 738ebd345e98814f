import { parseDismiss } from '../domain/clusters/commands.js';
import { commandText } from '../domain/messages.js';
import { isSupervisor } from '../domain/roster.js';
import * as T from '../domain/texts/clusters.js';
import { clusterByCode, dismissCluster } from '../store/clusters.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/**
 * `忽略 C12`: a supervisor dismisses a repeat warning; the cluster stays quiet until it has grown by
 * `clusters.regrow` tickets. Anyone else is told politely that the supervision team decides.
 */
export const clusterDismissHandler: MessageHandler<string> = {
  name: 'cluster-dismiss',
  matches: (msg) => parseDismiss(commandText(msg)),
  async handle(code, msg, sender, ctx) {
    const purpose = `cluster-dismiss:${msg.id}`;
    if (!isSupervisor(sender)) {
      await ctx.send(replyTo(msg, T.clusterDismissRefusedText(code), purpose));
      return;
    }
    const c = await clusterByCode(ctx.db, code);
    if (!c) {
      await ctx.send(replyTo(msg, T.clusterUnknownText(code), purpose));
      return;
    }
    if (c.dismissedSize !== null && c.dismissedSize >= c.members.length) {
      await ctx.send(replyTo(msg, T.clusterAlreadyDismissedText(code), purpose));
      return;
    }
    await dismissCluster(ctx.db, c.id, c.members.length, sender.id);
    ctx.log.info({ id: msg.id, cluster: code, by: sender.id, size: c.members.length }, 'repeat warning dismissed');
    await ctx.send(replyTo(msg, T.clusterDismissedText(code, ctx.config.clusters.regrow), purpose));
  },
};
