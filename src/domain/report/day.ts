import type { Unit } from '../roster.js';
import type { ReportFigures } from './figures.js';

/** The day's reports and their summary: the shapes the summary (summary.ts) and its texts share. */
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
  /** 百日攻坚: the day counter and the items behind (texts/campaign.ts), after the hotline anomalies. */
  campaign?: readonly string[];
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

export const SUM_KEYS = [
  'received',
  'completed',
  'inProgress',
  'overdue',
  'reopened',
  'unsatisfied',
  'returned',
] as const;
export type SumKey = (typeof SUM_KEYS)[number];
