/**
 * 本周热点 as a PNG card: for each kind with rising keys (问题分类, 地点), a bar chart of the last 7
 * days against the weeks before's mean. Made only when something rose: never an empty chart.
 */
import type { RisingKey } from '../domain/hotspots/rising.js';
import { HOTSPOT_CARD as T } from '../domain/texts/hotspots.js';
import { CJK_FONT_FAMILY, cardSvg, chartSvg, place, svgToPng, xml } from './png.js';

export interface HotspotCardSection {
  kind: 'categories' | 'places';
  items: readonly RisingKey[];
}

export interface HotspotCardInput {
  district: string;
  /** The period looked at (YYYY-MM-DD, both included). */
  from: string;
  to: string;
  historyWeeks: number;
  /** Sections with at least one key (empty ones are left out). */
  sections: readonly HotspotCardSection[];
  /** When it was made (09:00 11月27日), for the footer. */
  made: string;
}

const W = 960;
const PAD = 32;
const INK = '#1f2d3d';
const ROW = 44;

const text = (x: number, y: number, s: string, size = 15, fill = INK) =>
  `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}">${xml(s)}</text>`;

const round1 = (n: number) => Math.round(n * 10) / 10;

function sectionChart(s: HotspotCardSection, historyWeeks: number, width: number): { svg: string; height: number } {
  const items = [...s.items].reverse(); // ECharts draws a category axis bottom-up: the largest rise on top
  const height = 56 + items.length * ROW;
  const names = T.series(historyWeeks);
  const svg = chartSvg(
    {
      backgroundColor: '#ffffff',
      legend: {
        top: 0,
        right: 0,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { fontSize: 13, color: INK, fontFamily: CJK_FONT_FAMILY },
      },
      grid: { left: 8, right: 56, top: 30, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        minInterval: 1,
        splitLine: { lineStyle: { color: '#e5e9ee' } },
        axisLabel: { fontSize: 12, color: '#6b7785' },
      },
      yAxis: {
        type: 'category',
        data: items.map((k) => k.label),
        axisLabel: { fontSize: 14, color: INK, width: 220, overflow: 'truncate' },
      },
      series: [
        {
          name: names.before,
          type: 'bar',
          barGap: '10%',
          barMaxWidth: 16,
          itemStyle: { color: '#9aa5b1' },
          data: items.map((k) => round1(k.mean)),
          label: { show: true, position: 'right', fontSize: 12, color: '#6b7785' },
        },
        {
          name: names.now,
          type: 'bar',
          barMaxWidth: 16,
          itemStyle: { color: '#c0392b' },
          data: items.map((k) => k.count),
          label: { show: true, position: 'right', fontSize: 12, color: INK },
        },
      ],
    },
    width,
    height,
  );
  return { svg, height };
}

export function hotspotCardSvg(input: HotspotCardInput): string {
  const sections = input.sections.filter((s) => s.items.length > 0);
  if (sections.length === 0) throw new Error('hotspot card without rising keys');
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${W}" height="88" fill="#7b241c"/>`);
  parts.push(text(PAD, 50, T.title, 30, '#ffffff'));
  parts.push(text(PAD, 76, T.subtitle(input.district, input.from, input.to, input.historyWeeks), 15, '#f5d5d0'));
  let y = 88 + 20;
  const w = W - 2 * PAD;
  for (const s of sections) {
    y += 22;
    parts.push(text(PAD, y, `${T[s.kind]}（${T.unit}）`, 18, INK));
    y += 10;
    const chart = sectionChart(s, input.historyWeeks, w);
    parts.push(place(chart.svg, PAD, y));
    y += chart.height + 8;
  }
  parts.push(text(PAD, y + 22, T.footer(input.made), 13, '#6b7785'));
  const height = y + 40;
  return cardSvg(W, height, parts);
}

export async function renderHotspotCard(input: HotspotCardInput): Promise<Buffer> {
  return svgToPng(hotspotCardSvg(input));
}
