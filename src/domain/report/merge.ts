/**
 * How a unit's new message changes the day's report (issue 15). Pure.
 *
 * The first report of the day is the report. After it, a correction (更正 / 改为 / 刚才报错了 /
 * 补充… see correction.ts), a shorter report (fewer figures than the current one) or one giving
 * only figures the report lacks (the 办结 its confirmation asked for) MERGES: the figures it names
 * change, the others stay. A message with at least as many figures as the
 * current report and no correction word is the full set again and REPLACES it. Every version
 * is kept; a withdrawn one (撤回) no longer counts, and the report is the fold of the others.
 */
import { FIGURE_KEYS, type ReportFigures } from './figures.js';

export type ApplyMode = 'replace' | 'merge';

export interface FigureChange {
  key: keyof ReportFigures;
  from: number | null;
  to: number | null;
}

export interface Applied {
  mode: ApplyMode;
  /** The day's report after this message. */
  figures: ReportFigures;
  /** The figures this message changed (in the report's order). */
  changed: FigureChange[];
}

export const givenKeys = (f: ReportFigures): Array<keyof ReportFigures> => FIGURE_KEYS.filter((k) => f[k] !== null);

/** Replace or merge, decided on the figures and the correction word only. */
export function applyMode(current: ReportFigures | null, incoming: ReportFigures, correction: boolean): ApplyMode {
  if (current === null || givenKeys(current).length === 0) return 'replace';
  if (correction) return 'merge';
  // Only figures the report lacks (the 办结 its confirmation asked for): a 补充, never the full set again.
  if (givenKeys(incoming).every((k) => current[k] === null)) return 'merge';
  return givenKeys(incoming).length >= givenKeys(current).length ? 'replace' : 'merge';
}

export function combine(current: ReportFigures | null, incoming: ReportFigures, mode: ApplyMode): ReportFigures {
  if (mode === 'replace' || current === null) return { ...incoming };
  const out = { ...current };
  for (const k of FIGURE_KEYS) if (incoming[k] !== null) out[k] = incoming[k];
  return out;
}

export function changesBetween(before: ReportFigures | null, after: ReportFigures): FigureChange[] {
  return FIGURE_KEYS.filter((k) => (before?.[k] ?? null) !== after[k]).map((k) => ({
    key: k,
    from: before?.[k] ?? null,
    to: after[k],
  }));
}

/** The new message applied to the current report (null: none yet today). */
export function applyReport(current: ReportFigures | null, incoming: ReportFigures, correction: boolean): Applied {
  const mode = applyMode(current, incoming, correction);
  const figures = combine(current, incoming, mode);
  return { mode, figures, changed: changesBetween(current, figures) };
}

export interface VersionToFold {
  mode: ApplyMode;
  /** The figures the message itself gave. */
  figures: ReportFigures;
  withdrawn: boolean;
}

/** The day's report from its versions in order, withdrawn ones left out (null: none stands). */
export function foldVersions(versions: readonly VersionToFold[]): ReportFigures | null {
  let cur: ReportFigures | null = null;
  for (const v of versions) if (!v.withdrawn) cur = combine(cur, v.figures, cur === null ? 'replace' : v.mode);
  return cur;
}
