/**
 * Cutting a short text (a ticket title) to about `max` characters for a list line: whole when it
 * fits, else at the last clause boundary that leaves a readable part, else at the last word
 * boundary (Intl.Segmenter), never in the middle of a word (交通秩…, 上下…). A clause that ends
 * within a few characters past `max` is kept whole rather than cut. Pure.
 */

import { trimEndOf } from './trim.js';

const CLAUSE_END = /[，。；！？、,;!?：: ]/;
const TRAILING = /[\s，,。.；;、：:（(「“"…]/;
const ELLIPSIS = /…/;

let words: Intl.Segmenter | undefined;

/**
 * The last word boundary within [max / 2, max], or -1. The segmenter's dictionary splits some
 * compounds (摊|贩|占|道, 上下|学时|段): a boundary between two words of two or more characters
 * is preferred, then one after a word of two or more characters, then any.
 */
function lastWordBoundary(text: string, max: number): number {
  words ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const segs = [...words.segment(text.slice(0, max + 8))];
  let any = -1;
  let wordEnds = -1;
  let good = -1;
  for (let k = 1; k < segs.length; k++) {
    const at = (segs[k] as Intl.SegmentData).index;
    if (at > max) break;
    if (at < Math.ceil(max / 2)) continue;
    any = at;
    const before = (segs[k - 1] as Intl.SegmentData).segment;
    const after = (segs[k] as Intl.SegmentData).segment;
    if (before.length >= 2) wordEnds = at;
    if (before.length >= 2 && after.length >= 2) good = at;
  }
  return good >= 0 ? good : wordEnds >= 0 ? wordEnds : any;
}

export function clipTitle(text: string, max = 20): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  // A title stored already cut (…) is cut again from its text.
  const body = trimEndOf(s, ELLIPSIS);
  if (body.length <= max) return `${trimEndOf(body, TRAILING)}…`;
  let cut = -1;
  for (let i = max; i >= Math.max(4, Math.floor(max * 0.4)); i--) {
    if (CLAUSE_END.test(body[i] as string)) {
      cut = i;
      break;
    }
  }
  if (cut < 0) {
    const slack = Math.min(body.length - 1, max + Math.max(2, Math.ceil(max / 5)));
    for (let i = max + 1; i <= slack; i++) {
      if (CLAUSE_END.test(body[i] as string)) {
        cut = i;
        break;
      }
    }
    // The whole text is only a little longer than max: show it whole.
    if (cut < 0 && body.length <= slack + 1 && !s.endsWith('…')) return body;
  }
  if (cut < 0) cut = lastWordBoundary(body, max);
  const head = trimEndOf(cut < 0 ? body.slice(0, max) : body.slice(0, cut), TRAILING);
  return `${head}…`;
}
