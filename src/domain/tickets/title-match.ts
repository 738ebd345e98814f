/**
 * Which of a unit's tickets a message without a number speaks of, by the title's words (公交站台的事情… →
 * 人民路公交站台顶棚损坏): pairs of Chinese characters of the title found in the message. Only a clear answer: the
 * ticket sharing the most pairs, at least `MIN_SHARED`, and no other as many.
 */
import { cjkBigrams } from '../language/grams.js';

const MIN_SHARED = 2;
/** Pairs that say nothing about which ticket (工单, 问题, 反映 …). */
const COMMON = new Set([
  '工单',
  '问题',
  '反映',
  '投诉',
  '市民',
  '群众',
  '处理',
  '情况',
  '要求',
  '希望',
  '尽快',
  '解决',
]);

/** The title's or message's bigrams, without those that name no ticket. */
function pairs(text: string): Set<string> {
  const out = cjkBigrams(text);
  for (const p of COMMON) out.delete(p);
  return out;
}

export function ticketNamedByTitle<T extends { title: string }>(text: string, tickets: readonly T[]): T | null {
  const said = pairs(text);
  let best: T | null = null;
  let bestN = 0;
  let tie = false;
  for (const t of tickets) {
    let n = 0;
    for (const p of pairs(t.title)) if (said.has(p)) n++;
    if (n > bestN) {
      best = t;
      bestN = n;
      tie = false;
    } else if (n === bestN && n > 0) tie = true;
  }
  return bestN >= MIN_SHARED && !tie ? best : null;
}
