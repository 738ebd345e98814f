/** Storing a unit's report and confirming it, shared by the report and report-adopt handlers. */
import { implausibilities, missingFigures, type ReportFigures } from '../domain/report/figures.js';
import type { Unit } from '../domain/roster.js';
import { reportConfirmText, reportReceiptText } from '../domain/texts/reports.js';
import { localIso } from '../domain/time.js';
import { saveReport } from '../store/reports.js';
import { type HandlerContext, sendAsLastStep } from './context.js';

export interface ReportToSave {
  unit: Unit;
  day: string;
  figures: ReportFigures;
  /** When the figures were sent (decides lateness). */
  sentAt: string;
  messageId: string;
  senderId: string;
  text: string;
  /** Who gets the confirmation. */
  confirmTo: string;
  /** Set when the unit adopted someone else's 代报. */
  adoptedFrom?: string;
}

/** Stores the report (idempotent per message id), confirms it point-to-point, and posts the group receipt if configured. */
export async function saveAndConfirm(ctx: HandlerContext, r: ReportToSave): Promise<void> {
  const deadlineHhmm = ctx.config.routines.reportDeadline;
  const [h, m] = deadlineHhmm.split(':').map(Number) as [number, number];
  // A rest day has no deadline: a report for it is kept, never late, and the sender is told.
  const restDay = !ctx.calendar.isWorkday(r.day);
  const late = !restDay && Date.parse(r.sentAt) > Date.parse(localIso(r.day, h, m, ctx.config.timezone));
  const { version } = await saveReport(ctx.db, {
    unitId: r.unit.id, day: r.day, figures: r.figures, late, messageId: r.messageId, senderId: r.senderId, receivedAt: new Date(r.sentAt), text: r.text,
  });
  if (ctx.config.reports.confirm) {
    const text = reportConfirmText({
      unitName: r.unit.name, day: r.day, figures: r.figures, version,
      // Lateness is the first report's (a correction keeps its mark): only a first report is told it is late.
      late: late && version === 1, missing: missingFigures(r.figures), problems: implausibilities(r.figures), deadline: deadlineHhmm,
      ...(r.adoptedFrom ? { adoptedFrom: r.adoptedFrom } : {}),
      ...(restDay ? { restDayPreviousWorkday: ctx.calendar.previousWorkday(r.day) } : {}),
    });
    await sendAsLastStep(ctx, { to: { kind: 'person', id: r.confirmTo }, text, mentions: [], purpose: `report-confirm:${r.messageId}` });
  }
  if (ctx.config.reports.groupReceipt) {
    await sendAsLastStep(ctx, { to: { kind: 'group' }, text: reportReceiptText(r.unit.name, version), mentions: [], purpose: `report-receipt:${r.messageId}` });
  }
}
