/**
 * Reading an .xlsx someone sent without letting it fill the disk or the memory (issue 14, a zip
 * bomb): the zip's central directory is read first and the parts to be read (workbook, shared
 * strings, one worksheet) must declare at most `maxUncompressedBytes` together; each part is then
 * inflated through a counter that stops at its declared size (a lying header gains nothing) and
 * the rows are counted against `maxRows`. Nothing is written to disk: exceljs's own streaming
 * reader spools worksheets that come before the shared strings into temporary files (4 GB for a
 * 10 MB bomb, kept until exit), so its parsers are fed here part by part, in the order they need.
 * Only the first visible worksheet that holds a list (a header-like row near the top) is read.
 */
import { type Readable, Transform } from 'node:stream';
import { readZipDirectory, type ZipEntry } from './zip-directory.js';

/** One row of a sheet: its 1-based row number in the file and its raw cell values. */
export interface RawRow {
  rowNo: number;
  cells: unknown[];
}

export interface XlsxLimits {
  maxUncompressedBytes: number;
  maxRows: number;
}

/** A spreadsheet refused for its size; `what` says which limit. */
export class XlsxTooLarge extends Error {
  constructor(
    readonly what: 'uncompressed' | 'rows' | 'part',
    detail: string,
  ) {
    super(`spreadsheet too large (${what}): ${detail}`);
    this.name = 'XlsxTooLarge';
  }
}

/** Rows a sheet must show, near its top, to count as holding a list: a row with 3+ filled cells. */
const PEEK_ROWS = 30;
const HEADER_CELLS = 3;

/** The inflated bytes of one part, stopped at its declared size (and the whole read's budget). */
function bounded(entry: ZipEntry, budget: { left: number }): Readable {
  let seen = 0;
  const src = entry.stream();
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      budget.left -= chunk.length;
      if (seen > entry.uncompressedSize)
        return done(
          new XlsxTooLarge('part', `${entry.path} inflates beyond its declared ${entry.uncompressedSize} bytes`),
        );
      if (budget.left < 0) return done(new XlsxTooLarge('uncompressed', `${entry.path}: over the read budget`));
      done(null, chunk);
    },
  });
  src.on('error', (err) => counter.destroy(err));
  counter.on('close', () => src.destroy());
  return src.pipe(counter);
}

interface ReaderInternals {
  _parseRels(s: Readable): Promise<void>;
  _parseWorkbook(s: Readable): Promise<void>;
  _parseSharedStrings(s: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    s: AsyncIterable<unknown>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<{ number: number; values: unknown }> }>;
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ rId: string; id: number; name: string; state?: string }> };
}

/** Worksheet part paths in workbook order, visible sheets only. */
function sheetParts(reader: ReaderInternals, entries: Map<string, ZipEntry>): string[] {
  const rels = reader.workbookRels ?? [];
  const out: string[] = [];
  for (const s of reader.model?.sheets ?? []) {
    if (s.state === 'hidden' || s.state === 'veryHidden') continue;
    const target = rels.find((r) => r.Id === s.rId)?.Target;
    if (!target) continue;
    const part = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    if (entries.has(part)) out.push(part);
  }
  // A workbook without usable relations: its worksheets by number.
  if (out.length === 0) {
    const nums = [...entries.keys()]
      .map((k) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(k))
      .filter((m): m is RegExpExecArray => m !== null);
    out.push(...nums.sort((a, b) => Number(a[1]) - Number(b[1])).map((m) => m[0]));
  }
  return out;
}

function filled(cells: unknown[]): number {
  return cells.filter(
    (c) => c !== null && c !== undefined && String(typeof c === 'object' ? JSON.stringify(c) : c).trim() !== '',
  ).length;
}

/** Rows of one worksheet part (cells as exceljs gives them, like the streaming reader). */
async function* sheetRows(reader: ReaderInternals, entry: ZipEntry, budget: { left: number }): AsyncGenerator<RawRow> {
  const sheetNo = /sheet(\d+)\.xml$/.exec(entry.path)?.[1] ?? '1';
  const stream = bounded(entry, budget);
  try {
    for (const ev of reader._parseWorksheet(stream, sheetNo)) {
      for await (const row of ev.value) {
        const values = row.values as unknown[];
        yield { rowNo: row.number, cells: Array.isArray(values) ? values.slice(1) : [] };
      }
    }
  } finally {
    stream.destroy();
  }
}

/**
 * The rows of the first visible worksheet that holds a list (else the first worksheet), within
 * the limits; throws XlsxTooLarge before reading when the declared sizes are over them, and
 * while reading when a part inflates beyond its declared size or the rows exceed `maxRows`.
 */
export async function* readXlsxRowsBounded(path: string, limits: XlsxLimits): AsyncGenerator<RawRow> {
  const entries = readZipDirectory(path);
  const size = (p: string) => entries.get(p)?.uncompressedSize ?? 0;
  const base = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml'];
  const baseBytes = base.reduce((n, p) => n + size(p), 0);
  if (baseBytes > limits.maxUncompressedBytes)
    throw new XlsxTooLarge('uncompressed', `workbook and shared strings declare ${baseBytes} bytes`);
  // No worksheet could be read within the limit: refused before anything is inflated or loaded.
  const sheets = [...entries.values()].filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.path));
  if (sheets.length > 0 && sheets.every((e) => baseBytes + e.uncompressedSize > limits.maxUncompressedBytes)) {
    throw new XlsxTooLarge(
      'uncompressed',
      `every worksheet declares more than ${limits.maxUncompressedBytes - baseBytes} bytes`,
    );
  }
  const budget = { left: limits.maxUncompressedBytes };
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  }) as unknown as ReaderInternals;
  const rels = entries.get(base[0] as string);
  const wb = entries.get(base[1] as string);
  const ss = entries.get(base[2] as string);
  if (rels) await reader._parseRels(bounded(rels, budget));
  if (wb) await reader._parseWorkbook(bounded(wb, budget));
  if (ss) for await (const _ of reader._parseSharedStrings(bounded(ss, budget))) void _;
  const parts = sheetParts(reader, entries);
  if (parts.length === 0) return;
  const afterBase = budget.left;
  // Which sheet: the first whose top rows look like a list (a cover sheet or notes are skipped).
  let chosen = parts[0] as string;
  if (parts.length > 1) {
    for (const p of parts) {
      const peekBudget = { left: afterBase };
      let n = 0;
      let header = false;
      for await (const row of sheetRows(reader, entries.get(p) as ZipEntry, peekBudget)) {
        if (filled(row.cells) >= HEADER_CELLS) header = true;
        if (header || ++n >= PEEK_ROWS) break;
      }
      if (header) {
        chosen = p;
        break;
      }
    }
  }
  const sheet = entries.get(chosen) as ZipEntry;
  if (sheet.uncompressedSize > afterBase) {
    throw new XlsxTooLarge(
      'uncompressed',
      `${chosen} declares ${sheet.uncompressedSize} bytes (limit ${limits.maxUncompressedBytes} with the ` +
        `shared strings)`,
    );
  }
  let rows = 0;
  for await (const row of sheetRows(reader, sheet, { left: afterBase })) {
    if (++rows > limits.maxRows) throw new XlsxTooLarge('rows', `more than ${limits.maxRows} rows`);
    yield row;
  }
}
