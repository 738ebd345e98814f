/**
 * 百日攻坚's weekly card: the day counter, a row per item (field, lead unit, target, done, % done against % of
 * time gone, state; behind rows in red) and a bar chart of % done against % of time gone. SVG → PNG (png.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAMPAIGN_CARD as T } from '../domain/texts/cards.js';
import type { CardContext } from './day-card-file.js';
import { CJK_FONT_FAMILY, cardSvg, chartSvg, place, svgToPng, xml } from './png.js';

export interface CampaignCardRow {
  field: string;
  name: string;
  unitName: string;
  /** 16个, 30部 … */
  target: string;
  done: string;
  donePct: number | null;
  timePct: number;
  state: keyof typeof T.states;
}

export interface CampaignCardInput {
  campaign: string;
  district: string;
  /** 11月23日至11月27日 */
  week: string;
  /** 百日攻坚第40天，剩60天 */
  counter: string;
  rows: readonly CampaignCardRow[];
}

const W = 960;
const PAD = 32;
const ROW = 30;
const INK = '#1f2d3d';
const RED = '#c0392b';

const pct = (n: number | null) => (n === null ? '-' : `${Math.round(n * 10) / 10}%`);
const text = (x: number, y: number, s: string, size = 15, fill = INK, anchor = 'start') =>
  `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}" text-anchor="${anchor}">${xml(s)}</text>`;

const COLS: Array<[string, number, (r: CampaignCardRow) => string, 'start' | 'end']> = [
  [T.columns.item, 0, (r) => r.name, 'start'],
  [T.columns.unit, 190, (r) => r.unitName, 'start'],
  [T.columns.target, 500, (r) => r.target, 'end'],
  [T.columns.done, 590, (r) => r.done, 'end'],
  [T.columns.donePct, 690, (r) => pct(r.donePct), 'end'],
  [T.columns.timePct, 790, (r) => pct(r.timePct), 'end'],
  [T.columns.state, 820, (r) => T.states[r.state], 'start'],
];

export function campaignCardSvg(input: CampaignCardInput): string {
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${W}" height="88" fill="#1f4e79"/>`);
  parts.push(text(PAD, 50, T.title(input.campaign), 30, '#ffffff'));
  parts.push(text(PAD, 76, T.subtitle(input.district, input.week, input.counter), 15, '#d6e4f0'));
  let y = 88 + 20;
  const w = W - 2 * PAD;
  parts.push(`<rect x="${PAD}" y="${y}" width="${w}" height="${ROW + 4}" fill="#1f4e79"/>`);
  for (const [label, x, , anchor] of COLS) parts.push(text(PAD + 12 + x, y + 22, label, 15, '#ffffff', anchor));
  y += ROW + 4;
  let field = '';
  let i = 0;
  for (const r of input.rows) {
    if (r.field !== field) {
      field = r.field;
      parts.push(`<rect x="${PAD}" y="${y}" width="${w}" height="${ROW}" fill="#eef3f8"/>`);
      parts.push(text(PAD + 12, y + 21, field, 14, '#1f4e79'));
      y += ROW;
    }
    const behind = r.state === 'behind';
    const bg = behind ? '#fdecea' : i % 2 === 0 ? '#ffffff' : '#f7f9fb';
    parts.push(`<rect x="${PAD}" y="${y}" width="${w}" height="${ROW}" fill="${bg}"/>`);
    for (const [, x, f, anchor] of COLS) {
      const colour = behind && (x === 690 || x === 820) ? RED : INK;
      parts.push(text(PAD + 12 + x, y + 21, f(r), 15, colour, anchor));
    }
    y += ROW;
    i++;
  }
  y += 24;
  const n = input.rows.length;
  if (n > 0) {
    const h = 80 + n * 44;
    const ordered = [...input.rows].reverse();
    const chart = chartSvg(
      {
        backgroundColor: '#ffffff',
        title: {
          text: T.chartTitle,
          left: 0,
          top: 0,
          textStyle: { fontSize: 16, color: INK, fontFamily: CJK_FONT_FAMILY },
        },
        legend: { top: 0, right: 0, textStyle: { fontSize: 13, color: INK, fontFamily: CJK_FONT_FAMILY } },
        grid: { left: 8, right: 48, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'value', min: 0, max: 100, splitLine: { lineStyle: { color: '#e5e9ee' } } },
        yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { fontSize: 13, color: INK } },
        series: [
          {
            name: T.timeSeries,
            type: 'bar',
            data: ordered.map((r) => Math.round(r.timePct * 10) / 10),
            itemStyle: { color: '#b8c4d0' },
            label: { show: true, position: 'right', fontSize: 11, color: '#6b7785' },
          },
          {
            name: T.doneSeries,
            type: 'bar',
            itemStyle: { color: '#2e86c1' },
            // Nothing reported: no bar (not a 0).
            data: ordered.map((r) =>
              r.donePct === null
                ? null
                : {
                    value: Math.round(r.donePct * 10) / 10,
                    itemStyle: { color: r.state === 'behind' ? RED : '#2e86c1' },
                  },
            ),
            label: { show: true, position: 'right', fontSize: 12 },
          },
        ],
      },
      w,
      h,
    );
    parts.push(place(chart, PAD, y));
    y += h + 16;
  }
  parts.push(text(PAD, y + 14, T.footer, 13, '#6b7785'));
  const height = y + 32;
  return cardSvg(W, height, parts);
}

export async function renderCampaignCard(input: CampaignCardInput): Promise<Buffer> {
  return svgToPng(campaignCardSvg(input));
}

/**
 * The week's card, written to `<dataDir>/cards/campaign-<week>.png`, or undefined (logged) when it cannot be
 * made: the weekly summary's text still goes out.
 */
export async function campaignCardFile(
  ctx: CardContext,
  weekKey: string,
  input: CampaignCardInput,
): Promise<{ name: string; path: string } | undefined> {
  try {
    const t0 = performance.now();
    const png = await renderCampaignCard(input);
    const dir = join(ctx.dataDir ?? join(tmpdir(), 'duban'), 'cards');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `campaign-${weekKey}.png`);
    writeFileSync(path, png);
    ctx.log.info(
      { week: weekKey, bytes: png.length, ms: Math.round(performance.now() - t0) },
      'campaign card rendered',
    );
    return { name: `${input.campaign}周报-${weekKey}.png`, path };
  } catch (err) {
    ctx.log.error({ err: (err as Error).message, week: weekKey }, 'campaign card could not be rendered');
    return undefined;
  }
}
