/**
 * Tokenizer for report text: keywords, numbers with their measure word, rates, zero words,
 * period markers and separators. Linear in the text length. Pure.
 */
import { parseNumeral } from '../language/numerals.js';
import { dayReceivedAt } from './day-received.js';
import { type CountField, keywordAt, matchLexicon, RATE_CORES, type RateField, type ReturnedPart } from './fields.js';
import { MASK } from './normalize.js';

export type MeasureKind = 'count' | 'pct' | 'bare' | 'other';
export type MarkKind = 'cumul' | 'compare' | 'reset' | 'all' | 'each' | 'resp' | 'sub';

export interface KwTok {
  k: 'kw';
  field: CountField;
  weak: boolean;
  zero: boolean;
  /** An everyday verb (收了, 结了, 在弄): counts only in a report-like message. */
  colloquial: boolean;
  part?: ReturnedPart;
  pos: number;
  end: number;
}
export interface NumTok {
  k: 'num';
  value: number;
  unit: MeasureKind;
  dist: boolean;
  pos: number;
  end: number;
}
export interface RateTok {
  k: 'rate';
  field: RateField | null;
  pos: number;
  end: number;
}
export interface SepTok {
  k: 'sep';
  level: 1 | 2;
  pos: number;
  end: number;
}
export interface ZeroTok {
  k: 'zero';
  pos: number;
  end: number;
}
export interface MarkTok {
  k: 'mark';
  kind: MarkKind;
  pos: number;
  end: number;
}
export type Tok = KwTok | NumTok | RateTok | SepTok | ZeroTok | MarkTok;

const SENTENCE = new Set(['。', '；', ';', '！', '!', '？', '?', '\n']);
const CLAUSE = new Set([
  '，',
  ',',
  '（',
  '）',
  '(',
  ')',
  '【',
  '】',
  '[',
  ']',
  '「',
  '」',
  '《',
  '》',
  '<',
  '>',
  '|',
  '｜',
  '〔',
  '〕',
  '“',
  '”',
  '"',
]);
const BULLETS = [
  '✅',
  '☑',
  '✔',
  '•',
  '●',
  '▪',
  '◆',
  '■',
  '□',
  '▶',
  '➤',
  '📌',
  '👉',
  '🔹',
  '🔸',
  '⭐',
  '★',
  '☆',
  '◇',
  '○',
  '◎',
  '✨',
  '🔺',
  '▲',
  '►',
  '※',
  '➡',
  '🔴',
  '🟢',
  '💡',
];
const CN_NUM = new Set('零〇一二两俩三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟');
const CN_DIGIT = /[零〇一二两俩三四五六七八九壹贰叁肆伍陆柒捌玖]/;
const CN_DEC: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export function isCjk(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code >= 0x4e00 && code <= 0x9fff;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export function isSeparator(c: string | undefined): boolean {
  return c !== undefined && (SENTENCE.has(c) || CLAUSE.has(c));
}

function bulletAt(s: string, i: number): number {
  const c = s[i] as string;
  if (c.charCodeAt(0) < 0x2000) return 0;
  for (const b of BULLETS) if (s.startsWith(b, i)) return b.length;
  return 0;
}

/** What may stand between a rate's name and its figure in words (满意率为九十八点五). */
const RATE_GAP = /^[ \uE000：:]*(?:为|是|达到?|约|在)?[ \uE000：:]*$/;

const RATE_AHEAD = /^(?:群众|综合|总体|回访)?(?:满意|按时办结|按期办结|办结|及时|响应|签收|解决|回访)率/;

/** What follows a number: its measure word decides whether it can be a ticket count. */
export function classifyMeasure(s: string, e: number): { unit: MeasureKind; end: number } {
  let j = e;
  while (s[j] === ' ') j++;
  if (s[j] === '余' || s[j] === '多') {
    j++;
    while (s[j] === ' ') j++;
  }
  const c = s[j];
  if (c === undefined) return { unit: 'bare', end: e };
  if (c === '%' || c === '‰') return { unit: 'pct', end: j + 1 };
  if (c === '件' || c === '宗') return { unit: 'count', end: j + 1 };
  if (c === '单') return s[j + 1] === '位' ? { unit: 'other', end: j + 1 } : { unit: 'count', end: j + 1 };
  // 个 and 条 (5个, 来件6条): a count when nothing but a keyword, a ticket word or a break follows.
  if (c === '个' || c === '条') {
    let a = j + 1;
    while (s[a] === ' ') a++;
    const n = s[a];
    if (s.startsWith('百分点', a) || s.startsWith('点', a)) return { unit: 'other', end: j + 1 };
    if (
      n === undefined ||
      n === MASK ||
      isSeparator(n) ||
      n === '、' ||
      n === '：' ||
      n === ':' ||
      !isCjk(n) ||
      keywordAt(s, a) ||
      /^(?:工单|诉求|件|单|已|均|全部|正在|尚|仍|未|其中|都|还有|还在|还没|没有|没|明天|明日|后天)/.test(
        s.slice(a, a + 2),
      )
    ) {
      return { unit: 'count', end: j + 1 };
    }
    return { unit: 'other', end: j + 1 };
  }
  if (c === MASK || isSeparator(c) || c === '、' || c === '：' || c === ':' || !isCjk(c))
    return { unit: 'bare', end: e };
  if (keywordAt(s, j)) return { unit: 'bare', end: e };
  // 不满意1 满意率80%: a rate's name after the number starts the next figure.
  if (RATE_AHEAD.test(s.slice(j, j + 10))) return { unit: 'bare', end: e };
  const lex = matchLexicon(s, j);
  if (lex !== undefined && (lex.kind === 'all' || lex.kind === 'each' || lex.kind === 'sub'))
    return { unit: 'bare', end: e };
  return { unit: 'other', end: j };
}

/** Finds rate names (…率) and returns, per start index, the rate token to emit there. */
function findRates(s: string): Map<number, RateTok> {
  const out = new Map<number, RateTok>();
  let r = s.indexOf('率');
  while (r >= 0) {
    let j = r;
    while (j > 0 && r - j < 10) {
      const c = s[j - 1];
      if (!isCjk(c)) break;
      if (j - 2 >= 0 && isDigit(s[j - 2])) break;
      j--;
    }
    const name = s.slice(j, r);
    if (name.length > 0) {
      let coreLen = 0;
      let field: RateField | null = null;
      for (const rc of RATE_CORES) {
        const m = rc.re.exec(name);
        if (m !== null) {
          coreLen = m[0].length;
          field = rc.field;
          break;
        }
      }
      if (coreLen === 0) {
        // Generic rate (办结率, 受理率, 重办率): swallow a keyword ending just before 率.
        for (let k = j; k < r; k++) {
          const e = matchLexicon(s, k);
          if (e !== undefined && e.kind === 'kw' && k + e.text.length === r) {
            coreLen = r - k;
            break;
          }
        }
        if (coreLen === 0) coreLen = Math.min(2, name.length);
      }
      const start = r - coreLen;
      out.set(start, { k: 'rate', field, pos: start, end: r + 1 });
    }
    r = s.indexOf('率', r + 1);
  }
  return out;
}

function parsePercentWords(raw: string): number | null {
  if (/^\d+(?:\.\d+)?$/.test(raw)) return Number(raw);
  const [intPart, decPart] = raw.split('点') as [string, string | undefined];
  const iv = intPart === '' ? 0 : parseNumeral(intPart);
  if (iv === null) return null;
  if (decPart === undefined || decPart === '') return iv;
  let dec = '';
  for (const ch of decPart) {
    const d = CN_DEC[ch];
    if (d === undefined) return null;
    dec += String(d);
  }
  return Number(`${iv}.${dec}`);
}

/**
 * The day's received count as heads write it (今日12345工单5件, 12345工单今日5件: day-received.ts) as one
 * received keyword, with the day word's reset before it; not right after another keyword (重办12345工单今日2件
 * stays 重办) nor across a rate's name. Returns where it ends, or 0.
 */
function dayReceived(s: string, i: number, toks: readonly Tok[], rateStart: Uint8Array): number {
  const end = dayReceivedAt(s, i);
  if (end === 0) return 0;
  for (let k = i; k < end; k++) if (rateStart[k] === 1) return 0;
  const last = toks[toks.length - 1];
  if (last?.k === 'kw' && /^[ \uE000]*$/.test(s.slice(last.end, i))) return 0;
  return end;
}

export function tokenize(s: string): Tok[] {
  const toks: Tok[] = [];
  const rates = findRates(s);
  const rateStart = new Uint8Array(s.length + 1);
  for (const k of rates.keys()) rateStart[k] = 1;
  const n = s.length;
  // Where the day phrases' keywords are: an explicit received figure elsewhere wins over them.
  const dayToks: number[] = [];
  let i = 0;
  while (i < n) {
    const c = s[i] as string;
    const day = dayReceived(s, i, toks, rateStart);
    if (day > 0) {
      toks.push({ k: 'mark', kind: 'reset', pos: i, end: i });
      dayToks.push(toks.length);
      toks.push({ k: 'kw', field: 'received', weak: false, zero: false, colloquial: false, pos: i, end: day });
      i = day;
      continue;
    }
    if (c === MASK || c === ' ') {
      i++;
      continue;
    }
    const rate = rates.get(i);
    if (rate !== undefined) {
      toks.push(rate);
      i = rate.end;
      continue;
    }
    if (SENTENCE.has(c)) {
      toks.push({ k: 'sep', level: 2, pos: i, end: i + 1 });
      i++;
      continue;
    }
    if (CLAUSE.has(c)) {
      toks.push({ k: 'sep', level: 1, pos: i, end: i + 1 });
      i++;
      continue;
    }
    const bl = bulletAt(s, i);
    if (bl > 0) {
      toks.push({ k: 'sep', level: 2, pos: i, end: i + bl });
      i += bl;
      continue;
    }
    // 百分百 (spoken for 百分之百): 100%.
    if (c === '百' && s.startsWith('百分百', i)) {
      toks.push({ k: 'num', value: 100, unit: 'pct', dist: false, pos: i, end: i + 3 });
      i += 3;
      continue;
    }
    if (c === '百' && s.startsWith('百分之', i)) {
      const m = /^百分之\s*(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百点]+)/.exec(s.slice(i, i + 16));
      if (m !== null) {
        const v = parsePercentWords(m[1] as string);
        if (v !== null) {
          toks.push({ k: 'num', value: v, unit: 'pct', dist: false, pos: i, end: i + m[0].length });
          i += m[0].length;
          continue;
        }
      }
    }
    if (isDigit(c)) {
      let j = i;
      while (isDigit(s[j])) j++;
      if (s[j] === '.' && isDigit(s[j + 1])) {
        j++;
        while (isDigit(s[j])) j++;
      }
      const value = Number(s.slice(i, j));
      const m = classifyMeasure(s, j);
      toks.push({ k: 'num', value, unit: m.unit, dist: false, pos: i, end: m.end });
      i = Math.max(m.end, j);
      continue;
    }
    const e = matchLexicon(s, i);
    if (e !== undefined) {
      let crosses = false;
      for (let k = i + 1; k < i + e.text.length; k++) if (rateStart[k] === 1) crosses = true;
      if (!crosses) {
        if (e.kind === 'kw') {
          if (/^(?:今日|今天|当日|当天)/.test(e.text)) toks.push({ k: 'mark', kind: 'reset', pos: i, end: i + 2 });
          toks.push({
            k: 'kw',
            field: e.field,
            weak: e.weak === true,
            zero: e.zero === true,
            colloquial: e.colloquial === true,
            ...(e.part ? { part: e.part } : {}),
            pos: i,
            end: i + e.text.length,
          });
        } else if (e.kind === 'zero') {
          toks.push({ k: 'zero', pos: i, end: i + e.text.length });
        } else if (e.kind !== 'filler') {
          toks.push({ k: 'mark', kind: e.kind, pos: i, end: i + e.text.length });
        }
        i += e.text.length;
        continue;
      }
    }
    if (c === '清' && s[i + 1] === '零') {
      toks.push({ k: 'num', value: 0, unit: 'bare', dist: true, pos: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (CN_NUM.has(c)) {
      let j = i;
      while (j < n && CN_NUM.has(s[j] as string)) j++;
      const run = s.slice(i, j);
      const ok = s[i - 1] !== '第' && (CN_DIGIT.test(run) || run[0] === '十' || run[0] === '拾');
      const v = ok ? parseNumeral(run) : null;
      // A rate in words (满意率九十八点五, 满意率为一百): a percent, with its decimals after 点.
      const last = toks[toks.length - 1];
      if (v !== null && last?.k === 'rate' && RATE_GAP.test(s.slice(last.end, i))) {
        let e = j;
        let value = v;
        if (s[j] === '点' && CN_DEC[s[j + 1] as string] !== undefined) {
          e = j + 1;
          while (CN_DEC[s[e] as string] !== undefined) e++;
          value = parsePercentWords(`${run}${s.slice(j, e)}`) ?? v;
        }
        if (s[e] === '%') e++;
        toks.push({ k: 'num', value, unit: 'pct', dist: false, pos: i, end: e });
        i = e;
        continue;
      }
      if (v !== null) {
        const m = classifyMeasure(s, j);
        let prev = i - 1;
        while (prev >= 0 && (s[prev] === ' ' || s[prev] === MASK)) prev--;
        const afterColon = s[prev] === '：' || s[prev] === ':' || s[prev] === '为' || s[prev] === '是';
        if (m.unit === 'count' || m.unit === 'pct' || run === '零' || (m.unit === 'bare' && afterColon)) {
          toks.push({
            k: 'num',
            value: v,
            unit: run === '零' && m.unit === 'other' ? 'bare' : m.unit,
            dist: false,
            pos: i,
            end: Math.max(m.end, j),
          });
          i = Math.max(m.end, j);
          continue;
        }
      }
      i = j;
      continue;
    }
    i++;
  }
  return dayToks.length > 0 ? yieldDayPhrases(s, toks, dayToks) : toks;
}

/**
 * A day phrase counting calls (今日12345来电50个) stands for the received figure only when the text gives none
 * in so many words: in 今日12345来电50个，受理工单5件 the calls are not the tickets received. Its keyword is
 * dropped then (its number is left to no figure); the day word's reset stays. A phrase naming tickets
 * (今日12345工单5件) keeps its place as the first received figure.
 */
function yieldDayPhrases(s: string, toks: Tok[], dayToks: readonly number[]): Tok[] {
  const calls = dayToks.filter((k) => {
    const t = toks[k] as Tok;
    const words = s.slice(t.pos, t.end);
    return words.includes('来电') && !/工单|诉求/.test(words);
  });
  if (calls.length === 0) return toks;
  const day = new Set(calls);
  const explicit = toks.some((t, k) => t.k === 'kw' && t.field === 'received' && !t.weak && !t.zero && !day.has(k));
  return explicit ? toks.filter((_, k) => !day.has(k)) : toks;
}
