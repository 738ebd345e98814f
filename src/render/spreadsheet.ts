/**
 * The one spreadsheet writer: Excel files the bot sends (the 月评比 table, the 双问责 evidence).
 * Each sheet is its header row, its rows, then — after a blank row — its notes, one a row in
 * the first column. exceljs is loaded on use: it costs start-up time (see lib/xlsx-bounded.ts).
 */

export interface SheetColumn {
  header: string;
  key: string;
  width: number;
}

/** One cell's value; a key a row does not have leaves the cell empty. */
export type SheetCell = string | number;

export interface Sheet {
  name: string;
  columns: readonly SheetColumn[];
  rows: ReadonlyArray<Readonly<Record<string, SheetCell | undefined>>>;
  /** Lines under the table (a rule, a trial note, the method), after one blank row; none: no blank row either. */
  notes?: readonly string[];
}

/** Writes the sheets, in order, to one .xlsx file at `path`. */
export async function writeSpreadsheet(path: string, sheets: readonly Sheet[]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    for (const r of s.rows) ws.addRow(r);
    if (s.notes && s.notes.length > 0) {
      ws.addRow([]);
      for (const n of s.notes) ws.addRow([n]);
    }
  }
  await wb.xlsx.writeFile(path);
}
