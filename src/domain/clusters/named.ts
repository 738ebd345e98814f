/** Which open repeat warnings a supervisor's words name (烧烤店, 锦绣小区): pure. */
import { cjkBigrams } from '../language/grams.js';

export interface OpenWarning {
  code: string;
  /** The place as the warning writes it (锦绣小区). */
  place: string;
  size: number;
  /** Its tickets' titles and contents: what a topic word (烧烤店, 噪音) is found in. */
  texts: readonly string[];
}

/** Bigrams that name no place or topic of their own (every community is a 小区). */
const GENERIC = new Set(['小区', '社区', '那个', '这个', '预警', '工单', '投诉', '问题', '事情', '反映', '诉求']);

/**
 * The warnings the words name: those whose place or tickets hold at least half of the words' bigrams (generic ones
 * such as 小区 aside), the best-matched first; every open warning for no words. A word of one character, or only
 * generic ones, names all of them.
 */
export function warningsNamed<W extends OpenWarning>(words: string, open: readonly W[]): W[] {
  const grams = [...cjkBigrams(words)].filter((g) => !GENERIC.has(g));
  if (grams.length === 0) return [...open];
  const scored = open
    .map((w) => {
      const place = cjkBigrams(w.place);
      const body = w.texts.join('\n');
      const hits = grams.filter((g) => place.has(g) || body.includes(g)).length;
      return { w, share: hits / grams.length };
    })
    .filter((s) => s.share >= 0.5);
  const best = Math.max(0, ...scored.map((s) => s.share));
  // A warning matching every word beats one matching some: 锦绣小区烧烤店 is C1, not every 烧烤 of the district.
  return scored.filter((s) => best < 1 || s.share === 1).map((s) => s.w);
}
