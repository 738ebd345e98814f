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

const LINE = /\n\s*(?:-\s*){4,}\s*(?:\n|$)/;
const QUOTED = /^\s*[「"“]\s*([^：:\n」"”]{1,30})[：:]\s*([\s\S]*?)\s*[」"”]\s*$/;

/** The quote and the reply of a quote reply, or null for an ordinary message. */
export function splitQuote(text: string): Quote | null {
  const m = LINE.exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  const first = QUOTED.exec(before);
  if (first) return { name: (first[1] ?? '').trim(), quoted: (first[2] ?? '').trim(), reply: after.trim() };
  const last = QUOTED.exec(after);
  if (last) return { name: (last[1] ?? '').trim(), quoted: (last[2] ?? '').trim(), reply: before.trim() };
  return null;
}

/** The sender's own words: the reply of a quote reply, else the whole text. */
export function ownWords(text: string): string {
  return splitQuote(text)?.reply ?? text;
}
