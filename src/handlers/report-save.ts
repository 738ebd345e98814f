/** Storing a unit's report and confirming it, shared by the report and report-adopt handlers. */
import { isCorrection } from '../domain/report/correction.js';
import { implausibilities, missingFigures, type ReportFigures } from '../domain/report/figures.js';
import { historyFlags } from '../domain/report/history.js';
import { type Applied, applyReport, changesBetween, givenKeys } from '../domain/report/merge.js';
import type { Unit } from '../domain/roster.js';
import {
  describeChange,
  historyFlagText,
  lateCorrectionNoteText,
  lateReportNoteText,
} from '../domain/texts/report-corrections.js';
import { reportConfirmText, reportReceiptText } from '../domain/texts/reports.js';
import { localIso } from '../domain/time.js';
import { reportContext, type SavedReport, saveReport } from '../store/reports.js';
import { recordCampaign } from '../usecases/campaign.js';
import { type AppContext, wordingOf } from '../usecases/context.js';
import { sendAsLastStep, toGroup, toPerson } from '../usecases/send.js';

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

/** The unit's last N working days before `day` (the history checks compare with them). */
export function historyDays(ctx: AppContext, day: string): string[] {
  const days: string[] = [];
  let d = day;
  for (let i = 0; ctx.config.reports.historyChecks.enabled && i < ctx.config.reports.historyChecks.days; i++) {
    d = ctx.calendar.previousWorkday(d);
    days.push(d);
  }
  return days;
}

interface Stored {
  saved: SavedReport;
  applied: Applied;
  flags: string[];
  afterSummary: boolean;
  /** The day's report before this message gave no figure (it was only a campaign part, say). */
  emptyBefore: boolean;
}

/**
 * The message applied to the day's report (merge or replace, domain/report/merge.ts) and
 * stored; decided again if another version of the same unit-day was stored meanwhile.
 */
async function store(ctx: AppContext, r: ReportToSave, late: boolean): Promise<Stored> {
  const correction = isCorrection(r.text);
  const rules = ctx.config.reports.historyChecks;
  const query = {
    unitId: r.unit.id,
    day: r.day,
    historyDays: historyDays(ctx, r.day),
    summaryStepKey: `daily-summary:${r.day}`,
  };
  for (let attempt = 0; ; attempt++) {
    const cur = await reportContext(ctx.db, query);
    const applied = applyReport(cur.figures, r.figures, correction);
    const flags = historyFlags(applied.figures, cur.history, rules).map(historyFlagText);
    const saved = await saveReport(ctx.db, {
      unitId: r.unit.id,
      day: r.day,
      figures: r.figures,
      result: applied.figures,
      mode: applied.mode,
      changed: applied.changed.map((c) => c.key),
      baseVersion: cur.version,
      flags,
      afterSummary: cur.summarySent,
      late,
      messageId: r.messageId,
      senderId: r.senderId,
      receivedAt: new Date(r.sentAt),
      text: r.text,
    });
    // No figures stood before (a message with none, or every earlier version recalled): this is the day's first report.
    const emptyBefore = cur.figures === null ? cur.version > 0 : givenKeys(cur.figures).length === 0;
    if (saved.status !== 'conflict' || attempt >= 5)
      return { saved, applied, flags, afterSummary: cur.summarySent, emptyBefore };
  }
}

/**
 * Stores the report (idempotent per message id), confirms it point-to-point, and posts the group receipt if configured.
 */
export async function saveAndConfirm(ctx: AppContext, r: ReportToSave): Promise<void> {
  const deadlineHhmm = ctx.config.routines.reportDeadline;
  const [h, m] = deadlineHhmm.split(':').map(Number) as [number, number];
  // A rest day has no deadline: a report for it is kept, never late, and the sender is told.
  const restDay = !ctx.calendar.isWorkday(r.day);
  const late = !restDay && Date.parse(r.sentAt) > Date.parse(localIso(r.day, h, m, ctx.config.timezone));
  const { saved, applied, flags, afterSummary, emptyBefore } = await store(ctx, r, late);
  if (saved.status === 'conflict') throw new Error(`report of message ${r.messageId}: the unit's report kept changing`);
  const { version } = saved;
  // A message processed again (a retry after a crash) confirms what was stored the first time.
  const fresh = saved.status === 'stored';
  const changes = (fresh ? applied.changed : changesBetween(saved.before, saved.result)).map(describeChange);
  const mode = fresh ? applied.mode : saved.mode;
  // 百日攻坚: a lead unit's campaign part, stored for the report's day; figures and questions go with the confirmation.
  const campaign = await recordCampaign(ctx, {
    unit: r.unit,
    day: r.day,
    text: r.text,
    messageId: r.messageId,
    senderId: r.senderId,
    sentAt: r.sentAt,
  });
  // The day's first figures: the first version, or the first after versions with none or all recalled.
  const firstFigures = fresh && emptyBefore && givenKeys(saved.result).length > 0;
  if (ctx.config.reports.confirm) {
    const text = reportConfirmText({
      unitName: r.unit.name,
      day: r.day,
      figures: saved.result,
      version,
      mode,
      changes,
      historyFlags: flags,
      // Lateness is the first report's (a correction keeps its mark): only a first report is told it is late.
      late: late && (version === 1 || firstFigures),
      missing: missingFigures(saved.result),
      problems: implausibilities(saved.result),
      deadline: deadlineHhmm,
      wording: wordingOf(ctx),
      ...(r.adoptedFrom ? { adoptedFrom: r.adoptedFrom } : {}),
      ...(restDay ? { restDayPreviousWorkday: ctx.calendar.previousWorkday(r.day) } : {}),
      ...(campaign ? { campaign: [campaign.line, ...campaign.questions] } : {}),
      // The first figures of the day after a message that gave none (a campaign part sent first) or after a recall.
      ...(firstFigures ? { firstFigures: true } : {}),
    });
    await sendAsLastStep(ctx, toPerson(r.confirmTo, text, `report-confirm:${r.messageId}`));
  } else if (campaign && campaign.questions.length > 0) {
    await sendAsLastStep(ctx, toPerson(r.confirmTo, campaign.questions.join('\n'), `campaign-question:${r.messageId}`));
  }
  if (ctx.config.reports.groupReceipt) {
    await sendAsLastStep(ctx, toGroup(reportReceiptText(r.unit.name, version), `report-receipt:${r.messageId}`));
  }
  // A correction after the summary went out: whoever got the summary is told (or the next summary lists it).
  // A first report after it (the summary said 未报) is told the same way, as 【补报】.
  if (afterSummary && (version === 1 || changes.length > 0) && ctx.config.reports.lateCorrection === 'note') {
    const note =
      version === 1
        ? lateReportNoteText(r.unit.name, r.day, saved.result)
        : lateCorrectionNoteText(r.unit.name, r.day, changes, saved.result);
    for (const to of summaryRecipients(ctx))
      await sendAsLastStep(ctx, {
        to,
        text: note,
        mentions: [],
        purpose: `report-late-correction:${r.messageId}:${to.kind === 'person' ? to.id : 'group'}`,
      });
  }
}

/** Who gets the daily summary (routines.dailySummaryTo). */
export function summaryRecipients(ctx: AppContext): Array<{ kind: 'group' } | { kind: 'person'; id: string }> {
  if (ctx.config.routines.dailySummaryTo === 'leaders')
    return ctx.roster.withRole('leader').map((p) => ({ kind: 'person' as const, id: p.id }));
  return [{ kind: 'group' }];
}
