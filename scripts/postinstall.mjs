/**
 * Runs after `npm install`: compiles the bot to dist/ (when the compiler is installed) and
 * makes the embedded database's template (a new cluster with the schema, see
 * src/store/pglite-template.ts), so the first `npm start` neither compiles nor runs initdb.
 * Never fails the install: whatever it could not do, the first start does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = join(import.meta.dirname, '..');
const source = join(repo, 'src/store/pglite-template.ts');
if (!existsSync(source)) process.exit(0); // e.g. a Docker layer with only package.json and scripts

try {
  const { build } = await import('./build.mjs');
  if (!build({ quiet: true })) process.stderr.write('duban: dist/ compiled with errors (see above)\n');
} catch {
  // No compiler (npm install --omit=dev): `npm start` runs the sources through tsx.
}
const code =
  `const m = await import(${JSON.stringify(pathToFileURL(source).href)}); if (!m.ensureTemplate()) ` +
  `process.exit(1);`;
const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
  cwd: repo,
  stdio: 'inherit',
});
if (r.status !== 0)
  process.stderr.write('duban: could not prepare the database template; the first start will run initdb instead\n');
