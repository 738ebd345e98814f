import {
  ANOMALY_PARTS,
  daySummaryText,
  lateUnitsLine,
  missingUnitsLine,
  totalText,
  unitAnomalyLine,
} from '../texts/day-summary.js';
import { historyFlagSummaryLine } from '../texts/report-corrections.js';
import { type DaySummary, SUM_KEYS, type SummaryInput } from './day.js';

export type { DayReport, DaySummary, SumKey, SummaryInput } from './day.js';
export { SUM_KEYS } from './day.js';
export { totalText };

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
    if ((r.overdue ?? 0) > 0) {
      parts.push(ANOMALY_PARTS.overdue(r.overdue ?? 0));
      score += 100 * (r.overdue ?? 0);
    }
    if ((r.reopened ?? 0) > 0) {
      parts.push(ANOMALY_PARTS.reopened(r.reopened ?? 0));
      score += 10 * (r.reopened ?? 0);
    }
    if ((r.unsatisfied ?? 0) > 0) {
      parts.push(ANOMALY_PARTS.unsatisfied(r.unsatisfied ?? 0));
      score += 10 * (r.unsatisfied ?? 0);
    }
    if (r.onTimeRate !== null && r.onTimeRate < s.lowRate) {
      parts.push(ANOMALY_PARTS.onTimeRate(r.onTimeRate));
      score += 5;
    }
    if (r.satisfactionRate !== null && r.satisfactionRate < s.lowRate) {
      parts.push(ANOMALY_PARTS.satisfactionRate(r.satisfactionRate));
      score += 5;
    }
    if (parts.length > 0) scored.push({ score, line: unitAnomalyLine(u.name, parts) });
  }
  scored.sort((a, b) => b.score - a.score);
  anomalies.push(...scored.map((x) => x.line));
  for (const u of s.units) {
    const flags = byUnit.get(u.id)?.flags ?? [];
    if (flags.length > 0) anomalies.push(historyFlagSummaryLine(u.name, flags));
  }
  if (late.length > 0) anomalies.push(lateUnitsLine(late.map((u) => u.name)));
  if (missing.length > 0) anomalies.push(missingUnitsLine(missing.map((u) => u.name)));

  const text = daySummaryText({
    day: s.day,
    total: s.units.length,
    counted: counted.length,
    late: late.length,
    missing: missing.length,
    totals: SUM_KEYS.map((k) => totalText(k, totals[k], givenBy[k], counted.length)),
    anomalies,
    corrections: s.corrections,
    campaign: s.campaign,
    rows: s.units.map((u) => ({ unit: u.name, report: byUnit.get(u.id) })),
  });
  return {
    reported: s.units.length - missing.length,
    total: s.units.length,
    late,
    missing,
    totals,
    givenBy,
    anomalies,
    text,
  };
}
