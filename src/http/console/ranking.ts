/** 月评比: the month's ranking (table and charts) and its history by month. Leaders and supervisors only. */
import type { FastifyInstance } from 'fastify';
import { monthLabel } from '../../domain/texts/cards.js';
import { RANKING as T } from '../../domain/texts/console.js';
import { localDay } from '../../domain/time.js';
import type { RankingRow } from '../../render/ranking-card.js';
import type { AppContext } from '../../usecases/context.js';
import { rankingSource } from '../../usecases/ranking.js';
import { forbidden, sendHtml, viewer } from './auth.js';
import { chart, esc, page, pct } from './layout.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function shiftMonth(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

/**
 * The page shows what the 月评比 computes (src/usecases/ranking.ts, the monthly review's own
 * source): a month with no data stays empty; one resting on too few days is marked a trial.
 */
export function registerRanking(app: FastifyInstance, ctx: AppContext): void {
  const source = rankingSource;
  app.get<{ Querystring: { month?: string } }>('/console/ranking', async (req, reply) => {
    const v = await viewer(ctx, req, reply);
    if (!v) return reply;
    if (!v.scope.all) return forbidden(reply);
    const current = localDay(ctx.clock.now(), ctx.config.timezone).slice(0, 7);
    const month =
      typeof req.query.month === 'string' && MONTH.test(req.query.month) && req.query.month <= current
        ? req.query.month
        : current;
    const rows = await source.rows(ctx, month);
    const coverage = await source.coverage(ctx, month);
    const history: Array<{ month: string; rows: RankingRow[] }> = [];
    for (let i = 5; i >= 0; i--) {
      const m = shiftMonth(month, -i);
      history.push({ month: m, rows: m === month ? rows : await source.rows(ctx, m) });
    }
    const ordered = [...rows].sort((a, b) => a.rank - b.rank);
    const n = ordered.length;
    const table = ordered.map((r, i) => {
      const cls = i < 3 ? 'ok' : n > 6 && i >= n - 3 ? 'bad' : '';
      return (
        `<tr><td><span class="${cls}">${r.rank}</span> <a href="/console/unit/${encodeURIComponent(r.unitId)}` +
        `">${esc(r.unitName)}</a></td><td><b>${(Math.round(r.score * 10) / 10).toFixed(1)}` +
        `</b></td><td>${pct(r.onTimeRate)}</td><td>${pct(r.satisfactionRate)}</td><td>${pct(r.reopenRate)}` +
        `</td><td>${pct(r.ackRate)}</td><td>${pct(r.punctuality)}</td></tr>`
      );
    });
    const rev = [...ordered].reverse();
    const scoreOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: rev.map((r) => r.unitName) },
      series: [
        {
          type: 'bar',
          data: rev.map((r) => Math.round(r.score * 10) / 10),
          label: { show: true, position: 'right' },
          itemStyle: { color: '#2e86c1' },
        },
      ],
    };
    const radarUnits = ordered.slice(0, 3).concat(n > 6 ? ordered.slice(-3) : []);
    const radarOption = {
      legend: { bottom: 0, type: 'scroll' },
      tooltip: {},
      radar: { indicator: T.radar.map((name) => ({ name, max: 100 })), radius: '60%' },
      series: [
        {
          type: 'radar',
          data: radarUnits.map((r) => ({
            name: r.unitName,
            value: [
              r.onTimeRate ?? 0,
              r.satisfactionRate ?? 0,
              100 - (r.reopenRate ?? 0),
              r.ackRate ?? 100,
              r.punctuality ?? 0,
            ].map((x) => Math.round(x * 10) / 10),
          })),
        },
      ],
    };
    // History: the best three and the last three shown at first; the legend turns the others on.
    const historyOption = {
      tooltip: { trigger: 'axis' },
      legend: {
        type: 'scroll',
        top: 0,
        selected: Object.fromEntries(ordered.map((r) => [r.unitName, radarUnits.includes(r)])),
      },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: history.map((h) => monthLabel(h.month)) },
      yAxis: { type: 'value', inverse: true, min: 1, max: Math.max(1, n), name: T.rank },
      series: ordered.map((r) => ({
        name: r.unitName,
        type: 'line',
        connectNulls: false,
        data: history.map((h) => h.rows.find((x) => x.unitId === r.unitId)?.rank ?? null),
      })),
    };
    const months = Array.from({ length: 12 }, (_, i) => shiftMonth(current, -i)).map((m) =>
      m === month ? `<b>${monthLabel(m)}</b>` : `<a href="/console/ranking?month=${m}">${monthLabel(m)}</a>`,
    );
    const body =
      `<h1>${esc(T.heading(monthLabel(month), month === current))}</h1>
<div class="nav2">${months.join('')}</div><p class="muted">${esc(source.method)}</p>
` +
      (coverage.trial && n > 0
        ? `<div class="panel" id="ranking-trial"><p><b>${T.trialLabel}</b>` +
          `${T.trial(coverage, ctx.config.ranking.minCoverage)}</p></div>`
        : '') +
      `${n === 0 ? `<div class="panel"><p>${T.empty}</p></div>` : ''}<div class="panel scroll"><table ` +
      `id="ranking-table"><thead><tr>${T.columns.map((h) => `<th>${h}</th>`).join('')}` +
      `</tr></thead><tbody>${table.join('')}</tbody></table></div>
<div class="panel"><h2 style="margin-top:0">${T.scoreChart}` +
      `</h2>${chart('ranking-score', scoreOption, Math.max(260, 40 + n * 24))}</div>
<div class="panel"><h2 style="margin-top:0">${T.radarChart}</h2>${chart('ranking-radar', radarOption, 360)}</div>
<div class="panel"><h2 style="margin-top:0">${T.historyChart}</h2>${chart('ranking-history', historyOption, 360)}` +
      `</div>`;
    return sendHtml(
      reply,
      page({ title: T.title, active: 'ranking', who: v.person.name, all: true, charts: true, body }),
    );
  });
}
