import type { TicketField } from '../../config/schema.js';
import type { WorkCalendar } from '../calendar.js';
import type { Roster } from '../roster.js';
import { cellText, cellValue } from './cells.js';
import type { HeaderMap } from './columns.js';
import { parseTicketDate } from './dates.js';
import { effectiveDue } from './deadline.js';
import { ticketTitle, withoutEmptyLines } from './title.js';

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
}

export interface RowContext {
  roster: Roster;
  calendar: WorkCalendar;
  tz: string;
  doneStatuses: readonly string[];
}

export type RowResult = { ok: true; ticket: TicketInput } | { ok: false; number: string | null; reason: string };

/** Field values of a row by a header map. */
export function pickFields(cells: readonly unknown[], map: HeaderMap): Partial<Record<TicketField, unknown>> {
  const out: Partial<Record<TicketField, unknown>> = {};
  for (const [f, i] of Object.entries(map) as Array<[TicketField, number]>) out[f] = cells[i];
  return out;
}

/** 承办单位 through the roster: a name or alias, else the single unit a longer text names. */
export function resolveUnit(roster: Roster, text: string): string | null {
  const exact = roster.unitByName(text);
  if (exact) return exact.id;
  const found = new Set(roster.findUnits(text).map((f) => f.unit.id));
  return found.size === 1 ? ([...found][0] as string) : null;
}

export function normalizeRating(text: string): string | null {
  if (text === '') return null;
  if (text.includes('不满意')) return '不满意';
  if (text.includes('基本满意')) return '基本满意';
  if (text.includes('满意')) return '满意';
  return text;
}

function parseCount(text: string): number | null {
  if (text === '' || text === '否' || text === '无') return 0;
  if (text === '是') return 1;
  const m = /^(\d{1,3})\s*次?$/.exec(text);
  return m ? Number(m[1]) : null;
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/** Validates and resolves one row; a bad row gives its reason (zh-CN) and never throws. */
export function normalizeRow(f: Partial<Record<TicketField, unknown>>, c: RowContext): RowResult {
  const number = cellText(f.number).replace(/\s+/g, '');
  if (number === '') return { ok: false, number: null, reason: '缺少工单编号' };
  if (number.length > 64) return { ok: false, number: null, reason: '工单编号过长' };
  const unitText = cellText(f.unit);
  if (unitText === '') return { ok: false, number, reason: '承办单位为空' };
  const unitId = resolveUnit(c.roster, unitText);
  if (!unitId) return { ok: false, number, reason: `承办单位「${clip(unitText, 30)}」不在名册中` };
  const assignedText = cellText(f.assignedAt);
  const assigned = parseTicketDate(cellValue(f.assignedAt), c.tz);
  if (assignedText !== '' && !assigned) return { ok: false, number, reason: `派单时间「${clip(assignedText, 30)}」无法识别` };
  const deadlineText = cellText(f.deadline);
  const own = parseTicketDate(cellValue(f.deadline), c.tz);
  if (deadlineText !== '' && !own) return { ok: false, number, reason: `办理时限「${clip(deadlineText, 30)}」无法识别` };
  const dueAt = effectiveDue(assigned?.at ?? null, own, c.calendar, c.tz);
  if (!dueAt) return { ok: false, number, reason: '缺少派单时间和办理时限' };
  const countText = cellText(f.reopenCount);
  const reopenCount = parseCount(countText);
  if (reopenCount === null) return { ok: false, number, reason: `重办次数「${clip(countText, 20)}」无法识别` };
  const status = clip(cellText(f.status), 40);
  return {
    ok: true,
    ticket: {
      number,
      // No 标题 column (or an empty cell): the start of 诉求内容 stands for it.
      title: clip(ticketTitle(cellText(f.title), cellText(f.content)), 200),
      content: clip(withoutEmptyLines(cellText(f.content)), 4000),
      unitId,
      street: cellText(f.street) || null,
      grid: cellText(f.grid) || null,
      assignedAt: assigned?.at ?? null,
      deadlineAt: own?.at ?? null,
      dueAt,
      status,
      done: status !== '' && c.doneStatuses.some((d) => status.includes(d)) && !status.includes('未'),
      rating: normalizeRating(cellText(f.rating)),
      reopenCount,
    },
  };
}
