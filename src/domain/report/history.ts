/**
 * Checks of a report against the unit's own recent days (issue 15, part 3): a 受理 many times
 * its usual day, a 满意率 well below its usual level. The figure may be right (a burst of
 * complaints after a storm), so it is a polite question in the confirmation and a line under
 * 需关注 in the summary until the head confirms it. Pure.
 */
import type { ReportFigures } from './figures.js';

export interface HistoryRules {
  enabled: boolean;
  days: number;
  minDays: number;
  receivedFactor: number;
  minReceived: number;
  satisfactionDrop: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A figure far from the unit's usual: which, today's value, the median of its recent days. */
export interface HistoryFlag {
  key: 'received' | 'satisfactionRate';
  today: number;
  median: number;
  /** The window the median is over (working days). */
  days: number;
}

/** What to ask the head to confirm. `history`: the unit's reports on its recent working days (today excluded). */
export function historyFlags(
  today: ReportFigures,
  history: readonly ReportFigures[],
  rules: HistoryRules,
): HistoryFlag[] {
  if (!rules.enabled) return [];
  const flags: HistoryFlag[] = [];
  const received = history.map((h) => h.received).filter((v): v is number => v !== null);
  if (today.received !== null && received.length >= rules.minDays) {
    const m = median(received);
    if (today.received >= Math.max(rules.minReceived, rules.receivedFactor * Math.max(m, 1))) {
      flags.push({ key: 'received', today: today.received, median: round1(m), days: rules.days });
    }
  }
  const sat = history.map((h) => h.satisfactionRate).filter((v): v is number => v !== null);
  if (today.satisfactionRate !== null && sat.length >= rules.minDays) {
    const m = median(sat);
    if (m - today.satisfactionRate > rules.satisfactionDrop)
      flags.push({ key: 'satisfactionRate', today: today.satisfactionRate, median: round1(m), days: rules.days });
  }
  return flags;
}

/** 确认无误 / 核实无误 / 数据无误 / 无误 / 确认 / 准确: the head confirms the figures questioned. */
const CONFIRM =
  // check-lines: long regex
  /^(?:经?(?:确认|核实|核查|核对)(?:过了?)?[，,\s]*)?(?:数据|数字|以上|上述|日报)?(?:确认)?(?:无误|准确|没有?问题|没错|属实|正确)(?:的)?$|^确认$|^确认(?:数据)?准确$/;

export function isFlagConfirmation(plain: string): boolean {
  return CONFIRM.test(plain.replace(/[。.!！~～，,、\s]+$/g, '').replace(/^[\s，,]+/, ''));
}
