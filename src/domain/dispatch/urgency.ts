/** Urgency of a dispatch: exactly the words the contract names. Pure. */

/** The urgent words: 立即, 马上, 尽快, 即刻, 第一时间, 火速 (及时 and 抓紧 do not count). */
export const URGENT_WORDS = ['立即', '马上', '尽快', '即刻', '第一时间', '火速'] as const;

const URGENT_RE = new RegExp(URGENT_WORDS.join('|'));

export function isUrgent(text: string): boolean {
  return URGENT_RE.test(text);
}
