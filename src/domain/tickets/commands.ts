/** The ticket commands people type in the group or privately. Pure parsers. */

import { isAck } from '../language/intent.js';
import { collapseWhitespace, trimEndOf } from '../language/trim.js';

const NUMBER = '([A-Za-z0-9][A-Za-z0-9_-]{3,63})';
const SEP = '\\s*[,，:：;；]?\\s*';

export type TicketCommand =
  /** 签收 / 收到 / 已收到 … (the same acknowledgements as for dispatches and 双派单). */
  | { kind: 'ack' }
  /** `loose`: in other words (工单GD… 办完了); an unknown number then is most likely no ticket of ours. */
  | { kind: 'reported-done'; number: string; note: string; loose?: boolean }
  /** `loose`: said in other words (GD… 不归我们管，申请退回); only a unit's people ask that way. */
  | { kind: 'request'; type: '退办' | '不再办理'; number: string; reason: string; loose?: boolean }
  | { kind: 'decide'; approve: boolean; code: string; note: string };

const DONE = new RegExp(`^${NUMBER}\\s*(?:已办结|已经办结|已完成办理)${SEP}([\\s\\S]*)$`);
const REQUEST = new RegExp(`^申请(退办|不再办理)${SEP}${NUMBER}${SEP}([\\s\\S]*)$`);
/** A decision word: refusals first so 不同意 is not read as 同意. */
const VERDICT = '(不同意|不予同意|不批准|驳回|同意|批准|可以)';
/** 同意 TB001 …, 同意TB001，…, 批准 TB001 */
const DECIDE = new RegExp(`^${VERDICT}\\s*[:：]?\\s*(TB\\d{1,8})(?![0-9])${SEP}([\\s\\S]*)$`, 'i');
/** TB001 同意 …, TB001同意, TB001 不同意（理由）, TB001：可以，同意 */
const DECIDE_CODE_FIRST = new RegExp(`^(TB\\d{1,8})(?![0-9])${SEP}${VERDICT}${SEP}([\\s\\S]*)$`, 'i');
/** A remark that only repeats the approval (TB001 可以，同意。) is no remark. */
const ECHO = /^(?:(?:同意|批准|可以|好的?|行)[\s,，。.!！]*)+$/;

const VERDICT_AT_START = new RegExp(`^${VERDICT}${SEP}([\\s\\S]*)$`);

function decision(verdict: string, code: string, rest: string): TicketCommand {
  // TB001 可以，不同意 …: 可以 only introduces the verdict that follows.
  const again = verdict === '可以' ? VERDICT_AT_START.exec(rest.trim()) : null;
  if (again) return decision(again[1] as string, code, again[2] ?? '');
  const approve = !/^(不|驳回)/.test(verdict);
  let note = rest
    .trim()
    .replace(/^[。.!！、\s]+/, '')
    .replace(/^[（(]\s*([\s\S]*?)\s*[)）]$/, '$1')
    .trim();
  if (approve && ECHO.test(note)) note = '';
  return { kind: 'decide', approve, code: code.toUpperCase(), note };
}
/** A ticket number (with a digit; never a dispatch, round or approval code) anywhere in the text. */
const ANY_NUMBER =
  // check-lines: long regex
  /(?<![A-Za-z0-9_-])(?![Ss][Pp]\d|[Dd]\d|[Tt][Bb]\d)(?=[A-Za-z_-]*\d)([A-Za-z0-9][A-Za-z0-9_-]{5,63})(?![A-Za-z0-9_-])/;
/** 办结了 / 办完了 / 已办完 / 已处理完毕 / 已处置完 / 已解决 …: the unit reports it done, in its own words. */
const DONE_WORDS =
  '(?:(?:(?:已经|已)\\s*)?(?:办结|办完|办理完毕|办理完成|完成办理|处理完毕|处理完成|处置完毕|处置完成|整改完毕|' +
  '整改完成|清理完毕)了?|(?:已经|已)\\s*(?:处理完|处置完|解决|办好|处理好)' +
  '了?|(?:处理完|处置完|解决|办好|处理好)了)';
/** NUMBER that has a digit and is no dispatch, round or approval code (D2, SP4, TB001). */
const TICKET_NUMBER = '((?![Ss][Pp]\\d|[Dd]\\d|[Tt][Bb]\\d)(?=[A-Za-z_-]*\\d)[A-Za-z0-9][A-Za-z0-9_-]{3,63})';
// Blanks between the parts are matched once each (two \\s* side by side are tried in every split: cubic on a long run).
const DONE_LOOSE = new RegExp(`^(?:工单|编号)?\\s*${TICKET_NUMBER}\\s*(?:号?工单\\s*)?${DONE_WORDS}${SEP}([\\s\\S]*)$`);
/** 申请退回 / 退办 / 退回 / 不属于我们 / 不归我们管 …: a 退办 request in the unit's words. */
const RETURN_WORDS = new RegExp(
  '(?:申请|请求|恳请|建议)(?:予以)?退(?:回|办|单)|^退(?:回|办)|退(?:回|办)(?:该|此|本)?(?:工单)?[。.!！]*$|' +
    '不属于(?:我们|我局|我单位|本单位|我街道|我镇|我们局|我们单位)|不归(?:我们|我局|我单位|本单位|我街道|我镇)|' +
    '非(?:我|本)(?:单位|局|街道|镇)?(?:职责|管辖)',
);

/**
 * The text without the ticket number, leaving no stray space where it stood (不是我们的事，GD… 请求退回 →
 * 不是我们的事，请求退回): a space stays only between two Latin letters or digits.
 */
function cutOut(s: string, number: string): string {
  const at = s.indexOf(number);
  const before = s.slice(0, at).trimEnd();
  const after = s.slice(at + number.length).replace(/^\s+/, '');
  const join = /[A-Za-z0-9]$/.test(before) && /^[A-Za-z0-9]/.test(after) ? ' ' : '';
  return before + join + after;
}

export function parseTicketCommand(text: string): TicketCommand | null {
  // Long runs of blanks cut short first: no pattern below then scans a run more than a few times.
  const s = collapseWhitespace(text.trim());
  let m = DECIDE.exec(s);
  if (m) return decision(m[1] as string, m[2] as string, m[3] ?? '');
  m = DECIDE_CODE_FIRST.exec(s);
  if (m) return decision(m[2] as string, m[1] as string, m[3] ?? '');
  m = REQUEST.exec(s);
  if (m)
    return { kind: 'request', type: m[1] as '退办' | '不再办理', number: m[2] as string, reason: (m[3] ?? '').trim() };
  m = DONE.exec(s);
  if (m) return { kind: 'reported-done', number: m[1] as string, note: (m[2] ?? '').trim() };
  m = DONE_LOOSE.exec(s);
  if (m)
    return {
      kind: 'reported-done',
      number: m[1] as string,
      note: (m[2] ?? '').replace(/^[\s。.、]+/, '').trim(),
      loose: true,
    };
  if (isAck(s)) return { kind: 'ack' };
  const n = ANY_NUMBER.exec(s);
  if (n && RETURN_WORDS.test(s)) {
    const reason = cutOut(s, n[0])
      .replace(/^[\s,，:：;；。.]*(?:申请)?(?:退办|退回|退单)(?:工单|申请)?[\s,，:：;；]*/, '')
      .replace(/[\s,，:：;；]*(?:特此)?(?:申请|请求|恳请)(?:予以)?(?:退办|退回|退单)[。.!！]*$/, '')
      .replace(/\s+/g, ' ')
      .replace(/^[\s,，:：;；。.、]+/, '');
    const reasonText = trimEndOf(reason, /[\s,，:：;；、]/).trim();
    return { kind: 'request', type: '退办', number: n[1] as string, reason: reasonText, loose: true };
  }
  return null;
}

/** The short code of an approval request from its row id: TB007. */
export function approvalCode(id: number): string {
  return `TB${String(id).padStart(3, '0')}`;
}
