/**
 * 月评比 data for the console. Issue 6 owns the official ranking; until its function exists
 * the console uses this provisional one (same RankingRow shape), computed from the stored
 * reports and dispatches. Swap it by passing `ranking` in the console options.
 */
import { addDays } from '../../domain/calendar.js';
import type { AppContext } from '../../usecases/context.js';
import type { RankingRow } from '../../render/ranking-card.js';
import { dispatchAckStats, monthlyReportStats } from '../../store/console.js';
import { localDay, localIso } from '../../domain/time.js';

export type RankingProvider = (ctx: AppContext, month: string) => Promise<RankingRow[]>;

export const PROVISIONAL_METHOD =
  '暂行口径：得分 = 按时办结率×30% + 满意率×30% + (100−重办率)×15% + 签收及时率×10% + 报送及时率×15%（各率取当月日报与调度记录）';

/** The last day of a month (YYYY-MM → YYYY-MM-DD). */
export const lastDayOf = (month: string): string => `${month}-${String(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()).padStart(2, '0')}`;

/** The provisional ranking of the reporting units for a month (YYYY-MM). */
export const provisionalRanking: RankingProvider = async (ctx, month) => {
  const tz = ctx.config.timezone;
  const first = `${month}-01`;
  const today = localDay(ctx.clock.now(), tz);
  const last = [lastDayOf(month), today].sort()[0] as string;
  let workdays = 0;
  for (let d = first; d <= last; d = addDays(d, 1)) if (ctx.calendar.isWorkday(d)) workdays++;
  const stats = new Map((await monthlyReportStats(ctx.db, first, last)).map((s) => [s.unitId, s]));
  if (stats.size === 0) return []; // no reports that month: no ranking
  const acks = await dispatchAckStats(ctx.db, new Date(localIso(first, 0, 0, tz)), new Date(localIso(addDays(last, 1), 0, 0, tz)));
  const rows = ctx.roster.reportingUnits().map((u) => {
    const s = stats.get(u.id);
    const a = acks.get(u.id);
    const onTimeRate = s?.onTimeRate ?? null;
    const satisfactionRate = s?.satisfactionRate ?? null;
    const reopenRate = s && s.received > 0 ? (100 * s.reopened) / s.received : null;
    const ackRate = a && a.delivered > 0 ? (100 * a.ackedInTime) / a.delivered : null;
    const punctuality = workdays > 0 ? (100 * Math.min(workdays, (s?.days ?? 0) - (s?.lateDays ?? 0))) / workdays : null;
    const score = 0.3 * (onTimeRate ?? 0) + 0.3 * (satisfactionRate ?? 0) + 0.15 * (100 - (reopenRate ?? 0)) + 0.1 * (ackRate ?? 100) + 0.15 * (punctuality ?? 0);
    return { unitId: u.id, unitName: u.name, onTimeRate, satisfactionRate, reopenRate, ackRate, punctuality, score, rank: 0 };
  });
  rows.sort((x, y) => y.score - x.score || x.unitName.localeCompare(y.unitName, 'zh'));
  rows.forEach((r, i) => { r.rank = i > 0 && Math.abs((rows[i - 1] as RankingRow).score - r.score) < 1e-9 ? (rows[i - 1] as RankingRow).rank : i + 1; });
  return rows;
};
