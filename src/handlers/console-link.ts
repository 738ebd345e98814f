import type { Person } from '../domain/roster.js';
import { commandOf } from '../domain/text/intent.js';
import { CONSOLE_NOT_ALLOWED, CONSOLE_SCOPE_ALL, consoleLinkText, consoleScopeUnit } from '../domain/texts/console.js';
import { consolePublicUrl } from '../config/schema.js';
import { issueToken } from '../store/console.js';
import { commandText, type HandlerContext, type MessageHandler, replyTo } from './context.js';

/** What a person may see in the console: everything, one unit, or nothing. */
export type ConsoleScope = { all: true } | { all: false; unitId: string } | null;

export function consoleScope(p: Person | undefined): ConsoleScope {
  if (!p) return null;
  if (p.roles.includes('leader') || p.roles.includes('supervisor')) return { all: true };
  if ((p.roles.includes('head') || p.roles.includes('liaison')) && p.unit) return { all: false, unitId: p.unit };
  return null;
}

async function alreadyAnswered(ctx: HandlerContext, purpose: string): Promise<boolean> {
  const rows = await ctx.db.query('select 1 from outbound_messages where purpose = $1', [purpose]);
  return rows.length > 0;
}

/** “控制台” in a private chat: a single-use login link to the web console, privately. */
export const consoleLinkHandler: MessageHandler = {
  name: 'console-link',
  matches: (msg) => msg.chat === 'private' && commandOf(commandText(msg)) === 'console',
  async handle(msg, sender, ctx) {
    const purpose = `console-link:${msg.id}`;
    // A redelivered message must not mint a second link the person never sees.
    if (await alreadyAnswered(ctx, purpose)) return;
    const scope = consoleScope(sender);
    if (!scope) {
      await ctx.send(replyTo(msg, CONSOLE_NOT_ALLOWED, purpose));
      return;
    }
    const c = ctx.config.console;
    const token = await issueToken(ctx.db, 'link', sender.id, ctx.clock.now(), c.linkMinutes * 60_000, msg.id);
    const url = `${consolePublicUrl(c).replace(/\/+$/, '')}/console/login?t=${token}`;
    const what = scope.all ? CONSOLE_SCOPE_ALL : consoleScopeUnit(ctx.roster.unit(scope.unitId)?.name ?? scope.unitId);
    await ctx.send(replyTo(msg, consoleLinkText(url, c.linkMinutes, what), purpose));
  },
};
