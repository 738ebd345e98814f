import {
  type MonthData,
  monthBounds,
  monthFigures,
  type RankingCoverage,
  type RankingRow,
  rankUnits,
  reportDays,
  reportDeadlineOf,
  workdaysBetween,
} from '../domain/ranking.js';
import { RANKING_METHOD } from '../domain/texts/dual.js';
import { readDeployment } from '../store/deployment.js';
import {
  dispatchAckCounts,
  dualAckCounts,
  type FigureDeps,
  monthTicketCounts,
  reportsOfDays,
} from '../store/ranking.js';
import type { AppContext } from './context.js';

/**
 * Each unit's figures for a month (the 月评比 method, see RANKING_METHOD) and their coverage.
 * `until` is when the ranking is made: tickets of the month not yet due then are not counted
 * for 按时办结率. Only the days the bot was running count (src/store/deployment.ts): report
 * punctuality over the working days since the bot started for the district (its first data) —
 * for a unit, since it is on the roster — and 按时办结率 over tickets due since then (before it
 * no 督办 was recorded). The store reads the counts; domain/ranking.ts makes the figures.
 */
export async function monthData(d: FigureDeps, month: string, until: Date): Promise<MonthData> {
  const tz = d.config.timezone;
  const b = monthBounds(month, tz);
  const dep = await readDeployment(d.db);
  const deadlineOf = reportDeadlineOf(d.config.routines.reportDeadline, tz);
  const monthDays = workdaysBetween(b.first, b.last, (day) => d.calendar.isWorkday(day));
  const tickets = await monthTicketCounts(d.db, b.from, b.to, until, dep.startedAt ?? new Date(0));
  const acks = [
    ...(await dispatchAckCounts(d.db, b.from, b.to)),
    ...(await dualAckCounts(d.db, b.from, b.to, d.config.dual.ackWithinHours)),
  ];
  const reports = await reportsOfDays(d.db, reportDays(monthDays, deadlineOf, until));
  return monthFigures({
    units: d.roster.units,
    monthDays,
    deadlineOf,
    until,
    startedAt: dep.startedAt,
    unitsSince: dep.unitsSince,
    minCoverage: d.config.ranking.minCoverage,
    tickets,
    acks,
    reports,
  });
}

/** The 月评比 of a month (YYYY-MM) as made now, with the share of days it rests on. */
export async function monthRankingWithCoverage(
  ctx: AppContext,
  month: string,
): Promise<{ rows: RankingRow[]; coverage: RankingCoverage }> {
  const data = await monthData(ctx, month, ctx.clock.now());
  return { rows: rankUnits(data.figures), coverage: data.coverage };
}

/** The 月评比 of a month (YYYY-MM) as made now: the console can use it as its ranking source. */
export async function monthRanking(ctx: AppContext, month: string): Promise<RankingRow[]> {
  return (await monthRankingWithCoverage(ctx, month)).rows;
}

export const rankingSource = {
  rows: monthRanking,
  method: RANKING_METHOD,
  coverage: async (ctx: AppContext, month: string) => (await monthRankingWithCoverage(ctx, month)).coverage,
};
