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
const DECIDE = /^(不同意|同意)\s*[:：]?\s*(TB\d{1,8})\b\s*[,，:：;；]?\s*([\s\S]*)$/i;

export function parseTicketCommand(text: string): TicketCommand | null {
  const s = text.trim();
  if (isAck(s)) return { kind: 'ack' };
  let m = DECIDE.exec(s);
  if (m) return { kind: 'decide', approve: m[1] === '同意', code: (m[2] as string).toUpperCase(), note: (m[3] ?? '').trim() };
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
