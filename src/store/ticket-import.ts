import type { DistrictConfig, TicketField } from '../config/schema.js';
import type { WorkCalendar } from '../domain/calendar.js';
import type { Roster } from '../domain/roster.js';
import type { ImportCounts, RejectedRow } from '../domain/texts/tickets.js';
import { cellText } from '../domain/tickets/cells.js';
import { FIELD_LABELS, type HeaderMap, headerScore, mapHeader, missingRequired } from '../domain/tickets/columns.js';
import { normalizeRow, pickFields, type RowContext, type TicketInput } from '../domain/tickets/row.js';
import type { Db } from './db.js';
import { readTicketRows, type RawRow, ticketFileKind } from './ticket-files.js';
import { recordImport, upsertTickets } from './tickets.js';

export interface ImportDeps {
  db: Db;
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

export type ImportResult =
  | { kind: 'imported'; counts: ImportCounts; rejected: RejectedRow[] }
  | { kind: 'not-a-list'; missing: string[] }
  | { kind: 'unsupported' }
  | { kind: 'unreadable'; error: string };

const BATCH = 1000;
const HEADER_SEARCH_ROWS = 10;

function rowContext(d: ImportDeps): RowContext {
  return { roster: d.roster, calendar: d.calendar, tz: d.config.timezone, doneStatuses: d.config.tickets.doneStatuses };
}

/** Validates rows and upserts them in batches; one bad row is rejected with its reason, never more. */
class BatchImporter {
  readonly counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  readonly rejected: RejectedRow[] = [];
  private batch: TicketInput[] = [];
  private readonly ctx: RowContext;
  constructor(
    private readonly d: ImportDeps,
    private readonly meta: ImportMeta,
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
    if (!r.ok) {
      this.counts.rejected++;
      this.rejected.push({ row: rowNo, number: r.number, reason: r.reason });
      return;
    }
    this.batch.push(r.ticket);
    if (this.batch.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const b = this.batch;
    this.batch = [];
    const o = await upsertTickets(this.d.db, b, this.meta.source, this.d.now);
    this.counts.created += o.created;
    this.counts.updated += o.updated;
    this.counts.unchanged += o.unchanged;
  }

  async finish(): Promise<ImportResult> {
    await this.flush();
    await recordImport(this.d.db, {
      source: this.meta.source, senderId: this.meta.senderId ?? null, fileName: this.meta.fileName ?? null, at: this.d.now,
      counts: { created: this.counts.created, updated: this.counts.updated, unchanged: this.counts.unchanged, rejected: this.counts.rejected },
      rejected: this.rejected,
    });
    return { kind: 'imported', counts: this.counts, rejected: this.rejected };
  }
}

const isBlank = (cells: readonly unknown[]) => cells.every((c) => cellText(c) === '');

/** Imports rows of a list: finds the header among the first rows, then streams the rest. */
export async function importRows(rows: AsyncIterable<RawRow>, d: ImportDeps, meta: ImportMeta): Promise<ImportResult> {
  let header: HeaderMap | null = null;
  let best: HeaderMap = {};
  let seen = 0;
  const importer = new BatchImporter(d, meta);
  for await (const row of rows) {
    if (isBlank(row.cells)) continue;
    if (!header) {
      const map = mapHeader(row.cells.map(cellText), d.config.tickets.columns);
      if (missingRequired(map).length === 0) {
        header = map;
        continue;
      }
      if (headerScore(map) > headerScore(best)) best = map;
      if (++seen >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    await importer.add(row.rowNo, pickFields(row.cells, header));
  }
  if (!header) return { kind: 'not-a-list', missing: missingRequired(best).map((f) => (f === 'assignedAt' ? '派单时间或办理时限' : FIELD_LABELS[f])) };
  return importer.finish();
}

/** Imports a file (.xlsx or .csv) from disk. */
export async function importTicketFile(path: string, name: string, d: ImportDeps, meta: ImportMeta): Promise<ImportResult> {
  if (ticketFileKind(name) === 'unsupported') return { kind: 'unsupported' };
  try {
    return await importRows(readTicketRows(path, name, { maxUncompressedBytes: d.config.limits.xlsxMaxUncompressedBytes, maxRows: d.config.limits.xlsxMaxRows }), d, meta);
  } catch (err) {
    if (!(await d.db.ping())) throw err;
    return { kind: 'unreadable', error: (err as Error).message };
  }
}

/** Imports already-split records (the HTTP API): row numbers are 1-based positions. */
export async function importRecords(records: ReadonlyArray<Partial<Record<TicketField, unknown>>>, d: ImportDeps, meta: ImportMeta): Promise<ImportResult> {
  const importer = new BatchImporter(d, meta);
  for (let i = 0; i < records.length; i++) await importer.add(i + 1, records[i] as Partial<Record<TicketField, unknown>>);
  return importer.finish();
}
