/**
 * What a short chat message is, before any handler reads it as an answer (pure):
 * a command of the bot (never an answer), an acknowledgement (收到/签收, the same everywhere a
 * unit is asked to sign), a message with no substance (好的, 在吗, 谢谢, 👌 …), or content.
 * Every answer-taking handler (dispatches, 双派单 rounds, ticket digests) asks this module.
 */
import { CONSOLE_COMMAND } from '../texts/console.js';
import { ownWords } from './quote.js';

/** Emoji (with skin tones, joiners, variation selectors) and WeChat's [表情] tokens. */
const EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D\u20E3]/gu;
const WX_EMOJI = /\[[\u4e00-\u9fa5A-Za-z]{1,4}\]/g;
const LEADING_MENTIONS = /^(?:\s*@[^\s\u2005@]+[\s\u2005]*)+/;
const EDGE_PUNCT = /^[\s,，.。!！?？~～、;；:：…—\-]+|[\s,，.。!！~～、;；:：…—\-]+$/g;

/**
 * The sender's own words, plain: the reply of a quote reply, without leading @-mentions,
 * emoji and WeChat emoji tokens, blanks collapsed, trimmed.
 */
export function plainWords(text: string): string {
  return ownWords(text).replace(EMOJI, ' ').replace(WX_EMOJI, ' ').replace(LEADING_MENTIONS, '').replace(/\s+/g, ' ').trim();
}

// ---- commands ---------------------------------------------------------------------------------

export type CommandKind = 'help' | 'console' | 'progress' | 'transfer' | 'approval' | 'query';

const COMMANDS: ReadonlyArray<[CommandKind, RegExp]> = [
  ['help', /^(?:帮助|help|使用说明|功能|菜单|\?|？)$/i],
  ['console', CONSOLE_COMMAND],
  ['progress', /^(?:调度进展|调度进度|调度情况)\s*[:：]?\s*(?:[Dd]\s?\d{1,7})?\s*[?？。]?$/],
  ['transfer', /^转办(?:[\s:：，,]|$)/],
  ['approval', /^(?:申请(?:退办|不再办理)|(?:不同意|同意)\s*[:：]?\s*TB\d{1,8}\b|批准\s*TB\d|驳回\s*TB\d)/i],
  ['query', /^(?:我的待办|我的工单|本单位待办|待办事项|待办|查超期|超期工单|查待办|查询|查看|查一下|查下|帮我查|请帮忙查|看看)/],
];

/** Words that say a unit has done something about it (an answer, not a question or a promise). */
export const HANDLED =
  /已(?:经)?[^，。,.；;]{0,6}(?:处置|办结|完成|到现场|到场|赶到|整改|解决|处理|落实|清理|恢复|协调|答复|联系|疏通|维修|修复|回访|拆除|核实|查明|整治|取缔|劝离|约谈|督促)|反馈如下|情况如下|现反馈|现将|特此反馈|处置情况|办理情况|办理结果|处理结果|核查情况|整改情况/;

/**
 * The bot command a message is, or null. Commands are never answers to a dispatch, a 双派单
 * round or a ticket. A query (查超期, 我的待办 …) that already reports handling is content.
 */
export function commandOf(text: string): CommandKind | null {
  const s = plainWords(text).replace(/[。.!！]+$/, '');
  if (s === '') return null;
  for (const [kind, re] of COMMANDS) {
    if (!re.test(s)) continue;
    if (kind === 'query' && HANDLED.test(s)) return null;
    return kind;
  }
  return null;
}

// ---- acknowledgements -------------------------------------------------------------------------

/** 收到 / 已收到 / 签收 / 已签收 / 已阅 / 知悉, optionally after 好的 / OK / 明白. */
const ACK_START = /^(?:(?:好的|好|OK|ok|Ok|明白|是的?)[\s，,、!！]*)?(?:工单)?(?:已经?收到了?|收到了?|已?签收|已阅|阅|已知悉|知悉|已?收悉)/;
/** A question's end: ？ or a final 吗/呢. */
const QUESTION_END = /(?:[?？]+|[吗呢么嘛][。.!！~～]*)$/;
/** After the acknowledgement, a short promise to act ("收到，马上安排到场") is still only that. */
const MAX_ACK_TAIL = 30;

/** The words after an acknowledgement, or null when the message is not one. */
export function ackTail(text: string): string | null {
  const s = plainWords(text);
  const m = ACK_START.exec(s);
  if (!m) return null;
  return s.slice(m[0].length).replace(EDGE_PUNCT, '');
}

/**
 * An acknowledgement and nothing more (收到, 已收到, 好的收到, 收到！马上办, 签收, 已签收,
 * 👌收到 …): no report of handling after it and only a short tail.
 */
export function isAck(text: string): boolean {
  const tail = ackTail(text);
  return tail !== null && tail.length <= MAX_ACK_TAIL && !HANDLED.test(tail) && !QUESTION_END.test(tail);
}

// ---- substance -------------------------------------------------------------------------------

const FILLER =
  /^(?:好的?|好嘞|好滴|嗯+|恩+|哦+|噢+|喔+|ok|okay|好吧|行|可以|没问题|是的?|对|对的|明白|明白了|了解|知道了?|谢谢|谢谢您|谢谢领导|多谢|感谢|谢了|辛苦了?|辛苦辛苦|您辛苦了|在吗|在不在|在|您好|你好|早|早上好|上午好|下午好|晚上好|晚安|哈+|呵呵|嘿嘿|收到|已收到|签收|稍等|请稍等|马上|好的马上|领导|各位领导)$/i;

/** A form of address around a greeting: 王主任好, 谢谢李主任, 各位领导辛苦了. */
const ADDRESS = /^(?:各位)?(?:[\u4e00-\u9fa5]副?(?:主任|局长|书记|组长|镇长|区长|科长|处长|部长)|领导|各位领导|各位)/;
const ADDRESS_END = /(?:[\u4e00-\u9fa5]副?(?:主任|局长|书记|组长|镇长|区长|科长|处长|部长)|领导|各位领导)$/;

function isFillerSegment(seg: string): boolean {
  if (FILLER.test(seg)) return true;
  const a = seg.replace(ADDRESS, '');
  if (a !== seg && (a === '' || FILLER.test(a))) return true;
  const b = seg.replace(ADDRESS_END, '');
  return b !== seg && b !== '' && FILLER.test(b);
}

/**
 * Whether a message carries substance: some words beyond greetings, thanks, 好的, 收到 and
 * emoji (at least four letters or digits left), or a report of handling.
 */
export function hasSubstance(text: string): boolean {
  const s = plainWords(text);
  if (HANDLED.test(s)) return true;
  const kept = s
    .split(/[\s,，.。!！?？~～、;；:：…—\-]+/)
    .filter((seg) => seg !== '' && !isFillerSegment(seg))
    .join('');
  return (kept.match(/[\p{L}\p{N}]/gu) ?? []).length >= 4;
}

/** A question (ends with ？ or 吗/呢) that reports no handling: asks something, answers nothing. */
export function isQuestion(text: string): boolean {
  const s = plainWords(text);
  return QUESTION_END.test(s) && !HANDLED.test(s);
}

export type Intent = 'command' | 'ack' | 'question' | 'filler' | 'content';

/**
 * The one reading every answer-taking handler starts from: only 'content' may be recorded as
 * an answer, only 'ack' as a 签收.
 */
export function intentOf(text: string): Intent {
  if (commandOf(text) !== null) return 'command';
  if (isAck(text)) return 'ack';
  if (!hasSubstance(text)) return 'filler';
  return isQuestion(text) ? 'question' : 'content';
}
