import { courtesyOf, isAckOnly, isQuestion, onlyFiller, plainWords } from '../domain/language/intent.js';
import { ownWords } from '../domain/language/quote.js';
import type { Person } from '../domain/roster.js';
import { isUnitWorker } from '../domain/roster.js';
import { privateFallbackText, waitingCodes } from '../domain/texts/my-items.js';
import { ticketNamedByTitle } from '../domain/tickets/title-match.js';
import type { AppContext } from '../usecases/context.js';
import { unitDispatches, unitRounds, unitTickets } from './unit-items.js';

/**
 * 好的，明白 / 收到 / 谢谢 / 👍 with nothing waiting: an acknowledgement or thanks that asks
 * nothing and needs no answer (a greeting such as 在吗 still gets one, and so does a topic such as 今天报送情况).
 */
export function isBareAck(text: string): boolean {
  const own = ownWords(text).trim();
  if (own === '' || /在吗|在不在|在么|在嘛/.test(own)) return false;
  if (courtesyOf(own) === 'greeting' || isQuestion(own)) return false;
  // Emoji only (👍, [强]), fillers only (好的，明白 / 收到，谢谢), a short 好的王主任.
  if (plainWords(own) === '') return !/\[(?:图片|文件|语音|视频|链接|位置|名片)\]/.test(own);
  return onlyFiller(own) || courtesyOf(own) === 'thanks' || (isAckOnly(own) && plainWords(own).length <= 8);
}

/**
 * The honest answer to a message nothing understood: nothing was done with it; a unit's person is told which
 * D/SP codes wait for the unit's reply and pointed to 我的待办 and 帮助.
 */
export async function fallbackText(ctx: AppContext, sender: Person, text = ''): Promise<string> {
  const worker = isUnitWorker(sender) && sender.unit !== undefined;
  const codes = worker
    ? waitingCodes({
        dispatches: await unitDispatches(ctx, sender.unit as string),
        rounds: await unitRounds(ctx, sender.unit as string),
      })
    : [];
  // 公交站台的事情我们已经联系公交公司了: one of the unit's pursued tickets named by its title's words.
  const ticket =
    worker && text !== ''
      ? ticketNamedByTitle(ownWords(text), await unitTickets(ctx, sender.unit as string, ctx.clock.now()))
      : null;
  return privateFallbackText(worker, codes, ticket ?? undefined);
}
