/**
 * Text clean-up for the report parser: widths, spaces, and masking of spans that hold digits
 * but no figures (clock times, the hotline number 12345, ticket numbers, list numbering).
 * Masked characters become MASK so positions stay aligned with the cleaned text.
 */
import { dropCjkSpaces, stripDecorations } from '../language/decorations.js';
import { normalizeWidth } from '../language/numerals.js';
import { toSimplified } from '../language/traditional.js';
import { collapseWhitespace } from '../language/trim.js';
import { readTables } from './table.js';

/** Private-use character standing for a masked (ignored) character. */
export const MASK = '\uE000';

/**
 * Traditional characters to simplified (traditional.ts), full-width forms and odd spaces to plain
 * ones, runs of blanks cut short (trim.ts: no later pattern can go quadratic on them); drops zero-width characters,
 * decorations (emoji, [强], ✅, ★, ①: see decorations.ts) and spaces between Chinese characters.
 */
export function cleanText(text: string): string {
  let s = normalizeWidth(toSimplified(text));
  s = s.replace(/\r\n?/g, '\n');
  s = unwrapFigures(s);
  s = hundredEmoji(s);
  s = stripDecorations(s);
  s = s.replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, '');
  s = readTables(s);
  s = s.replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000\v\f]/g, ' ');
  s = s
    .replace(/[\uff0f]/g, '/')
    .replace(/[\uff0d\u2212]/g, '-')
    .replace(/[\uff5e]/g, '~');
  s = s.replace(/[\uff1b]/g, '；').replace(/[\uff01]/g, '！');
  return rateSynonyms(dropCjkSpaces(joinSplitDigits(collapseWhitespace(s))));
}

/**
 * A figure set off in brackets after its name (受理【5】件, 办结[4]件, 满意率「100%」, 在办（1）件) is that figure:
 * the brackets go. Only a bare number right after a word or colon (a list number such as （1） opening a line stays).
 */
const BRACKETED = /(?<=[\u4e00-\u9fff:：]) ?[【[「『〔〖［] ?(\d{1,6}(?:\.\d{1,3})? ?%?) ?[】\]」』〕〗］]/g;
const PARENTHESISED = /(?<=[\u4e00-\u9fff:：]) ?[(（] ?(\d{1,6}) ?[)）](?= ?[件个单宗起])/g;
export function unwrapFigures(s: string): string {
  if (!/\d/.test(s)) return s;
  return s.replace(BRACKETED, '$1').replace(PARENTHESISED, '$1');
}

/**
 * 💯 right after a rate's name (满意率💯, 满意率：💯) is that rate's figure, 100%: the emoji is the number, put
 * where the figure goes. Anywhere else (办结5件💯) it is a decoration like any other and says nothing.
 */
const HUNDRED_AFTER_RATE = /(率 ?[:：]? ?(?:为|达到?|是)? ?)\u{1F4AF}/gu;
export function hundredEmoji(s: string): string {
  return s.includes('\u{1F4AF}') ? s.replace(HUNDRED_AFTER_RATE, '$1100%') : s;
}

/**
 * Voice input and thumbs put a blank inside a number (办结1 0件, 受理 1 2 件): digits split by one
 * blank after a keyword or colon and before a measure word or % are one number. Not after 为/是
 * or in a 分别/依次 list (分别为12 10件 is two figures).
 */
const SPLIT_DIGITS = /(?<=([\u4e00-\u9fff：:])[ ]?\d{1,2}) (?=\d{1,2} ?[件个单宗%])/g;
export function joinSplitDigits(s: string): string {
  if (!/\d \d/.test(s) || /分别|依次/.test(s)) return s;
  return s.replace(SPLIT_DIGITS, (space: string, before: string) => (before === '为' || before === '是' ? space : ''));
}

/**
 * 满意度 followed by a figure (满意度100%, 群众满意度：97.3%, 满意度达百分之百, 满意度百分百) is the 满意率; elsewhere
 * (满意度较高, 满意度调查) it stays a filler. Same length, so positions stay aligned.
 */
const SATISFACTION_DEGREE =
  /满意度(?=\s*(?:[:：]|为|是|达到?|约|在|保持)?\s*(?:\d|百分之|百分百|[零〇一二两三四五六七八九十]))/g;
export function rateSynonyms(s: string): string {
  return s.replace(SATISFACTION_DEGREE, '满意率');
}

/** Replaces s[from, to) with MASK characters. */
export function maskRange(s: string, from: number, to: number): string {
  if (to <= from) return s;
  return s.slice(0, from) + MASK.repeat(to - from) + s.slice(to);
}

function maskAll(s: string, re: RegExp, group = 0): string {
  const spans: Array<[number, number]> = [];
  for (const m of s.matchAll(re)) {
    const idx = m.index ?? 0;
    if (group === 0) {
      spans.push([idx, idx + m[0].length]);
    } else {
      const g = m[group];
      if (g === undefined) continue;
      const off = m[0].lastIndexOf(g);
      spans.push([idx + off, idx + off + g.length]);
    }
  }
  if (spans.length === 0) return s;
  const chars = s.split('');
  for (const [a, b] of spans) for (let k = a; k < b; k++) chars[k] = MASK;
  return chars.join('');
}

const CN = '[零〇一二两三四五六七八九十]';

// Compiled once (matchAll copies a global expression, so sharing them is safe).
const LONG_NUMBER = /\d{6,}/g;
const HOTLINE = /(?<!\d)12345(?!\d)/g;
const CLOCK = /(?<![\d.])\d{1,2}\s*[:：]\s*\d{2}(?:[:：]\d{2})?(?!\d)/g;
const HOUR = /(?<![\d.])\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分|半|整|许|左右)?/g;
const HOUR_CN_DAYPART = new RegExp(
  `(?:上午|下午|晚上|凌晨|中午|早上|傍晚|今晚|明早|早|晚)${CN}{1,3}[时点](?:${CN}{1,3}分|半|整)?`,
  'g',
);
const HOUR_CN = new RegExp(`${CN}{1,3}时(?:${CN}{1,3}分|半|整|许)?`, 'g');
const ORDINAL = /第\s*\d+/g;
const ORDINAL_CN = new RegExp(`第${CN}{1,3}`, 'g');
const LIST_NUMBER = new RegExp(
  `(?:^|(?:日报|情况|如下|汇报|报告|进展|统计|数据)[：:]|[\\n；;。！!？?，,✅☑✔•●▪◆■□▶➤📌👉🔹🔸])[ ${MASK}` +
    `]*((?:[（(](?:\\d{1,2}|${CN}{1,3})[)）])|(?:\\d{1,2}|${CN}{1,3})\\s*[、.．](?!\\d)|[①-⑳]|(?:${CN}{1,3})是)`,
  'g',
);
const ANY_NUMERAL = new RegExp(`[\\d①-⑳]|${CN}`);

/** Masks spans with digits that are never figures. Run before date detection. */
export function maskNoise(s: string): string {
  // Chit-chat without a numeral has nothing to mask.
  if (!ANY_NUMERAL.test(s)) return s;
  let t = s;
  // Ticket and phone numbers, long ids.
  t = maskAll(t, LONG_NUMBER);
  // The hotline's own number.
  t = maskAll(t, HOTLINE);
  // Clock times: 18:00, 17：30, 18时, 9点半, 下午五点.
  t = maskAll(t, CLOCK);
  t = maskAll(t, HOUR);
  t = maskAll(t, HOUR_CN_DAYPART);
  t = maskAll(t, HOUR_CN);
  // Durations and ordinals: 第3件, 24小时, 3个工作日.
  t = maskAll(t, ORDINAL);
  t = maskAll(t, ORDINAL_CN);
  // List numbering at a line or sentence start: 1. 2、 （3） ① 一、 二是.
  t = maskAll(t, LIST_NUMBER, 1);
  return t;
}

/** After dates are found: month/year/week numbers that are not dates (9月份, 2026年). */
export function maskPeriods(s: string): string {
  let t = maskAll(s, /(?<![\d.])(\d{1,4})\s*(?=[年月周季])/g, 1);
  t = maskAll(t, new RegExp(`(${CN}{1,3})(?=月份|季度)`, 'g'), 1);
  return t;
}
