import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export const HEADER = [
  '工单编号',
  '标题',
  '诉求内容',
  '承办单位',
  '属地镇街',
  '网格',
  '派单时间',
  '办理时限',
  '状态',
  '满意度',
  '重办次数',
];

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'duban-tickets-'));
}

/** An Excel serial for a local wall-clock time (what Excel stores for a date cell). */
export function excelSerial(y: number, m: number, d: number, h = 0, mi = 0): number {
  return (Date.UTC(y, m - 1, d, h, mi) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export async function writeXlsx(path: string, rows: unknown[][], opts: { title?: string[] } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  if (opts.title) ws.addRow(opts.title);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
  return path;
}

export function writeCsv(path: string, rows: unknown[][], encoding: 'utf8' | 'utf8-bom' | 'gb18030'): string {
  const text =
    rows
      .map((r) =>
        r
          .map((c) => (/[",\n]/.test(String(c ?? '')) ? `"${String(c).replace(/"/g, '""')}"` : String(c ?? '')))
          .join(','),
      )
      .join('\r\n') + `\r\n`;
  const buf =
    encoding === 'gb18030'
      ? iconv.encode(text, 'gb18030')
      : Buffer.from(encoding === 'utf8-bom' ? `\ufeff${text}` : text, 'utf8');
  writeFileSync(path, buf);
  return path;
}
