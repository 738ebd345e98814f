/** The labels drawn on the day card and the monthly ranking card (src/render/), zh-CN. */
import { figureLabels } from './figures.js';
import { monthDay } from './reports.js';

/** 2026年11月 (from YYYY-MM). */
export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** The day card (日报汇总). */
export const DAY_CARD = {
  title: (day: string) => `${monthDay(day)} 12345热线日报汇总`,
  reported: (reported: number, total: number) => `报送 ${reported}/${total}`,
  late: (n: number) => `迟报 ${n}`,
  missing: (n: number) => `未报 ${n}`,
  /** The table's column heads. */
  columns: {
    unit: '单位',
    status: '状态',
    ...figureLabels(['received', 'completed', 'inProgress', 'overdue', 'reopened', 'unsatisfied', 'satisfactionRate']),
  },
  /** A unit's state in the table. */
  status: { missing: '未报', late: '迟报', reported: '已报' },
  /** The boxes of totals: the figure's name, then its unit (and how many units gave it when not all did). */
  totals: figureLabels(['received', 'completed', 'inProgress', 'overdue', 'reopened', 'unsatisfied']),
  totalLabel: (label: string, givenBy?: number) =>
    givenBy === undefined ? `${label}（件）` : `${label}（件·${givenBy}个单位）`,
  attention: '需关注',
  moreAnomalies: (n: number) => `另有 ${n} 项，详见文字汇总或控制台`,
  chartTitle: '各单位受理与办结（件）',
  /** The bar chart's series. */
  series: { received: '受理', completed: '办结', overdue: '超期' },
  footer: (made: string | undefined) => `督办助手 · ${made ?? '自动生成'} · 数据以各单位报送为准`,
};

/** The monthly ranking card (月度评比). */
export const RANKING_CARD = {
  title: (month: string) => `${monthLabel(month)} 12345热线工作月度评比`,
  /** The table's column heads. */
  columns: {
    rank: '名次',
    unit: '单位',
    score: '得分',
    onTimeRate: '按时办结率',
    satisfactionRate: '满意率',
    reopenRate: '重办率',
    ackRate: '签收及时率',
    punctuality: '报送及时率',
  },
  chartTitle: '综合得分',
  footer: '督办助手 · 自动生成',
};

/** 百日攻坚's weekly card (the weekly summary's picture). */
export const CAMPAIGN_CARD = {
  title: (campaign: string) => `${campaign}周报`,
  subtitle: (district: string, week: string, counter: string) => `${district} · ${week} · ${counter}`,
  week: (from: string, to: string) => `${from}至${to}`,
  columns: {
    item: '任务',
    unit: '牵头单位',
    target: '目标',
    done: '已完成',
    donePct: '完成进度',
    timePct: '时间进度',
    state: '状态',
  },
  states: { behind: '滞后', 'on-track': '正常', unreported: '未报进展', done: '已完成', 'not-started': '未开始' },
  chartTitle: '完成进度与时间进度（%）',
  doneSeries: '完成进度',
  timeSeries: '时间进度',
  footer: '督办助手 · 自动生成 · 按各牵头单位日报中报送的进展计算',
};
