import { stripDecorations } from '../domain/language/decorations.js';
import { figuresOf } from '../domain/report/figures.js';
import type { ReportParse } from '../domain/report/parse.js';
import { isHeadOrLiaison, isOversight, type Unit } from '../domain/roster.js';
import { reportNoUnitText, reportProxyRefusedText, reportWrongUnitText } from '../domain/texts/reports.js';
import { sendAsLastStep, toPerson } from '../usecases/send.js';
import { parsedReport } from './report-parse.js';
import { offerProxyReport } from './report-proxy.js';
import { saveAndConfirm } from './report-save.js';
import type { MessageHandler } from './types.js';

/**
 * A leader or supervisor reports on a unit's behalf only explicitly: 代报 (代…报, 代为报送), or the unit as the header.
 */
const PROXY_MARK = /代报|代为报送|代.{0,8}报送|代[\u4e00-\u9fff]{1,12}?报(?![告道])/;

/** 代报 said, or the unit's name as the header. */
function isExplicitProxy(text: string, unit: Unit): boolean {
  const head = stripDecorations(text)
    .trim()
    .replace(/^[【\[（(]/, '');
  return PROXY_MARK.test(text) || [unit.name, ...unit.aliases].some((n) => head.startsWith(n));
}

/**
 * A unit's daily report (free text): stored under the unit, confirmed to the sender
 * point-to-point with the figures read, what is missing and what looks wrong. A report for
 * another unit (a head's, or a leader's or supervisor's without 代报) is refused and offered
 * to that unit's head, who may adopt it (report-adopt).
 */
export const reportHandler: MessageHandler<ReportParse> = {
  name: 'report',
  matches(_msg, sender, ctx, readings) {
    if (!isHeadOrLiaison(sender) && !isOversight(sender)) return null;
    const p = readings.of(parsedReport)?.parse;
    if (!p?.isReport) return null;
    // A leader's or supervisor's report naming a unit: taken as 代报, or refused and offered to the unit.
    return isHeadOrLiaison(sender) || (p.unit !== null && ctx.roster.unitByName(p.unit) !== undefined) ? p : null;
  },
  async handle(p, msg, sender, ctx) {
    const textUnit = p.unit ? ctx.roster.unitByName(p.unit) : undefined;
    const ownUnit = ctx.roster.unitOf(sender.id);
    // Every message here is the handler's last step: the evening burst need not wait for each.
    const reply = (text: string, kind: string) => sendAsLastStep(ctx, toPerson(sender.id, text, `${kind}:${msg.id}`));
    let unit = textUnit ?? ownUnit;
    if (!isOversight(sender) && textUnit && ownUnit && textUnit.id !== ownUnit.id) {
      ctx.log.warn({ from: sender.id, unit: textUnit.id }, "report for a unit not the sender's: refused");
      const forwarded = await offerProxyReport(ctx, msg, sender, textUnit, p);
      await reply(reportWrongUnitText(textUnit.name, forwarded), 'report-refused');
      return;
    }
    if (isOversight(sender)) {
      if (!textUnit) return;
      if (!isExplicitProxy(msg.text, textUnit)) {
        ctx.log.warn({ from: sender.id, unit: textUnit.id }, 'report by a leader or supervisor without 代报: refused');
        const forwarded = await offerProxyReport(ctx, msg, sender, textUnit, p);
        await reply(reportProxyRefusedText(textUnit.name, forwarded), 'report-refused');
        return;
      }
      unit = textUnit;
    }
    if (!unit) {
      await reply(reportNoUnitText(), 'report-no-unit');
      return;
    }
    await saveAndConfirm(ctx, {
      unit,
      day: p.date,
      figures: figuresOf(p),
      sentAt: msg.sentAt,
      messageId: msg.id,
      senderId: sender.id,
      text: msg.text,
      confirmTo: sender.id,
    });
  },
};
