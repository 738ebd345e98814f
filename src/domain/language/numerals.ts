/** Chinese and full-width numeral handling. Pure functions. */

const FULLWIDTH_OFFSET = 0xfee0;

/**
 * Normalises phone-typed text: full-width ASCII (digits, letters, ％, ：, ，? no) to half-width
 * for digits, letters, % and . only; ideographic space to a space. Keeps Chinese punctuation.
 */
export function normalizeWidth(text: string): string {
  return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e\u3000]/g, (ch) => {
    if (ch === '\u3000') return ' ';
    return String.fromCharCode(ch.charCodeAt(0) - FULLWIDTH_OFFSET);
  });
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  俩: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG: Record<string, number> = { 万: 10000, 萬: 10000, 亿: 100000000 };

/** Characters that may appear in a Chinese numeral. */
export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿';

/**
 * Converts a Chinese numeral ("十二", "一百零五", "两千三百", "三十") or a digit string
 * (half- or full-width) to a number. Returns null if it is not a numeral.
 */
export function parseNumeral(raw: string): number | null {
  const s = normalizeWidth(raw.trim());
  if (s === '') return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  // Digit-by-digit form: 二〇二六
  if (/^[零〇一二三四五六七八九]+$/.test(s) && s.length > 1 && !/^[一二三四五六七八九]$/.test(s) && /[〇零]/.test(s)) {
    let v = 0;
    for (const ch of s) v = v * 10 + (DIGITS[ch] ?? 0);
    return v;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch] ?? 0;
    } else if (ch in UNITS) {
      const u = UNITS[ch] ?? 1;
      section += (digit ?? 1) * u;
      digit = null;
    } else if (ch in BIG) {
      const b = BIG[ch] ?? 1;
      total += (section + (digit ?? 0)) * b;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}
