import { figuresOf, implausibilities, missingFigures } from '../domain/report/figures.js';
import { reportConfirmText, reportNoUnitText, reportWrongUnitText } from '../domain/texts/reports.js';
import { localIso } from '../domain/time.js';
import type { IncomingMessage } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import { saveReport } from '../store/reports.js';
import { type HandlerContext, type MessageHandler, sendAsLastStep } from './context.js';
import { parsedReport } from './report-parse.js';

const parsed = (msg: IncomingMessage, ctx: HandlerContext) => parsedReport(msg, ctx)?.parse ?? null;

const isProxy = (p: Person) => p.roles.includes('leader') || p.roles.includes('supervisor');
const isReporter = (p: Person) => p.roles.includes('head') || p.roles.includes('liaison');
/** A leader or supervisor reports on a unit's behalf only explicitly: 代报, or the unit as the header. */
const PROXY_MARK = /代报|代为报送|代.{0,8}报送/;

/**
 * A unit's daily report (free text): stored under the unit, confirmed to the sender
 * point-to-point with the figures read, what is missing and what looks wrong.
 */
export const reportHandler: MessageHandler = {
  name: 'report',
  matches(msg, sender, ctx) {
    if (!isReporter(sender) && !isProxy(sender)) return false;
    const p = parsed(msg, ctx);
    if (!p?.isReport) return false;
    if (isReporter(sender)) return true;
    const unit = p.unit ? ctx.roster.unitByName(p.unit) : undefined;
    if (!unit) return false;
    const head = msg.text.trim().replace(/^[【\[（(]/, '');
    return PROXY_MARK.test(msg.text) || [unit.name, ...unit.aliases].some((n) => head.startsWith(n));
  },
  async handle(msg, sender, ctx) {
    const p = parsed(msg, ctx);
    if (!p) return;
    const textUnit = p.unit ? ctx.roster.unitByName(p.unit) : undefined;
    const ownUnit = ctx.roster.unitOf(sender.id);
    // Every message here is the handler's last step: the evening burst need not wait for each.
    const reply = (text: string, kind: string) => sendAsLastStep(ctx, { to: { kind: 'person', id: sender.id }, text, mentions: [], purpose: `${kind}:${msg.id}` });
    let unit = textUnit ?? ownUnit;
    if (!isProxy(sender) && textUnit && ownUnit && textUnit.id !== ownUnit.id) {
      ctx.log.warn({ from: sender.id, unit: textUnit.id }, 'report for a unit not the sender\'s: refused');
      await reply(reportWrongUnitText(textUnit.name), 'report-refused');
      return;
    }
    if (isProxy(sender)) unit = textUnit;
    if (!unit) {
      await reply(reportNoUnitText(), 'report-no-unit');
      return;
    }
    const deadlineHhmm = ctx.config.routines.reportDeadline;
    const [h, m] = deadlineHhmm.split(':').map(Number) as [number, number];
    const late = Date.parse(msg.sentAt) > Date.parse(localIso(p.date, h, m, ctx.config.timezone));
    const figures = figuresOf(p);
    const { version } = await saveReport(ctx.db, {
      unitId: unit.id, day: p.date, figures, late, messageId: msg.id, senderId: sender.id, receivedAt: new Date(msg.sentAt), text: msg.text,
    });
    if (ctx.config.reports.confirm) {
      const text = reportConfirmText({ unitName: unit.name, day: p.date, figures, version, late, missing: missingFigures(figures), problems: implausibilities(figures), deadline: deadlineHhmm });
      await reply(text, 'report-confirm');
    }
    if (ctx.config.reports.groupReceipt) {
      await sendAsLastStep(ctx, { to: { kind: 'group' }, text: `已收到${unit.name}日报${version > 1 ? '（更正）' : ''}。`, mentions: [], purpose: `report-receipt:${msg.id}` });
    }
  },
};
