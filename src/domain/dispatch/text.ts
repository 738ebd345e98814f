import { normalizeWidth } from '../language/numerals.js';
import { toSimplified } from '../language/traditional.js';

/**
 * Normalises a dispatch text for matching: traditional characters to simplified, full-width digits and letters to
 * half-width, full-width colon and at-sign to ASCII, other whitespace (incl. WeChat's U+2005 after a
 * mention) to a plain space. Length is preserved character for character (but for a traditional
 * character outside the BMP, whose simplified form may be shorter).
 */
export function normalizeDispatchText(text: string): string {
  return normalizeWidth(toSimplified(text))
    .replace(/[\uff1a\ufe55]/g, ':')
    .replace(/\uff20/g, '@')
    .replace(/[\s\u00a0\u2000-\u200b\u3000\ufeff]/g, ' ');
}

/** A numeral as written in times and counts: Arabic digits or Chinese numerals. */
export const NUM = '(?:\\d{1,4}|[零〇一二两三四五六七八九十]{1,3})';

/** Punctuation that ends a clause. */
export const CLAUSE_END = /[，,。.！!？?；;\n]/;
