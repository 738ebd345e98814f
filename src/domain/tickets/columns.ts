import type { TicketField } from '../../config/schema.js';

export type ColumnAliases = Readonly<Record<TicketField, readonly string[]>>;
/** Where each field is in a row (0-based index into the row's cells). */
export type HeaderMap = Partial<Record<TicketField, number>>;

export const FIELD_LABELS: Record<TicketField, string> = {
  number: '工单编号',
  title: '标题',
  content: '诉求内容',
  unit: '承办单位',
  street: '属地镇街',
  grid: '网格',
  assignedAt: '派单时间',
  deadline: '办理时限',
  status: '状态',
  rating: '满意度',
  reopenCount: '重办次数',
};

/** A header cell without blanks, asterisks and a trailing note in brackets: "派单时间（必填）". */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/[（(【[][^）)】\]]*[）)】\]]$/, '')
    .toLowerCase();
}

/**
 * Maps a candidate header row: each field takes the first cell equal to one of its aliases;
 * fields still unmatched then take a cell containing an alias (longest alias first). A cell
 * serves one field only.
 */
export function mapHeader(cells: readonly string[], aliases: ColumnAliases): HeaderMap {
  const norm = cells.map((c) => normalizeHeader(c));
  const used = new Set<number>();
  const map: HeaderMap = {};
  const fields = Object.keys(aliases) as TicketField[];
  for (const f of fields) {
    for (const a of aliases[f]) {
      const i = norm.findIndex((c, k) => !used.has(k) && c === normalizeHeader(a));
      if (i >= 0) {
        map[f] = i;
        used.add(i);
        break;
      }
    }
  }
  const rest = fields
    .filter((f) => map[f] === undefined)
    .flatMap((f) => aliases[f].map((a) => ({ f, a: normalizeHeader(a) })))
    .filter((x) => x.a.length >= 2)
    .sort((x, y) => y.a.length - x.a.length);
  for (const { f, a } of rest) {
    if (map[f] !== undefined) continue;
    const i = norm.findIndex((c, k) => !used.has(k) && c.includes(a));
    if (i >= 0) {
      map[f] = i;
      used.add(i);
    }
  }
  return map;
}

/** The fields a ticket list must have. */
export function missingRequired(map: HeaderMap): TicketField[] {
  const missing: TicketField[] = [];
  if (map.number === undefined) missing.push('number');
  if (map.unit === undefined) missing.push('unit');
  if (map.assignedAt === undefined && map.deadline === undefined) missing.push('assignedAt');
  return missing;
}

/** How well a row looks like the header (number of fields found). */
export function headerScore(map: HeaderMap): number {
  return Object.keys(map).length;
}
