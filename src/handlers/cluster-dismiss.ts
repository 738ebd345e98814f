import { parseDismiss, parseDismissByWords } from '../domain/clusters/commands.js';
import { plainWords } from '../domain/language/intent.js';
import { commandText, type IncomingMessage } from '../domain/messages.js';
import { isSupervisor } from '../domain/roster.js';
import * as T from '../domain/texts/clusters.js';
import { clusterByCode, dismissCluster } from '../store/clusters.js';
import { warningsNamedBy } from '../usecases/clusters.js';
import type { AppContext } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/** `忽略 C12` (its code), or 烧烤店那个预警忽略吧 (the words that name it; '' for 预警取消吧). */
type Decision = { code: string } | { words: string };

function decide(msg: IncomingMessage, ctx: AppContext): Decision | null {
  const code = parseDismiss(commandText(msg));
  if (code) return { code };
  // In words only where repeat warnings are made: else 预警 is no warning of ours.
  const words = ctx.config.clusters.enabled ? parseDismissByWords(plainWords(msg.text)) : null;
  return words === null ? null : { words };
}

/**
 * `忽略 C12`: a supervisor dismisses a repeat warning; the cluster stays quiet until it has grown by
 * `clusters.regrow` tickets. Without the code (烧烤店那个预警忽略吧 / 锦绣小区那个预警不用管了 / 预警取消吧), the open
 * warnings the words name are looked up: one is asked about (是否忽略 C1（锦绣小区，3件）？), several listed, none
 * said; nothing is dismissed on a guess. Anyone else is told politely that the supervision team decides.
 */
export const clusterDismissHandler: MessageHandler<Decision> = {
  name: 'cluster-dismiss',
  matches: (msg, _sender, ctx) => decide(msg, ctx),
  async handle(dec, msg, sender, ctx) {
    const purpose = `cluster-dismiss:${msg.id}`;
    if (!isSupervisor(sender)) {
      await ctx.send(replyTo(msg, T.clusterDismissRefusedText('code' in dec ? dec.code : undefined), purpose));
      return;
    }
    if ('words' in dec) {
      const named = await warningsNamedBy(ctx, dec.words);
      ctx.log.info({ id: msg.id, by: sender.id, words: dec.words, named: named.open.length }, 'warning named in words');
      const [gone] = named.dismissed;
      const text =
        named.open.length === 0 && named.dismissed.length === 1 && gone
          ? T.clusterAlreadyDismissedText(gone.code)
          : T.clusterDismissAskText(dec.words, named.open);
      await ctx.send(replyTo(msg, text, purpose));
      return;
    }
    const { code } = dec;
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
