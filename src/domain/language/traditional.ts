/**
 * Traditional characters (辦結、無超期、區衛生健康局、鎮), alone or mixed with simplified ones, to
 * simplified before parsing, with OpenCC's tables (opencc-js, Taiwan standard → mainland).
 *
 * The converter's trie costs about 30 ms and 12 MB to build, and almost every message is plain
 * simplified text: a text is converted only when it holds a character OpenCC's character tables
 * map to another one (about 3,200 characters, one compiled character class built from those
 * same tables), and the converter is built at the first such text. Characters that are both
 * simplified and a Taiwan variant (群, 床, 才, 著 …) do not trigger it. Conversion may change the
 * length of a text (a rare character outside the BMP): callers convert first, then read. Pure.
 */
import { ConverterFactory, type ConverterFunction } from 'opencc-js/core';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import fromTw from 'opencc-js/from/tw';
import toCn from 'opencc-js/to/cn';

let table: { bmp: Uint8Array; astral: Set<number> } | undefined;
let convert: ConverterFunction | undefined;

/** Characters the tables turn into another character, less those that are simplified forms themselves. */
function triggerTable(): { bmp: Uint8Array; astral: Set<number> } {
  const keys = new Set<string>();
  const simplified = new Set<string>();
  for (const entry of TSCharacters.split('|')) {
    const [k, ...v] = entry.split(' ');
    for (const x of v) simplified.add(x);
    if (k !== undefined && v[0] !== k) keys.add(k);
  }
  // Taiwan's variants (裡, 著, 群 …) count only when the character tables also convert them:
  // 著 is 显著 in simplified text too.
  for (const entry of TWVariantsRev.split('|')) {
    const [k, v] = entry.split(' ');
    if (k !== undefined && v !== undefined && v !== k && keys.has(v)) keys.add(k);
  }
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (const c of keys) {
    if (simplified.has(c)) continue;
    const cp = c.codePointAt(0) as number;
    if (cp < 0x10000) bmp[cp] = 1;
    else astral.add(cp);
  }
  return { bmp, astral };
}

/** Whether the text holds a traditional character (one pass over its code units, about 1 ns each). */
export function hasTraditional(text: string): boolean {
  table ??= triggerTable();
  const { bmp, astral } = table;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400) continue;
    if (bmp[c] === 1) return true;
    if (c >= 0xd800 && c <= 0xdbff && astral.size > 0 && astral.has(text.codePointAt(i) as number)) return true;
  }
  return false;
}

/** The text with traditional characters turned simplified; the same string when it has none. */
export function toSimplified(text: string): string {
  if (text === '' || !hasTraditional(text)) return text;
  convert ??= ConverterFactory(fromTw, toCn);
  return convert(text);
}
