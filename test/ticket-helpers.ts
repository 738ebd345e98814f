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

/**
 * A few tickets of the example district as a 12345 export lists them (rows under HEADER), by
 * what each is for: four overdue at different units, one rated 不满意 (a 双派单). Tests pick theirs.
 */
export const TICKET_ROWS = {
  gonganOverdue: [
    '2026112400217',
    '学校门口交通拥堵',
    '',
    '区公安分局',
    '城东街道',
    '',
    '2026-11-24 09:00',
    '2026-11-27 18:00',
    '办理中',
    '',
    0,
  ],
  rensheOverdue: [
    '2026112500031',
    '养老金到账查询',
    '',
    '人社局',
    '',
    '',
    '2026-11-25 09:00',
    '2026-11-27 18:00',
    '办理中',
    '',
    0,
  ],
  chengguanOverdue: [
    '2026112100088',
    '夜市油烟扰民',
    '',
    '城管局',
    '湖滨街道',
    '',
    '2026-11-21 09:00',
    '2026-11-26 18:00',
    '办理中',
    '',
    0,
  ],
  zhujianOverdue: [
    '2026112000153',
    '小区电梯长期停运',
    '',
    '区住建局',
    '',
    '',
    '2026-11-20 09:00',
    '2026-11-25 18:00',
    '办理中',
    '',
    0,
  ],
  shengtaiUnsatisfied: [
    '2026112300411',
    '噪音扰民',
    '市民反映锦绣小区楼下烧烤店夜间噪音',
    '生态环境分局',
    '城西街道',
    '锦绣社区第二网格',
    '2026-11-23 09:00',
    '2026-11-26 18:00',
    '已办结',
    '不满意',
    0,
  ],
} satisfies Record<string, unknown[]>;
