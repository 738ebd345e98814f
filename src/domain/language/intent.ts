/**
 * What a short chat message is, before any handler reads it as an answer (pure):
 * a command of the bot (never an answer), an acknowledgement (收到/签收, the same everywhere a
 * unit is asked to sign), a message with no substance (好的, 在吗, 谢谢, 👌 …), or content.
 * Every answer-taking handler (dispatches, 双派单 rounds, ticket digests) asks this module.
 */
import { CONSOLE_COMMAND } from '../texts/console.js';
import { ownWords } from './quote.js';
import { toSimplified } from './traditional.js';
import { trimEndOf, trimStartOf } from './trim.js';

/** Emoji (with skin tones, joiners, variation selectors) and WeChat's [表情] tokens. */
const EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D\u20E3]/gu;
const WX_EMOJI = /\[[\u4e00-\u9fa5A-Za-z]{1,4}\]/g;
const LEADING_MENTIONS = /^\s*(?:@[^\s@]+\s*)+/;
const EDGE_START = /[\s,，.。!！?？~～、;；:：…—\-]/;
const EDGE_END = /[\s,，.。!！~～、;；:：…—\-]/;
/** Punctuation and blanks off both ends (a final ？ is kept: it makes a question). Linear. */
const trimEdgePunct = (s: string): string => trimEndOf(trimStartOf(s, EDGE_START), EDGE_END);
const FINAL_STOP = /[。.!！]/;

/**
 * The sender's own words, plain: the reply of a quote reply, in simplified characters, without leading @-mentions,
 * emoji and WeChat emoji tokens, blanks collapsed, trimmed.
 */
export function plainWords(text: string): string {
  return toSimplified(ownWords(text))
    .replace(EMOJI, ' ')
    .replace(WX_EMOJI, ' ')
    .replace(LEADING_MENTIONS, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---- commands ---------------------------------------------------------------------------------

export type CommandKind = 'help' | 'console' | 'progress' | 'transfer' | 'approval' | 'query';

const COMMANDS: ReadonlyArray<[CommandKind, RegExp]> = [
  ['help', /^(?:帮助|help|使用说明|功能|菜单|\?|？)$/i],
  ['console', CONSOLE_COMMAND],
  ['progress', /^(?:调度进展|调度进度|调度情况)\s*[:：]?\s*(?:[Dd]\s?\d{1,7})?\s*[?？。]?$/],
  ['transfer', /^转办(?:[\s:：，,]|$)/],
  ['approval', /^(?:申请(?:退办|不再办理)|(?:不同意|同意)\s*[:：]?\s*TB\d{1,8}\b|批准\s*TB\d|驳回\s*TB\d)/i],
  [
    'query',
    /^(?:我的待办|我的工单|本单位待办|待办事项|待办|查超期|超期工单|查待办|查询|查看|查一下|查下|帮我查|请帮忙查|看看)/,
  ],
];

/** Words that say a unit has done something about it (an answer, not a question or a promise). */
export const HANDLED = new RegExp(
  '已(?:经)?[^，。,.；;]{0,6}(?:处置|办结|完成|到现场|到场|赶到|整改|解决|处理|落实|清理|恢复|协调|答复|联系|' +
    '疏通|维修|修复|回访|拆除|核实|查明|整治|取缔|劝离|约谈|督促)|反馈如下|情况如下|现反馈|现将|特此反馈|' +
    '处置情况|办理情况|办理结果|处理结果|核查情况|整改情况',
);

/** The words of help and console requests in everyday phrasing (帮助一下, 怎么用, 打开控制台, 控制台链接发我一下). */
const LOOSE_CORES: ReadonlyArray<[CommandKind, RegExp]> = [
  [
    'help',
    new RegExp(
      '帮助|使用说明|操作说明|使用方法|操作方法|使用指南|操作指南|用法|菜单|(?:怎么|如何|怎样)(?:使用|用|操作)|' +
        '(?:能|可以|会)(?:做|干)(?:什么|啥|些什么)|(?:有|都有)(?:什么|哪些|啥)功能',
    ),
  ],
  ['console', /控制台|管理后台|后台|看板/],
];
/** The polite wrapping around such a request: asking, sending, opening, the link, particles, thanks. */
const REQUEST_WRAP = new RegExp(
  `^(?:${[
    '请问|请|麻烦(?:你|您)?|劳驾|帮(?:我|忙)?|把|给我|发给我|发我|发过来|过来|发送|发|再|重新|来',
    '我要|我想|想|需要|要|能否|能不能|可以|可否|一下|下|一个|一份|个',
    '打开|进入|进|登录|登陆|链接|连接|地址|网址|入口|页面|网页|新的|的|你|您|这个|督办助手|助手|机器人',
    '看看|查看|看|在哪里|在哪|哪里|怎么|如何|吧|呢|啊|呀|哈|谢谢|谢了|好吗|行吗',
  ].join('|')})+$`,
);
const LOOSE_MAX = 24;

/** A help or console request wrapped in polite words, with nothing else in it; or null. */
function looseCommandOf(s: string): CommandKind | null {
  const flat = s.replace(/[\s,，.。!！?？~～、;；:：…—\-]+/g, '');
  if (flat === '' || flat.length > LOOSE_MAX) return null;
  for (const [kind, core] of LOOSE_CORES) {
    const m = core.exec(flat);
    if (!m) continue;
    const rest = flat.slice(0, m.index) + flat.slice(m.index + m[0].length);
    if (rest === '' || REQUEST_WRAP.test(rest)) return kind;
  }
  return null;
}

/**
 * The bot command a message is, or null. Commands are never answers to a dispatch, a 双派单
 * round or a ticket. A query (查超期, 我的待办 …) that already reports handling is content.
 * Help and the console are also read in everyday wrapping (帮助一下, 怎么用, 打开控制台,
 * 控制台链接发我一下); `strict` reads only the bare commands (the group's chatter, where such
 * words may be meant for a person).
 */
export function commandOf(text: string, opts: { strict?: boolean } = {}): CommandKind | null {
  const s = trimEndOf(plainWords(text), FINAL_STOP);
  if (s === '') return null;
  for (const [kind, re] of COMMANDS) {
    if (!re.test(s)) continue;
    if (kind === 'query' && HANDLED.test(s)) return null;
    return kind;
  }
  return opts.strict ? null : looseCommandOf(s);
}

// ---- acknowledgements -------------------------------------------------------------------------

/** 收到 / 已收到 / 签收 / 已阅 / 知悉, optionally after 好的 / OK / 明白. */
const ACK_START =
  // check-lines: long regex
  /^(?:(?:好的|好|OK|ok|Ok|明白|是的?)[\s，,、!！]*)?(?:工单)?(?:已经?收到了?|收到了?|已?签收|已阅|阅|已知悉|知悉|已?收悉)/;
/** A question's end: ？ or a final 吗/呢. */
const QUESTION_END = /(?:[?？]+|[吗呢么嘛][。.!！~～]*)$/;
/** After an acknowledgement, a promise to act ("收到，马上安排执法人员今晚过去") is still only that. */
const MAX_ACK_TAIL = 80;

/**
 * Words that report what was found or produced — an answer even without 已…处置: 经核实,
 * 现场查看发现, 方案已形成, 口径如下：, figures of what was done (走访46户, 清理摊点12处).
 */
export const FINDING =
  // check-lines: long regex
  /经(?:过)?(?:核实|核查|排查|调查|了解|查|摸排|走访)|发现|已(?:经)?[^，。,.；;]{0,6}(?:形成|制定|拟定|梳理|出台|编制|明确|开展|走访|排查|检查|摸排|发放|约谈|通知|告知|张贴|安装|更换|加装|补齐|加固|清运|清除|劝导|踏勘|勘查|查看|完工)|(?:方案|口径|措施|结果|情况|原因|进展)(?:如下|是|为)?[:：]|如下[:：]?$|已经[^，。,.；;]{1,8}了|(?:修|弄|办|搞|处理|清理|整改|装)(?:好|完)了|搞定了?|\d+\s*(?:户|处|家|件|米|起|辆|条|吨|台|部|床|份|元|平方|万)/;

/** A report to a superior's opening: 报告王主任， / 王主任， / 好的王主任，. */
const ADDRESS_OPENING =
  // check-lines: long regex
  /^(?:现?(?:报告|汇报)[\s，,：:]*)?(?:(?:各位)?[\u4e00-\u9fa5]副?(?:主任|局长|书记|组长|镇长|区长|科长|处长|部长)|各位领导|领导)[\s，,：:!！]*/;
/** An acknowledgement word somewhere near the start ("城东街道收到，…", "好的王主任，…"). */
const ACK_WORD = /收到|已?签收|已阅|知悉|收悉|好的|明白|遵照执行|照办/;
/** How far into the message (after the opening) an acknowledgement word still opens it. */
const ACK_WINDOW = 10;
/** A promise opening the message: the unit will act, has not yet. */
const PROMISE_START = new RegExp(
  '^(?:我们|我局|我单位|我镇|我街道|本单位)?(?:马上|立即|立刻|尽快|抓紧|即刻|迅速|随即|这就|现在就|稍后|全力|' +
    '正在|准备|将(?:于|在|会)?)',
);

/** Words of a promise anywhere after 好的 / 明白. */
const PROMISE_WORD = new RegExp(
  '马上|立即|立刻|尽快|抓紧|即刻|迅速|随即|这就|现在就|稍后|全力|正在|准备|安排|配合|落实|跟进|过去|前往|' +
    '去现场|处理|办理',
);

/** The words after an acknowledgement, or null when the message is not one. */
export function ackTail(text: string): string | null {
  const s = plainWords(text);
  const m = ACK_START.exec(s);
  if (!m) return null;
  return trimEdgePunct(s.slice(m[0].length));
}

/** What follows an acknowledgement or opens a promise, or null: the part that must report nothing done. */
function ackOrPromiseRest(s: string): string | null {
  const strict = ACK_START.exec(s);
  if (strict) return s.slice(strict[0].length);
  const body = s.replace(ADDRESS_OPENING, '');
  const w = ACK_WORD.exec(body);
  if (w && w.index <= ACK_WINDOW) {
    const rest = trimEdgePunct(body.slice(w.index + w[0].length)).replace(ADDRESS_OPENING, '');
    // 好的 / 明白 alone is no more than a yes (isSoftAck); with a promise after it, an acknowledgement.
    if (/^(?:好的|明白)$/.test(w[0]) && (rest === '' || !PROMISE_WORD.test(rest))) return null;
    return rest;
  }
  if (PROMISE_START.test(body)) return body;
  return null;
}

/** When a plan is for: later today, tomorrow, a weekday, a date, soon. */
const PLAN_WHEN =
  // check-lines: long regex
  /(?:今天|今日|今晚|今夜|今明两天|明天|明日|明早|明晚|后天|当晚|晚上|晚间|下午|上午|中午|稍后|随后|近期|近日|本周|下周|这周|周[一二三四五六日末]|星期[一二三四五六日天]|\d{1,2}\s*[日号点时]|马上|立即|尽快|抓紧|第一时间)/;
/** An action verb a plan is about (去夜查, 安排人员, 反馈). */
const PLAN_ACT = new RegExp(
  '去|到现场|前往|赶往|安排|组织|开展|进行|核查|核实|夜查|检查|排查|走访|上门|登门|入户|见面|面谈|处理|处置|整治|' +
    '对接|联系|反馈|答复|回复|上报|报送|报告|落实|跟进|办理',
);
/** Words of a plan with no time: 将 / 计划 / 准备 / 拟 / 打算 + an action, or 〈when〉前反馈. */
const PLAN_WORD = new RegExp(
  '(?:将|计划|准备|拟|打算|预计|争取|力争|会在|会于)(?:于|在)?[^，。,.；;]{0,12}(?:去|到|前往|安排|组织|开展|' +
    '进行|核查|核实|夜查|检查|排查|走访|处理|处置|整治|对接|联系|反馈|答复|回复|上报|报送|落实|完成|办结)|' +
    '前(?:给予?)?(?:反馈|答复|回复|上报|报送|报告|办结|完成)',
);
/** Something done or happening already: a plan message that says it is no plan only. */
/** Two counts of the work (接了5个，处理完4个，剩1个明天回访): a day report's figures, never a plan. */
const WORK_FIGURES = /\d+\s*(?:个|件|单)(?!人)[^\d]{0,12}\d+\s*(?:个|件|单)(?!人)/;
const DONE_MARK = new RegExp(
  '已|(?:去|到|查|看|做|办|处理|整治|清理|联系|核实|检查|走访|夜查|排查|对接)(?:了|过)|完毕|结束了|目前|' +
    '现在[^，。,.；;]{0,4}(?:没有|无|不再)|正在',
);

/** "处理结果周五前报您" / "办理情况稍后反馈": a report promised, not given (its words are no answer). */
const PROMISED_REPORT = new RegExp(
  '(?:处理|办理|处置|核查|整改|整治)?(?:结果|情况)[^，。,.；;:：]{0,8}?(?:前|后|再|会|' +
    '将)[^，。,.；;:：]{0,3}(?:反馈|报|上报|回复|答复|报告|汇报)[^，。,.；;]{0,3}',
  'g',
);

function withoutPromisedReport(s: string): string {
  return s.replace(PROMISED_REPORT, '，');
}

/**
 * A message that only states a plan or a future action (今天晚上去夜查，周五前反馈 / 明天安排人
 * 去现场 / 我们将于周三前完成整改 / 稍后反馈): no completion, no finding. A 签收 with a plan,
 * never an answer that closes anything.
 */
export function isPlanOnly(text: string): boolean {
  const s = withoutPromisedReport(plainWords(text));
  if (s === '' || s.length > MAX_ACK_TAIL + 40) return false;
  if (HANDLED.test(s) || FINDING.test(s) || DONE_MARK.test(s) || QUESTION_END.test(s)) return false;
  if (WORK_FIGURES.test(s)) return false;
  return PLAN_WORD.test(s) || (PLAN_WHEN.test(s) && PLAN_ACT.test(s));
}

/**
 * An acknowledgement and nothing more: 收到, 已收到, 好的收到, 签收, 👌收到, and a promise to act
 * with or without it (收到，马上安排 / 报告王主任，城东街道收到，全力配合 / 好的王主任，马上安排执法
 * 人员今晚过去 / 马上安排人去看). Never when it reports something done or found (已清理, 经核实,
 * 现场查看发现, 方案已形成, figures of the work) or asks a question. A 签收, never an answer.
 */
export function isAck(text: string): boolean {
  const s = plainWords(text);
  if (s === '' || s.length > MAX_ACK_TAIL + 20) return false;
  const rest = ackOrPromiseRest(s);
  if (rest === null) return isPlanOnly(s);
  const tail = trimEdgePunct(withoutPromisedReport(rest));
  return tail.length <= MAX_ACK_TAIL && !HANDLED.test(tail) && !FINDING.test(tail) && !QUESTION_END.test(tail);
}

/** 好的 / 👌 / OK / 嗯嗯 / 明白 / 好滴 …: a bare "yes" that signs what waits to be signed (nothing else). */
const SOFT_ACK = /^(?:好的?|好嘞|好滴|好哒|嗯+|恩+|嗯嗯|ok|okay|明白|明白了|了解|知道了?|是的?|没问题|行|可以)+$/i;
/** 👌 / 👍 / 🆗 / [OK] / [强] / [好的]: the thumbs people sign with when something waits (else mere praise, ignored). */
const OK_EMOJI = /👌|👍|🆗|🙆|✅|✔|🫡|🙏|\[(?:OK|好的|强|赞|拳头|抱拳|握手|合十)\]/i;

/**
 * An acknowledgement in the looser sense a unit person signs with when something waits for a
 * 签收: isAck, or a bare 好的 / 👌 / OK / 嗯嗯 / 明白 (with a form of address: 好的王主任).
 */
export function isSoftAck(text: string): boolean {
  if (isAck(text)) return true;
  const s = plainWords(text).replace(/[。.!！~～，,、\s]+/g, '');
  if (s === '') return OK_EMOJI.test(ownWords(text));
  const bare = s.replace(ADDRESS_END_FORM, '').replace(ADDRESS_START_FORM, '');
  return bare !== '' && SOFT_ACK.test(bare);
}

/**
 * A yes or an acknowledgement and nothing more (收到 / 好的王主任 / 收到，马上安排 / 👌), never a plan read from time
 * and action words alone: 今天报送情况 names a topic, 明天安排人去 states a plan without a 收到.
 */
export function isAckOnly(text: string): boolean {
  if (!isSoftAck(text)) return false;
  const s = plainWords(text);
  return ackOrPromiseRest(s) !== null || !isPlanOnly(s);
}

const ADDRESS_END_FORM = /(?:[\u4e00-\u9fa5]副?(?:主任|局长|书记|组长|镇长|区长|科长|处长|部长)|领导|各位领导)$/;
const ADDRESS_START_FORM = /^(?:[\u4e00-\u9fa5]副?(?:主任|局长|书记|组长|镇长|区长|科长|处长|部长)|领导|各位领导)/;

/** 在吗 / 你好 / 早上好 / 大家早上好 / 早上好各位 / 早安 / 哈喽 (大家好 / 各位好 apart: a bare 好 is a yes). */
const GREETING =
  // check-lines: long regex
  /^(?:大家|各位)?(?:在吗|在不在|在|您好|你好|早|早安|早上好|上午好|中午好|下午好|晚上好|哈喽|hello|hi)+(?:大家|各位)?[呀啊]?$/i;

/** 谢谢 / 感谢 / 辛苦了 / 在吗 / 您好 …: courtesy with nothing to record or sign. */
export function courtesyOf(text: string): 'thanks' | 'greeting' | null {
  const s = plainWords(text)
    .replace(/[。.!！~～，,、?？\s]+/g, '')
    .replace(ADDRESS_END_FORM, '')
    .replace(ADDRESS_START_FORM, '');
  // 谢谢 / 好的谢谢 / 谢谢提醒 / 感谢关心 / 收到谢谢 / 辛苦了: thanks, after a yes or not.
  if (
    new RegExp(
      '^(?:好的?|好嘞|嗯+|ok|明白|收到了?|知道了)?(?:(?:谢谢|多谢|感谢|谢了)(?:您|你|领导|提醒|关心|指导|支持|' +
        '告知|通知)*|辛苦了?|辛苦辛苦|您辛苦了|麻烦了|麻烦您了)+$',
      'i',
    ).test(s)
  )
    return 'thanks';
  if (GREETING.test(s) || /^(?:大家|各位)好[呀啊]?$/.test(s)) return 'greeting';
  return null;
}

// ---- substance -------------------------------------------------------------------------------

const FILLER = new RegExp(
  '^(?:好的?|好嘞|好滴|嗯+|恩+|哦+|噢+|喔+|ok|okay|好吧|行|可以|没问题|是的?|对|对的|明白|明白了|了解|知道了?|' +
    '谢谢|谢谢您|谢谢领导|多谢|感谢|谢了|辛苦了?|辛苦辛苦|您辛苦了|在吗|在不在|在|您好|你好|早|早上好|上午好|' +
    '下午好|晚上好|晚安|哈+|呵呵|嘿嘿|收到|已收到|签收|稍等|请稍等|马上|好的马上|领导|各位领导)$',
  'i',
);

/** A form of address around a greeting: 王主任好, 谢谢李主任, 各位领导辛苦了. */
const ADDRESS = /^(?:各位)?(?:[\u4e00-\u9fa5]副?(?:主任|局长|书记|组长|镇长|区长|科长|处长|部长)|领导|各位领导|各位)/;
const ADDRESS_END = /(?:[\u4e00-\u9fa5]副?(?:主任|局长|书记|组长|镇长|区长|科长|处长|部长)|领导|各位领导)$/;

function isFillerSegment(seg: string): boolean {
  if (FILLER.test(seg) || courtesyOf(seg) !== null) return true;
  const a = seg.replace(ADDRESS, '');
  if (a !== seg && (a === '' || FILLER.test(a))) return true;
  const b = seg.replace(ADDRESS_END, '');
  return b !== seg && b !== '' && FILLER.test(b);
}

/** The bot and its tools named: a message about them is no answer about the work. */
const ABOUT_THE_BOT = /控制台|登录链接|督办助手|机器人|(?<!督办)助手/;

/** 控制台打不开 / 助手怎么没回复: the message is about the bot itself and reports no work. */
export function aboutTheBot(text: string): boolean {
  const s = plainWords(text);
  return ABOUT_THE_BOT.test(s) && !HANDLED.test(s) && !FINDING.test(s);
}

/**
 * Whether a message carries substance: some words beyond greetings, thanks, 好的, 收到 and
 * emoji (at least four letters or digits left), or a report of handling; not a message about
 * the bot itself (控制台打不开) unless it also reports work.
 */
export function hasSubstance(text: string): boolean {
  const s = plainWords(text);
  if (HANDLED.test(s)) return true;
  // 控制台打不开 / 助手怎么没回复: about the bot itself, never a report of work done.
  if (aboutTheBot(s)) return false;
  const kept = s
    .split(/[\s,，.。!！?？~～、;；:：…—\-]+/)
    .filter((seg) => seg !== '' && !isFillerSegment(seg))
    .join('');
  return (kept.match(/[\p{L}\p{N}]/gu) ?? []).length >= 4;
}

/**
 * Nothing but filler words: 好的，明白 / 收到，谢谢 / 辛苦了 / 嗯嗯 (each clause one of them,
 * with or without a form of address). Short words that mean something (采用, 撤回) are not.
 */
export function onlyFiller(text: string): boolean {
  const segs = plainWords(text)
    .split(/[\s,，.。!！?？~～、;；:：…—\-]+/)
    .filter((seg) => seg !== '');
  return segs.length > 0 && segs.every(isFillerSegment);
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
