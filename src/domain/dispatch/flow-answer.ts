/**
 * A unit's reply to a dispatch (pure): is the message an acknowledgement (收到/签收), an answer
 * (a reply with content), or ordinary chat; which dispatch codes it names; and which open
 * dispatch it belongs to.
 */
import { ackTail, commandOf, HANDLED, hasSubstance, isAck, isQuestion } from '../language/intent.js';
import { ownWords, splitQuote } from '../language/quote.js';

/** "D12", "d12", "编号D12", "D12号": codes named in a text, upper-cased, in order, no duplicates. */
export function findCodes(text: string): string[] {
  const out: string[] = [];
  const re = /(?<![A-Za-z0-9])[Dd]\s?(\d{1,7})(?!\d)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const code = `D${Number(m[1])}`;
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

const LEADING_MENTIONS = /^(?:\s*@[^\s\u2005@]+[\s\u2005]*)+/;
const CODE = /(?:编号|调度|事项)?\s?(?<![A-Za-z0-9])[Dd]\s?\d{1,7}(?!\d)号?/g;

export type ReplyKind = 'ack' | 'answer';

export interface ReplyClass {
  kind: ReplyKind;
  /** Dispatch codes named in the text. */
  codes: string[];
  /** The text is nothing but a code (the unit telling which dispatch an earlier reply was for). */
  codeOnly: boolean;
}

export interface ReplyContext {
  chat: 'group' | 'private';
  /** The message @-mentions the bot. */
  mentionsBot: boolean;
  /** The message is addressed to a leader: @ or name, a quoted dispatch, or 报告… (see addressing.ts). */
  addressed?: boolean;
}

/** The reply's own words (a quote reply's reply) without leading @-mentions, trimmed. */
export function replyBody(text: string): string {
  return ownWords(text).replace(LEADING_MENTIONS, '').trim();
}

/**
 * Whether a head's or liaison's message is a reply to a dispatch at all, and of which kind.
 * A bot command never is (intent.ts). It counts when it is private to the bot, names a code
 * (its own or in the message it quotes), @-mentions the bot, is addressed to a leader, starts
 * with 收到/签收/已阅, or clearly reports handling; an answer must carry substance (not 好的,
 * 在吗, 谢谢 …) and not be a question. Everything else (chit-chat in the group) is null. The caller still rules out
 * daily reports and checks that the unit has a dispatch open.
 */
export function classifyReply(text: string, c: ReplyContext): ReplyClass | null {
  const body = replyBody(text);
  if (body === '') return null;
  if (commandOf(body) !== null) return null;
  const own = findCodes(body);
  const quoted = splitQuote(text)?.quoted ?? '';
  const codes = own.length > 0 ? own : findCodes(quoted);
  const rest = body
    .replace(CODE, ' ')
    .replace(/^[\s，,：:。.、]+/, '')
    .trim();
  const codeOnly = own.length > 0 && /^(?:是|为|属于|针对|回复|对应)?[\s，,。.！!、]*(?:的)?$/.test(rest);
  if (codeOnly) return { kind: 'answer', codes, codeOnly: true };
  if (isAck(rest)) return { kind: 'ack', codes, codeOnly: false };
  if (ackTail(rest) !== null) return { kind: 'answer', codes, codeOnly: false };
  // "D12 好的👌": a code with nothing more than 好的 is that dispatch's acknowledgement.
  if (!hasSubstance(rest)) return own.length > 0 && !isQuestion(rest) ? { kind: 'ack', codes, codeOnly: false } : null;
  if (isQuestion(rest)) return null;
  if (c.chat === 'private' || own.length > 0 || c.mentionsBot || c.addressed === true || HANDLED.test(rest)) {
    return { kind: 'answer', codes, codeOnly: false };
  }
  return null;
}

/** One of the unit's dispatches as the linker sees it. */
export interface OpenForUnit {
  code: string;
  acked: boolean;
  answered: boolean;
}

export type Link = { kind: 'linked'; code: string } | { kind: 'ask'; codes: string[] } | { kind: 'none' };

/**
 * Which dispatch a reply belongs to: the code it names (if that dispatch went to the unit);
 * else the unit's only open one; an acknowledgement also goes to the only one not yet
 * acknowledged; with several, the bot asks which (listing the codes).
 */
export function linkReply(kind: ReplyKind, codes: readonly string[], mine: readonly OpenForUnit[]): Link {
  if (codes.length > 0) {
    const hit = codes.find((c) => mine.some((d) => d.code === c));
    return hit ? { kind: 'linked', code: hit } : { kind: 'none' };
  }
  const open = mine.filter((d) => !d.answered);
  if (open.length === 0) return { kind: 'none' };
  if (open.length === 1) return { kind: 'linked', code: (open[0] as OpenForUnit).code };
  if (kind === 'ack') {
    const unacked = open.filter((d) => !d.acked);
    if (unacked.length === 1) return { kind: 'linked', code: (unacked[0] as OpenForUnit).code };
  }
  return { kind: 'ask', codes: open.map((d) => d.code) };
}
