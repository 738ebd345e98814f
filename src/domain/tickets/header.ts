/**
 * Finding a ticket list's header among its first rows, as platforms lay exports out: a title row
 * (merged across the sheet), an export-time line, then one header row — or two: a merged group
 * row (工单信息 | 办理情况) over the real names, with some names merged down over both rows.
 * Also: which rows below the header are no tickets (合计, 制表人：, 说明：). Pure.
 */
import type { TicketField } from '../../config/schema.js';
import { cellText } from './cells.js';
import {
  type ColumnAliases,
  FIELD_ORDER,
  type HeaderMap,
  headerScore,
  mapColumns,
  mapHeader,
  missingRequired,
} from './columns.js';
import { normalizeLabel, normalizeWords } from './labels.js';
import { NOTE_PREFIXES, TOTAL_WORDS } from './vocabulary.js';

/** How many non-blank rows from the top may hold the header. */
export const HEADER_SEARCH_ROWS = 15;

export interface DetectedHeader {
  map: HeaderMap;
  /** Index (into the rows given) of the header's first and last row. */
  first: number;
  last: number;
  /** Each column's name as shown to people (the lower name of a two-row header). */
  names: string[];
}

export interface ColumnMapping {
  /** Fields found, in answer order, with the column each was read from. */
  used: Array<{ field: TicketField; column: string }>;
  /** Named columns no field was read from. */
  ignored: string[];
  /** The 1-based row numbers of the header in the file. */
  headerRows: number[];
}

const texts = (cells: readonly unknown[]): string[] => {
  const out: string[] = [];
  for (let i = 0; i < cells.length; i++) out.push(cellText(cells[i]).replace(/\s+/g, ' '));
  return out;
};

const DATE_LIKE = /^\d{4}\s*[-/.年]\s*\d{1,2}|^\d{8}(?:\s|$)|^\d{5}(?:\.\d+)?$/;

/** A two-row header's columns: the lower name, upper + lower, or the upper alone (merged down). */
function pairColumns(upper: readonly string[], lower: readonly string[]): { columns: string[][]; names: string[] } {
  const n = Math.max(upper.length, lower.length);
  const columns: string[][] = [];
  const names: string[] = [];
  let group = '';
  for (let k = 0; k < n; k++) {
    const up = upper[k] ?? '';
    const low = lower[k] ?? '';
    if (up !== '') group = up; // a merged group cell holds its text in its first column only
    if (low !== '') {
      columns.push(group !== '' && group !== low ? [low, `${group}${low}`] : [low]);
      names.push(low);
    } else {
      columns.push(up !== '' ? [up] : []);
      names.push(up);
    }
  }
  return { columns, names };
}

/**
 * The best header among the rows (each a row's cells): the one- or two-row candidate with every
 * required field and the highest score; a two-row header only when it reads more than its lower
 * row alone. Null (and the best partial map, for the answer) when none has the required fields.
 */
export function detectHeader(
  rows: ReadonlyArray<readonly unknown[]>,
  aliases: ColumnAliases,
): { header: DetectedHeader | null; best: HeaderMap } {
  const t = rows.map(texts);
  // A row holding a number, a date or a date-like text is data (or a title line), never a header.
  const data = rows.map((cells) =>
    cells.some(
      (c) => typeof c === 'number' || c instanceof Date || (typeof c === 'string' && DATE_LIKE.test(c.trim())),
    ),
  );
  const singles = t.map((cells, i) => (data[i] ? {} : mapHeader(cells, aliases)));
  let header: DetectedHeader | null = null;
  let best: HeaderMap = {};
  let bestScore = -1;
  const consider = (map: HeaderMap, first: number, last: number, names: string[]) => {
    const score = headerScore(map);
    if (score > headerScore(best)) best = map;
    if (missingRequired(map).length > 0 || score <= bestScore) return;
    header = { map, first, last, names };
    bestScore = score;
  };
  for (let i = 0; i < t.length; i++) {
    const single = singles[i] as HeaderMap;
    consider(single, i, i, t[i] as string[]);
    const next = singles[i + 1];
    if (!next || Object.keys(next).length === 0 || data[i]) continue;
    // A group row has several cells; a title merged across the sheet has one.
    if ((t[i] as string[]).filter((c) => c !== '').length < 2) continue;
    const pair = pairColumns(t[i] as string[], t[i + 1] as string[]);
    const map = mapColumns(pair.columns, aliases);
    // Only a real two-row header reads more than its lower row (a header over data never does).
    if (headerScore(map) > headerScore(next) && headerScore(map) > headerScore(single))
      consider(map, i, i + 1, pair.names);
  }
  return { header, best };
}

/** What the answer says of the columns: used (field ← column) and ignored. */
export function describeMapping(h: DetectedHeader, rowNos: readonly number[]): ColumnMapping {
  const byIndex = new Map<number, TicketField>();
  for (const [f, i] of Object.entries(h.map) as Array<[TicketField, number]>) byIndex.set(i, f);
  const used = FIELD_ORDER.filter((f) => h.map[f] !== undefined).map((f) => ({
    field: f,
    column: h.names[h.map[f] as number] ?? '',
  }));
  const ignored: string[] = [];
  for (let i = 0; i < h.names.length; i++) {
    const name = (h.names[i] ?? '').trim();
    if (name !== '' && !byIndex.has(i) && !ignored.includes(name)) ignored.push(name);
  }
  const headerRows: number[] = [];
  for (let i = h.first; i <= h.last; i++) headerRows.push(rowNos[i] as number);
  return { used, ignored, headerRows };
}

const TOTAL_RE = new RegExp(`^(?:${TOTAL_WORDS.join('|')})`);
/** A count as a totals row gives it (7, 7件, 共7条): far shorter than any ticket number. */
const COUNT_RE = /^(?:共|合计)?\d{1,4}\s*(?:件|条|个|单|笔)?$/;
const NOTE_RE = new RegExp(`^(?:${NOTE_PREFIXES.join('|')})[:\\d]`);

/** A cell that only a totals or note row has: 合计, 总计：35, 制表人：张三, 说明：…, 导出时间：… */
export function isNoteCell(text: string): boolean {
  // Ticket numbers start with a letter or a digit: the common case is settled without normalising.
  if (text === '' || /^[0-9A-Za-z]/.test(text)) return false;
  const s = normalizeWords(text);
  return TOTAL_RE.test(s) || NOTE_RE.test(s);
}

/**
 * A row under the header that is no ticket: its 工单编号 cell is empty (or a total / note word,
 * or the header's own name repeated on a new page) and a cell of it is a total or a note — or it
 * has one filled cell only (a note merged across the sheet). Such rows are passed over silently;
 * a row with an empty 工单编号 that looks like a ticket is still rejected with its reason.
 */
export function isNoteRow(cells: readonly unknown[], h: DetectedHeader): boolean {
  const numberIndex = h.map.number as number;
  const number = cellText(cells[numberIndex]);
  // 合计 | 7件 (the total's count under 工单编号, its word in a 序号 column before it): no ticket.
  if (COUNT_RE.test(number))
    return cells.some((c, i) => i !== numberIndex && TOTAL_RE.test(normalizeWords(cellText(c))));
  if (number !== '' && /^[0-9A-Za-z]/.test(number)) return false;
  if (number !== '' && normalizeLabel(number) === normalizeLabel(h.names[numberIndex] ?? '')) return true;
  if (number !== '' && !isNoteCell(number)) return false;
  let filled = 0;
  for (let i = 0; i < cells.length; i++) {
    const text = cellText(cells[i]);
    if (text === '') continue;
    filled++;
    if (isNoteCell(text)) return true;
  }
  return filled <= 1;
}
