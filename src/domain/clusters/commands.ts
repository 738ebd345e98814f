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
