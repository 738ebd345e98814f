/** 本周热点 (issue 18 §1): the weekly list of rising categories and places, and its chart card. */
import type { KindVerdict, RisingKey } from '../hotspots/rising.js';
import { monthDay } from './reports.js';

const CHINESE = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
/** 前四周 (the weeks before, in words up to twelve). */
export const weeksBefore = (n: number): string => `前${CHINESE[n] ?? String(n)}周`;

/** 3.5, 1, 0.8: one decimal, none when whole. */
const mean = (n: number): string => String(Math.round(n * 10) / 10);

/** The period looked at: 11月21日至11月27日. */
export const hotspotPeriod = (from: string, to: string): string => `${monthDay(from)}至${monthDay(to)}`;

/** One listed key: 物业管理 9件（前四周平均3.5件）, or 前四周未出现 for a new one. */
export function hotspotLine(k: RisingKey, historyWeeks: number): string {
  // Under one a week, the count reads better than its mean (前四周共1件, not 平均0.3件).
  const before = k.isNew
    ? `${weeksBefore(historyWeeks)}未出现`
    : k.mean < 1
      ? `${weeksBefore(historyWeeks)}共${Math.round(k.mean * historyWeeks)}件`
      : `${weeksBefore(historyWeeks)}平均${mean(k.mean)}件`;
  return `· ${k.label} ${k.count}件（${before}）`;
}

export interface HotspotTextInput {
  from: string;
  to: string;
  historyWeeks: number;
  categories: KindVerdict;
  places: KindVerdict;
  /** The rule, for the closing line. */
  minCount: number;
  minIncrease: number;
  minRise: number;
}

const KIND = { categories: '问题分类', places: '地点' } as const;

function kindLines(name: string, v: KindVerdict, historyWeeks: number): string[] {
  switch (v.kind) {
    case 'absent':
      return [];
    case 'short':
      return [`${name}：${weeksBefore(historyWeeks)}的数据不全，暂不比较。`];
    case 'listed':
      return v.rising.length === 0
        ? [`${name}：无明显上升。`]
        : [`${name}：`, ...v.rising.map((k) => hotspotLine(k, historyWeeks))];
  }
}

/**
 * The 本周热点 section of the weekly summary: what rose most against the weeks before, by
 * category and by place, with the rule it was judged by; or that nothing rose, or that the
 * weeks before hold too little to compare with.
 */
export function hotspotsText(h: HotspotTextInput): string {
  const period = hotspotPeriod(h.from, h.to);
  const before = weeksBefore(h.historyWeeks);
  const listed = (v: KindVerdict) => v.kind === 'listed' && v.rising.length > 0;
  const present = (['categories', 'places'] as const).filter((k) => h[k].kind !== 'absent');
  const kinds = present.map((k) => h[k]);
  if (kinds.every((v) => v.kind === 'short'))
    return `【本周热点】${before}已导入工单的${present.map((k) => KIND[k]).join('、')}数据不全，` + `暂不作热点比较。`;
  if (kinds.every((v) => v.kind === 'listed' && v.rising.length === 0))
    return `【本周热点】${period}，各问题分类和地点的工单量与${before}相比无明显上升。`;
  const rise = Math.round(h.minRise * 100);
  return [
    `【本周热点】${period}与${before}相比，工单上升较多的：`,
    ...kindLines(KIND.categories, h.categories, h.historyWeeks),
    ...kindLines(KIND.places, h.places, h.historyWeeks),
    ...(listed(h.categories) || listed(h.places)
      ? [`（判断标准：近7天不少于${h.minCount}件，比${before}平均多${h.minIncrease}件以上，且增幅不低于${rise}%。）`]
      : []),
  ].join('\n');
}

/** The caption sent with the chart card. */
export const hotspotCardCaption = (from: string, to: string): string => `本周热点图表（${hotspotPeriod(from, to)}）：`;

/** The labels drawn on the chart card. */
export const HOTSPOT_CARD = {
  title: '12345热线本周热点',
  subtitle: (district: string, from: string, to: string, historyWeeks: number) =>
    `${district} · ${hotspotPeriod(from, to)}与${weeksBefore(historyWeeks)}对比`,
  categories: '问题分类',
  places: '地点',
  /** The two bars of each key. */
  series: (historyWeeks: number) => ({ before: `${weeksBefore(historyWeeks)}平均`, now: '近7天' }),
  unit: '件',
  footer: (made: string) => `督办助手 · ${made} 生成 · 数据以导入的工单为准`,
};
