/**
 * A unit's reply to a dispatch (pure): is the message an acknowledgement (收到/签收), an answer
 * (a reply with content), or ordinary chat; which dispatch codes it names; and which open
 * dispatch it belongs to.
 */

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
/** Acknowledgement words, at the start of the reply. */
const ACK_START = /^(?:收到|已收到|签收|已签收|已阅|阅|已知悉|知悉|好的[，,]?收到|收到了)/;
/** Words that say the unit has done something about it (an answer, not just a "received"). */
const HANDLED =
  /已(?:经)?[^，。,.；;]{0,6}(?:处置|办结|完成|到现场|到场|赶到|整改|解决|处理|落实|清理|恢复|协调|答复|联系|疏通|维修|修复|回访|拆除|核实|查明)|反馈如下|情况如下|现反馈|现将|特此反馈|处置情况|办理情况|办理结果|处理结果|核查情况|整改情况/;
/** A private message that is a command of some other part of the bot, not an answer. */
const COMMAND = /^(?:帮助|help|申请|查询|查看|工单|日报|补报|批准|同意|不同意|驳回|调度进展|转办)/i;
/** After 收到, a short promise to act ("收到，马上安排执法中队到场") is still only an acknowledgement. */
const MAX_ACK_TAIL = 30;

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
}

/** The reply's text without leading @-mentions, trimmed. */
export function replyBody(text: string): string {
  return text.replace(LEADING_MENTIONS, '').trim();
}

/**
 * Whether a head's or liaison's message is a reply to a dispatch at all, and of which kind.
 * It counts when it is private to the bot, names a code, @-mentions the bot, starts with
 * 收到/签收/已阅, or clearly reports handling. Everything else (chit-chat in the group) is null.
 * The caller still rules out daily reports and checks that the unit has a dispatch open.
 */
export function classifyReply(text: string, c: ReplyContext): ReplyClass | null {
  const body = replyBody(text);
  if (body === '') return null;
  if (c.chat === 'private' && COMMAND.test(body)) return null;
  const codes = findCodes(body);
  const rest = body.replace(CODE, ' ').replace(/^[\s，,：:。.、]+/, '').trim();
  const codeOnly = codes.length > 0 && /^(?:是|为|属于|针对|回复|对应)?[\s，,。.！!、]*(?:的)?$/.test(rest);
  if (codeOnly) return { kind: 'answer', codes, codeOnly: true };
  const ackStart = ACK_START.test(rest);
  if (ackStart) {
    const after = rest.replace(ACK_START, '');
    if (!HANDLED.test(after) && after.trim().length <= MAX_ACK_TAIL) return { kind: 'ack', codes, codeOnly: false };
    return { kind: 'answer', codes, codeOnly: false };
  }
  const handled = HANDLED.test(rest);
  if (c.chat === 'private' || codes.length > 0 || c.mentionsBot || handled) {
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

export type Link =
  | { kind: 'linked'; code: string }
  | { kind: 'ask'; codes: string[] }
  | { kind: 'none' };

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
