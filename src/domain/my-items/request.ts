/**
 * Is a unit person's message a request for the unit's own open items (我的待办, 查超期,
 * 我们还有几件超期, 还有哪些没办…)? Pure; narrow on purpose: a short question about open work,
 * no figures, no case code, no statement of action (马上去现场, 已整改…).
 */

import { dropCjkSpaces, stripDecorations } from '../language/decorations.js';
import { normalizeWidth } from '../language/numerals.js';
import { trimEndOf } from '../language/trim.js';

/** What the person asks about: open work. */
const TOPIC = new RegExp(
  '待办|待处理|待答复|待回复|待签收|未签收|未答复|未回复|没回复|超期|逾期|超时|未办结|没办结|没办完|没有办|' +
    '没办|未办|未完成|没完成|在办|重办|欠账|遗留|必到|没走访|未走访|待走访|没上门|未上门',
);
/** That it is a question or a request to list (查 as in 查一下, not 查清 / 核查 / 严查: an instruction). */
const ASK = new RegExp(
  '(?<![核调排检严督追审复])查(?![清明处实办找验])|看看|看一下|看下|瞧|问一下|问下|几件|几个|几条|几单|多少|' +
    '哪些|哪几|什么|啥|吗|么|呢|[?？]|列表|清单|列一下|列出|发一下|发我|告诉我|统计',
);
/** The bare forms: 待办, 我的待办, 本单位待办事项, 超期工单. */
const BARE = new RegExp(
  '^(?:我的|我们的?|本单位的?|我单位的?|我局的?|咱们?的?)?(?:待办(?:事项|工作|清单|任务)?|超期(?:工单|件)?|' +
    '逾期(?:工单|件)?|未办结(?:工单|件)?)$',
);
/** Asking what is still on one's plate, in everyday words. */
const HOLDING = new RegExp(
  '^(?:我|我们|咱们?)?(?:手上|手头|这边|这儿|这里|这)?还有(?:哪些|什么|啥|几件|多少)(?:事|事情|事项|工作|' +
    '活)(?:没办|没完|要办|待办)?[吗呢啊]?[?？]?$',
);

/** Asking for the unit's tickets by its own name: 看看我们局有哪些单子 / 我们单位现在有哪些工单 / 查一下我局的工单. */
const OWN_TICKETS = new RegExp(
  '^(?:看看|看一下|看下|查查|查一下|查下|列一下)?(?:我们|我|咱们?|本单位|我单位|我局|本局)(?:局|单位|这边|手上|手头)?' +
    '(?:(?:现在|目前|还)?有(?:哪些|什么|啥|几件|几个|几单|多少)|的)(?:单子|工单|事项)(?:吗|呢|啊)?[?？]?$',
);

/** Statements of action or report: not a request. */
const ACTION = /现场|马上|立即|立刻|尽快|抓紧|安排|整改|处置|已经|已办结|(?<![待未])签收|收到|办理中|正在/;
const CODE = /(?<![A-Za-z])(?:SP|D)\s*\d+/i;

export function isMyItemsRequest(text: string): boolean {
  let t = dropCjkSpaces(stripDecorations(normalizeWidth(text), ' '))
    .replace(/^(?:\s*@[^\s\u2005@]+[\s\u2005]*)+/, '')
    .trim();
  t = t.replace(/^(?:请问|麻烦|请|帮忙|帮我|你好|您好|助手)[，,\s]*/g, '');
  t = trimEndOf(t, /[。.!！~～\s]/);
  if (t === '' || t.length > 30) return false;
  if (/\d/.test(t) || CODE.test(t)) return false;
  if (BARE.test(t)) return true;
  // 我手上还有哪些事 / 手头还有什么事没办 / 我这还有啥事
  if (HOLDING.test(t)) return true;
  // 看看我们局有哪些单子 / 我们单位现在有哪些工单 / 查一下我局的工单
  if (OWN_TICKETS.test(t)) return true;
  if (ACTION.test(t)) return false;
  return TOPIC.test(t) && ASK.test(t);
}
