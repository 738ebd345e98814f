/**
 * `npm run test:unit`: the pure tests, in seconds. A test file is one when everything it imports
 * (followed through test/ helpers and scripts/) stays in src/domain, src/lib and src/config and
 * touches no service: no Redis, database, chat, HTTP server, browser, renderer or child process.
 * The list is computed, so a new pure test is picked up without being named here. The fuzz and
 * worst-case-input files are pure too but take tens of seconds: they run in `npm test` only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

const ROOT = import.meta.dirname;
const PURE_SRC = ['domain', 'lib', 'config'];
/** Packages that mean a service, a slow renderer or another process. */
const IMPURE_PACKAGES = [
  'ioredis', 'bullmq', 'wechaty', 'wechaty-puppet', 'wechaty-puppet-mock', 'wechaty-puppet-service', 'pg',
  '@electric-sql/pglite', 'fastify', 'playwright-core', '@resvg/resvg-js', 'echarts', 'subset-font', 'exceljs',
  'node:child_process', 'node:net', 'node:http', 'node:worker_threads',
];
/** Pure but long (fuzz, 50k-character worst cases). */
const LONG = /-fuzz\.test\.ts$|^parser-time\.test\.ts$/;
/** Value imports and re-exports (`import type` runs nothing and is skipped). */
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function resolveLocal(from: string, spec: string): string {
  return resolve(dirname(from), spec.replace(/\.js$/, '.ts'));
}

function isPure(file: string, seen: Set<string> = new Set()): boolean {
  if (seen.has(file)) return true;
  seen.add(file);
  const rel = relative(ROOT, file).split('\\').join('/');
  if (rel.startsWith('src/') && !PURE_SRC.includes(rel.split('/')[1] ?? '')) return false;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? '';
    if (spec.startsWith('.')) {
      if (!isPure(resolveLocal(file, spec), seen)) return false;
    } else if (IMPURE_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`))) {
      return false;
    }
  }
  return true;
}

export const UNIT_TESTS = readdirSync(join(ROOT, 'test'))
  .filter((name) => name.endsWith('.test.ts') && !LONG.test(name))
  .filter((name) => isPure(join(ROOT, 'test', name)))
  .map((name) => `test/${name}`)
  .sort();

// Not mergeConfig: it would append this list to the base config's include (the whole suite).
export default defineConfig({ ...base, test: { ...base.test, include: UNIT_TESTS } });
