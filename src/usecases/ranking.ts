import { type RankingCoverage, type RankingRow, rankUnits } from '../domain/ranking.js';
import { RANKING_METHOD } from '../domain/texts/dual.js';
import { monthData } from '../store/ranking.js';
import type { AppContext } from './context.js';

/** The 月评比 of a month (YYYY-MM) as made now, with the share of days it rests on. */
export async function monthRankingWithCoverage(ctx: AppContext, month: string): Promise<{ rows: RankingRow[]; coverage: RankingCoverage }> {
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
