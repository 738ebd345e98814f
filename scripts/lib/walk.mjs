import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` (recursively, names sorted) whose name `keep` accepts: the checks' one walker. */
export function* filesUnder(dir, keep) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* filesUnder(p, keep);
    else if (keep(name)) yield p;
  }
}

/** TypeScript sources (not declaration files). */
export const isTsSource = (name) => /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts');
