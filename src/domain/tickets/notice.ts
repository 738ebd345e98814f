/** Formal notices (issue 18 §4): who a notice is copied to, and what it holds (rendered by render/notice-docx.ts). */
import type { DistrictConfig } from '../../config/schema.js';
import { idsWithRole, type Roster } from '../roster.js';

export type NoticeKindName = 'written' | 'referral';

/** One ticket as a notice states it. */
export interface NoticeTicket {
  number: string;
  title: string;
  content: string;
  unitName: string;
  /** The ticket's 办理时限, or (a 双派单 side) the round's 答复时限. */
  dueAt: Date;
  daysOverdue: number;
  /** A 双派单 side late past its answer's deadline: the round and the side the unit answers for. */
  round?: { code: string; seq: number; sideLabel: string };
  /** What was done before, oldest first: 即时督办 / 书面督办 …, sent when, signed or not. */
  history: NoticeHistoryEntry[];
}

/**
 * One step of the history a notice lists: the ladder's steps; a ticket's 蓝色提醒; a 双派单 side's delivery, its
 * 签收, its 签收 reminder and its 蓝色提醒 / 黄色预警.
 */
export interface NoticeHistoryEntry {
  step:
    | 'immediate'
    | 'written'
    | 'onsite'
    | 'referral'
    | 'blue'
    | 'yellow'
    | 'dual-delivered'
    | 'dual-acked'
    | 'ack-reminder';
  at: Date;
  /** For a 即时督办 digest: when the unit signed it (null: not signed); undefined for the other steps. */
  ackedAt?: Date | null;
}

/** Everything a notice says; the words around it are in texts/notices.ts. */
export interface NoticeData {
  kind: NoticeKindName;
  /** What is late: tickets past their 办理时限 (the ticket ladder), or 双派单 sides past their 答复时限. */
  subject: 'ticket' | 'dual';
  office: string;
  number: string;
  /** Addressed to: the unit (催办通知书) or the leaders (督办函). */
  addressee: string;
  tickets: NoticeTicket[];
  issuedAt: Date;
  /** The day the written answer is due (YYYY-MM-DD). */
  answerBy: string;
  cc: string[];
  tz: string;
}

/**
 * 抄送 for a unit's notice: the leader of the first rule naming the unit, else of the first naming its field,
 * else every leader. Ids, in the roster's order of people.
 */
export function ccLeaders(config: DistrictConfig, roster: Roster, unitId: string): string[] {
  const rules = config.notices.cc;
  const byUnit = rules.find((r) => r.units.includes(unitId));
  if (byUnit) return [byUnit.leader];
  const field = config.units.find((u) => u.id === unitId)?.field;
  const byField = field === undefined ? undefined : rules.find((r) => r.fields.includes(field));
  if (byField) return [byField.leader];
  return idsWithRole(roster, 'leader');
}

/** The 双派单 rounds a notice named, from its key (`dual-written:SP1-street+SP3-unit` → SP1, SP3); a ticket's: none. */
export function noticeRounds(key: string): string[] {
  if (!key.startsWith('dual-')) return [];
  const sides = key.slice(key.indexOf(':') + 1).split('+');
  return [...new Set(sides.map((s) => s.split('-')[0] ?? '').filter((c) => /^SP\d+$/.test(c)))];
}

/** The first `max` characters of a ticket's content, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max).join('')}…`;
}
