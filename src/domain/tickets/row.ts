import type { TicketField } from '../../config/schema.js';
import type { WorkCalendar } from '../calendar.js';
import type { Roster } from '../roster.js';
import { normalizeAddress, normalizeCategory } from './category.js';
import { cellText, cellValue } from './cells.js';
import type { HeaderMap } from './columns.js';
import { parseTicketDate } from './dates.js';
import { dueFromDuration, effectiveDue } from './deadline.js';
import { normalizeWords, simplified } from './labels.js';
import { normalizeRating, ticketState } from './status.js';
import { ticketTitle, withoutEmptyLines } from './title.js';

export { normalizeRating } from './status.js';

/** One ticket as read from a list, the API or the CLI, validated and resolved. */
export interface TicketInput {
  number: string;
  title: string;
  content: string;
  unitId: string;
  street: string | null;
  grid: string | null;
  assignedAt: Date | null;
  deadlineAt: Date | null;
  dueAt: Date;
  status: string;
  done: boolean;
  rating: string | null;
  reopenCount: number;
  /** 问题分类 as a path of levels joined by `-` (城乡建设-物业管理); absent when the list has none. */
  category?: string;
  /** 事发地址 (where the problem is); absent when the list has none. */
  address?: string;
}

export interface RowContext {
  roster: Roster;
  calendar: WorkCalendar;
  tz: string;
  /** The district's own words meaning done, added to the vocabulary's. */
  doneStatuses: readonly string[];
  /** When a day's work ends ('18:00'): a deadline given as a date only ends then. Absent: 24:00. */
  dayEnd?: string;
}

export type RowResult = { ok: true; ticket: TicketInput } | { ok: false; number: string | null; reason: string };

/** Field values of a row by a header map. */
export function pickFields(cells: readonly unknown[], map: HeaderMap): Partial<Record<TicketField, unknown>> {
  const out: Partial<Record<TicketField, unknown>> = {};
  for (const [f, i] of Object.entries(map) as Array<[TicketField, number]>) out[f] = cells[i];
  return out;
}

/**
 * 承办单位 through the roster: a name or alias, else the single unit a longer text names; a list
 * of units (所有办理部门: 区住建局、城东街道) is the first one's (the 主办).
 */
export function resolveUnit(roster: Roster, text: string): string | null {
  const exact = roster.unitByName(text);
  if (exact) return exact.id;
  const found = new Set(roster.findUnits(text).map((f) => f.unit.id));
  if (found.size === 1) return [...found][0] as string;
  const parts = text
    .split(/[,，、;；/|]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return found.size > 1 && parts.length > 1 ? resolveUnit(roster, parts[0] as string) : null;
}

function parseCount(text: string): number | null {
  const s = normalizeWords(text);
  if (s === '' || s === '否' || s === '无' || s === '-' || s === '/') return 0;
  if (s === '是') return 1;
  const m = /^(\d{1,3})(?:\.0+)?次?$/.exec(s);
  return m ? Number(m[1]) : null;
}

/** A status that says the ticket was sent back to be handled again (重办, 重启 …). */
const REOPENED_STATUS = /重办|重新办理|重启|二次办理|返工/;

/** `{ [key]: value }`, or nothing when the value is undefined (an optional field left out). */
const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/** Validates and resolves one row; a bad row gives its reason (zh-CN) and never throws. */
export function normalizeRow(f: Partial<Record<TicketField, unknown>>, c: RowContext): RowResult {
  const number = cellText(f.number).replace(/\s+/g, '');
  if (number === '') return { ok: false, number: null, reason: '缺少工单编号' };
  if (number.length > 64) return { ok: false, number: null, reason: '工单编号过长' };
  // 繁體 lists (once detected as such): the unit, street and grid in simplified, as the roster has them.
  const unitText = simplified(cellText(f.unit));
  if (unitText === '') return { ok: false, number, reason: '承办单位为空' };
  const unitId = resolveUnit(c.roster, unitText);
  if (!unitId) return { ok: false, number, reason: `承办单位「${clip(unitText, 30)}」不在名册中` };
  const assignedText = cellText(f.assignedAt);
  const assigned = parseTicketDate(cellValue(f.assignedAt), c.tz);
  if (assignedText !== '' && !assigned)
    return { ok: false, number, reason: `派单时间「${clip(assignedText, 30)}」无法识别` };
  const deadlineText = cellText(f.deadline);
  const own = parseTicketDate(cellValue(f.deadline), c.tz);
  // A limit written as a duration (3个工作日) counts from 派单时间.
  const fromDuration =
    !own && deadlineText !== '' && assigned
      ? dueFromDuration(deadlineText, assigned.at, c.calendar, c.tz, c.dayEnd)
      : null;
  if (deadlineText !== '' && !own && !fromDuration)
    return { ok: false, number, reason: `办理时限「${clip(deadlineText, 30)}」无法识别` };
  const dueAt = fromDuration ?? effectiveDue(assigned?.at ?? null, own, c.calendar, c.tz, c.dayEnd);
  if (!dueAt) return { ok: false, number, reason: '缺少派单时间和办理时限' };
  const countText = cellText(f.reopenCount);
  let reopenCount = parseCount(countText);
  if (reopenCount === null) return { ok: false, number, reason: `重办次数「${clip(countText, 20)}」无法识别` };
  const status = clip(cellText(f.status), 40);
  const state = ticketState(status, c.doneStatuses);
  // No 重办 column: a status saying 重办 stands for one.
  if (!('reopenCount' in f) && reopenCount === 0 && state === 'open' && REOPENED_STATUS.test(normalizeWords(status)))
    reopenCount = 1;
  return {
    ok: true,
    ticket: {
      number,
      // No 标题 column (or an empty cell): the start of 诉求内容 stands for it.
      title: clip(ticketTitle(cellText(f.title), cellText(f.content)), 200),
      content: clip(withoutEmptyLines(cellText(f.content)), 4000),
      unitId,
      street: simplified(cellText(f.street)) || null,
      grid: simplified(cellText(f.grid)) || null,
      assignedAt: assigned?.at ?? null,
      deadlineAt: own?.at ?? null,
      dueAt,
      status,
      done: state === 'done',
      rating: normalizeRating(cellText(f.rating)),
      reopenCount,
      ...optional('category', normalizeCategory(cellText(f.category), cellText(f.subcategory))),
      ...optional('address', normalizeAddress(cellText(f.address))),
    },
  };
}
