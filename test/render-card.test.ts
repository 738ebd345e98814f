/** The day card and the ranking card: PNG bytes made server-side (ECharts SSR → SVG → resvg). */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayReport } from '../src/domain/report/summary.js';
import { CARD_WIDTH, dayCardSvg, renderDayCard } from '../src/render/day-card.js';
import { type RankingRow, renderRankingCard } from '../src/render/ranking-card.js';
import { REPORTS, replayEvening, t } from './console-evening.js';
import { REPO, rosterConfig } from './helpers.js';
import { run, Scenario } from './scenario.js';

const ARTIFACTS = join(REPO, 'test-artifacts');
const DOCS = join(REPO, 'docs');
const config = rosterConfig();

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function save(name: string, png: Buffer): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), png);
  if (process.env.UPDATE_SCREENSHOTS === '1') writeFileSync(join(DOCS, name), png);
}

const reports: DayReport[] = config.units.slice(0, 15).map((u, i) => ({
  unitId: u.id,
  late: i === 4,
  received: 4 + ((i * 7) % 11),
  completed: 3 + ((i * 5) % 9),
  inProgress: i % 3,
  overdue: i === 2 ? 2 : i === 9 ? 1 : 0,
  reopened: i === 6 ? 1 : 0,
  unsatisfied: i === 7 ? 1 : 0,
  returned: 0,
  onTimeRate: 90 + (i % 10),
  satisfactionRate: i === 7 ? 85 : 95 + (i % 5),
}));

describe('render cards (PNG, CJK font, no browser)', () => {
  it('the day card: title, totals, the per-unit table and a bar chart, as a PNG', async () => {
    const svg = dayCardSvg({ district: config.district, day: '2026-11-20', units: config.units, reports, lowRate: 90 });
    expect(svg).toContain('11月20日 12345热线日报汇总');
    expect(svg).toContain('报送 15/18');
    expect(svg).toContain('未报');
    expect(svg).toContain('各单位受理与办结');
    const times: number[] = [];
    let png: Buffer = Buffer.alloc(0);
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      png = await renderDayCard({
        district: config.district,
        day: '2026-11-20',
        units: config.units,
        reports,
        lowRate: 90,
        footer: '11月20日18:40 生成',
      });
      times.push(performance.now() - t0);
    }
    console.log(`day card: ${png.length} bytes, render ${times.map((x) => Math.round(x)).join(' / ')} ms`);
    const { width, height } = pngSize(png);
    expect(width).toBe(CARD_WIDTH);
    expect(height).toBeGreaterThan(1000);
    expect(png.length).toBeGreaterThan(30_000);
    save('day-card.png', png);
  });

  it('the ranking card: table and score chart for 18 units', async () => {
    const rows: RankingRow[] = config.units.map((u, i) => ({
      unitId: u.id,
      unitName: u.name,
      onTimeRate: 99 - i * 0.8,
      satisfactionRate: 98 - i * 0.6,
      reopenRate: 2 + i * 0.5,
      ackRate: 100 - i,
      punctuality: 100 - i * 2,
      score: 96 - i * 1.4,
      rank: i + 1,
    }));
    const t0 = performance.now();
    const png = await renderRankingCard({
      district: config.district,
      month: '2026-11',
      rows,
      method: '得分 = 按时办结率×30% + 满意率×30% + (100−重办率)×15% + 签收及时率×10% + 报送及时率×15%',
    });
    console.log(`ranking card: ${png.length} bytes, render ${Math.round(performance.now() - t0)} ms`);
    const { width, height } = pngSize(png);
    expect(width).toBe(960);
    expect(height).toBeGreaterThan(900);
    save('ranking-card.png', png);
  });
});

describe('daily-summary with reports.summaryFormat (real pipeline)', () => {
  let both: Scenario;
  beforeAll(async () => {
    both = await replayEvening();
  });
  afterAll(async () => {
    await both?.close();
  });

  it("'text' (the default) sends no file", async () => {
    expect(config.reports.summaryFormat).toBe('text');
  });

  it("'both': the text summary with the card attached, the PNG under the app's data dir", async () => {
    both.h.app.config.reports.summaryFormat = 'both';
    const out = await both.play(run(t('18:40'), 'daily-summary'));
    const msg = out.filter((m) => m.to === 'group');
    expect(msg.some((m) => m.text.includes('12345热线日报汇总') && m.text.includes('各单位'))).toBe(true);
    expect(msg.some((m) => m.file === '日报汇总-2026-11-20.png')).toBe(true);
    const [row] = await both.h.app.db.query<{ file_name: string }>(
      "select file_name from outbound_messages where purpose = 'daily-summary:2026-11-20'",
    );
    expect(row?.file_name).toBe('日报汇总-2026-11-20.png');
    const path = join(both.h.app.ctx.dataDir as string, 'cards', 'day-2026-11-20.png');
    expect(existsSync(path)).toBe(true);
    expect(REPORTS.length).toBe(8);
  });

  it("'image': a short caption with the card", async () => {
    const s = await Scenario.open({ ...config, reports: { ...config.reports, summaryFormat: 'image' } });
    try {
      const out = await s.play(
        { at: t('17:01'), from: 'wxid_jiaoyu_sun', text: '教育局今天接收工单5件，已全部办结。' },
        run(t('18:40'), 'daily-summary'),
      );
      const text = out.find((m) => m.to === 'group' && m.text.includes('汇总'))?.text ?? '';
      expect(text).toContain('报送1/18个单位');
      expect(text).toContain('详见下图');
      expect(text).not.toContain('各单位（受理');
      expect(out.some((m) => m.file === '日报汇总-2026-11-20.png')).toBe(true);
    } finally {
      await s.close();
    }
  });
});
