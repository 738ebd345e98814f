import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import { isAdoptReply } from '../domain/report/adopt.js';
import type { Person } from '../domain/roster.js';
import { proxyAdoptedText, proxyAdoptNote } from '../domain/texts/reports.js';
import { formatShort } from '../domain/time.js';
import { markProxyAdopted, type ProxyOffer, proxyOfferToAdopt } from '../store/reports.js';
import type { AppContext } from '../usecases/context.js';
import { sendAsLastStep, toPerson } from '../usecases/send.js';
import { senderLabel } from './report-proxy.js';
import { saveAndConfirm } from './report-save.js';
import { unitWorkerHandler } from './types.js';

async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<ProxyOffer | null> {
  if (sender.unit === undefined || !isAdoptReply(commandText(msg))) return null;
  return (await proxyOfferToAdopt(ctx.db, sender.unit, msg.id)) ?? null;
}

/**
 * 采用 / 确认代报 from a head or liaison whose unit was offered a refused 代报: the offer becomes
 * the unit's report (the original text with a note of who sent and who adopted it), confirmed
 * as usual; the one who sent it is told.
 */
export const reportAdoptHandler = unitWorkerHandler('report-adopt', decide, async (offer, msg, sender, ctx) => {
  const unit = ctx.roster.unit(offer.unitId);
  if (!unit) return;
  const proxy = ctx.roster.person(offer.senderId);
  const from = proxy ? senderLabel(ctx, proxy) : offer.senderId;
  const note = proxyAdoptNote(from, formatShort(offer.sentAt, ctx.config.timezone), sender.name);
  await saveAndConfirm(ctx, {
    unit,
    day: offer.day,
    figures: offer.figures,
    sentAt: offer.sentAt.toISOString(),
    messageId: msg.id,
    senderId: sender.id,
    text: `${offer.text}\n${note}`,
    confirmTo: sender.id,
    adoptedFrom: from,
  });
  await markProxyAdopted(ctx.db, offer.messageId, sender.id, msg.id, ctx.clock.now());
  ctx.log.info({ id: msg.id, unit: unit.id, offer: offer.messageId }, '代报 adopted');
  if (proxy)
    await sendAsLastStep(
      ctx,
      toPerson(proxy.id, proxyAdoptedText(unit.name, offer.day, sender.name), `report-adopted:${msg.id}`),
    );
});
