/**
 * Which of a unit's tickets (or open items) a message without a number speaks of, by the title's words (公交站台的事情…
 * → 人民路公交站台顶棚损坏): pairs of Chinese characters of the title found in the message, those that name nothing
 * (工单, 问题, 已经, 办结 …) left out.
 */
import { cjkBigrams } from '../language/grams.js';

const MIN_SHARED = 2;
/** Pairs that say nothing about which ticket (工单, 问题, 反映, 已经, 办结 …). */
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
  '已经',
  '办结',
  '办理',
  '答复',
  '回复',
  '电话',
  '现场',
  '今天',
  '今日',
  '明天',
  '昨天',
  '事情',
  '那件',
  '那个',
  '这件',
  '这个',
  '单位',
  '影响',
  '完成',
  '处置',
]);

/** The title's or message's bigrams, without those that name no ticket. */
function pairs(text: string): Set<string> {
  const out = cjkBigrams(text);
  for (const p of COMMON) out.delete(p);
  return out;
}

/** How many of the subject's telling pairs are among those said. */
function shared(said: ReadonlySet<string>, subject: string): number {
  let n = 0;
  for (const p of pairs(subject)) if (said.has(p)) n++;
  return n;
}

export function ticketNamedByTitle<T extends { title: string }>(text: string, tickets: readonly T[]): T | null {
  const said = pairs(text);
  let best: T | null = null;
  let bestN = 0;
  let tie = false;
  for (const t of tickets) {
    const n = shared(said, t.title);
    if (n > bestN) {
      best = t;
      bestN = n;
      tie = false;
    } else if (n === bestN && n > 0) tie = true;
  }
  return bestN >= MIN_SHARED && !tie ? best : null;
}

/**
 * Every ticket whose title shares a telling pair with the message (学位那件 → 学位申请咨询), most shared first: a
 * short title's one word is enough to ask about, never to record.
 */
export function ticketsNamedByTitle<T extends { title: string }>(text: string, tickets: readonly T[]): T[] {
  const said = pairs(text);
  return tickets
    .map((t, i) => ({ t, i, n: shared(said, t.title) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map((x) => x.t);
}

/** What an open item is about: a ticket's title (and its 诉求), or a dispatch's words. */
export interface Topic {
  title?: string;
  body?: string;
}

/** Ticket numbers and like ids (2026120100051, GD20261123104): letters at most 4, then 6 digits or more. */
const LONG_ID = /(?<![A-Za-z0-9])[A-Za-z]{0,4}\d{6,}(?!\d)/g;

/**
 * Whether a message speaks of an item: one telling pair of its title (滨江花园电梯 → 小区电梯长期停运), or two of its
 * longer words (烧烤店 → 锦绣小区烧烤店噪音扰民…, the 诉求 滨江花园3栋电梯…), or a ticket number both name (a
 * dispatch `GD20261123104 那个事要盯紧` answered `GD20261123104搞定了…`).
 */
export function topicMatches(text: string, topic: Topic): boolean {
  const ids = text.match(LONG_ID);
  if (ids !== null) {
    const about = `${topic.title ?? ''}\n${topic.body ?? ''}`.toUpperCase();
    if (ids.some((id) => about.includes(id.toUpperCase()))) return true;
  }
  const said = pairs(text);
  if (topic.title !== undefined && shared(said, topic.title) >= 1) return true;
  return topic.body !== undefined && shared(said, topic.body) >= MIN_SHARED;
}
