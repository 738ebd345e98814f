import type { Unit } from '../roster.js';
import { historyFlagSummaryLine } from '../texts/report-corrections.js';
import { monthDay } from '../texts/reports.js';
import type { ReportFigures } from './figures.js';

export interface DayReport extends ReportFigures {
  unitId: string;
  late: boolean;
  /** Figures questioned against the unit's own history and not confirmed (请核实). */
  flags?: readonly string[];
}

export interface SummaryInput {
  day: string;
  units: readonly Unit[];
  reports: readonly DayReport[];
  lowRate: number;
  /** Corrections of earlier days sent after their summary went out (reports.lateCorrection: 'summary'). */
  corrections?: readonly string[];
}

export interface DaySummary {
  reported: number;
  total: number;
  late: Unit[];
  missing: Unit[];
  /** Each figure summed over the units that gave it (a figure not given is unknown, never 0). */
  totals: Record<SumKey, number>;
  /** How many of the day's reports gave each figure (0: nobody did, the total is unknown). */
  givenBy: Record<SumKey, number>;
  anomalies: string[];
  text: string;
}

export const SUM_KEYS = ['received', 'completed', 'inProgress', 'overdue', 'reopened', 'unsatisfied', 'returned'] as const;
export type SumKey = (typeof SUM_KEYS)[number];
const SUM_LABELS: Record<SumKey, string> = { received: '受理', completed: '办结', inProgress: '在办', overdue: '超期', reopened: '重办', unsatisfied: '不满意', returned: '退办/不再办理' };
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

/** The leaders' picture of the day: totals, anomalies first, then a compact table. Pure. */
export function summarizeDay(s: SummaryInput): DaySummary {
  const onRoster = new Set(s.units.map((u) => u.id));
  const counted = s.reports.filter((r) => onRoster.has(r.unitId));
  const byUnit = new Map(counted.map((r) => [r.unitId, r]));
  const totals = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as DaySummary['totals'];
  const givenBy = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as DaySummary['givenBy'];
  for (const r of counted) {
    for (const k of SUM_KEYS) {
      const v = r[k];
      if (v === null || v === undefined) continue;
      totals[k] += v;
      givenBy[k]++;
    }
  }
  const missing = s.units.filter((u) => !byUnit.has(u.id));
  const late = s.units.filter((u) => byUnit.get(u.id)?.late === true);
  const anomalies: string[] = [];
  const scored: Array<{ score: number; line: string }> = [];
  for (const u of s.units) {
    const r = byUnit.get(u.id);
    if (!r) continue;
    const parts: string[] = [];
    let score = 0;
    if ((r.overdue ?? 0) > 0) { parts.push(`超期${r.overdue}件`); score += 100 * (r.overdue ?? 0); }
    if ((r.reopened ?? 0) > 0) { parts.push(`重办${r.reopened}件`); score += 10 * (r.reopened ?? 0); }
    if ((r.unsatisfied ?? 0) > 0) { parts.push(`不满意${r.unsatisfied}件`); score += 10 * (r.unsatisfied ?? 0); }
    if (r.onTimeRate !== null && r.onTimeRate < s.lowRate) { parts.push(`按时办结率${r.onTimeRate}%`); score += 5; }
    if (r.satisfactionRate !== null && r.satisfactionRate < s.lowRate) { parts.push(`满意率${r.satisfactionRate}%`); score += 5; }
    if (parts.length > 0) scored.push({ score, line: `${u.name}：${parts.join('、')}` });
  }
  scored.sort((a, b) => b.score - a.score);
  anomalies.push(...scored.map((x) => x.line));
  for (const u of s.units) {
    const flags = byUnit.get(u.id)?.flags ?? [];
    if (flags.length > 0) anomalies.push(historyFlagSummaryLine(u.name, flags));
  }
  if (late.length > 0) anomalies.push(`迟报：${late.map((u) => u.name).join('、')}`);
  if (missing.length > 0) anomalies.push(`未报：${missing.map((u) => u.name).join('、')}`);

  const lines = [`【${monthDay(s.day)} 12345热线日报汇总】`];
  lines.push(`报送：${counted.length}/${s.units.length}个单位${late.length > 0 ? `（迟报${late.length}个）` : ''}${missing.length > 0 ? `，未报${missing.length}个` : ''}。`);
  if (counted.length > 0) lines.push(`合计：${SUM_KEYS.map((k) => totalText(k, totals[k], givenBy[k], counted.length)).join('，')}。`);
  if (anomalies.length > 0) {
    lines.push('需关注：');
    for (const a of anomalies) lines.push(`· ${a}`);
  }
  if (s.corrections && s.corrections.length > 0) {
    lines.push('更正：');
    for (const c of s.corrections) lines.push(`· ${c}`);
  }
  lines.push('各单位（受理/办结/在办/超期/重办/不满意/满意率，“-”为未填报）：');
  for (const u of s.units) {
    const r = byUnit.get(u.id);
    lines.push(r ? `${u.name} ${n(r.received)}/${n(r.completed)}/${n(r.inProgress)}/${n(r.overdue)}/${n(r.reopened)}/${n(r.unsatisfied)}/${rate(r.satisfactionRate)}${r.late ? '（迟报）' : ''}` : `${u.name} 未报`);
  }
  return { reported: s.units.length - missing.length, total: s.units.length, late, missing, totals, givenBy, anomalies, text: lines.join('\n') };
}
