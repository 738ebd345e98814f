/**
 * A leader's everyday questions to the bot (pure): how a dispatch is going (D1 进展怎么样了？,
 * 湖滨路夜市那件现在什么情况), and a bare 同意 / 不同意 with no approval code.
 */

import { findCodes } from '../dispatch/flow-answer.js';
import { cjkBigrams } from '../language/grams.js';
import { plainWords } from '../language/intent.js';
import { trimEndOf } from '../language/trim.js';

export type ProgressQuery =
  | { kind: 'list' }
  | { kind: 'code'; code: string }
  | { kind: 'topic'; words: string }
  /** A 双派单 round: SP4 进展 / SP1进展怎么样. */
  | { kind: 'round'; code: string }
  /** The open 双派单 rounds: 双派单进展 / 双派单情况怎么样. */
  | { kind: 'rounds' };

const ROUND_CODE = /(?<![A-Za-z0-9])SP\s?(\d{1,8})(?!\d)/gi;
/** 双派单 / 双派 / 双倒查 named as the subject. */
const ROUNDS_WORD = /双派单|双派|双倒查/;

const COMMAND = /^(?:调度进展|调度进度|调度情况)\s*[:：]?\s*(?:([Dd]\s?\d{1,7}))?\s*[?？。]?$/;
/** Asking how it goes. */
const ASK = new RegExp(
  '进展|进度|怎么样|怎样了|如何|什么情况|啥情况|咋样|办得怎么样|办到哪|到哪一步|落实了?没|落实得|办了没|' +
    '办完了?没|有结果了?[吗没]|结果呢|反馈了?[吗没]|报上来了?[吗没]|情况呢|' +
    '(?:好|完|修好|弄好|搞定|处理好|解决|办好|清理|整改好?|到位)了?(?:没有?|吗|么)[?？]?$',
);
/** Words that make it an instruction to others (a dispatch), not a question to the bot. */
const INSTRUCTION = /请|报我|报给我|前报|上报|报上来|报送|反馈给|抓紧|务必|督促|要求|@/;
/** Asking whether something came in (报上来没 / 反馈了吗 / 上报了没有): a question, not an instruction. */
const CAME_IN = /(?:报上来|报上来了|反馈|上报|报送|报给我)了?(?:没有?|吗|么|没呢)[?？]?/g;
const NOISE = new RegExp(
  '(?:修好|弄好|搞定|处理好|办好|到位)了?(?:没有?|吗|么)?|报上来了?没有?|进展|进度|怎么样了?|' +
    '怎样了?|如何了?|什么情况|啥情况|咋样了?|办得|办到哪了?|到哪一步了?|落实|结果|反馈|情况|现在|' +
    String.raw`目前|那件事?|这件事?|那个|这个|事情|问题|一下|的|了|吗|呢|啊|呀|么|调度|[?？。，,.!！\s]`,
  'g',
);
const MAX = 40;

/** What a leader's message asks about a dispatch's progress, or null when it asks nothing of that. */
export function progressQueryOf(text: string): ProgressQuery | null {
  const s = trimEndOf(plainWords(text), /[。.!！]/).trim();
  if (s === '' || s.length > MAX) return null;
  const cmd = COMMAND.exec(s);
  if (cmd) return cmd[1] ? { kind: 'code', code: cmd[1].replace(/\s/g, '').toUpperCase() } : { kind: 'list' };
  const rounds = [...s.matchAll(ROUND_CODE)].map((m) => `SP${Number(m[1])}`);
  const uniqueRounds = [...new Set(rounds)];
  // "SP4" alone, "SP4 进展", "SP1进展怎么样": a round's progress.
  if (uniqueRounds.length === 1 && findCodes(s).length === 0) {
    const rest = s.replace(ROUND_CODE, '').replace(NOISE, '');
    if (ASK.test(s) && !INSTRUCTION.test(s.replace(/^请问[，,\s]*/, '')))
      return { kind: 'round', code: uniqueRounds[0] as string };
    if (rest === '' && /进展|进度|情况/.test(s)) return { kind: 'round', code: uniqueRounds[0] as string };
  }
  if (uniqueRounds.length > 1) return null;
  if (!ASK.test(s) || INSTRUCTION.test(s.replace(/^请问[，,\s]*/, '').replace(CAME_IN, ''))) return null;
  if (ROUNDS_WORD.test(s) && uniqueRounds.length === 0 && findCodes(s).length === 0) return { kind: 'rounds' };
  const codes = findCodes(s);
  if (codes.length === 1) return { kind: 'code', code: codes[0] as string };
  if (codes.length > 1) return null;
  const words = s.replace(NOISE, '').replace(/事$/, '');
  return words.length >= 2 ? { kind: 'topic', words } : { kind: 'list' };
}

/**
 * The dispatches a topic question is about: those sharing the most words (CJK bigrams, at least
 * two; one for a topic of one or two bigrams) with it. One means that one; none or several, the caller lists.
 */
export function matchTopic<T extends { text: string }>(words: string, dispatches: readonly T[]): T[] {
  const q = cjkBigrams(words);
  // A short topic (路灯的事 → 路灯) may match on its one word; longer ones need two.
  const least = q.size <= 2 ? 1 : 2;
  let best = 0;
  let hits: T[] = [];
  for (const d of dispatches) {
    const g = cjkBigrams(d.text);
    let n = 0;
    for (const w of q) if (g.has(w)) n += 1;
    if (n < least || n < best) continue;
    if (n > best) {
      best = n;
      hits = [];
    }
    hits.push(d);
  }
  return hits;
}

/** A refusal's words: 不同意 / 驳回 / 不行 / 不可以 / 不批 / 不能退 …. */
const REFUSE = /^(?:不同意|驳回|不行|不可以|不批准?|不准|不能(?:退|同意|批)|不予同意|不予批准)/;
/** An approval's words: 同意 / 批准 / 可以 / 行 / 准了 / 没问题 (好的 / OK before 同意). */
const APPROVE = /^(?:(?:好的?|嗯+|ok)[，,\s]*)?(?:同意|批准|可以|行|准了?|没问题)/i;

/**
 * A bare decision with no approval code: 同意 / 不同意 / 批准 / 驳回, and the way leaders say it
 * (同意吧 / 可以 / 行 / 不行 / 不可以，…): approve or refuse, and any note after it.
 */
export function bareDecisionOf(text: string): { approve: boolean; note: string } | null {
  const s = trimEndOf(plainWords(text), /[。.!！]/).trim();
  if (s.length > 220 || /TB\s?\d/i.test(s)) return null;
  const refuse = REFUSE.exec(s);
  const m = refuse ?? APPROVE.exec(s);
  if (!m) return null;
  const rest = s.slice(m[0].length).replace(/^(?:吧|的|了|啊|呀)+/, '');
  // The words must end there or a clause must follow (同意吧，… / 不行，…), not run on (可以考虑…).
  if (rest !== '' && !/^[，,：:；;\s]/.test(rest)) return null;
  return { approve: refuse === null, note: rest.replace(/^[，,：:；;\s]+/, '').trim() };
}
