/**
 * The one spreadsheet writer (src/render/spreadsheet.ts), read back with exceljs: sheets in
 * order, the header row, the rows by column key (a missing key an empty cell), the widths, and
 * the notes under one blank row. The 月评比 file and the 双问责 evidence are written by it and read
 * back in test/dual-periodic.test.ts, test/ranking-coverage.test.ts and test/dual-dispatch.test.ts.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeSpreadsheet } from '../src/render/spreadsheet.js';
import { tempDir } from './ticket-helpers.js';

const values = (ws: ExcelJS.Worksheet | undefined) => {
  const rows: Array<[number, unknown]> = [];
  ws?.eachRow({ includeEmpty: true }, (r, n) => rows.push([n, r.values]));
  return rows;
};

describe('writeSpreadsheet', () => {
  it('writes each sheet: header, rows by key, widths, then a blank row and the notes', async () => {
    const path = join(tempDir(), 'x.xlsx');
    await writeSpreadsheet(path, [
      {
        name: '2026-11月评比',
        columns: [
          { header: '名次', key: 'rank', width: 6 },
          { header: '单位', key: 'unitName', width: 26 },
          { header: '备注', key: 'note', width: 16 },
        ],
        rows: [
          { rank: 1, unitName: '区住建局' },
          { rank: 2, unitName: '城东街道', note: '未报送日报' },
        ],
        notes: ['规则', '口径'],
      },
      { name: '证据链', columns: [{ header: '时间', key: 'at', width: 18 }], rows: [{ at: '2026-11-20 10:00' }] },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2026-11月评比', '证据链']);
    const [a, b] = wb.worksheets;
    expect(a?.columns.map((c) => c.width)).toEqual([6, 26, 16]);
    expect(values(a)).toEqual([
      [1, [undefined, '名次', '单位', '备注']],
      [2, [undefined, 1, '区住建局']],
      [3, [undefined, 2, '城东街道', '未报送日报']],
      [4, []],
      [5, [undefined, '规则']],
      [6, [undefined, '口径']],
    ]);
    // No notes: no blank row either.
    expect(values(b)).toEqual([
      [1, [undefined, '时间']],
      [2, [undefined, '2026-11-20 10:00']],
    ]);
  });
});
