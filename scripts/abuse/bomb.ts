/**
 * Zip-bomb figures (issue 14 item 5): a small .xlsx that inflates to `sheetMb` MB, imported as the
 * chat would (the district's limits): time, peak memory, temporary files written, the answer.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DistrictConfig } from '../../src/config/schema.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { Roster } from '../../src/domain/roster.js';
import { openDb } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { importAnswer, importTicketFile } from '../../src/usecases/ticket-import.js';
import { writeZipBomb } from './zip-bomb.js';

/** Bytes of exceljs's temporary files (tmp-<pid>-…) in the temp folder. */
function tempBytes(): number {
  let n = 0;
  for (const f of readdirSync(tmpdir())) {
    if (!f.startsWith(`tmp-${process.pid}-`)) continue;
    try {
      n += statSync(join(tmpdir(), f)).size;
    } catch {
      // gone
    }
  }
  return n;
}

export async function bombSection(config: DistrictConfig, sheetMb: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-abuse-'));
  const db = await openDb({ dataDir: 'memory' });
  const lines: string[] = [];
  try {
    await migrate(db);
    for (const lie of [false, true]) {
      const path = join(dir, lie ? '工单-伪装.xlsx' : '工单-炸弹.xlsx');
      // The lying variant needs no size to make its point (it is stopped at its declared 1000 bytes).
      const built = await writeZipBomb(path, { sheetMb: lie ? Math.min(sheetMb, 128) : sheetMb, lieAboutSize: lie });
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      let peakTemp = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
        peakTemp = Math.max(peakTemp, tempBytes());
      }, 20);
      const t0 = performance.now();
      const r = await importTicketFile(
        path,
        'x.xlsx',
        { db, roster: Roster.fromConfig(config), calendar: new WorkCalendar(config.calendar), config, now: new Date() },
        { source: 'abuse' },
      );
      const ms = performance.now() - t0;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      peakTemp = Math.max(peakTemp, tempBytes());
      lines.push(
        `  ${lie ? 'lying sizes' : 'honest sizes'}: ${(built.fileBytes / 1048576).toFixed(1)} MB file ` +
          `inflating to ${(built.inflatedBytes / 1048576).toFixed(0)} MB → ` +
          `${r.kind}${r.kind === 'unreadable' ? ` (${r.error.slice(0, 60)}…)` : ''} in ${ms.toFixed(0)} ms; ` +
          `temporary files ${(peakTemp / 1048576).toFixed(1)} MB, ` +
          `left after ${(tempBytes() / 1048576).toFixed(1)} MB; RSS +${((peak - rss0) / 1048576).toFixed(0)} ` +
          `MB during the import`,
      );
      if (!lie) lines.push(`  answer: ${importAnswer('工单.xlsx', r, 5).split('\n')[0]}`);
    }
    lines.push(
      `  limits: xlsxMaxUncompressedBytes ${config.limits.xlsxMaxUncompressedBytes / 1048576} MB, xlsxMaxRows ` +
        `${config.limits.xlsxMaxRows}, fileMaxBytes ${config.limits.fileMaxBytes / 1048576} MB`,
    );
    lines.push(
      '  (before issue 14: a 10 MB bomb wrote 4 GB of temporary worksheet data, kept until exit, and took 70 s)',
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
