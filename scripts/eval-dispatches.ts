/**
 * `npm run -s eval:dispatches [-- --fixtures <file>] [-- --roster <file>]`
 *
 * Runs the real CLI (parse-dispatch) on the labelled dispatch fixtures and scores each
 * field: isDispatch always; targets, deadline and urgent only when the label says it is a
 * dispatch (deadline compared as the same instant). Prints a per-field table, the
 * mismatches, and one summary line. Without --fixtures: the shared samples, then the styles
 * corpus (test/fixtures/dispatches.styles.jsonl: by-name addressing, praise of past work,
 * traditional characters, voice input), one block and summary line each. Exits non-zero if any
 * field is below 97%.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOption } from '../src/lib/args.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const THRESHOLD = 97;
const STYLES = resolve(ROOT, 'test/fixtures/dispatches.styles.jsonl');
const FIELDS = ['isDispatch', 'targets', 'deadline', 'urgent'] as const;
type Field = (typeof FIELDS)[number];

interface Labelled {
  input: { id: string; text: string; [k: string]: unknown };
  expect: { isDispatch: boolean; targets?: string[]; deadline?: string | null; urgent?: boolean };
}

function runCli(rosterPath: string, input: string): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn('npx', ['tsx', 'src/cli/main.ts', 'parse-dispatch', '--roster', rosterPath], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? ok(out) : fail(new Error(`parse-dispatch exited ${code}: ${err.trim()}`)),
    );
    child.stdin.end(input);
  });
}

function sameInstant(a: unknown, b: unknown): boolean {
  if (a === null || b === null || a === undefined || b === undefined) return a === b || (a == null && b == null);
  return typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b);
}

/** Same names in the same (sorted) order: the contract asks for sorted output. */
function sameTargets(got: unknown, want: unknown): boolean {
  if (!Array.isArray(got) || !Array.isArray(want)) return false;
  const y = [...want].map(String).sort();
  return got.length === y.length && got.every((v, i) => v === y[i]);
}

function equal(field: Field, got: unknown, want: unknown): boolean {
  if (field === 'deadline') return sameInstant(got, want);
  if (field === 'targets') return sameTargets(got, want);
  return got === want;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const given = readOption(argv, 'fixtures');
  const rosterPath = readOption(argv, 'roster') ?? '../shared/fixtures/roster.json';
  if (given !== undefined) return evalFile(resolve(ROOT, given), rosterPath, 'dispatches');
  // No file given: the shared samples, then the styles corpus (test/fixtures/dispatches.styles.jsonl).
  const a = await evalFile(resolve(ROOT, '../shared/fixtures/dispatches.sample.jsonl'), rosterPath, 'dispatches');
  if (!existsSync(STYLES)) return a;
  console.log('');
  const b = await evalFile(STYLES, rosterPath, 'dispatches (styles corpus)');
  return Math.max(a, b);
}

async function evalFile(fixtures: string, rosterPath: string, label: string): Promise<number> {
  console.log(`dispatch parser on ${fixtures}`);
  const items: Labelled[] = readFileSync(fixtures, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Labelled);
  const stdout = await runCli(rosterPath, `${items.map((i) => JSON.stringify(i.input)).join('\n')}\n`);
  const outputs = stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  if (outputs.length !== items.length) {
    process.stderr.write(`expected ${items.length} output lines, got ${outputs.length}\n`);
    return 1;
  }
  const score: Record<Field, { ok: number; n: number }> = {
    isDispatch: { ok: 0, n: 0 },
    targets: { ok: 0, n: 0 },
    deadline: { ok: 0, n: 0 },
    urgent: { ok: 0, n: 0 },
  };
  const misses: string[] = [];
  items.forEach((item, i) => {
    const got = outputs[i] ?? {};
    if (got.id !== item.input.id) misses.push(`${item.input.id}: output id ${JSON.stringify(got.id)} out of order`);
    for (const f of FIELDS) {
      if (f !== 'isDispatch' && !item.expect.isDispatch) continue;
      const want = item.expect[f] ?? (f === 'targets' ? [] : f === 'urgent' ? false : null);
      score[f].n++;
      if (equal(f, got[f], want)) score[f].ok++;
      else
        misses.push(
          `${item.input.id} ${f}: got ${JSON.stringify(got[f])}, want ${JSON.stringify(want)}  | ${item.input.text}`,
        );
    }
  });
  const pct = (f: Field): number => (score[f].n === 0 ? 100 : (100 * score[f].ok) / score[f].n);
  console.log('field        correct  scored  accuracy');
  for (const f of FIELDS) {
    console.log(
      `${f.padEnd(12)} ${String(score[f].ok).padStart(7)} ${String(score[f].n).padStart(7)}  ` +
        `${pct(f).toFixed(1).padStart(6)}%`,
    );
  }
  if (misses.length > 0) {
    console.log(`\nmismatches (${misses.length}):`);
    for (const m of misses) console.log(`  ${m}`);
  }
  const min = Math.min(...FIELDS.map(pct));
  console.log(`\n${label}: min field accuracy ${min.toFixed(1)}% (${items.length} items)`);
  return min >= THRESHOLD && misses.every((m) => !m.includes('out of order')) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
