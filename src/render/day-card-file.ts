/** The day card as a file for the outbox (written under the app's data dir). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DistrictConfig } from '../config/schema.js';
import type { Clock } from '../domain/clock.js';
import type { DayReport, DaySummary } from '../domain/report/summary.js';
import type { Roster } from '../domain/roster.js';
import { formatShort } from '../domain/time.js';
import { renderDayCard } from './day-card.js';
import { type HotspotCardInput, renderHotspotCard } from './hotspot-card.js';
import { type RankingRow, renderRankingCard } from './ranking-card.js';

/** What rendering a card needs of the app (a part of AppContext). */
export interface CardContext {
  config: DistrictConfig;
  roster: Roster;
  clock: Clock;
  log: Logger;
  dataDir?: string;
}

/**
 * Renders the day's card and writes it to `<dataDir>/cards/day-<day>.png`. Returns the outbox
 * file, or undefined (logged) when it cannot be made: the text summary still goes out.
 */
export async function dayCardFile(
  ctx: CardContext,
  day: string,
  reports: readonly DayReport[],
  summary: DaySummary,
): Promise<{ name: string; path: string } | undefined> {
  try {
    const t0 = performance.now();
    const png = await renderDayCard(
      {
        district: ctx.config.district,
        day,
        units: ctx.roster.reportingUnits(),
        reports,
        lowRate: ctx.config.reports.lowRate,
        footer: `${formatShort(ctx.clock.now(), ctx.config.timezone)} 生成`,
      },
      summary,
    );
    const dir = join(ctx.dataDir ?? join(tmpdir(), 'duban'), 'cards');
    mkdirSync(dir, { recursive: true });
    const name = `日报汇总-${day}.png`;
    const path = join(dir, `day-${day}.png`);
    writeFileSync(path, png);
    ctx.log.info({ day, bytes: png.length, ms: Math.round(performance.now() - t0) }, 'day card rendered');
    return { name, path };
  } catch (err) {
    ctx.log.error({ err: (err as Error).message, day }, 'day card could not be rendered; sending the text summary');
    return undefined;
  }
}

/**
 * The month's ranking card, written to `<dataDir>/cards/ranking-<month>.png`, or undefined
 * (logged) when it cannot be made: the text and the Excel table still go out.
 */
export async function rankingCardFile(
  ctx: CardContext,
  month: string,
  rows: readonly RankingRow[],
  method: string,
): Promise<{ name: string; path: string } | undefined> {
  try {
    const png = await renderRankingCard({ district: ctx.config.district, month, rows, method });
    const dir = join(ctx.dataDir ?? join(tmpdir(), 'duban'), 'cards');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `ranking-${month}.png`);
    writeFileSync(path, png);
    return { name: `月评比-${month}.png`, path };
  } catch (err) {
    ctx.log.error({ err: (err as Error).message, month }, 'ranking card could not be rendered');
    return undefined;
  }
}

/**
 * The week's 本周热点 chart, written to `<dataDir>/cards/hotspots-<to>.png`, or undefined (logged)
 * when it cannot be made: the list still goes out in the weekly summary.
 */
export async function hotspotCardFile(
  ctx: CardContext,
  input: HotspotCardInput,
): Promise<{ name: string; path: string } | undefined> {
  try {
    const t0 = performance.now();
    const png = await renderHotspotCard(input);
    const dir = join(ctx.dataDir ?? join(tmpdir(), 'duban'), 'cards');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `hotspots-${input.to}.png`);
    writeFileSync(path, png);
    ctx.log.info({ to: input.to, bytes: png.length, ms: Math.round(performance.now() - t0) }, 'hotspot card rendered');
    return { name: `本周热点-${input.to}.png`, path };
  } catch (err) {
    ctx.log.error({ err: (err as Error).message, to: input.to }, 'hotspot card could not be rendered');
    return undefined;
  }
}
