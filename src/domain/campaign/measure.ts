/**
 * An item's measure (个小区, 部电梯, 个学位, 人) split into its measure word (量词: 个, 部, 人) and what
 * is counted (小区, 电梯, 学位; empty for 人). Pure.
 */

/** Measure words, longest first where one starts another (人次 before 人, 平方米 before 米). */
const MEASURE_WORDS = [
  '万平方米',
  '平方米',
  '人次',
  '户次',
  '公里',
  '千米',
  '个',
  '部',
  '台',
  '所',
  '户',
  '人',
  '名',
  '张',
  '处',
  '座',
  '条',
  '家',
  '间',
  '套',
  '米',
  '亩',
  '栋',
  '幢',
  '项',
  '次',
  '场',
  '支',
  '辆',
  '盏',
  '眼',
  '根',
  '块',
  '只',
  '件',
  '批',
  '组',
  '份',
  '位',
  '床',
  '吨',
] as const;

/** Measure words written for one another (加装电梯 21部 or 21台). */
const SAME: Record<string, readonly string[]> = {
  部: ['部', '台'],
  台: ['台', '部'],
  人: ['人', '名', '位'],
  名: ['名', '人', '位'],
  个: ['个', '所'],
  所: ['所', '个'],
  公里: ['公里', '千米'],
  千米: ['千米', '公里'],
  栋: ['栋', '幢'],
  幢: ['幢', '栋'],
  张: ['张', '床'],
};

export interface Measure {
  /** The measure word (量词), or '' when the measure has none (学位). */
  word: string;
  /** What is counted (小区, 电梯), or '' (人). */
  noun: string;
  /** The measure words accepted for it in a report (部 or 台 for lifts). */
  words: readonly string[];
}

export function splitMeasure(measure: string): Measure {
  const m = measure.trim();
  const word = MEASURE_WORDS.find((w) => m.startsWith(w)) ?? '';
  return { word, noun: m.slice(word.length), words: word === '' ? [] : (SAME[word] ?? [word]) };
}

/** The measure word at `at` in `s`, longest first (人次 is not 人), or ''. */
export function measureWordAt(s: string, at: number): string {
  for (const w of MEASURE_WORDS) if (s.startsWith(w, at)) return w;
  return '';
}
