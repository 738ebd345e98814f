/**
 * Normalising the words of a ticket export (column names, status and rating cells) before they
 * are compared with the vocabulary: full-width letters, digits and brackets to half width,
 * blanks and asterisks out, lower case, a trailing note in brackets dropped (“派单时间（必填）”,
 * “承办单位（主办）”), and — once a file is known to be in traditional characters — 繁體 to 简体.
 *
 * 繁體 is read as 简体 only once a file's header could not be read without it
 * (`loadTraditional`); until then text is left as it is. The conversion is the parsers' own
 * (`toSimplified` in domain/language/traditional.ts: one OpenCC converter for the whole bot, built at
 * the first text that needs it).
 */
import { toSimplified } from '../language/traditional.js';

let traditional = false;
const convertCache = new Map<string, string>();

/** From now on, 繁體 in ticket exports is read as 简体. */
export function loadTraditional(): void {
  traditional = true;
}

/** Whether 繁體 is read as 简体 (caches of normalised words key on it). */
export function traditionalLoaded(): boolean {
  return traditional;
}

/** 繁體 → 简体 once `loadTraditional` was called (cached per distinct text: few in a file). */
export function simplified(s: string): string {
  if (!traditional || !/[\u3400-\u9fff]/.test(s)) return s;
  let out = convertCache.get(s);
  if (out === undefined) {
    out = toSimplified(s);
    if (convertCache.size > 20_000) convertCache.clear();
    convertCache.set(s, out);
  }
  return out;
}

/** Full-width ASCII (ＡＢＣ１２３（）：) to half width; the ideographic space to a space. */
export function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A cell's words for comparing: half width, no blanks or asterisks, lower case, simplified. */
export function normalizeWords(text: string): string {
  return simplified(
    halfWidth(text)
      .replace(/[\s*\u00a0\u200b\ufeff]/g, '')
      .toLowerCase(),
  );
}

/** A column name for comparing: as normalizeWords, without a trailing note in brackets or a colon. */
export function normalizeLabel(text: string): string {
  const s = normalizeWords(text).replace(/[:：]$/, '');
  const cut = s.replace(/[(【[<《][^)】\]>》]*[)】\]>》]$/, '');
  return cut === '' ? s : cut;
}
