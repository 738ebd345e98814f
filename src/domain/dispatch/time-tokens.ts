/**
 * Time words of a dispatch text, tokenised (今天, 周五, 10月9日, 下午, 3点半, 3个工作日内 …)
 * and grouped into expressions (明天 + 下午 + 3点). Pure; one linear regex pass.
 */
import { parseNumeral } from '../language/numerals.js';
import { NUM } from './text.js';

export type Period = 'am' | 'noon' | 'pm' | 'dusk' | 'evening' | 'morning' | 'dawn' | 'offwork' | 'onwork';

export type DayRef =
  | { kind: 'offset'; days: number; period?: Period }
  | { kind: 'weekday'; weekday: number; weeks: number }
  | { kind: 'monthDay'; year?: number; month: number; day: number }
  | { kind: 'dom'; day: number; nextMonth: boolean }
  | { kind: 'monthEnd' };

export type RelUnit = 'workday' | 'day' | 'week' | 'hour' | 'minute';

export type Token =
  | { type: 'day'; start: number; end: number; ref: DayRef }
  | { type: 'period'; start: number; end: number; period: Period }
  | { type: 'clock'; start: number; end: number; h: number; m: number; exact: boolean; chinese: boolean }
  | { type: 'rel'; start: number; end: number; unit: RelUnit; n: number };

const N = NUM;
const TOKEN_RE = new RegExp(
  [
    `(?<wd>${N}|半)个?工作[日天](?:之内|以内|内)?`,
    `(?<hr>${N}|半)个?(?:小时|钟头)(?:之内|以内|内)`,
    `(?<mi>${N})分钟(?:之内|以内|内)`,
    `(?<wk>${N})个?(?:星期|礼拜|周)(?:之内|以内|内)`,
    `(?<dd>${N})个?(?:自然日|天|日)(?:之内|以内|内)`,
    `(?:(?<yy>\\d{4})年)?(?<mm>${N})月(?<md>${N})[日号]`,
    `(?<sm>\\d{1,2})[./](?<sd>\\d{1,2})[日号]?(?=之?前|以前|为止)`,
    `(?<nm>下个?月|本月|这个?月)?(?<dom>${N})[日号]`,
    `(?<word>今天|今日|当天|当日|今晚|今早|明天|明日|明早|明晚|后天)`,
    `(?<wpre>下下个?|下个?|本|这个?)?(?:周|星期|礼拜)(?<wday>[一二三四五六日天1-7])`,
    `(?<mend>(?:本|这个?)?月[底末])`,
    `(?<period>上午|中午|下午|傍晚|晚上|晚间|夜里|夜间|早上|早晨|清晨|凌晨|一早)`,
    `(?<work>下班|上班)`,
    `(?<ch>\\d{1,2}|[零一二两三四五六七八九十]{1,3})(?:[点时]|:(?=\\d))(?<cm>半|\\d{1,` +
      `2}分?|[零一二三四五六七八九十]{1,3}分|一刻|三刻|整)?`,
  ].join('|'),
  'g',
);

const NUMERAL_CHAR = /[0-9零〇一二两三四五六七八九十百千.]/;
const WEEKDAYS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
};
const PERIODS: Record<string, Period> = {
  上午: 'am',
  中午: 'noon',
  下午: 'pm',
  傍晚: 'dusk',
  晚上: 'evening',
  晚间: 'evening',
  夜里: 'evening',
  夜间: 'evening',
  早上: 'morning',
  早晨: 'morning',
  清晨: 'morning',
  一早: 'morning',
  凌晨: 'dawn',
  下班: 'offwork',
  上班: 'onwork',
};
const DAY_WORDS: Record<string, { days: number; period?: Period }> = {
  今天: { days: 0 },
  今日: { days: 0 },
  当天: { days: 0 },
  当日: { days: 0 },
  今晚: { days: 0, period: 'evening' },
  今早: { days: 0, period: 'morning' },
  明天: { days: 1 },
  明日: { days: 1 },
  明早: { days: 1, period: 'morning' },
  明晚: { days: 1, period: 'evening' },
  后天: { days: 2 },
};
/** Default clock time of a period with no stated clock time, in minutes. */
export const PERIOD_DEFAULT: Record<Period, number> = {
  am: 720,
  noon: 720,
  pm: 1080,
  dusk: 1080,
  evening: 1320,
  morning: 540,
  dawn: 360,
  offwork: 1080,
  onwork: 540,
};

function num(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  if (raw === '半') return 0.5;
  const n = parseNumeral(raw);
  return n === null || !Number.isFinite(n) ? null : n;
}

function isChinese(raw: string): boolean {
  return !/\d/.test(raw);
}

/** Tokenises every time word of a text; one linear pass, no backtracking blow-up. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    const prev = text[start - 1] ?? '';
    const next = text[end] ?? '';
    const numeric = /^[0-9零〇一二两三四五六七八九十半]/.test(m[0]);
    if (numeric && NUMERAL_CHAR.test(prev)) continue;
    const tok = toToken(g, start, end, prev, next, text);
    if (tok !== null) out.push(tok);
  }
  return out;
}

function relToken(unit: RelUnit, raw: string | undefined, start: number, end: number): Token | null {
  const n = num(raw);
  if (n === null || n <= 0 || n > 1000) return null;
  if (n !== Math.floor(n) && unit !== 'hour') return null;
  return { type: 'rel', start, end, unit, n };
}

function toToken(
  g: Record<string, string | undefined>,
  start: number,
  end: number,
  prev: string,
  next: string,
  text: string,
): Token | null {
  if (g.wd !== undefined) return relToken('workday', g.wd, start, end);
  if (g.hr !== undefined) return relToken('hour', g.hr, start, end);
  if (g.mi !== undefined) return relToken('minute', g.mi, start, end);
  if (g.wk !== undefined) return relToken('week', g.wk, start, end);
  if (g.dd !== undefined) return relToken('day', g.dd, start, end);
  if (g.mm !== undefined) {
    const month = num(g.mm);
    const day = num(g.md);
    if (month === null || day === null || month < 1 || month > 12 || day < 1 || day > 31) return null;
    const year = g.yy === undefined ? undefined : Number(g.yy);
    return { type: 'day', start, end, ref: { kind: 'monthDay', year, month, day } };
  }
  if (g.sm !== undefined) {
    const month = Number(g.sm);
    const day = Number(g.sd);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return { type: 'day', start, end, ref: { kind: 'monthDay', month, day } };
  }
  if (g.dom !== undefined) {
    const day = num(g.dom);
    if (day === null || day < 1 || day > 31 || day !== Math.floor(day)) return null;
    const after = text.slice(end, end + 4);
    // 3号楼, 5号线: a 号 that is not followed by a deadline-ish word is not a date.
    if (
      text[end - 1] === '号' &&
      // check-lines: long regex
      !/^(?:$|[ ,，。.;；!！?？、:)）]|之?前|以前|上午|中午|下午|晚上|早上|\d|[零一二两三四五六七八九十]+[点时]|为止|完成|反馈|报|答复|到|办结|内|下班|当天)/.test(
        after,
      )
    )
      return null;
    // 一日受理、两日办结: a Chinese numeral before 日 is a count of days unless marked.
    if (isChinese(g.dom) && g.nm === undefined && !/^(?:之?前|以前|为止)/.test(after)) return null;
    return {
      type: 'day',
      start,
      end,
      ref: { kind: 'dom', day, nextMonth: g.nm !== undefined && g.nm.startsWith('下') },
    };
  }
  if (g.word !== undefined) {
    const w = DAY_WORDS[g.word];
    if (w === undefined) return null;
    return { type: 'day', start, end, ref: { kind: 'offset', days: w.days, period: w.period } };
  }
  if (g.wday !== undefined) {
    const pre = g.wpre ?? '';
    if (pre === '' && (prev === '上' || prev === '每' || (prev === '个' && text[start - 2] === '上'))) return null;
    const wd = WEEKDAYS[g.wday];
    if (wd === undefined) return null;
    const weeks = pre.startsWith('下下') ? 2 : pre.startsWith('下') ? 1 : 0;
    return { type: 'day', start, end, ref: { kind: 'weekday', weekday: wd, weeks } };
  }
  if (g.mend !== undefined) return { type: 'day', start, end, ref: { kind: 'monthEnd' } };
  if (g.period !== undefined) return { type: 'period', start, end, period: PERIODS[g.period] ?? 'pm' };
  if (g.work !== undefined) return { type: 'period', start, end, period: PERIODS[g.work] ?? 'offwork' };
  if (g.ch !== undefined) return clockToken(g.ch, g.cm, start, end, prev, next, text);
  return null;
}

function clockToken(
  rawH: string,
  rawM: string | undefined,
  start: number,
  end: number,
  prev: string,
  next: string,
  text: string,
): Token | null {
  const h = num(rawH);
  if (h === null || h > 24 || h !== Math.floor(h)) return null;
  const sep = text[start + rawH.length];
  const chinese = isChinese(rawH);
  if (prev === '第') return null; // 第一时间
  if (sep === '时' && rawM === undefined && /[间候段期代刻效限许辰长]/.test(next)) return null;
  if (
    sep === '点' &&
    chinese &&
    rawM === undefined &&
    (/[快早多少好慢高低大小有这那差重点再稍亮难堵要特]/.test(prev) || /[儿点]/.test(next))
  )
    return null;
  let m = 0;
  let exact = false;
  if (rawM !== undefined) {
    exact = true;
    if (rawM === '半') m = 30;
    else if (rawM === '一刻') m = 15;
    else if (rawM === '三刻') m = 45;
    else if (rawM === '整') m = 0;
    else {
      const v = num(rawM.replace('分', ''));
      if (v === null || v > 59) return null;
      m = v;
    }
  }
  return { type: 'clock', start, end, h, m, exact, chinese };
}

export interface Expr {
  start: number;
  end: number;
  day?: DayRef;
  period?: Period;
  clock?: { h: number; m: number; exact: boolean; chinese: boolean };
  rel?: { unit: RelUnit; n: number };
  rank: number;
}

const RANK = { day: 0, period: 1, clock: 2 } as const;

export function group(text: string, tokens: Token[]): Expr[] {
  const out: Expr[] = [];
  let cur: Expr | null = null;
  for (const t of tokens) {
    if (t.type === 'rel') {
      cur = null;
      out.push({ start: t.start, end: t.end, rel: { unit: t.unit, n: t.n }, rank: 3 });
      continue;
    }
    const rank = RANK[t.type];
    const gap = cur === null ? '' : text.slice(cur.end, t.start);
    if (cur === null || rank <= cur.rank || !/^ {0,2}$/.test(gap)) {
      cur = { start: t.start, end: t.end, rank };
      out.push(cur);
    }
    cur.end = t.end;
    cur.rank = rank;
    if (t.type === 'day') {
      cur.day = t.ref;
      if (t.ref.kind === 'offset' && t.ref.period !== undefined) cur.period = t.ref.period;
    } else if (t.type === 'period') cur.period = t.period;
    else cur.clock = { h: t.h, m: t.m, exact: t.exact, chinese: t.chinese };
  }
  return out;
}
