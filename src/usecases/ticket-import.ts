/**
 * Importing a ticket list (a file from the chat or the CLI, records from the HTTP API): the rows
 * read (lib/sheet-files.ts), the header found and each row validated (domain/tickets/), the
 * tickets upserted in batches with their events and 双派单 triggers (ticket-changes.ts), the
 * import recorded; then, for the chat, the rounds it started and the tickets overdue now, and
 * the answer (the same for the chat and the CLI).
 */
import type { DistrictConfig, TicketField } from '../config/schema.js';
import type { WorkCalendar } from '../domain/calendar.js';
import type { Roster } from '../domain/roster.js';
import { sheetTooLargeText } from '../domain/texts/limits.js';
import type { ImportCounts, RejectedRow } from '../domain/texts/tickets.js';
import * as T from '../domain/texts/tickets.js';
import { columnAliases } from '../domain/tickets/columns.js';
import { endOfDay } from '../domain/tickets/deadline.js';
import { classify } from '../domain/tickets/digest.js';
import { ticketFileKind } from '../domain/tickets/file-kind.js';
import { describeMapping, HEADER_SEARCH_ROWS, isNoteRow } from '../domain/tickets/header.js';
import { findListHeader, type ImportResult, isBlank, lookedFor } from '../domain/tickets/import.js';
import { normalizeRow, pickFields, type RowContext, type TicketInput } from '../domain/tickets/row.js';
import { REPORTED_WHEN_MISSING } from '../domain/tickets/vocabulary.js';
import { localDay } from '../domain/time.js';
import { type RawRow, readSheetRows } from '../lib/sheet-files.js';
import type { Db } from '../store/db.js';
import type { DualRound } from '../store/dual.js';
import { openTicketsToNag, recordImport } from '../store/tickets.js';
import { recordTicketPlaces, warnClusters } from './clusters.js';
import type { AppContext } from './context.js';
import { openDualRounds } from './dual-flow.js';
import { upsertTickets } from './ticket-changes.js';
import { deliverAfterImport, deliversNow, openVisits } from './visits.js';

export type { ImportResult, MissingColumn } from '../domain/tickets/import.js';

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

const BATCH = 1000;

function rowContext(d: ImportDeps): RowContext {
  return {
    roster: d.roster,
    calendar: d.calendar,
    tz: d.config.timezone,
    doneStatuses: d.config.tickets.doneStatuses,
    dayEnd: d.config.dispatch.workingHours.end,
  };
}

/** Options of an import: `dryRun` parses and validates without writing, keeping the first rows. */
export interface ImportOptions {
  dryRun?: boolean;
  previewRows?: number;
  /** Filled with the places the imported tickets name (repeat warnings, usecases/clusters.ts). */
  places?: Set<string>;
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
      r = { ok: false, number: null, reason: T.rowUnreadable((err as Error).message) };
    }
    if (this.opts.dryRun && this.preview.length < (this.opts.previewRows ?? 5)) {
      this.preview.push(
        r.ok ? { row: rowNo, ok: true, ticket: r.ticket } : { row: rowNo, ok: false, reason: r.reason },
      );
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
    if (this.d.config.clusters.enabled)
      for (const p of await recordTicketPlaces(this.d.db, b)) this.opts.places?.add(p);
  }

  async finish(): Promise<ImportResult> {
    if (this.opts.dryRun)
      return { kind: 'imported', counts: this.counts, rejected: this.rejected, preview: this.preview };
    await this.flush();
    if (!this.d.db) throw new Error('import without a store');
    await recordImport(this.d.db, {
      source: this.meta.source,
      senderId: this.meta.senderId ?? null,
      fileName: this.meta.fileName ?? null,
      at: this.d.now,
      counts: {
        created: this.counts.created,
        updated: this.counts.updated,
        unchanged: this.counts.unchanged,
        rejected: this.counts.rejected,
      },
      rejected: this.rejected,
    });
    return { kind: 'imported', counts: this.counts, rejected: this.rejected };
  }
}

/**
 * Imports rows of a list: reads the first non-blank rows, finds the header among them (one row
 * or two, after any title rows; in 繁體 too), then streams the rest. Totals and note rows are
 * passed over; every other row is imported or rejected with its reason.
 */
export async function importRows(
  rows: AsyncIterable<RawRow>,
  d: ImportDeps,
  meta: ImportMeta,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const aliases = columnAliases(d.config.tickets.columns);
  const head: RawRow[] = [];
  const it = rows[Symbol.asyncIterator]();
  for (
    let next = await it.next();
    !next.done;
    next = head.length < HEADER_SEARCH_ROWS ? await it.next() : { done: true, value: undefined }
  ) {
    if (!isBlank(next.value.cells)) head.push(next.value);
  }
  const found = findListHeader(
    head.map((r) => r.cells),
    aliases,
  );
  if (!found.header) {
    await it.return?.();
    return found.notAList;
  }
  const header = found.header;
  const mapping = describeMapping(
    header,
    head.map((r) => r.rowNo),
  );
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
  if (head.length >= HEADER_SEARCH_ROWS)
    for (let next = await it.next(); !next.done; next = await it.next()) await take(next.value);
  const r = await importer.finish();
  if (r.kind !== 'imported') return r;
  const missing = REPORTED_WHEN_MISSING.filter((f) => header.map[f] === undefined).map((f) => lookedFor(f, aliases));
  return { ...r, mapping, missing, skipped };
}

/** Imports a file (.xlsx or .csv) from disk. */
export async function importTicketFile(
  path: string,
  name: string,
  d: ImportDeps,
  meta: ImportMeta,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  if (ticketFileKind(name) === 'unsupported') return { kind: 'unsupported' };
  try {
    return await importRows(
      readSheetRows(path, ticketFileKind(name) === 'xlsx' ? 'xlsx' : 'csv', {
        maxUncompressedBytes: d.config.limits.xlsxMaxUncompressedBytes,
        maxRows: d.config.limits.xlsxMaxRows,
      }),
      d,
      meta,
      opts,
    );
  } catch (err) {
    if (d.db && !(await d.db.ping())) throw err;
    return { kind: 'unreadable', error: (err as Error).message };
  }
}

/** Imports already-split records (the HTTP API): row numbers are 1-based positions. */
export async function importRecords(
  records: ReadonlyArray<Partial<Record<TicketField, unknown>>>,
  d: ImportDeps,
  meta: ImportMeta,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const importer = new BatchImporter(d, meta, opts);
  for (let i = 0; i < records.length; i++)
    await importer.add(i + 1, records[i] as Partial<Record<TicketField, unknown>>);
  return importer.finish();
}

/** The answer to an import, for the chat and the CLI alike. */
export function importAnswer(name: string, r: ImportResult, maxListed: number, follow?: T.ImportFollowUp): string {
  switch (r.kind) {
    case 'imported':
      return T.importSummary(name, r.counts, r.rejected, maxListed, follow, {
        mapping: r.mapping,
        missing: r.missing,
        skipped: r.skipped,
      });
    case 'not-a-list':
      return T.notATicketList(name, r.missing, r.lookedFor);
    case 'unsupported':
      return T.unsupportedFile(name);
    case 'unreadable':
      // A zip bomb or an oversized list is refused before it is read (lib/xlsx-bounded.ts).
      return r.error.startsWith('spreadsheet too large') ? sheetTooLargeText(name) : T.unreadableFile(name);
  }
}

/**
 * A ticket file received in the chat, imported, with its answer and the rounds it started (to enqueue after the
 * answer).
 */
export interface ChatImport {
  result: ImportResult;
  answer: string;
  /** The 双派单 rounds made, not yet enqueued: their deliveries follow the answer that names them. */
  started: DualRound[];
  /** The places the tickets name: their repeat warnings follow the answer (warnClusters). */
  places: Set<string>;
}

/**
 * Opens the 四个必到 visits the import's tickets call for (a failure is logged: visit-check opens them later); the
 * codes opened.
 */
async function openVisitsAfterImport(ctx: AppContext, at: Date): Promise<string[]> {
  return openVisits(ctx, at).catch((err) => {
    ctx.log.error({ err }, 'visits: not opened after the import (visit-check will)');
    return [];
  });
}

/**
 * Imports a file someone sent (the handler checked who may), and prepares the answer: the counts,
 * each rejected row, the 双派单 rounds it started (by code) and the tickets overdue now.
 * `logFields` go with the log lines (the message id).
 */
export async function importChatFile(
  ctx: AppContext,
  file: { path: string; name: string },
  senderId: string,
  logFields: Record<string, unknown>,
): Promise<ChatImport> {
  const at = ctx.clock.now();
  const places = new Set<string>();
  const r = await importTicketFile(
    file.path,
    file.name,
    { db: ctx.db, roster: ctx.roster, calendar: ctx.calendar, config: ctx.config, now: at },
    { source: `file:${file.name} by ${senderId}`, senderId, fileName: file.name },
    { places },
  );
  ctx.log.info(
    { ...logFields, from: senderId, file: file.name, result: r.kind, ...(r.kind === 'imported' ? r.counts : {}) },
    'ticket file processed',
  );
  let follow: T.ImportFollowUp | undefined;
  let started: DualRound[] = [];
  const visits = r.kind === 'imported' ? await openVisitsAfterImport(ctx, at) : [];
  if (r.kind === 'imported') {
    // The rounds are made first, so that the answer can say which; their deliveries follow it.
    // A failure here never costs the import its answer (dual-check retries pending rounds).
    try {
      const rounds = await openDualRounds(ctx, { enqueue: false });
      started = rounds;
      const now = ctx.clock.now();
      const tz = ctx.config.timezone;
      // What the nag will pursue: a ticket whose 退办 was approved waits for the platform, not counted.
      const open = (await openTicketsToNag(ctx.db, endOfDay(localDay(now, tz), tz))).filter(
        (t) => t.returnApproved !== true,
      );
      const overdue = classify(open, now, ctx.calendar, tz).filter((i) => i.daysOverdue >= 0);
      follow = {
        rounds: rounds.map((x) => x.code),
        overdue: overdue.length,
        overdueReportedDone: overdue.filter((i) => i.reportedDone).length,
        visits: { codes: visits, now: deliversNow(ctx) },
      };
    } catch (err) {
      ctx.log.error(
        { err, ...logFields },
        'ticket import: opening 双派单 rounds failed; the answer gives the counts only',
      );
    }
  }
  return {
    result: r,
    answer: importAnswer(file.name, r, ctx.config.tickets.maxRejectedListed, follow),
    started,
    places,
  };
}

/**
 * Imports records the platform pushed (the HTTP API), then makes the 双派单 rounds they call
 * for and adds their flows (a failure there is logged: dual-check makes them later).
 */
export async function importPushedRecords(
  ctx: AppContext,
  records: ReadonlyArray<Partial<Record<TicketField, unknown>>>,
): Promise<ImportResult> {
  const at = ctx.clock.now();
  const places = new Set<string>();
  const r = await importRecords(
    records,
    { db: ctx.db, roster: ctx.roster, calendar: ctx.calendar, config: ctx.config, now: at },
    { source: 'api' },
    { places },
  );
  if (r.kind === 'imported' && records.length > 0) await openVisitsAfterImport(ctx, at);
  if (r.kind === 'imported' && records.length > 0)
    await openDualRounds(ctx).catch((err) =>
      ctx.log.error({ err }, 'dual: rounds not made after the API import (dual-check will)'),
    );
  await warnClusters(ctx, places).catch((err) => ctx.log.error({ err }, 'repeat warnings failed after the API import'));
  if (r.kind === 'imported' && records.length > 0) await deliverAfterImport(ctx);
  return r;
}
