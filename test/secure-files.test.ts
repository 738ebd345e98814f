/**
 * Issue 14 items 5, 6 and 8 (file names): received files and spreadsheets cannot fill the disk
 * or the memory. Only spreadsheets from people who may import are kept, streamed within the size
 * limit and expired later (the audit keeps hash, name and sender); a zip-bomb .xlsx is refused
 * before it is inflated, with no temporary files; a list behind a cover sheet is found; a file
 * name over 255 bytes does not lose the import.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZipBomb } from '../scripts/abuse/zip-bomb.js';
import { storedFileName } from '../src/domain/files.js';
import { expireReceivedFiles } from '../src/store/received-files.js';
import { rosterConfig } from './helpers.js';
import { Scenario } from './scenario.js';
import { HEADER, tempDir, writeCsv, writeXlsx } from './ticket-helpers.js';

const SUP = 'wxid_sup_liu';
const LIAISON = 'wxid_zhujian_xu';
const STRANGER = 'wxid_stranger';
const t = (hhmm: string) => `2026-11-20T${hhmm}:00+08:00`;
const ROWS = [
  ['S001', '物业纠纷', '', '区住建局', '', '', '2026-11-18 09:00', '', '办理中', '', 0],
  ['S002', '商铺油烟', '', '城管局', '', '', '2026-11-18 09:00', '', '办理中', '', 0],
];

/** exceljs's temporary files (tmp-<pid>-…) in the temp folder. */
const exceljsTemps = () => readdirSync(tmpdir()).filter((n) => new RegExp(`^tmp-${process.pid}-`).test(n));

describe('received files and spreadsheets', () => {
  let s: Scenario;
  let files: string;
  let dir: string;
  beforeAll(async () => {
    const base = rosterConfig();
    s = await Scenario.open(
      rosterConfig({
        limits: {
          ...base.limits,
          fileMaxBytes: 256 * 1024,
          xlsxMaxUncompressedBytes: 8 * 1024 * 1024,
          xlsxMaxRows: 100,
        },
      }),
    );
    files = join(s.h.app.ctx.dataDir as string, 'files');
    dir = tempDir();
  });
  afterAll(async () => {
    await s?.close();
  });
  const kept = () => (existsSync(files) ? readdirSync(files) : []);
  const audit = async (name: string) =>
    (
      await s.h.app.db.query<{
        sender_id: string;
        file_name: string;
        file_path: string | null;
        file_sha256: string | null;
        file_expired_at: Date | null;
      }>(
        'select sender_id, file_name, file_path, file_sha256, file_expired_at from inbound_messages where ' +
          'file_name = $1',
        [name],
      )
    )[0];

  it(
    "a stranger's, a liaison's and a non-spreadsheet " + 'file are recorded by name and never written to disk',
    async () => {
      const list = await writeXlsx(join(dir, 'list.xlsx'), [HEADER, ...ROWS]);
      const pdf = join(dir, '通知.pdf');
      writeFileSync(pdf, Buffer.alloc(10_000, 1));
      const out = await s.play(
        { at: t('09:00'), from: STRANGER, file: list, to: 'group' },
        { at: t('09:01'), from: LIAISON, file: list, to: 'group' },
        { at: t('09:02'), from: SUP, file: pdf, to: 'group' },
      );
      expect(kept()).toEqual([]);
      // The liaison is told privately who imports; nobody else hears anything.
      expect(out.map((o) => o.to)).toEqual([LIAISON]);
      const rows = await s.h.app.db.query<{ sender_id: string; file_name: string; file_path: string | null }>(
        'select sender_id, file_name, file_path from inbound_messages where file_name is not null order by sent_at',
      );
      expect(rows.map((r) => [r.sender_id, r.file_name, r.file_path || ''])).toEqual([
        [STRANGER, 'list.xlsx', ''],
        [LIAISON, 'list.xlsx', ''],
        [SUP, '通知.pdf', ''],
      ]);
    },
  );

  it('a file over the size limit is stopped while it is written: nothing kept, a clear answer', async () => {
    const big = writeCsv(
      join(dir, '工单大表.csv'),
      [
        HEADER,
        ...Array.from({ length: 3000 }, (_, i) => [
          `B${i}`,
          '很长的标题'.repeat(10),
          '',
          '区住建局',
          '',
          '',
          '2026-11-18 09:00',
          '',
          '办理中',
          '',
          0,
        ]),
      ],
      'utf8',
    );
    expect(readFileSync(big).length).toBeGreaterThan(256 * 1024);
    const out = await s.play({ at: t('09:10'), from: SUP, file: big, to: 'group' });
    expect(kept()).toEqual([]);
    expect(out.map((o) => o.text).join('\n')).toMatch(/超过督办助手可接收的大小（0MB|超过督办助手可接收的大小/);
  });

  it(
    'a zip-bomb .xlsx (40 MB of rows in 160 kB) is ' + 'refused before it is inflated, with no temporary file',
    async () => {
      const honest = join(dir, '工单-炸弹.xlsx');
      const lying = join(dir, '工单-伪装.xlsx');
      await writeZipBomb(honest, { sheetMb: 40 });
      await writeZipBomb(lying, { sheetMb: 40, lieAboutSize: true });
      const before = exceljsTemps();
      const out = await s.play(
        { at: t('09:20'), from: SUP, file: honest, to: 'group' },
        { at: t('09:21'), from: SUP, file: lying, to: 'group' },
      );
      expect(out).toHaveLength(2);
      for (const o of out) expect(o.text).toContain('内容过大');
      expect(exceljsTemps()).toEqual(before);
    },
  );

  it('more rows than the limit: refused, nothing imported', async () => {
    const many = writeCsv(
      join(dir, '工单-多行.csv'),
      [
        HEADER,
        ...Array.from({ length: 150 }, (_, i) => [
          `R${i}`,
          '标题',
          '',
          '区住建局',
          '',
          '',
          '2026-11-18 09:00',
          '',
          '办理中',
          '',
          0,
        ]),
      ],
      'utf8',
    );
    const out = await s.play({ at: t('09:30'), from: SUP, file: many, to: 'group' });
    expect(out.map((o) => o.text).join('\n')).toContain('内容过大');
    const [r] = await s.h.app.db.query<{ n: number }>("select count(*)::int as n from tickets where number like 'R%'");
    expect(r?.n).toBe(0);
  });

  it('a list behind a cover sheet (说明) is found and imported', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['本表由12345平台导出']);
    const ws = wb.addWorksheet('工单');
    for (const r of [HEADER, ...ROWS]) ws.addRow(r);
    const path = join(dir, '带封面.xlsx');
    await wb.xlsx.writeFile(path);
    const out = await s.play({ at: t('09:40'), from: SUP, file: path, to: 'group' });
    expect(out.map((o) => o.text).join('\n')).toMatch(/2/);
    const [r] = await s.h.app.db.query<{ n: number }>(
      "select count(*)::int as n from tickets where number in ('S001', 'S002')",
    );
    expect(r?.n).toBe(2);
  });

  it(
    'a file name over 255 bytes keeps the import; the file is hashed, then expires while the audit keeps hash, ' +
      'name and sender',
    async () => {
      const long = `${'区住建局十一月二十日超期工单清单'.repeat(8)}.xlsx`;
      expect(Buffer.byteLength(long)).toBeGreaterThan(255);
      const src = await writeXlsx(join(dir, 'long.xlsx'), [
        HEADER,
        ['L001', '路灯不亮', '', '区住建局', '', '', '2026-11-18 09:00', '', '办理中', '', 0],
      ]);
      // The chat sends it under its long name (a file system could not hold it as is).
      const id = s.h.world.sendFile(SUP, src, { to: 'group' });
      const box = s.h.world.mocker.cacheFileBoxPayload.get(id) as unknown as { name: string };
      box.name = long;
      (s.h.world.mocker.cacheMessagePayload.get(id) as unknown as { filename: string }).filename = long;
      expect(await s.h.drain()).toBe(true);
      const [r] = await s.h.app.db.query<{ n: number }>("select count(*)::int as n from tickets where number = 'L001'");
      expect(r?.n).toBe(1);
      const row = await audit(long);
      expect(row?.sender_id).toBe(SUP);
      expect(row?.file_sha256).toBe(createHash('sha256').update(readFileSync(src)).digest('hex'));
      expect(Buffer.byteLength(storedFileName(id, long))).toBeLessThanOrEqual(255);
      expect(existsSync(row?.file_path as string)).toBe(true);
      // 31 days later (limits.fileKeepDays: 30).
      const old = new Date(Date.now() - 31 * 86_400_000);
      utimesSync(row?.file_path as string, old, old);
      expect(await expireReceivedFiles(s.h.app.db, files, 30 * 86_400_000, new Date())).toBeGreaterThanOrEqual(1);
      const after = await audit(long);
      expect(after?.file_path).toBeNull();
      expect(after?.file_expired_at).not.toBeNull();
      expect([after?.sender_id, after?.file_name, after?.file_sha256]).toEqual([SUP, long, row?.file_sha256]);
      expect(existsSync(row?.file_path as string)).toBe(false);
    },
  );
});
