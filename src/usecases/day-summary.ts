/** The day's summary as the 18:40 routine sends it and a leader asking for it later reads it. */
import type { DayReport, DaySummary } from '../domain/report/summary.js';
import { summarizeDay } from '../domain/report/summary.js';
import { type CampaignPicture, campaignPicture } from './campaign.js';
import type { AppContext } from './context.js';

/**
 * The day's summary over its reports (units not on the roster left out by summarizeDay), with the 百日攻坚 lines after
 * the hotline anomalies and, from the routine, the late corrections of earlier days; the campaign picture too (its
 * items behind are told to their lead units by the routine).
 */
export async function daySummaryOf(
  ctx: AppContext,
  day: string,
  reports: readonly DayReport[],
  corrections: readonly string[] = [],
): Promise<{ summary: DaySummary; campaign: CampaignPicture | null }> {
  const campaign = await campaignPicture(ctx, day);
  const summary = summarizeDay({
    day,
    units: ctx.roster.reportingUnits(),
    reports,
    lowRate: ctx.config.reports.lowRate,
    corrections,
    ...(campaign ? { campaign: campaign.lines } : {}),
  });
  return { summary, campaign };
}
