/**
 * WeChat / WeCom quote replies as they arrive in a message's text (pure).
 *
 * PC WeChat and the puppets put the quoted message first, a dashed line, then the reply:
 *   「王副主任：@褚局长 湖滨路占道经营……」
 *   - - - - - - - - - - - - - - -
 *   已集中整治……
 * Some clients put the reply first and the quote after the line; WeCom uses "…" or 「…」 and a
 * line of dashes. Both orders are read.
 */

export interface Quote {
  /** Whose message is quoted, as the chat shows the name (may be empty). */
  name: string;
  /** The quoted text. */
  quoted: string;
  /** The sender's own words. */
  reply: string;
}

/** The dashed line; blanks within the line only (\s on both sides of it is quadratic on a long run of blank lines). */
const LINE = /\n[^\S\n]*(?:-[^\S\n]*){4,}(?:\n|$)/;
const OPEN = /^[「"“]\s*([^：:\n」"”]{1,30})[：:]/;
const CLOSERS = '」"”';

/** 「name：quoted」 (the whole part, blanks around), read without a lazy match to the end (linear). */
function quotedPart(part: string): { name: string; quoted: string } | null {
  const s = part.trim();
  if (s.length < 3 || !CLOSERS.includes(s[s.length - 1] as string)) return null;
  const m = OPEN.exec(s);
  if (m === null || m[0].length > s.length - 1) return null;
  return { name: (m[1] ?? '').trim(), quoted: s.slice(m[0].length, -1).trim() };
}

/** The quote and the reply of a quote reply, or null for an ordinary message. */
export function splitQuote(text: string): Quote | null {
  const m = LINE.exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  const first = quotedPart(before);
  if (first) return { ...first, reply: after.trim() };
  const last = quotedPart(after);
  if (last) return { ...last, reply: before.trim() };
  return null;
}

/** The sender's own words: the reply of a quote reply, else the whole text. */
export function ownWords(text: string): string {
  return splitQuote(text)?.reply ?? text;
}
