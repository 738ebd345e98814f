import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { loadDistrictFile } from '../config/load.js';
import { WorkCalendar } from '../domain/calendar.js';
import { Roster } from '../domain/roster.js';
import { dryRunText } from '../domain/texts/tickets.js';
import { hasFlag, positional, readOption } from '../lib/args.js';
import { openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { importAnswer, importTicketFile } from '../usecases/ticket-import.js';

const USAGE =
  'usage: npm run -s cli -- import-tickets <file.xlsx|file.csv> [--config <district file>] [--json] ' +
  '[--dry-run] [--rows N]\n' +
  '  store: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded, default ./data)\n' +
  '  --dry-run: reads and checks the file without a store: prints the columns used and ignored and the first N ' +
  '(5) rows as parsed\n';

/**
 * `cli import-tickets <file>`: imports a ticket list into the store the bot uses and prints
 * the same summary the chat gets (or, with --json, the counts and rejected rows).
 */
export async function run(argv: string[]): Promise<number> {
  // Flags first out, so that `--dry-run FILE` does not read FILE as the flag's value.
  const [file] = positional(argv.filter((a) => a !== '--dry-run' && a !== '--json'));
  if (!file) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (!existsSync(file)) {
    process.stderr.write(`import-tickets: file not found: ${file}\n`);
    return 2;
  }
  const config = loadDistrictFile(
    readOption(argv, 'config') ?? process.env.DISTRICT_CONFIG ?? 'config/district.example.yaml',
  );
  if (hasFlag(argv, 'dry-run')) return dryRun(file, config, argv);
  const db = await openDb(
    process.env.DATABASE_URL
      ? { databaseUrl: process.env.DATABASE_URL }
      : { dataDir: process.env.DATA_DIR ?? './data' },
  );
  try {
    await migrate(db);
    const t0 = performance.now();
    const name = basename(file);
    const r = await importTicketFile(
      resolve(file),
      name,
      { db, roster: Roster.fromConfig(config), calendar: new WorkCalendar(config.calendar), config, now: new Date() },
      { source: `cli:${name}`, fileName: name },
    );
    const ms = Math.round(performance.now() - t0);
    if (hasFlag(argv, 'json')) {
      process.stdout.write(`${JSON.stringify({ ...r, ms })}\n`);
    } else {
      process.stdout.write(`${importAnswer(name, r, 200)}\n`);
      process.stderr.write(`import-tickets: ${ms} ms\n`);
    }
    return r.kind === 'imported' ? 0 : 1;
  } finally {
    await db.close();
  }
}

/** `--dry-run`: the file read and checked against the roster, nothing stored (no store opened). */
async function dryRun(file: string, config: ReturnType<typeof loadDistrictFile>, argv: string[]): Promise<number> {
  const name = basename(file);
  const roster = Roster.fromConfig(config);
  const rows = Math.max(1, Math.min(200, Number(readOption(argv, 'rows') ?? 5) || 5));
  const r = await importTicketFile(
    resolve(file),
    name,
    { db: null, roster, calendar: new WorkCalendar(config.calendar), config, now: new Date() },
    { source: `cli:${name}`, fileName: name },
    { dryRun: true, previewRows: rows },
  );
  if (hasFlag(argv, 'json')) {
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } else if (r.kind === 'imported') {
    const reading = { mapping: r.mapping, missing: r.missing, skipped: r.skipped };
    const unitName = (id: string) => roster.unit(id)?.name ?? id;
    process.stdout.write(
      `${dryRunText(name, r.counts, reading, r.preview ?? [], config.timezone, unitName, r.rejected)}\n`,
    );
  } else {
    process.stdout.write(`${importAnswer(name, r, 200)}\n`);
  }
  return r.kind === 'imported' ? 0 : 1;
}
