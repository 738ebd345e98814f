/** A refused 代报 shown to the unit it was for (issue 12): its heads are told and may adopt it (report-adopt). */

import type { IncomingMessage } from '../domain/messages.js';
import { figuresOf } from '../domain/report/figures.js';
import type { ReportParse } from '../domain/report/parse.js';
import { type Person, responsibleFor, type Unit } from '../domain/roster.js';
import { proxyOfferText } from '../domain/texts/reports.js';
import { formatShort } from '../domain/time.js';
import { addProxyOffer, reportedUnitIds } from '../store/reports.js';
import type { AppContext } from '../usecases/context.js';
import { toPerson } from '../usecases/send.js';

/** 张局长（区住房和城乡建设局）, 李主任: how a sender is named to another unit. */
export function senderLabel(ctx: AppContext, p: Person): string {
  const unit = p.unit ? ctx.roster.unit(p.unit) : undefined;
  return unit ? `${p.name}（${unit.name}）` : p.name;
}

/**
 * Offers the refused report to the unit's heads (its liaisons when it has no head), unless the
 * unit has reported for that day already. True when someone was told.
 */
export async function offerProxyReport(
  ctx: AppContext,
  msg: IncomingMessage,
  sender: Person,
  unit: Unit,
  p: ReportParse,
): Promise<boolean> {
  if ((await reportedUnitIds(ctx.db, p.date)).has(unit.id)) return false;
  const to = responsibleFor(ctx.roster, unit.id);
  if (to.length === 0) return false;
  const figures = figuresOf(p);
  await addProxyOffer(
    ctx.db,
    {
      messageId: msg.id,
      unitId: unit.id,
      day: p.date,
      senderId: sender.id,
      sentAt: new Date(msg.sentAt),
      text: msg.text,
      figures,
    },
    ctx.clock.now(),
  );
  const text = proxyOfferText({
    sender: senderLabel(ctx, sender),
    sentAt: formatShort(msg.sentAt, ctx.config.timezone),
    unitName: unit.name,
    day: p.date,
    figures,
    text: msg.text.trim(),
  });
  for (const h of to) await ctx.send(toPerson(h.id, text, `report-proxy-offer:${msg.id}:${h.id}`));
  ctx.log.info({ id: msg.id, from: sender.id, unit: unit.id }, 'refused 代报 offered to the unit');
  return true;
}
