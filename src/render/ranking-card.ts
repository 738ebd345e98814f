/**
 * The 月评比 (monthly ranking) as a PNG card: title, method, the full table and a score chart.
 * Issue 6 owns the ranking itself; this renders any list of RankingRow.
 */

/** One unit's line of the monthly ranking (rates in percent, 0–100). */
import type { RankingRow } from '../domain/ranking.js';
import { RANKING_CARD as T } from '../domain/texts/cards.js';
import { CJK_FONT_FAMILY, cardSvg, chartSvg, place, svgToPng, xml } from './png.js';

export type { RankingRow };

export interface RankingCardInput {
  district: string;
  /** YYYY-MM */
  month: string;
  rows: readonly RankingRow[];
  /** One line saying how the score is made. */
  method: string;
}

const W = 960;
const PAD = 32;
const ROW = 30;
const INK = '#1f2d3d';

const pct = (n: number | null) => (n === null ? '-' : `${Math.round(n * 10) / 10}%`);
const text = (x: number, y: number, s: string, size = 15, fill = INK, anchor = 'start') =>
  `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}" text-anchor="${anchor}">${xml(s)}</text>`;

const COLS: Array<[string, number, (r: RankingRow) => string]> = [
  [T.columns.rank, 0, (r) => String(r.rank)],
  [T.columns.unit, 60, (r) => r.unitName],
  [T.columns.score, 290, (r) => (Math.round(r.score * 10) / 10).toFixed(1)],
  [T.columns.onTimeRate, 370, (r) => pct(r.onTimeRate)],
  [T.columns.satisfactionRate, 480, (r) => pct(r.satisfactionRate)],
  [T.columns.reopenRate, 570, (r) => pct(r.reopenRate)],
  [T.columns.ackRate, 660, (r) => pct(r.ackRate)],
  [T.columns.punctuality, 770, (r) => pct(r.punctuality)],
];

export function rankingCardSvg(input: RankingCardInput): string {
  const rows = [...input.rows].sort((a, b) => a.rank - b.rank);
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${W}" height="88" fill="#1f4e79"/>`);
  parts.push(text(PAD, 50, T.title(input.month), 30, '#ffffff'));
  parts.push(text(PAD, 76, input.district, 15, '#d6e4f0'));
  let y = 88 + 30;
  parts.push(text(PAD, y, input.method.length > 64 ? `${input.method.slice(0, 63)}…` : input.method, 14, '#6b7785'));
  y += 16;
  const w = W - 2 * PAD;
  parts.push(`<rect x="${PAD}" y="${y}" width="${w}" height="${ROW + 4}" fill="#1f4e79"/>`);
  for (const [label, x] of COLS) parts.push(text(PAD + 12 + x, y + 22, label, 15, '#ffffff'));
  const n = rows.length;
  rows.forEach((r, i) => {
    const ry = y + ROW + 4 + i * ROW;
    const top = i < 3;
    const bottom = n > 6 && i >= n - 3;
    const bg = top ? '#e8f6ee' : bottom ? '#fdecea' : i % 2 === 0 ? '#ffffff' : '#f4f7fa';
    parts.push(`<rect x="${PAD}" y="${ry}" width="${w}" height="${ROW}" fill="${bg}"/>`);
    for (const [, x, f] of COLS)
      parts.push(
        text(PAD + 12 + x, ry + 21, f(r), 15, top && x === 0 ? '#1e8449' : bottom && x === 0 ? '#c0392b' : INK),
      );
  });
  y += ROW + 4 + n * ROW + 28;
  if (n > 0) {
    const h = 70 + n * 24;
    const ordered = [...rows].reverse();
    const chart = chartSvg(
      {
        backgroundColor: '#ffffff',
        title: {
          text: T.chartTitle,
          left: 0,
          top: 0,
          textStyle: { fontSize: 16, color: INK, fontFamily: CJK_FONT_FAMILY },
        },
        grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'value', min: 0, max: 100, splitLine: { lineStyle: { color: '#e5e9ee' } } },
        yAxis: { type: 'category', data: ordered.map((r) => r.unitName), axisLabel: { fontSize: 13, color: INK } },
        series: [
          {
            type: 'bar',
            data: ordered.map((r, i) => ({
              value: Math.round(r.score * 10) / 10,
              itemStyle: { color: i >= n - 3 ? '#27ae60' : n > 6 && i < 3 ? '#c0392b' : '#2e86c1' },
            })),
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

export async function renderRankingCard(input: RankingCardInput): Promise<Buffer> {
  return svgToPng(rankingCardSvg(input));
}
