/**
 * Reading the rows of a received spreadsheet (.xlsx within size limits, or .csv in the encodings
 * Excel writes), streamed; what the rows mean is the importer's business (usecases/ticket-import.ts).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { type RawRow, readXlsxRowsBounded, type XlsxLimits, XlsxTooLarge } from './xlsx-bounded.js';

export type { RawRow } from './xlsx-bounded.js';

/** Size limits for reading a received spreadsheet (the district's `limits`; these are its defaults). */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxUncompressedBytes: 64 * 1024 * 1024, maxRows: 200_000 };

/**
 * The rows of the first worksheet holding a list, streamed (a 100k-row file is never held whole)
 * within size limits (a zip bomb is refused before it is inflated; see xlsx-bounded.ts): shared
 * strings cached, styles ignored, so date cells arrive as Excel serials.
 */
export function readXlsxRows(path: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): AsyncGenerator<RawRow> {
  return readXlsxRowsBounded(path, limits);
}

/**
 * Text of a CSV file as Excel writes it: UTF-8 with or without BOM, UTF-16 with BOM, or
 * (Excel on Chinese Windows) GB18030/GBK. Strict UTF-8 first, else GB18030.
 */
export function decodeCsv(buf: Buffer): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
}

/** CSV rows (comma, or tab when the first line has tabs and no commas), streamed through csv-parse. */
export async function* readCsvRows(path: string, maxRows = DEFAULT_XLSX_LIMITS.maxRows): AsyncGenerator<RawRow> {
  const text = decodeCsv(readFileSync(path));
  const firstLine = text.slice(0, text.search(/\r?\n/) >>> 0 || text.length);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  });
  parser.end(text);
  let rows = 0;
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (++rows > maxRows) throw new XlsxTooLarge('rows', `more than ${maxRows} rows`);
    yield { rowNo: rec.info.lines, cells: rec.record };
  }
}

/** The rows of an .xlsx or a .csv file. */
export function readSheetRows(
  path: string,
  kind: 'xlsx' | 'csv',
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): AsyncGenerator<RawRow> {
  return kind === 'xlsx' ? readXlsxRows(path, limits) : readCsvRows(path, limits.maxRows);
}
