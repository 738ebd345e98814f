/**
 * `npm run -s eval:reports [-- <fixtures.jsonl>]`: runs the real CLI (parse-report) on the
 * labelled report fixtures and prints per-field accuracy, the mismatches and one summary line.
 * Without a file: the shared samples, then the styles corpus (test/fixtures/reports.styles.jsonl:
 * traditional characters, tables, bracketed periods, rates in words, forwarded reports, voice
 * input), one block and summary line each. Exit code 1 if any field is below 98 %.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = resolve(ROOT, '../shared');
const STYLES = join(ROOT, 'test/fixtures/reports.styles.jsonl');
/** A file given: that file only; none: the shared samples, then the styles corpus. */
const FIXTURES =
  process.argv[2] !== undefined
    ? [resolve(process.argv[2])]
    : [join(SHARED, 'fixtures/reports.sample.jsonl'), ...(existsSync(STYLES) ? [STYLES] : [])];
const ROSTER = join(SHARED, 'fixtures/roster.json');
const THRESHOLD = 98;
const FIELDS = [
  'isReport',
  'unit',
  'date',
  'received',
  'completed',
  'inProgress',
  'overdue',
  'reopened',
  'unsatisfied',
  'returned',
  'onTimeRate',
  'satisfactionRate',
] as const;
const RATES = new Set<string>(['onTimeRate', 'satisfactionRate']);

interface Item {
  input: Record<string, unknown> & { id: string };
  expect: Record<string, unknown>;
}

function same(field: string, want: unknown, got: unknown): boolean {
  if (RATES.has(field) && typeof want === 'number' && typeof got === 'number') return Math.abs(want - got) <= 1e-9;
  return want === got;
}

function main(): number {
  let code = 0;
  FIXTURES.forEach((file, k) => {
    if (k > 0) console.log('');
    code = Math.max(code, evalFile(file, k === 0 ? 'reports' : 'reports (styles corpus)'));
  });
  return code;
}

function evalFile(fixtures: string, label: string): number {
  const items: Item[] = readFileSync(fixtures, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Item);
  const stdin = `${items.map((it) => JSON.stringify(it.input)).join('\n')}\n`;
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const proc = spawnSync(tsx, ['src/cli/main.ts', 'parse-report', '--roster', ROSTER], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (proc.status !== 0) {
    process.stderr.write(`parse-report failed (exit ${proc.status}):\n${proc.stderr}\n`);
    return 2;
  }
  const outs = proc.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const byId = new Map<unknown, Record<string, unknown>>();
  for (const o of outs) byId.set(o.id, o);

  const tally = new Map<string, { ok: number; n: number }>(FIELDS.map((f) => [f, { ok: 0, n: 0 }]));
  const mismatches: string[] = [];
  for (const it of items) {
    const got = byId.get(it.input.id) ?? { error: 'no output line' };
    const fields = it.expect.isReport === false ? (['isReport'] as const) : FIELDS.filter((f) => f in it.expect);
    for (const f of fields) {
      const t = tally.get(f) as { ok: number; n: number };
      t.n++;
      if (same(f, it.expect[f], got[f])) t.ok++;
      else
        mismatches.push(
          `  ${it.input.id}  ${f}: expected ${JSON.stringify(it.expect[f])}, got ` +
            `${JSON.stringify(got[f] ?? got.error ?? null)}`,
        );
    }
  }

  console.log(`report parser on ${fixtures} (${items.length} items)\n`);
  console.log('field               accuracy   correct/scored');
  let min = 100;
  for (const f of FIELDS) {
    const t = tally.get(f) as { ok: number; n: number };
    const pct = t.n === 0 ? 100 : (100 * t.ok) / t.n;
    min = Math.min(min, pct);
    console.log(`${f.padEnd(18)}  ${pct.toFixed(1).padStart(6)}%   ${t.ok}/${t.n}`);
  }
  console.log(
    mismatches.length === 0 ? '\nno mismatches' : `\nmismatches (${mismatches.length}):\n${mismatches.join('\n')}`,
  );
  console.log(`\n${label}: min field accuracy ${min.toFixed(1)}% (${items.length} items)`);
  return min >= THRESHOLD ? 0 : 1;
}

process.exitCode = main();
