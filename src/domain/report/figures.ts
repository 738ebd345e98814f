import { FIGURE_LABELS } from '../texts/figures.js';
/** The figures of one unit's daily report (null = not given). */
export interface ReportFigures {
  received: number | null;
  completed: number | null;
  inProgress: number | null;
  overdue: number | null;
  reopened: number | null;
  unsatisfied: number | null;
  returned: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
}

/** Every figure has its name (checked here: a new figure without a label does not compile). */
const LABELS: Record<keyof ReportFigures, string> = FIGURE_LABELS;

export { FIGURE_LABELS };

export const FIGURE_KEYS = Object.keys(LABELS) as Array<keyof ReportFigures>;
const RATE_KEYS: ReadonlyArray<keyof ReportFigures> = ['onTimeRate', 'satisfactionRate'];

/** The figures alone (a ReportParse, or anything else carrying them), without the parse's other fields. */
export function figuresOf(p: ReportFigures): ReportFigures {
  return {
    received: p.received,
    completed: p.completed,
    inProgress: p.inProgress,
    overdue: p.overdue,
    reopened: p.reopened,
    unsatisfied: p.unsatisfied,
    returned: p.returned,
    onTimeRate: p.onTimeRate,
    satisfactionRate: p.satisfactionRate,
  };
}

export function isRate(k: keyof ReportFigures): boolean {
  return RATE_KEYS.includes(k);
}

/** Figures the bot asks for when missing. */
export const REQUIRED_FIGURES: ReadonlyArray<keyof ReportFigures> = ['received', 'completed'];

export function missingFigures(f: ReportFigures): Array<keyof ReportFigures> {
  return REQUIRED_FIGURES.filter((k) => f[k] === null);
}

/** Figures that cannot be right, as zh-CN notes for the sender. */
export function implausibilities(f: ReportFigures): string[] {
  const notes: string[] = [];
  for (const k of FIGURE_KEYS) {
    const v = f[k];
    if (v !== null && v < 0) notes.push(`${FIGURE_LABELS[k]}为负数（${v}）`);
  }
  for (const k of RATE_KEYS) {
    const v = f[k];
    if (v !== null && v > 100) notes.push(`${FIGURE_LABELS[k]}超过100%（${v}%）`);
  }
  if (f.completed !== null && f.received !== null) {
    const cap = f.received + (f.inProgress ?? 0);
    if (f.completed > cap) {
      notes.push(
        f.inProgress === null
          ? `办结数（${f.completed}）多于受理数（${f.received}）`
          : `办结数（${f.completed}）多于受理数与在办数之和（${f.received}+${f.inProgress}）`,
      );
    }
  }
  return notes;
}

/** "受理12件、办结10件、在办2件、满意率98.5%" (only the figures given). */
export function describeFigures(f: ReportFigures): string {
  const parts: string[] = [];
  for (const k of FIGURE_KEYS) {
    const v = f[k];
    if (v === null) continue;
    parts.push(isRate(k) ? `${FIGURE_LABELS[k]}${v}%` : `${FIGURE_LABELS[k]}${v}件`);
  }
  return parts.join('、');
}
