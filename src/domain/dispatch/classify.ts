/**
 * Is a message a dispatch (assigns work or asks for a reply by some time), or thanks,
 * praise, an acknowledgement, a unit's own account, a question to the bot, a notice? Pure.
 */

export interface DispatchSignals {
  /** Normalised text. */
  text: string;
  /** A unit other than the sender's, a mentioned head/liaison/supervisor, or the supervision team is addressed. */
  specific: boolean;
  /** A deadline was found. */
  deadline: boolean;
  /** A head or liaison of another unit is @-mentioned. */
  mentionsUnitWorker?: boolean;
  /** Another unit than the sender's is named as an addressee or @-mentioned. */
  otherUnit?: boolean;
  /** The sender is a unit's head or liaison (they answer dispatches, they rarely give them). */
  fromUnit: boolean;
}

const LEADING_MENTIONS = /^(?: *@[^@ ,，。:;；]{1,16})* */;
/** A reply: acknowledgement or a unit's own account. */
const ACK = /^(?:收到|已收到|好的|好[，,!！。 ]|好$|明白|了解|已阅|遵照|遵命|正在|我们|我局|我单位|已经|已|OK|ok|嗯)/;
/** "马上安排…": a unit promising to act. */
const PROMISE = /^(?:马上|立即|尽快|立刻|即刻|第一时间)(?:安排|落实|办理|处理|去|组织|部署|到|赶)/;
const FIRST_PERSON = /我局|我们|我街道|我镇|我单位|我委|本局|本单位|我处|我中心|我科|我办/;
const STRONG = /(?:^|[^申提邀聘宴])请(?![示假教])|要求|务必|必须|责成/;
const IMPERATIVE = new RegExp(
  '(?:^|[^申提邀聘宴])请(?![示假教])|要求|务必|必须|责成|(?:^|[^重主需只摘纪提首不想])要(?![求点闻素件是])|须|' +
    '抓紧|尽快|立即|马上|即刻|火速|第一时间|迅速|立刻|尽早|督促|限期|确保|抓好|做好|落实|跟踪|跟进|牵头|配合|' +
    '负责|报我|反馈|答复|回复|核实|处置|整改|拿出|研究|排查|协调|到现场|说明|说清|举一反三|看看|处理一下|' +
    '盯(?:紧|住|一下|着)|跟一下|给(?:我)?个(?:准信|结果|说法|答复|回话)',
);
const URGENT = /立即|马上|尽快|即刻|第一时间|火速/;
const PRAISE = new RegExp(
  '感谢|谢谢|点赞|表扬|辛苦了|辛苦大家|大家辛苦|值得肯定|值得学习|值得推广|做得好|干得好|干得漂亮|很好|非常好|' +
    '好样的|致谢|锦旗|祝贺|再接再厉|继续保持|[得的]不错|很及时|非常及时|很到位|[得的](?:很|非常)?(?:漂亮|出色)',
);
const BOT = /小助手|机器人|助手/;
const NOTICE = /知悉|周知|知晓|查收|已发群|已发至|请注意|特此通知|通知如下|请各位|准时参加|准时参会|参加会议|召开/;
const GENERAL = /各(?:单位|部门|街道|镇街|镇|承办单位|责任单位|位)|大家|相关单位|有关单位|全体/;
const DONE = /(?:已|已经)[^，。,.]{0,6}(?:处置|完成|办结|到场|安排|整改|解决|反馈|落实|恢复|清理|处理|答复|协调)/;
/** A complaint put before a unit ("@褚局长 夜市油烟扰民，群众连续投诉") is work for it. */
const COMPLAINT = /投诉|反映|扰民|诉求|工单|群众|问题|隐患|事故|停水|停电|漏水|拖欠/;
const QUESTION = /[?？]|吗[。!！]?$|怎么样|进展如何|情况如何|什么时候|何时|为什么|能否|是否|有没有/;

export function isDispatchMessage(s: DispatchSignals): boolean {
  const body = s.text.replace(LEADING_MENTIONS, '').trim();
  if (body === '') return false;
  const strong = STRONG.test(body);
  if (ACK.test(body) && !(strong && s.specific && !s.fromUnit)) return false;
  if (PROMISE.test(body) && (s.fromUnit || !s.specific)) return false;
  if (FIRST_PERSON.test(body) && !strong) return false;
  if (BOT.test(body)) return false;
  if (PRAISE.test(body) && !strong && !(s.deadline && s.specific)) return false;
  if (NOTICE.test(body) && (!s.specific || !s.deadline)) return false;
  const imperative = IMPERATIVE.test(body);
  if (DONE.test(body) && !strong && (s.fromUnit || !(imperative && s.specific))) return false;
  // A head or liaison gives work only in a plain request with a deadline to another unit.
  if (s.fromUnit) return strong && s.deadline && s.otherUnit === true;
  if (s.specific) {
    if (imperative || s.deadline) return true;
    return QUESTION.test(body) || (s.mentionsUnitWorker === true && COMPLAINT.test(body));
  }
  if (GENERAL.test(body)) return s.deadline && imperative;
  return strong && (s.deadline || URGENT.test(body));
}
