/** The ticket commands people type in the group or privately. Pure parsers. */
import { isAck } from '../text/intent.js';

const NUMBER = '([A-Za-z0-9][A-Za-z0-9_-]{3,63})';
const SEP = '\\s*[,，:：;；]?\\s*';

export type TicketCommand =
  /** 签收 / 收到 / 已收到 … (the same acknowledgements as for dispatches and 双派单). */
  | { kind: 'ack' }
  | { kind: 'reported-done'; number: string; note: string }
  | { kind: 'request'; type: '退办' | '不再办理'; number: string; reason: string }
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

export function parseTicketCommand(text: string): TicketCommand | null {
  const s = text.trim();
  if (isAck(s)) return { kind: 'ack' };
  let m = DECIDE.exec(s);
  if (m) return decision(m[1] as string, m[2] as string, m[3] ?? '');
  m = DECIDE_CODE_FIRST.exec(s);
  if (m) return decision(m[2] as string, m[1] as string, m[3] ?? '');
  m = REQUEST.exec(s);
  if (m) return { kind: 'request', type: m[1] as '退办' | '不再办理', number: m[2] as string, reason: (m[3] ?? '').trim() };
  m = DONE.exec(s);
  if (m) return { kind: 'reported-done', number: m[1] as string, note: (m[2] ?? '').trim() };
  return null;
}

/** The short code of an approval request from its row id: TB007. */
export function approvalCode(id: number): string {
  return `TB${String(id).padStart(3, '0')}`;
}
