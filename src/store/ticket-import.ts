import type { DistrictConfig, TicketField } from '../config/schema.js';
import type { WorkCalendar } from '../domain/calendar.js';
import type { Roster } from '../domain/roster.js';
import type { ImportCounts, RejectedRow } from '../domain/texts/tickets.js';
import { cellText } from '../domain/tickets/cells.js';
import { type ColumnAliases, columnAliases, FIELD_LABELS, type HeaderMap, missingRequired } from '../domain/tickets/columns.js';
import { type ColumnMapping, describeMapping, detectHeader, HEADER_SEARCH_ROWS, isNoteRow } from '../domain/tickets/header.js';
import { loadTraditional } from '../domain/tickets/labels.js';
import { normalizeRow, pickFields, type RowContext, type TicketInput } from '../domain/tickets/row.js';
import { REPORTED_WHEN_MISSING } from '../domain/tickets/vocabulary.js';
import type { Db } from './db.js';
import { readTicketRows, type RawRow, ticketFileKind } from './ticket-files.js';
import { recordImport } from './tickets.js';
import { upsertTickets } from '../usecases/ticket-changes.js';

export interface ImportDeps {
  /** Null for a dry run (nothing is written). */
  db: Db | null;
  roster: Roster;
  calendar: WorkCalendar;
  config: DistrictConfig;
  now: Date;
}

export interface ImportMeta {
  /** Event source: 'file:<name>', 'api', 'cli:<path>'. */
  source: string;
  senderId?: string | null;
  fileName?: string | null;
}

/** A field the list has no column for, with the names looked for. */
export interface MissingColumn {
  field: TicketField;
  label: string;
  lookedFor: readonly string[];
}

export type ImportResult =
  | {
      kind: 'imported';
      counts: ImportCounts;
      rejected: RejectedRow[];
      /** How the file's columns were read (files only; the API sends fields). */
      mapping?: ColumnMapping;
      /** Fields worth telling about that the file has no column for (承办单位, 办理时限). */
      missing?: MissingColumn[];
      /** Totals, notes and repeated headers passed over. */
      skipped?: number;
      /** The first rows as parsed (`--dry-run` only). */
      preview?: Array<{ row: number; ok: boolean; ticket?: TicketInput; reason?: string }>;
    }
  | { kind: 'not-a-list'; missing: string[]; lookedFor?: MissingColumn[] }
  | { kind: 'unsupported' }
  | { kind: 'unreadable'; error: string };

const BATCH = 1000;

function rowContext(d: ImportDeps): RowContext {
  return { roster: d.roster, calendar: d.calendar, tz: d.config.timezone, doneStatuses: d.config.tickets.doneStatuses, dayEnd: d.config.dispatch.workingHours.end };
}

/** Options of an import: `dryRun` parses and validates without writing, keeping the first rows. */
export interface ImportOptions {
  dryRun?: boolean;
  previewRows?: number;
}

/** Validates rows and upserts them in batches; one bad row is rejected with its reason, never more. */
class BatchImporter {
  readonly counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  readonly rejected: RejectedRow[] = [];
  private batch: TicketInput[] = [];
  private readonly ctx: RowContext;
  readonly preview: NonNullable<Extract<ImportResult, { kind: 'imported' }>['preview']> = [];
  constructor(
    private readonly d: ImportDeps,
    private readonly meta: ImportMeta,
    private readonly opts: ImportOptions = {},
  ) {
    this.ctx = rowContext(d);
  }

  async add(rowNo: number, fields: Partial<Record<TicketField, unknown>>): Promise<void> {
    let r: ReturnType<typeof normalizeRow>;
    try {
      r = normalizeRow(fields, this.ctx);
    } catch (err) {
      r = { ok: false, number: null, reason: `无法读取（${(err as Error).message.slice(0, 40)}）` };
    }
    if (this.opts.dryRun && this.preview.length < (this.opts.previewRows ?? 5)) {
      this.preview.push(r.ok ? { row: rowNo, ok: true, ticket: r.ticket } : { row: rowNo, ok: false, reason: r.reason });
    }
    if (!r.ok) {
      this.counts.rejected++;
      this.rejected.push({ row: rowNo, number: r.number, reason: r.reason });
      return;
    }
    if (this.opts.dryRun) {
      this.counts.created++;
      return;
    }
    this.batch.push(r.ticket);
    if (this.batch.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const b = this.batch;
    this.batch = [];
    if (!this.d.db) throw new Error('import without a store');
    const o = await upsertTickets(this.d.db, b, this.meta.source, this.d.now);
    this.counts.created += o.created;
    this.counts.updated += o.updated;
    this.counts.unchanged += o.unchanged;
  }

  async finish(): Promise<ImportResult> {
    if (this.opts.dryRun) return { kind: 'imported', counts: this.counts, rejected: this.rejected, preview: this.preview };
    await this.flush();
    if (!this.d.db) throw new Error('import without a store');
    await recordImport(this.d.db, {
      source: this.meta.source, senderId: this.meta.senderId ?? null, fileName: this.meta.fileName ?? null, at: this.d.now,
      counts: { created: this.counts.created, updated: this.counts.updated, unchanged: this.counts.unchanged, rejected: this.counts.rejected },
      rejected: this.rejected,
    });
    return { kind: 'imported', counts: this.counts, rejected: this.rejected };
  }
}

const isBlank = (cells: readonly unknown[]) => cells.every((c) => cellText(c) === '');

/** The names looked for, for a field the list has no column for. */
function lookedFor(field: TicketField, aliases: ColumnAliases): MissingColumn {
  return { field, label: FIELD_LABELS[field], lookedFor: aliases[field] };
}

/**
 * Imports rows of a list: reads the first non-blank rows, finds the header among them (one row
 * or two, after any title rows; in 繁體 too), then streams the rest. Totals and note rows are
 * passed over; every other row is imported or rejected with its reason.
 */
export async function importRows(rows: AsyncIterable<RawRow>, d: ImportDeps, meta: ImportMeta, opts: ImportOptions = {}): Promise<ImportResult> {
  const aliases = columnAliases(d.config.tickets.columns);
  const head: RawRow[] = [];
  const it = rows[Symbol.asyncIterator]();
  for (let next = await it.next(); !next.done; next = head.length < HEADER_SEARCH_ROWS ? await it.next() : { done: true, value: undefined }) {
    if (!isBlank(next.value.cells)) head.push(next.value);
  }
  let found = detectHeader(head.map((r) => r.cells), aliases);
  if (!found.header && head.some((r) => r.cells.some((c) => typeof c === 'string' && /[\u3400-\u9fff]/.test(c)))) {
    // Perhaps a list in traditional characters (工單編號): once more with 繁體 read as 简体.
    loadTraditional();
    found = detectHeader(head.map((r) => r.cells), aliases);
  }
  const header = found.header;
  if (!header) {
    await it.return?.();
    const missing = missingRequired(found.best);
    return {
      kind: 'not-a-list',
      missing: missing.map((f) => (f === 'assignedAt' ? '派单时间或办理时限' : FIELD_LABELS[f])),
      lookedFor: missing.flatMap((f) => (f === 'assignedAt' ? [lookedFor('assignedAt', aliases), lookedFor('deadline', aliases)] : [lookedFor(f, aliases)])),
    };
  }
  const mapping = describeMapping(header, head.map((r) => r.rowNo));
  const importer = new BatchImporter(d, meta, opts);
  let skipped = 0;
  const take = async (row: RawRow) => {
    if (isBlank(row.cells)) return;
    if (isNoteRow(row.cells, header)) {
      skipped++;
      return;
    }
    await importer.add(row.rowNo, pickFields(row.cells, header.map));
  };
  for (const row of head.slice(header.last + 1)) await take(row);
  if (head.length >= HEADER_SEARCH_ROWS) for (let next = await it.next(); !next.done; next = await it.next()) await take(next.value);
  const r = await importer.finish();
  if (r.kind !== 'imported') return r;
  const missing = REPORTED_WHEN_MISSING.filter((f) => header.map[f] === undefined).map((f) => lookedFor(f, aliases));
  return { ...r, mapping, missing, skipped };
}

/** Imports a file (.xlsx or .csv) from disk. */
export async function importTicketFile(path: string, name: string, d: ImportDeps, meta: ImportMeta, opts: ImportOptions = {}): Promise<ImportResult> {
  if (ticketFileKind(name) === 'unsupported') return { kind: 'unsupported' };
  try {
    return await importRows(readTicketRows(path, name, { maxUncompressedBytes: d.config.limits.xlsxMaxUncompressedBytes, maxRows: d.config.limits.xlsxMaxRows }), d, meta, opts);
  } catch (err) {
    if (d.db && !(await d.db.ping())) throw err;
    return { kind: 'unreadable', error: (err as Error).message };
  }
}

/** Imports already-split records (the HTTP API): row numbers are 1-based positions. */
export async function importRecords(records: ReadonlyArray<Partial<Record<TicketField, unknown>>>, d: ImportDeps, meta: ImportMeta): Promise<ImportResult> {
  const importer = new BatchImporter(d, meta);
  for (let i = 0; i < records.length; i++) await importer.add(i + 1, records[i] as Partial<Record<TicketField, unknown>>);
  return importer.finish();
}
