/**
 * `npm run check` (part): lists the lines wider than 120 columns in src/, test/ and scripts/,
 * the ones the formatter cannot break (comments, long strings, regular expressions). Width is
 * counted as the formatter counts it: CJK and full-width characters take two columns.
 * Report-only by default (exit 0): `--fail` makes it exit 1 when there is any (as `npm run check` does).
 *
 * Exempt (keep this short):
 * - a line right below a `// check-lines: long regex` comment: a regular expression with escapes (\s, \d, \u…)
 *   that would have to be doubled in strings to be built from parts, which is harder to review than the literal;
 *   the backslash-free ones are built from string parts with `new RegExp` instead;
 * - ALLOWED below: files that must not be edited.
 */
import { readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { filesUnder } from './lib/walk.mjs';

export const MAX_WIDTH = 120;
const root = join(import.meta.dirname, '..');
const DIRS = ['src', 'test', 'scripts'];
const EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs', '.cjs', '.sql']);
const MARKER = '// check-lines: long regex';
/** Exempt files (path prefixes), each with its reason. */
const ALLOWED = [
  // Applied migrations are history: a deployed database has run them, and their bytes key the PGlite template cache.
  'src/store/migrations/',
];

/** East Asian Wide and Full-width code points (what the formatter counts as two columns). */
function isWide(cp) {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function width(line) {
  let w = 0;
  for (const ch of line) w += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return w;
}

const walk = (dir) => filesUnder(dir, (name) => EXTENSIONS.has(extname(name)));

/** Every line wider than MAX_WIDTH: `{ file, line, width }`, file relative to the repository. */
export function longLines(dirs = DIRS) {
  const out = [];
  for (const d of dirs) {
    for (const file of walk(join(root, d))) {
      const rel = relative(root, file).split('\\').join('/');
      if (ALLOWED.some((a) => rel.startsWith(a))) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((text, i) => {
        const w = width(text);
        if (w > MAX_WIDTH && lines[i - 1]?.trim() !== MARKER) out.push({ file: rel, line: i + 1, width: w });
      });
    }
  }
  return out;
}

if (process.argv[1] === import.meta.filename) {
  const long = longLines();
  const quiet = process.argv.includes('--quiet');
  if (!quiet) for (const l of long) console.log(`${l.file}:${l.line}: ${l.width} columns`);
  console.log(`check-lines: ${long.length} line(s) wider than ${MAX_WIDTH} columns in ${DIRS.join(', ')}`);
  if (process.argv.includes('--fail') && long.length > 0) process.exit(1);
}
