import { join } from 'node:path';
import { monthlyDay, previousMonth } from '../domain/dual/periods.js';
import { bestAndLast, type RankingRow } from '../domain/ranking.js';
import { unitName } from '../domain/roster.js';
import { monthLabel } from '../domain/texts/cards.js';
import * as T from '../domain/texts/dual.js';
import { RANKING_METHOD } from '../domain/texts/dual.js';
import { planLookback } from '../domain/tickets/lookback.js';
import { rankingCardFile } from '../render/day-card-file.js';
import { type Sheet, writeSpreadsheet } from '../render/spreadsheet.js';
import { lookbackTickets } from '../store/ranking.js';
import { claimStep } from '../store/steps.js';
import type { AppContext } from '../usecases/context.js';
import { filesDir } from '../usecases/dual-evidence.js';
import { sideContacts } from '../usecases/dual-flow.js';
import { monthRankingWithCoverage } from '../usecases/ranking.js';
import { toGroup, toPerson } from '../usecases/send.js';
import { workdayToday } from './gate.js';
import { dailyAt, type Routine } from './types.js';

async function rankingFile(
  ctx: AppContext,
  month: string,
  rows: readonly RankingRow[],
  trialNote?: string,
): Promise<{ name: string; path: string }> {
  const r1 = (n: number | null) => (n === null ? '—' : Math.round(n * 10) / 10);
  const sheet: Sheet = {
    name: `${month}月评比`,
    columns: [
      { header: '名次', key: 'rank', width: 6 },
      { header: '单位', key: 'unitName', width: 26 },
      { header: '得分', key: 'score', width: 8 },
      { header: '按时办结率(%)', key: 'onTimeRate', width: 14 },
      { header: '满意率(%)', key: 'satisfactionRate', width: 12 },
      { header: '重办率(%)', key: 'reopenRate', width: 12 },
      { header: '签收及时率(%)', key: 'ackRate', width: 14 },
      { header: '按时报送率(%)', key: 'punctuality', width: 14 },
      { header: '迟报天数', key: 'late', width: 10 },
      { header: '备注', key: 'note', width: 16 },
    ],
    rows: rows.map((r) => ({
      rank: r.rank,
      unitName: r.unitName,
      score: r.score,
      onTimeRate: r1(r.onTimeRate),
      satisfactionRate: r1(r.satisfactionRate),
      reopenRate: r1(r.reopenRate),
      ackRate: r1(r.ackRate),
      punctuality: r1(r.punctuality),
      late: r.reports?.days ? r.reports.late : '—',
      ...(r.silent ? { note: '未报送日报' } : {}),
    })),
    notes: [...(rows.some((r) => r.silent) ? [T.SILENT_RULE] : []), ...(trialNote ? [trialNote] : []), RANKING_METHOD],
  };
  const name = `月评比-${month}.xlsx`;
  const path = join(filesDir(ctx, 'ranking'), name);
  await writeSpreadsheet(path, [sheet]);
  return { name, path };
}

/**
 * The first working day of the month, 09:00: 回头看 — last month's unresolved and
 * 不满意 tickets re-dispatched to their units point-to-point, except those the daily nag
 * already pursues and those in an open 双派单 round (leaders and supervisors get the counts by
 * unit and reason) — and 月评比 — the best three and the last three named in the group with the
 * method, the full table as an Excel file to the leaders and the supervision team.
 */
export const monthlyReviewRoutine: Routine = {
  name: 'monthly-review',
  patterns: (c) => [dailyAt(c.routines.monthlyReview)],
  async run(ctx) {
    const { run, day } = await workdayToday(ctx);
    if (!run || monthlyDay(day, ctx.calendar) !== day) return;
    const month = previousMonth(day);
    const now = ctx.clock.now();
    const oversight = [...ctx.roster.withRole('leader'), ...ctx.roster.withRole('supervisor')];

    const look = await lookbackTickets(ctx, month, now);
    // Tickets the daily nag pursues and tickets in an open 双派单 round are not re-dispatched
    // (one message per ticket; never one side of a round): see src/domain/tickets/lookback.ts.
    const plan = planLookback(look, ctx.config.routines.ticketNag.length > 0);
    for (const [u, items] of plan.redispatch) {
      const text = T.lookbackText(month, unitName(ctx.roster, u), items);
      const people = sideContacts(ctx, u);
      for (const p of people) await ctx.send(toPerson(p.id, text, `monthly-review:${month}:lookback:${u}:${p.id}`));
      if (people.length === 0) await ctx.send(toGroup(text, `monthly-review:${month}:lookback:${u}`));
    }
    const summary = T.lookbackLeadersText(month, {
      redispatched: [...plan.redispatch.entries()].map(([u, l]) => ({
        unitName: unitName(ctx.roster, u),
        count: l.length,
      })),
      nagged: [...plan.nagged.entries()].map(([u, l]) => ({ unitName: unitName(ctx.roster, u), count: l.length })),
      awaiting: [...plan.awaiting.entries()].map(([u, l]) => ({ unitName: unitName(ctx.roster, u), count: l.length })),
      dual: plan.dual,
      returned: [...plan.returned.entries()].map(([u, l]) => ({ unitName: unitName(ctx.roster, u), count: l.length })),
    });
    for (const p of oversight)
      await ctx.send(toPerson(p.id, summary, `monthly-review:${month}:lookback-summary:${p.id}`));
    await claimStep(ctx.db, `monthly-review:${month}:lookback`, 'monthly-review', now, day, {
      tickets: [...plan.redispatch.entries()].flatMap(([u, l]) => l.map((i) => `${u}:${i.number}`)),
      nagged: [...plan.nagged.entries()].flatMap(([u, l]) => l.map((n) => `${u}:${n}`)),
      awaiting: [...plan.awaiting.entries()].flatMap(([u, l]) => l.map((n) => `${u}:${n}`)),
      dual: plan.dual.map((d) => `${d.unitId}:${d.number}:${d.code}`),
      returned: [...plan.returned.entries()].flatMap(([u, l]) => l.map((n) => `${u}:${n}`)),
    });

    const { rows, coverage } = await monthRankingWithCoverage(ctx, month);
    if (coverage.trial) {
      // Too few days with the bot running: a trial for the oversight only, nothing in the group.
      const file = rows.length > 0 ? await rankingFile(ctx, month, rows, T.rankingTrialNote(coverage)) : null;
      const text = T.rankingTrialText(month, coverage, ctx.config.ranking.minCoverage, rows, file?.name ?? null);
      for (const p of oversight)
        await ctx.send(toPerson(p.id, text, `monthly-review:${month}:ranking:${p.id}`, file ? { file } : {}));
    } else {
      const { best, last } = bestAndLast(rows);
      await ctx.send(
        toGroup(
          T.rankingGroupText(month, best, last, rows.length, RANKING_METHOD),
          `monthly-review:${month}:ranking-group`,
        ),
      );
      // The leaders' choice of format for the daily picture holds for the monthly one too.
      if (rows.length > 0 && ctx.config.reports.summaryFormat !== 'text') {
        const card = await rankingCardFile(ctx, month, rows, RANKING_METHOD);
        if (card)
          await ctx.send(
            toGroup(T.rankingCardCaption(monthLabel(month)), `monthly-review:${month}:ranking-card`, [], {
              file: card,
            }),
          );
      }
      if (rows.length > 0) {
        const file = await rankingFile(ctx, month, rows);
        const text = T.rankingFileText(month, rows, file.name);
        for (const p of oversight)
          await ctx.send(toPerson(p.id, text, `monthly-review:${month}:ranking:${p.id}`, { file }));
      }
    }
    await claimStep(ctx.db, `monthly-review:${month}:ranking`, 'monthly-review', now, day, {
      trial: coverage.trial,
      coverage: coverage.share,
      rows: rows.map((r) => ({ unit: r.unitId, score: r.score, rank: r.rank })),
    });
  },
};
