/** The names of a daily report's figures, as every text, table and card says them. */
export const FIGURE_LABELS = {
  received: '受理',
  completed: '办结',
  inProgress: '在办',
  overdue: '超期',
  reopened: '重办',
  unsatisfied: '不满意',
  returned: '退办/不再办理',
  onTimeRate: '按时办结率',
  satisfactionRate: '满意率',
} as const;

/** Some of the labels, in the order given (a table's columns, a card's boxes). */
export function figureLabels<K extends keyof typeof FIGURE_LABELS>(
  keys: readonly K[],
): { [P in K]: (typeof FIGURE_LABELS)[P] } {
  const out = {} as { [P in K]: (typeof FIGURE_LABELS)[P] };
  for (const k of keys) out[k] = FIGURE_LABELS[k];
  return out;
}
