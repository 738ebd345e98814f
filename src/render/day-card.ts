/**
 * The day's picture for the group: title, totals, anomalies, the per-unit table and a bar
 * chart, as one PNG card. ECharts SSR → SVG, composed with a hand-drawn table, → PNG (resvg).
 */
import type { DayReport, DaySummary, SumKey } from '../domain/report/summary.js';
import { summarizeDay } from '../domain/report/summary.js';
import type { Unit } from '../domain/roster.js';
import { DAY_CARD as T } from '../domain/texts/cards.js';
import { CJK_FONT_FAMILY, chartSvg, place, svgToPng, xml } from './png.js';

export interface DayCardInput {
  district: string;
  day: string;
  units: readonly Unit[];
  reports: readonly DayReport[];
  lowRate: number;
  /** e.g. "18:40 生成"; shown in the footer. */
  footer?: string;
}

export const CARD_WIDTH = 960;
const PAD = 32;
const ROW = 30;
const RED = '#c0392b';
const AMBER = '#b9770e';
const INK = '#1f2d3d';
const MUTED = '#6b7785';

/** A short label for charts: the name when short, else the shortest alias of 3+ characters. */
export function shortName(u: Unit): string {
  if (u.name.length <= 5) return u.name;
  const a = [...u.aliases].filter((x) => x.length >= 3).sort((x, y) => x.length - y.length)[0];
  return a ?? u.name;
}

const t = (
  x: number,
  y: number,
  s: string,
  o: { size?: number; fill?: string; anchor?: 'start' | 'middle' | 'end'; weight?: string } = {},
) =>
  `<text x="${x}" y="${y}" font-size="${o.size ?? 16}" fill="${o.fill ?? INK}" ` +
  `text-anchor="${o.anchor ?? 'start'}"${o.weight ? ` font-weight="${o.weight}"` : ''}>${xml(s)}</text>`;

const v = (n: number | null | undefined) => (n === null || n === undefined ? '-' : String(n));

const COLS: Array<{ label: string; x: number; key?: keyof DayReport; rate?: boolean }> = [
  { label: T.columns.unit, x: 0 },
  { label: T.columns.status, x: 228 },
  { label: T.columns.received, x: 330, key: 'received' },
  { label: T.columns.completed, x: 400, key: 'completed' },
  { label: T.columns.inProgress, x: 470, key: 'inProgress' },
  { label: T.columns.overdue, x: 540, key: 'overdue' },
  { label: T.columns.reopened, x: 610, key: 'reopened' },
  { label: T.columns.unsatisfied, x: 690, key: 'unsatisfied' },
  { label: T.columns.satisfactionRate, x: 790, key: 'satisfactionRate', rate: true },
];

/** The rows in the order leaders want them: anomalies first (missing, overdue, late), then the rest. */
export function orderedRows(
  units: readonly Unit[],
  reports: readonly DayReport[],
  lowRate: number,
): Array<{ unit: Unit; r: DayReport | undefined; weight: number }> {
  const by = new Map(reports.map((r) => [r.unitId, r]));
  const rows = units.map((unit, i) => {
    const r = by.get(unit.id);
    let weight = 0;
    if (!r) weight = 1000;
    else {
      weight += 100 * (r.overdue ?? 0) + 10 * ((r.reopened ?? 0) + (r.unsatisfied ?? 0));
      if (r.late) weight += 5;
      if (r.satisfactionRate !== null && r.satisfactionRate < lowRate) weight += 5;
      if (r.onTimeRate !== null && r.onTimeRate < lowRate) weight += 5;
    }
    return { unit, r, weight, i };
  });
  rows.sort((a, b) => b.weight - a.weight || a.i - b.i);
  return rows;
}

function table(x0: number, y0: number, input: DayCardInput): { svg: string; height: number } {
  const rows = orderedRows(input.units, input.reports, input.lowRate);
  const parts: string[] = [];
  const w = CARD_WIDTH - 2 * PAD;
  parts.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${ROW + 4}" fill="#1f4e79"/>`);
  for (const c of COLS) parts.push(t(x0 + 12 + c.x, y0 + 22, c.label, { size: 15, fill: '#ffffff', anchor: 'start' }));
  rows.forEach(({ unit, r }, i) => {
    const y = y0 + ROW + 4 + i * ROW;
    const bg = !r ? '#fdecea' : r.late ? '#fff6e0' : i % 2 === 0 ? '#ffffff' : '#f4f7fa';
    parts.push(`<rect x="${x0}" y="${y}" width="${w}" height="${ROW}" fill="${bg}"/>`);
    parts.push(t(x0 + 12, y + 21, unit.name, { size: 15 }));
    const status = !r ? T.status.missing : r.late ? T.status.late : T.status.reported;
    parts.push(t(x0 + 12 + 228, y + 21, status, { size: 15, fill: !r ? RED : r.late ? AMBER : '#1e8449' }));
    if (!r) return;
    for (const c of COLS.slice(2)) {
      const val = r[c.key as keyof DayReport] as number | null;
      const bad = (c.key === 'overdue' && (val ?? 0) > 0) || (c.rate === true && val !== null && val < input.lowRate);
      parts.push(
        t(x0 + 12 + c.x, y + 21, c.rate ? (val === null ? '-' : `${val}%`) : v(val), {
          size: 15,
          fill: bad ? RED : INK,
        }),
      );
    }
  });
  const height = ROW + 4 + rows.length * ROW;
  parts.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${height}" fill="none" stroke="#c9d3dd"/>`);
  return { svg: parts.join(''), height };
}

function barChart(input: DayCardInput, width: number): { svg: string; height: number } {
  const by = new Map(input.reports.map((r) => [r.unitId, r]));
  const units = input.units.filter((u) => by.has(u.id));
  const height = Math.max(160, 70 + units.length * 26);
  if (units.length === 0) return { svg: '', height: 0 };
  const names = units.map(shortName).reverse();
  const series = (key: 'received' | 'completed' | 'overdue') => units.map((u) => by.get(u.id)?.[key] ?? 0).reverse();
  const svg = chartSvg(
    {
      backgroundColor: '#ffffff',
      title: {
        text: T.chartTitle,
        left: 0,
        top: 0,
        textStyle: { fontSize: 16, color: INK, fontFamily: CJK_FONT_FAMILY },
      },
      legend: { top: 2, right: 0, textStyle: { fontFamily: CJK_FONT_FAMILY } },
      grid: { left: 8, right: 40, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#e5e9ee' } } },
      yAxis: { type: 'category', data: names, axisLabel: { fontSize: 13, color: INK } },
      series: [
        {
          name: T.series.received,
          type: 'bar',
          data: series('received'),
          itemStyle: { color: '#2e86c1' },
          label: { show: true, position: 'right', fontSize: 11 },
        },
        {
          name: T.series.completed,
          type: 'bar',
          data: series('completed'),
          itemStyle: { color: '#27ae60' },
          label: { show: true, position: 'right', fontSize: 11 },
        },
        { name: T.series.overdue, type: 'bar', data: series('overdue'), itemStyle: { color: RED } },
      ],
    },
    width,
    height,
  );
  return { svg, height };
}

/** The card as an SVG string (pure apart from ECharts); `summary` is the same one the text uses. */
export function dayCardSvg(input: DayCardInput, summary: DaySummary = summarizeDay(input)): string {
  const w = CARD_WIDTH;
  const parts: string[] = [];
  let y = PAD;
  parts.push(`<rect x="0" y="0" width="${w}" height="88" fill="#1f4e79"/>`);
  parts.push(t(PAD, 50, T.title(input.day), { size: 30, fill: '#ffffff' }));
  parts.push(t(PAD, 76, input.district, { size: 15, fill: '#d6e4f0' }));
  parts.push(t(w - PAD, 50, T.reported(summary.reported, summary.total), { size: 24, fill: '#ffffff', anchor: 'end' }));
  const sub = [
    summary.late.length > 0 ? T.late(summary.late.length) : '',
    summary.missing.length > 0 ? T.missing(summary.missing.length) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  if (sub) parts.push(t(w - PAD, 76, sub, { size: 15, fill: '#f9e79f', anchor: 'end' }));
  y = 88 + 20;
  // A total counts only the units that gave the figure: "—" when none did, the count when only some did.
  const reportedCount = input.reports.filter((r) => input.units.some((u) => u.id === r.unitId)).length;
  const totals: Array<[string, SumKey, boolean]> = [
    [T.totals.received, 'received', false],
    [T.totals.completed, 'completed', false],
    [T.totals.inProgress, 'inProgress', false],
    [T.totals.overdue, 'overdue', true],
    [T.totals.reopened, 'reopened', true],
    [T.totals.unsatisfied, 'unsatisfied', true],
  ];
  const bw = (w - 2 * PAD - 5 * 12) / 6;
  totals.forEach(([label, key, alarm], i) => {
    const x = PAD + i * (bw + 12);
    const n = summary.totals[key];
    const given = summary.givenBy[key];
    const bad = alarm && n > 0;
    parts.push(`<rect x="${x}" y="${y}" width="${bw}" height="76" rx="8" fill="${bad ? '#fdecea' : '#eef3f8'}"/>`);
    parts.push(
      t(x + bw / 2, y + 42, given === 0 ? '—' : String(n), { size: 30, fill: bad ? RED : INK, anchor: 'middle' }),
    );
    parts.push(
      t(x + bw / 2, y + 66, T.totalLabel(label, given > 0 && given < reportedCount ? given : undefined), {
        size: 14,
        fill: MUTED,
        anchor: 'middle',
      }),
    );
  });
  y += 76 + 24;
  if (summary.anomalies.length > 0) {
    parts.push(t(PAD, y + 4, T.attention, { size: 18, fill: RED }));
    y += 12;
    for (const a of summary.anomalies.slice(0, 6)) {
      y += 26;
      parts.push(t(PAD + 8, y, `· ${a.length > 56 ? `${a.slice(0, 55)}…` : a}`, { size: 15 }));
    }
    if (summary.anomalies.length > 6) {
      y += 26;
      parts.push(t(PAD + 8, y, T.moreAnomalies(summary.anomalies.length - 6), { size: 14, fill: MUTED }));
    }
    y += 24;
  }
  const tb = table(PAD, y, input);
  parts.push(tb.svg);
  y += tb.height + 28;
  const chart = barChart(input, w - 2 * PAD);
  if (chart.height > 0) {
    parts.push(place(chart.svg, PAD, y));
    y += chart.height + 16;
  }
  parts.push(t(PAD, y + 14, T.footer(input.footer), { size: 13, fill: MUTED }));
  const height = y + 32;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}" ` +
    `font-family="${CJK_FONT_FAMILY}"><rect width="${w}" height="${height}" fill="#ffffff"/>${parts.join('')}` +
    `</svg>`
  );
}

/** The card as PNG bytes. */
export async function renderDayCard(input: DayCardInput, summary?: DaySummary): Promise<Buffer> {
  return svgToPng(dayCardSvg(input, summary));
}
