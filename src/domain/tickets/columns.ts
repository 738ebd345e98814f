import type { TicketField } from '../../config/schema.js';
import { normalizeLabel } from './labels.js';
import { COLUMN_NAMES, EXACT_ONLY, NOT_THE_FIELD } from './vocabulary.js';

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
  category: '问题分类',
  subcategory: '二级分类',
  address: '事发地址',
};

/** The order fields are listed in answers. */
export const FIELD_ORDER: readonly TicketField[] = [
  'number',
  'unit',
  'assignedAt',
  'deadline',
  'status',
  'rating',
  'reopenCount',
  'title',
  'content',
  'street',
  'grid',
  'category',
  'subcategory',
  'address',
];

/** A header cell without blanks, asterisks and a trailing note in brackets: "派单时间（必填）". */
export function normalizeHeader(text: string): string {
  return normalizeLabel(text);
}

/** The names tried per field: the district's own (from its file) first, then the vocabulary's. */
export function columnAliases(own?: Partial<Record<TicketField, readonly string[]>>): ColumnAliases {
  const out = {} as Record<TicketField, readonly string[]>;
  for (const f of Object.keys(COLUMN_NAMES) as TicketField[])
    out[f] = [...new Set([...(own?.[f] ?? []), ...COLUMN_NAMES[f]])];
  return out;
}

/**
 * Maps columns, each known by one or more candidate names (a two-row header gives a column its
 * lower name, the upper and lower together, and the upper one alone when the lower is empty):
 * each field takes the first column one of whose names equals one of its aliases (aliases in
 * order); fields still unmatched then take a column whose own name contains an alias (longest
 * alias first), unless the name says it is something else (网格编号 is no 工单编号) or the alias is
 * too general to be looked for inside a name (地址, 分类: 联系地址 is no 事发地址). A column serves
 * one field only. Holes and empty names are skipped.
 */
export function mapColumns(columns: ReadonlyArray<readonly string[] | undefined>, aliases: ColumnAliases): HeaderMap {
  const norm: string[][] = [];
  for (let i = 0; i < columns.length; i++)
    norm.push((columns[i] ?? []).map((c) => normalizeLabel(c ?? '')).filter((c) => c !== ''));
  const used = new Set<number>();
  const map: HeaderMap = {};
  const fields = Object.keys(aliases) as TicketField[];
  const normAliases = new Map<TicketField, string[]>(
    fields.map((f) => [f, aliases[f].map((a) => normalizeLabel(a)).filter((a) => a !== '')]),
  );
  for (const f of fields) {
    for (const a of normAliases.get(f) ?? []) {
      const i = norm.findIndex((names, k) => !used.has(k) && names.includes(a));
      if (i >= 0) {
        map[f] = i;
        used.add(i);
        break;
      }
    }
  }
  const rest = fields
    .filter((f) => map[f] === undefined)
    .flatMap((f) => (normAliases.get(f) ?? []).map((a) => ({ f, a })))
    .filter((x) => x.a.length >= 2 && !EXACT_ONLY.has(x.a))
    .sort((x, y) => y.a.length - x.a.length);
  for (const { f, a } of rest) {
    if (map[f] !== undefined) continue;
    const not = NOT_THE_FIELD[f];
    // Only a column's own name (not a group row's text joined to it) is searched for a part.
    const i = norm.findIndex(
      (names, k) => !used.has(k) && names[0] !== undefined && names[0].includes(a) && !(not && not.test(names[0])),
    );
    if (i >= 0) {
      map[f] = i;
      used.add(i);
    }
  }
  return map;
}

/** Maps a one-row header (cells may be missing: a sparse row from a spreadsheet). */
export function mapHeader(cells: ReadonlyArray<string | undefined>, aliases: ColumnAliases): HeaderMap {
  const columns: Array<string[]> = [];
  for (let i = 0; i < cells.length; i++) columns.push([cells[i] ?? '']);
  return mapColumns(columns, aliases);
}

/** The fields a ticket list must have. */
export function missingRequired(map: HeaderMap): TicketField[] {
  const missing: TicketField[] = [];
  if (map.number === undefined) missing.push('number');
  if (map.unit === undefined) missing.push('unit');
  if (map.assignedAt === undefined && map.deadline === undefined) missing.push('assignedAt');
  return missing;
}

/** How well a row looks like the header: fields found, the required ones counting double. */
export function headerScore(map: HeaderMap): number {
  const required =
    (['number', 'unit'] as const).filter((f) => map[f] !== undefined).length +
    (map.assignedAt !== undefined || map.deadline !== undefined ? 1 : 0);
  return Object.keys(map).length + required;
}
