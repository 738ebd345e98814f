/**
 * `npm run bench:start`: the simulator's start-up as a newcomer runs it — the first start on a
 * new data folder, then three restarts on it — with PGlite and with PostgreSQL (DATABASE_URL,
 * default the local server), started as `npm start` does (node dist/server.js, compiled first
 * if needed) and through tsx for comparison. Needs Redis. Prints a table; not part of npm test.
 *   BENCH_DATABASE_URL  the PostgreSQL server (a scratch schema is made and dropped)
 *   RUNS=n              restarts per case (default 3)
 *   SETTLE_S=n          how long the last restart stays idle before its settled RSS (default 25)
 */
import { join } from 'node:path';
import { measureStart, type StartCommand, type StartFigures } from './bench/start.js';

const repo = join(import.meta.dirname, '..');
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runs = Number(process.env.RUNS ?? 3);
const settleMs = 1000 * Number(process.env.SETTLE_S ?? 25);

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const range = (xs: number[], f: (n: number) => string) => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return f(lo) === f(hi) ? f(lo) : `${f(lo)}–${f(hi)}`.replace(/ s–/, '–').replace(/ MB–/, '–');
};
const mb = (n: number) => `${n} MB`;
const rows: string[][] = [];
for (const [command, db] of [
  ['dist', 'pglite'],
  ['dist', 'postgres'],
  ['tsx', 'pglite'],
] as Array<[StartCommand, 'pglite' | 'postgres']>) {
  const label =
    `${command === 'dist' ? 'node dist/server.js' : 'tsx src/server.ts'}, ` +
    `${db === 'pglite' ? 'PGlite' : 'PostgreSQL'}`;
  process.stderr.write(`${label}…\n`);
  const f: StartFigures = await measureStart(repo, {
    command,
    runs,
    settleMs,
    ...(db === 'postgres' ? { databaseUrl: pgUrl } : {}),
  });
  rows.push([label, 'first start, new folder', s(f.first.readyMs), mb(f.first.peakMb), mb(f.first.idleMb)]);
  const settled = f.reopen.at(-1)?.settledMb;
  rows.push([
    label,
    `reopened (${f.reopen.length} runs)`,
    range(
      f.reopen.map((r) => r.readyMs),
      s,
    ),
    range(
      f.reopen.map((r) => r.peakMb),
      mb,
    ),
    `${range(
      f.reopen.map((r) => r.idleMb),
      mb,
    )}${settled ? `; ${settled} MB after ${settleMs / 1000} s` : ''}`,
  ]);
}
const head = ['start', 'case', 'process start → ready', 'peak RSS', 'idle RSS 2 s after ready; settled'];
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i] as number)).join(' | ')} |`;
console.log(line(head));
console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log('targets: first start < 5 s and < 400 MB peak, reopened < 2 s, idle < 250 MB');
process.exit(0);
