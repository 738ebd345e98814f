import { consolePublicUrl } from '../config/schema.js';
import { commandOf } from '../domain/language/intent.js';
import { CONSOLE_LINK_SLOT, commandText, type OutgoingMessage } from '../domain/messages.js';
import { unitName } from '../domain/roster.js';
import {
  CONSOLE_LINK_WITHHELD,
  CONSOLE_NOT_ALLOWED,
  CONSOLE_SCOPE_ALL,
  consoleLinkText,
  consoleScopeUnit,
} from '../domain/texts/console.js';
import { issueToken, revokeToken } from '../store/console.js';
import { consoleScope } from '../usecases/console-scope.js';
import type { AppContext } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

async function alreadyAnswered(ctx: AppContext, purpose: string): Promise<boolean> {
  const rows = await ctx.db.query('select 1 from outbound_messages where purpose = $1', [purpose]);
  return rows.length > 0;
}

/** “控制台” in a private chat: a single-use login link to the web console, privately. */
export const consoleLinkHandler: MessageHandler = {
  name: 'console-link',
  matches: (msg) => msg.chat === 'private' && commandOf(commandText(msg)) === 'console',
  async handle(_, msg, sender, ctx) {
    const purpose = `console-link:${msg.id}`;
    // A redelivered message must not mint a second link the person never sees.
    if (await alreadyAnswered(ctx, purpose)) return;
    const scope = consoleScope(sender);
    if (!scope) {
      await ctx.send(replyTo(msg, CONSOLE_NOT_ALLOWED, purpose));
      return;
    }
    const c = ctx.config.console;
    const what = scope.all ? CONSOLE_SCOPE_ALL : consoleScopeUnit(unitName(ctx.roster, scope.unitId));
    // The link is minted when the message is delivered (mintConsoleLink), never stored or queued,
    // and never posted in the group: a person the bot cannot message privately is told how to get it.
    await ctx.send({
      ...replyTo(msg, consoleLinkText(CONSOLE_LINK_SLOT, c.linkMinutes, what), purpose),
      private: 'never-group',
      groupNotice: CONSOLE_LINK_WITHHELD,
      consoleLink: { personId: sender.id, fromMessage: msg.id, minutes: c.linkMinutes },
    });
  },
};

/**
 * Puts a fresh login link into a message about to be delivered (the outbox's last step before
 * the chat). Returns the message to send and how to revoke the link when it was not delivered
 * (withheld from the group, or the send failed).
 */
export async function mintConsoleLink(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  m: OutgoingMessage,
): Promise<{ message: OutgoingMessage; revoke: () => Promise<void> }> {
  // A message re-enqueued from the store after a crash (recover()) has lost its options.
  const restored =
    m.to.kind === 'person' && m.purpose.startsWith('console-link:') && m.text.includes(CONSOLE_LINK_SLOT)
      ? {
          personId: m.to.id,
          fromMessage: m.purpose.slice('console-link:'.length),
          minutes: ctx.config.console.linkMinutes,
        }
      : undefined;
  const l = m.consoleLink ?? restored;
  if (!l) return { message: m, revoke: async () => undefined };
  const token = await issueToken(ctx.db, 'link', l.personId, ctx.clock.now(), l.minutes * 60_000, l.fromMessage);
  const url = `${consolePublicUrl(ctx.config.console).replace(/\/+$/, '')}/console/login?t=${token}`;
  return {
    message: { ...m, text: m.text.split(CONSOLE_LINK_SLOT).join(url) },
    revoke: () => revokeToken(ctx.db, token, ctx.clock.now()),
  };
}
