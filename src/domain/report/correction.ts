/**
 * Is a report message a correction of the day's report (更正 / 改为 / 应为 / 刚才报错了 /
 * 更新一下 / 补充：… / 另外… / 不好意思…)? And is a message never a report at all (an
 * acknowledgement, or an answer naming a case code: "D9 收到", "好的收到1")? Pure; the parser
 * proper stays as it is (see parse.ts), these read the same text at the handler's call site.
 */
import { isAck } from '../language/intent.js';

/** Words heads use when they change some figures of a report already sent. */
const CORRECTION = new RegExp(
  '更正|改正|纠正|修正|修改|订正|改为|改成|应为|应是|应该是|应该为|实为|实际(?:是|为)|报错|写错|填错|打错|' +
    '搞错|错了|有误|有错|更新一下|更新下|更新|补充|补报|补一下|漏报|漏了|漏写|另外|还有|再补|不好意思|抱歉|' +
    '对不起|sorry|刚才|刚刚|上条|上一条|前面那条|重新报',
  'i',
);

export function isCorrection(text: string): boolean {
  return CORRECTION.test(text);
}

/** A dispatch, 双派单 or approval code (D9, SP12, TB3): an answer to a case, never the day's report. */
const CASE_CODE = /(?<![A-Za-z])(?:SP|TB|D)\s?\d{1,7}(?!\d)/i;

/** Whether the text names a dispatch, 双派单 or approval code. */
export function namesCaseCode(text: string): boolean {
  return CASE_CODE.test(text);
}

/**
 * Why a text with at most one figure is still never a daily report: 'ack' (收到, 好的收到1),
 * 'code' (D9 收到). A report with more figures stays a report even when it names a case
 * (今日受理5件，办结4件，SP2已答复).
 */
export function neverAReport(text: string, figures = 1): 'ack' | 'code' | null {
  if (figures > 1) return null;
  if (CASE_CODE.test(text)) return 'code';
  if (isAck(text)) return 'ack';
  return null;
}
