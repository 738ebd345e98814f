/**
 * The console's 月评比 page shows what the monthly review computes (src/usecases/ranking.ts),
 * from a store seeded by a replayed evening and earlier reports: the same units in the same
 * order with the same scores, the method, the trial marking; a month with no data stays empty.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANKING_METHOD } from '../src/domain/texts/dual.js';
import { monthRankingWithCoverage } from '../src/usecases/ranking.js';
import { askLink, consoleServer, LEADER, replayEvening, seedHistory, t } from './console-evening.js';
import type { Scenario } from './scenario.js';

describe("console 月评比: the monthly review's own ranking", () => {
  let s: Scenario;
  let app: FastifyInstance;
  let cookie: string;
  beforeAll(async () => {
    s = await replayEvening();
    await seedHistory(s, '2026-09-01', '2026-11-19');
    s.clock.set(t('19:00'));
    ({ app } = await consoleServer(s));
    const { token } = await askLink(s, LEADER, t('19:00'));
    const r = await app.inject({
      method: 'POST',
      url: '/console/login',
      payload: `t=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    cookie = String(r.headers['set-cookie']).split(';')[0] as string;
  });
  afterAll(async () => {
    await app?.close();
    await s?.close();
  });

  const get = async (month: string) =>
    (await app.inject({ url: `/console/ranking?month=${month}`, headers: { cookie } })).body;

  it(
    'November: the rows, order and scores of the 月评比, ' + 'its method, the trial marking from its coverage',
    async () => {
      const { rows, coverage } = await monthRankingWithCoverage(s.h.app.ctx, '2026-11');
      expect(rows.length).toBeGreaterThan(0);
      const body = await get('2026-11');
      expect(body).toContain(RANKING_METHOD.slice(0, 40));
      const table = /<table id="ranking-table">.*?<tbody>(.*?)<\/tbody>/s.exec(body)?.[1] ?? '';
      const shown = [
        ...table.matchAll(
          // check-lines: long regex
          /<tr><td><span class="[a-z]*">(\d+)<\/span> <a href="\/console\/unit\/([a-z0-9_-]+)">[^<]*<\/a><\/td><td><b>([\d.]+)<\/b>/g,
        ),
      ].map((m) => [Number(m[1]), m[2], m[3]]);
      expect(shown).toEqual(
        [...rows]
          .sort((a, b) => a.rank - b.rank)
          .map((r) => [r.rank, r.unitId, (Math.round(r.score * 10) / 10).toFixed(1)]),
      );
      // The history seeded from September is the bot's first data: November rests on all its days so far, no trial.
      expect(coverage).toMatchObject({ workdays: 15, counted: 15, trial: false });
      expect(body).not.toContain('id="ranking-trial"');
      expect(shown).toHaveLength(18); // every reporting unit (as the browser test's screenshot shows)
      // June … August have no data: no rank in the history, not everyone first.
      const history = JSON.parse(
        (/id="ranking-history"[^>]*data-chart="([^"]*)"/.exec(body)?.[1] ?? '{}')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&'),
      ) as { series: Array<{ data: Array<number | null> }> };
      expect(history.series.length).toBe(rows.length);
      for (const x of history.series) expect(x.data.slice(0, 3)).toEqual([null, null, null]);
    },
  );

  it('a month the bot ran only part of: the trial marking, as the monthly review has it', async () => {
    // Move the start of the bot's record to this evening: November then rests on one day.
    await s.h.app.db.query('update deployment set started_at = $1, first_data_at = $1', [new Date(t('09:30'))]);
    const { rows, coverage } = await monthRankingWithCoverage(s.h.app.ctx, '2026-11');
    expect(coverage).toMatchObject({ workdays: 15, counted: 1, trial: true });
    expect(rows.length).toBeGreaterThan(0);
    const body = await get('2026-11');
    expect(body).toContain(
      '<div class="panel" id="ranking-trial"><p><b>试运行/数据不完整</b>：该月15个工作日中，' +
        '督办助手运行了1天（7%，不足',
    );
  });

  it('a month with no data stays empty', async () => {
    expect((await monthRankingWithCoverage(s.h.app.ctx, '2026-05')).rows).toEqual([]);
    const body = await get('2026-05');
    expect(body).toContain('该月没有日报数据，暂无评比。');
    expect(body).not.toContain('id="ranking-trial"');
    expect(body).toContain('<tbody></tbody>');
  });
});
