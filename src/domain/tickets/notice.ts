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
  dueAt: Date;
  daysOverdue: number;
  /** What was done before, oldest first: 即时督办 / 书面督办 …, sent when, signed or not. */
  history: NoticeHistoryEntry[];
}

export interface NoticeHistoryEntry {
  step: 'immediate' | 'written' | 'onsite' | 'referral';
  at: Date;
  /** For a 即时督办 digest: when the unit signed it (null: not signed); undefined for the other steps. */
  ackedAt?: Date | null;
}

/** Everything a notice says; the words around it are in texts/notices.ts. */
export interface NoticeData {
  kind: NoticeKindName;
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

/** The first `max` characters of a ticket's content, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max).join('')}…`;
}
