/** Texts about corrections of a daily report: after the summary, withdrawn (撤回), questioned figures confirmed. */
import { describeFigures, FIGURE_LABELS, isRate, type ReportFigures } from '../report/figures.js';
import type { HistoryFlag } from '../report/history.js';
import type { FigureChange } from '../report/merge.js';
import { monthDay as md } from './reports.js';

/** To whoever got the day's summary: a unit changed its figures after the summary went out. */
export function lateCorrectionNoteText(
  unitName: string,
  day: string,
  changes: readonly string[],
  figures: ReportFigures,
): string {
  return (
    `【更正】${md(day)}日报汇总发出后，${unitName}更正了当日数据：${changes.join('、')}。更正后：` +
    `${describeFigures(figures) || '未填报'}。`
  );
}

/** To whoever got the day's summary: a unit the summary listed as 未报 reported after it. */
export function lateReportNoteText(unitName: string, day: string, figures: ReportFigures): string {
  return (
    `【补报】${md(day)}日报汇总发出后，${unitName}补报了当日日报：` +
    `${describeFigures(figures) || '未识别到工单数据'}。`
  );
}

/** A line of the next summary for such a correction (reports.lateCorrection: 'summary'). */
export function lateCorrectionSummaryLine(unitName: string, day: string, changes: readonly string[]): string {
  return `${unitName}${md(day)}日报更正：${changes.join('、')}`;
}

/** To the head: a report message was withdrawn (撤回) in the chat. */
export function reportWithdrawnText(
  unitName: string,
  day: string,
  version: number,
  standing: ReportFigures | null,
): string {
  const head = `您撤回的${unitName}${md(day)}日报（第${version}次报送）已作废。`;
  if (standing === null) return `${head}该单位当日暂无有效日报，请重新报送。`;
  return `${head}当前以此前报送为准：${describeFigures(standing) || '未识别到工单数据'}。`;
}

/** To the head who confirmed the figures the bot questioned. */
export function historyFlagsConfirmedText(unitName: string, day: string): string {
  return `好的，${unitName}${md(day)}日报数据已确认，谢谢。`;
}

/** Summary line under 需关注 for figures questioned and not confirmed. */
export function historyFlagSummaryLine(unitName: string, flags: readonly string[]): string {
  return `${unitName}：${flags.join('；')}（待核实）`;
}

/** "今日受理120件，近20个工作日日受理中位数为12件" / "今日满意率80%，近20个工作日中位数为97%". */
export function historyFlagText(f: HistoryFlag): string {
  return f.key === 'received'
    ? `今日受理${f.today}件，近${f.days}个工作日日受理中位数为${f.median}件`
    : `今日满意率${f.today}%，近${f.days}个工作日中位数为${f.median}%`;
}

const fig = (k: keyof ReportFigures, v: number | null) => (v === null ? '未填报' : isRate(k) ? `${v}%` : `${v}件`);

/** "受理 5→7件", "满意率 95%→98%", "超期 未填报→1件". */
export function describeChange(c: FigureChange): string {
  if (c.from !== null && c.to !== null && !isRate(c.key))
    return `${FIGURE_LABELS[c.key]} ${c.from}→${fig(c.key, c.to)}`;
  return `${FIGURE_LABELS[c.key]} ${fig(c.key, c.from)}→${fig(c.key, c.to)}`;
}
