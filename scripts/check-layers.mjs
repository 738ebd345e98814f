/**
 * `npm run check` (part): fails on an import from a lower layer to a higher one. The layers,
 * lowest first (CONTRIBUTING.md draws them); a module may import its own layer and those below,
 * except that the peers of one layer (handlers, routines, http) never import each other.
 * Type-only imports count too: a type from above is still knowledge of what is above.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { filesUnder, isTsSource } from './lib/walk.mjs';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');
/** Top-level folder (or root file) → layer. Peers share a number but may not import each other. */
export const LAYERS = {
  lib: 0,
  types: 0,
  domain: 1,
  config: 1,
  store: 2,
  render: 2,
  bot: 3,
  jobs: 4,
  usecases: 5,
  handlers: 6,
  routines: 6,
  http: 6,
  'app.ts': 7,
  'log.ts': 0,
  sim: 8,
  'server.ts': 8,
  cli: 9,
};
const PEERS_APART = new Set(['handlers', 'routines', 'http']);

const walk = (dir) => filesUnder(dir, isTsSource);
const top = (file) => relative(src, file).split(sep)[0];
const spec =
  /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

const problems = [];
let edges = 0;
for (const file of walk(src)) {
  const from = top(file);
  const lf = LAYERS[from];
  if (lf === undefined)
    problems.push(`${relative(root, file)}: folder "${from}" has no layer in scripts/check-layers.mjs`);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(spec)) {
    const target = resolve(dirname(file), m[1] ?? m[2]);
    if (!target.startsWith(src + sep)) continue;
    const to = top(target);
    const lt = LAYERS[to];
    edges++;
    if (to === from || lt === undefined || lf === undefined) continue;
    const line = text.slice(0, m.index).split('\n').length + (text[m.index] === '\n' ? 1 : 0);
    if (lt > lf)
      problems.push(
        `${relative(root, file)}:${line}: ${from} (layer ${lf}) imports ${relative(root, target)} (${to},` +
          ` layer ${lt}) above it`,
      );
    else if (lt === lf && PEERS_APART.has(from) && PEERS_APART.has(to))
      problems.push(`${relative(root, file)}:${line}: ${from} imports its peer ${to}`);
  }
}
if (problems.length) {
  console.error(`layers: ${problems.length} import(s) against the layering:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`layers: ${edges} imports checked, none goes up`);
