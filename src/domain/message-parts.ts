/**
 * A long text as a few chat messages (pure). Neither channel cuts a text for us in a readable way: Wechaty sends it
 * whole, however long, and WeCom cuts markdown at 4,096 UTF-8 bytes wherever a line ends (bot/wecom/outbound.ts),
 * with nothing saying the second piece goes on from the first. A list the bot makes long (a warning digest) is
 * packed here instead: whole lines, each message at most `maxChars` characters and `maxBytes` bytes, every one after
 * the first opened by a line saying it continues.
 */

/** About as much as one reads on a phone screen or two; well under WeCom's 4,096 bytes with the @-tags added. */
export const PART_MAX_CHARS = 1500;
export const PART_MAX_BYTES = 4000;

export interface PartLimits {
  maxChars: number;
  maxBytes: number;
}

const utf8 = new TextEncoder();
const charsOf = (s: string) => [...s].length;
const bytesOf = (s: string) => utf8.encode(s).length;

/**
 * `lines` packed into messages in order: each within the limits where its lines allow (a single line longer than
 * a message goes alone, uncut), each after the first starting with `continued`; as few as the limits allow, of
 * about even length. Blocks keep a heading with what
 * follows: a line is never left last in a part when `keepWithNext(i)` says it introduces line i + 1.
 */
export function packLines(
  lines: readonly string[],
  continued: string,
  limits: PartLimits = { maxChars: PART_MAX_CHARS, maxBytes: PART_MAX_BYTES },
  keepWithNext: (i: number) => boolean = () => false,
): string[] {
  const greedy = packGreedy(lines, continued, limits, keepWithNext);
  if (greedy.length < 2) return greedy;
  // As many parts, as even as they come: the smallest limits that need no more parts (a last part of a line or two
  // reads as an afterthought).
  let lo = 1;
  let hi = limits.maxChars;
  let best = greedy;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const tried = packGreedy(lines, continued, { maxChars: mid, maxBytes: limits.maxBytes }, keepWithNext);
    if (tried.length <= greedy.length) {
      best = tried;
      hi = mid;
    } else lo = mid + 1;
  }
  return best;
}

function packGreedy(
  lines: readonly string[],
  continued: string,
  limits: PartLimits,
  keepWithNext: (i: number) => boolean,
): string[] {
  const fits = (s: string) => charsOf(s) <= limits.maxChars && bytesOf(s) <= limits.maxBytes;
  const parts: string[][] = [];
  let cur: string[] = [];
  /** Lines of `cur` that are not the continuation line. */
  let own = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const next = [...cur, line];
    if (own === 0 || fits(next.join('\n'))) {
      cur = next;
      own++;
      continue;
    }
    // A heading left last moves to the next part with the line it introduces.
    const carried: string[] = [];
    while (own - carried.length > 1 && keepWithNext(i - 1 - carried.length)) carried.unshift(cur.pop() as string);
    parts.push(cur);
    cur = [continued, ...carried, line];
    own = carried.length + 1;
  }
  if (cur.length > 0) parts.push(cur);
  return parts.map((p) => p.join('\n'));
}
