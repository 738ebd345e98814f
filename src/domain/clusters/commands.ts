/** What people answer to a repeat warning (pure): dismissing it, asking to see it whole. */
import { normalizeWidth } from '../language/numerals.js';

const VERB = '(?:忽略|不再预警)(?:预警|该预警|此预警)?';
const CODE = '[Cc]\\s?(\\d{1,8})';
/** The end of the command: nothing, closing punctuation, or a remark after a separator. */
const REST = '(?:[\\s，,。.；;：:！!]+.*)?';
const VERB_FIRST = new RegExp(`^${VERB}\\s*(?:预警\\s*)?${CODE}${REST}$`, 's');
const CODE_FIRST = new RegExp(`^(?:预警\\s*)?${CODE}\\s*[，,：:]?\\s*${VERB}${REST}$`, 's');

/**
 * A supervisor dismisses a repeat warning: `忽略 C12`, `忽略C12`, `忽略预警 C12`, `C12 忽略`, with or without a remark
 * after a comma or a space (`忽略 C3，已核实为同一诉求`). The code is read in either case (c3 = C3).
 */
export function parseDismiss(text: string): string | null {
  const t = text.trim();
  const m = VERB_FIRST.exec(t) ?? CODE_FIRST.exec(t);
  return m?.[1] ? `C${m[1]}` : null;
}

/** Asking to see (查看 / 看一下 / 发一下), politely or not. */
const VIEW = '(?:请|麻烦|帮我|请帮忙)?(?:查看|查询|查一下|查下|查|看看|看一下|看下|调阅|发一下|发下|发我)?';
const WARNING = '(?:重复诉求)?预警(?:编号)?';
/** What of it: 详情, 的情况, 的工单, 是哪些工单… */
const WHAT =
  '(?:的)?(?:详情|详细情况|具体情况|情况|明细|工单清单|全部工单|工单|清单|是什么|是哪些工单|有哪些工单|包括哪些工单|' +
  '是怎么回事|怎么回事|啥情况|什么情况|是什么情况|具体是什么|说的是哪里|是哪里|在哪里?|在哪儿)';
const END = '[\\s，,。.？?！!~～]*';
const DETAIL = new RegExp(`^${VIEW}\\s*(?:${WARNING}\\s*)?${CODE}\\s*(?:${WARNING})?\\s*(?:${WHAT})?${END}$`);

/**
 * Someone asks to see one warning whole: `C12`, `查看 C12`, `预警C12`, `C12详情`, `看一下c12的工单`,
 * `预警C12是哪些工单？`, `C1是怎么回事`, `c3什么情况？`. Only these: `C12 已安排物业清理` is not a request (nor
 * anything with SP, D, V or TB codes). `text`: the sender's own words (plainWords). The code is read in either case.
 */
export function parseDetail(text: string): string | null {
  const m = DETAIL.exec(normalizeWidth(text).trim());
  return m?.[1] ? `C${m[1]}` : null;
}

/** Dismissing, in the words a supervisor uses without the code: 忽略吧, 不用管了, 取消, 不用跟进了 … */
const LET_GO =
  '(?:忽略|不用管|不需要管|不管了|别管了?|取消|撤销|撤掉|撤了|关掉|关了|关闭|销号|' +
  '不再(?:预警|跟进|提示|提醒)|(?:不用|无需|不需要|不必)(?:再)?(?:跟进|关注|提示|提醒|处理))';
/** Not to dismiss: 不要忽略, 别取消, 不能关. */
const KEEP = /(?:不要|别|不能|不得|不可|不准|暂不|先不)(?:忽略|取消|撤销|撤|关|销号)/;
/** 预警 of a repeat complaint, not a ticket's colour (黄色预警) nor a code. */
const WARNING_WORD = /(?<!黄色|红色|蓝色|橙色)(?:重复诉求)?预警/;
/** Between the warning and the verb: 就 / 先 / 可以 / 直接 / 请 / 帮忙 …, a 把 / 给. */
const SOFT = '(?:就|先|也|可以|直接|请|帮忙|麻烦|帮我|给|都)*';
const WARNING_THEN_VERB = new RegExp(`^(.{0,24}?)${WARNING_WORD.source}(?:[\\s，,]*)${SOFT}${LET_GO}`);
const VERB_THEN_WARNING = new RegExp(
  `^(?:请|麻烦|帮忙|帮我)?${SOFT}(?:把|将)?(?:忽略|取消|撤销|关掉|关闭)(?:掉|一下)?(.{0,24}?)${WARNING_WORD.source}` +
    '(?:吧|了|一下)?\\s*$',
);
const LAST_LET_GO = new RegExp(`^${SOFT}${LET_GO}(?:掉|吧|了|即可|就行|就可以)*$`);
const WARNING_LAST = new RegExp(`^(.{0,24}?)${WARNING_WORD.source}$`);
/** The words naming no place: the warning's pointers and particles (那个 / 这个 / 的 / 关于 / 把). */
const POINTERS = /那个|这个|那条|这条|那处|这处|那一?件|关于|有关|上面|刚才|刚刚|之前|今天|的|把|将|给|个/g;

/**
 * A supervisor dismissing a repeat warning without its code: 烧烤店那个预警忽略吧（，李主任已经点对点调度了）/
 * 锦绣小区那个预警不用管了 / 预警取消吧 / 忽略锦绣小区的预警. Returns the words that name it (烧烤店, 锦绣小区; '' for
 * none), or null: not a dismissal (a code is parseDismiss's; 黄色预警 is a ticket's colour; 不要忽略 keeps it). Only
 * the message's first clause is read; a remark may follow it.
 */
export function parseDismissByWords(text: string): string | null {
  const t = normalizeWidth(text).trim();
  if (/(?<![A-Za-z])[Cc]\s?\d{1,8}/.test(t) || KEEP.test(t)) return null;
  const clauses = t.split(/[。；;！!\n]/)[0]?.split(/[，,]/) ?? [];
  const clause = clauses[0]?.trim() ?? '';
  const m =
    WARNING_THEN_VERB.exec(clause) ??
    VERB_THEN_WARNING.exec(clause) ??
    // 关于锦绣小区烧烤店的预警，李主任已经调度了，忽略吧: the warning named first, let go at the end.
    (clauses.length > 1 && LAST_LET_GO.test(clauses.at(-1)?.trim() ?? '') ? WARNING_LAST.exec(clause) : null);
  if (!m) return null;
  const words = (m[1] ?? '').replace(POINTERS, '').replace(/[\s，,：:]+/g, '');
  // 把烧烤店那个预警忽略吧 and 烧烤店那个预警忽略吧 name the same; words that are a sentence are no place.
  return words.length <= 12 ? words : null;
}
