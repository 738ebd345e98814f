/**
 * `npm start`: runs the compiled bot (dist/server.js), compiling src/ first when dist/ is
 * missing or older than a source file (a fresh clone, or an edit). Where the compiler is not
 * installed (npm install --omit=dev) and dist/ is stale, it runs src/ through tsx instead.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = join(import.meta.dirname, '..');
const stamp = join(repo, 'dist/.built');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// `npm start` in a source checkout (not the image, which has no .git): with no chat token this
// runs the simulator (src/config/env.ts); anywhere else a missing token stops the bot.
if (existsSync(join(repo, '.git')) && process.env.DUBAN_CHECKOUT === undefined) process.env.DUBAN_CHECKOUT = '1';

const stale =
  !existsSync(stamp) ||
  statSync(stamp).mtimeMs < Math.max(newestSource(join(repo, 'src')), statSync(join(repo, 'tsconfig.json')).mtimeMs);
let entry = join(repo, 'dist/server.js');
if (stale) {
  let compiled = false;
  try {
    const { build } = await import('./build.mjs');
    process.stderr.write('编译 src/ → dist/ … / compiling src/ to dist/ …\n');
    build({ quiet: true });
    compiled = existsSync(join(repo, 'dist/server.js'));
  } catch {
    compiled = false; // no compiler (production install): run the sources
  }
  if (!compiled) {
    const { register } = await import('tsx/esm/api');
    register();
    entry = join(repo, 'src/server.ts');
  }
}
await import(pathToFileURL(entry).href);
