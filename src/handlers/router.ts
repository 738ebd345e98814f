import type { IncomingMessage } from '../domain/messages.js';
import { markInboundProcessed, recordInbound } from '../store/audit.js';
import { type HandlerContext, type MessageHandler, replyTo } from './context.js';

const HANDLER_ERROR_TEXT = '抱歉，这条消息暂时未能处理，已记录在案，工作人员会尽快核查。';

export interface RouterStats {
  onProcessed?: (handler: string) => void;
}

/**
 * Processes one received message: records it (the audit trail), ignores strangers (logged,
 * never obeyed), then gives it to the first handler that takes it. Processing the same
 * message id twice does nothing the second time.
 */
export function createRouter(handlers: MessageHandler[], ctx: HandlerContext, stats: RouterStats = {}) {
  return async function route(msg: IncomingMessage): Promise<void> {
    const sender = ctx.roster.person(msg.senderId);
    if ((await recordInbound(ctx.db, msg, sender !== undefined)).processed) return;
    if (!sender) {
      ctx.log.warn({ id: msg.id, from: msg.senderId, name: msg.senderName }, 'message from a contact not on the roster: recorded, ignored');
      await markInboundProcessed(ctx.db, msg.id, 'ignored-stranger', ctx.clock.now());
      stats.onProcessed?.('ignored-stranger');
      return;
    }
    let taken = 'none';
    for (const h of handlers) {
      if (!(await h.matches(msg, sender, ctx))) continue;
      taken = h.name;
      try {
        await h.handle(msg, sender, ctx);
      } catch (err) {
        // The database down: let the queue retry later. Anything else is our fault with this
        // input: keep the record, answer politely, and move on instead of retrying forever.
        if (!(await ctx.db.ping())) throw err;
        ctx.log.error({ err, id: msg.id, handler: h.name }, 'handler failed on this message');
        await markInboundProcessed(ctx.db, msg.id, h.name, ctx.clock.now(), (err as Error).message);
        await ctx.send(replyTo(msg, HANDLER_ERROR_TEXT, `handler-error:${msg.id}`));
        stats.onProcessed?.('error');
        return;
      }
      break;
    }
    await markInboundProcessed(ctx.db, msg.id, taken, ctx.clock.now());
    stats.onProcessed?.(taken);
  };
}
