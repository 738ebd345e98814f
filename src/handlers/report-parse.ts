/**
 * The message read as a daily report, shared by the report handlers (report, report-unrecognised) through the router's
 * MessageReadings.
 */

import type { IncomingMessage } from '../domain/messages.js';
import { explainReport, type NotReportReason, type ReportCues, type ReportParse } from '../domain/report/parse.js';
import type { AppContext } from '../usecases/context.js';
import type { MessageHandler } from './types.js';

/** Longer texts are not daily reports (and are not worth parsing on the hot path). */
const MAX_REPORT_CHARS = 20_000;

export interface ParsedReport {
  parse: ReportParse;
  why: NotReportReason | null;
  /** Figure names and numbers the text holds, taken or not (for the 未识别为日报 hint). */
  cues: ReportCues;
  /** Never a report whatever figures it holds (issue 14): an acknowledgement (好的收到1) or a case code (D9 收到). */
  never?: 'ack' | 'code';
}

/**
 * The message read as a daily report; null for an empty or huge text. Read once per message:
 * `readings.of(parsedReport)`.
 */
export function parsedReport(msg: IncomingMessage, ctx: AppContext): ParsedReport | null {
  const text = msg.text.trim();
  let p: ParsedReport | null =
    text === '' || text.length > MAX_REPORT_CHARS
      ? null
      : explainReport({ text, sentAt: msg.sentAt }, ctx.roster, ctx.config.timezone);
  if (p && (p.why === 'ack' || p.why === 'code')) p = { ...p, never: p.why };
  return p;
}

/**
 * The handler, except for a message that reads as a daily report (市场监管局今日受理工单5件，均已办结): that is the
 * report handler's, whatever else it says.
 */
export function unlessReport<D>(h: MessageHandler<D>): MessageHandler<D> {
  return {
    ...h,
    matches: (msg, sender, ctx, readings) =>
      readings.of(parsedReport)?.parse.isReport ? null : h.matches(msg, sender, ctx, readings),
  };
}
