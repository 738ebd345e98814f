/** The daily summary (日报汇总) the leaders or the group get, zh-CN. */
import type { DayReport, DaySummary, SumKey } from '../report/day.js';
import { FIGURE_LABELS } from './figures.js';
import { monthDay } from './reports.js';

const SUM_LABELS: Record<SumKey, string> = FIGURE_LABELS;
const n = (v: number | null) => (v === null ? '-' : String(v));
const rate = (v: number | null) => (v === null ? '-' : `${v}%`);

/**
 * One total as the text says it: the sum when every report gave the figure, the sum and how
 * many units gave it when only some did, 未填报 when none did.
 */
export function totalText(key: SumKey, total: number, given: number, reports: number): string {
  if (given === 0) return `${SUM_LABELS[key]}未填报`;
  return `${SUM_LABELS[key]}${total}件${given < reports ? `（${given}个单位填报）` : ''}`;
}

/** What stands out in one unit's report, each in a few words (超期3件). */
export const ANOMALY_PARTS = {
  overdue: (v: number) => `超期${v}件`,
  reopened: (v: number) => `重办${v}件`,
  unsatisfied: (v: number) => `不满意${v}件`,
  onTimeRate: (v: number) => `按时办结率${v}%`,
  satisfactionRate: (v: number) => `满意率${v}%`,
};

/** A unit's line under 需关注: 城东街道：超期3件、重办1件. */
export const unitAnomalyLine = (unit: string, parts: readonly string[]): string => `${unit}：${parts.join('、')}`;
export const lateUnitsLine = (names: readonly string[]): string => `迟报：${names.join('、')}`;
export const missingUnitsLine = (names: readonly string[]): string => `未报：${names.join('、')}`;

export interface DaySummaryTextInput {
  day: string;
  /** Units on the roster, and how many of them reported, late or not at all. */
  total: number;
  counted: number;
  late: number;
  missing: number;
  /** The totals (totalText), when anyone reported. */
  totals: readonly string[];
  anomalies: readonly string[];
  corrections?: readonly string[] | undefined;
  /** 百日攻坚 lines (texts/campaign.ts campaignSummaryLines), after 需关注 and 更正. */
  campaign?: readonly string[] | undefined;
  /** Every unit in roster order with its report of the day, if any. */
  rows: ReadonlyArray<{ unit: string; report: DayReport | undefined }>;
}

/** The summary: who reported, the totals, what needs attention, then a compact table. */
export function daySummaryText(s: DaySummaryTextInput): string {
  const lines = [`【${monthDay(s.day)} 12345热线日报汇总】`];
  lines.push(
    `报送：${s.counted}/${s.total}个单位${s.late > 0 ? `（迟报${s.late}个）` : ''}` +
      `${s.missing > 0 ? `，未报${s.missing}个` : ''}。`,
  );
  if (s.counted > 0) lines.push(`合计：${s.totals.join('，')}。`);
  if (s.anomalies.length > 0) {
    lines.push('需关注：');
    for (const a of s.anomalies) lines.push(`· ${a}`);
  }
  if (s.corrections && s.corrections.length > 0) {
    lines.push('更正：');
    for (const c of s.corrections) lines.push(`· ${c}`);
  }
  if (s.campaign && s.campaign.length > 0) lines.push(...s.campaign);
  lines.push('各单位（受理/办结/在办/超期/重办/不满意/满意率，“-”为未填报）：');
  for (const { unit, report: r } of s.rows) {
    lines.push(
      r
        ? `${unit} ${n(r.received)}/${n(r.completed)}/${n(r.inProgress)}/${n(r.overdue)}/${n(r.reopened)}` +
            `/${n(r.unsatisfied)}/${rate(r.satisfactionRate)}${r.late ? '（迟报）' : ''}`
        : `${unit} 未报`,
    );
  }
  return lines.join('\n');
}

/** The short text that goes with the card when the summary is sent as an image only. */
export function dayCardCaption(day: string, s: DaySummary): string {
  const n = s.total - s.missing.length;
  const totals = (['received', 'completed', 'overdue'] as const)
    .map((k) => totalText(k, s.totals[k], s.givenBy[k], n))
    .join('，');
  const lines = [`【${monthDay(day)} 12345热线日报汇总】报送${s.reported}/${s.total}个单位，${totals}。`];
  if (s.missing.length > 0) lines.push(`未报：${s.missing.map((u) => u.name).join('、')}。`);
  lines.push('详见下图。');
  return lines.join('\n');
}
