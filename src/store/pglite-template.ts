import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

/**
 * The embedded database's settings and its empty-cluster template.
 *
 * PGlite's own initdb (a new data folder, or an in-memory database) takes 2–4 s and ~700 MB
 * of memory: it runs a second Postgres instance and copies its whole heap. A gzipped dump of a
 * freshly initialised cluster (~4.5 MB) unpacks into a new folder in ~0.1 s with no Postgres running, so
 * `npm install` makes one (postinstall) and every new store starts from it. If it is missing
 * (installed with --ignore-scripts, another PGlite version), the first start makes it in a
 * child process, so the bot's own process never holds initdb's memory.
 */

/** PGlite's defaults are a 128 MB buffer pool (every page of it is touched, so it is resident). */
export const PGLITE_SHARED_BUFFERS = '16MB';

export function pgliteStartParams(defaults: readonly string[]): string[] {
  return [...defaults, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
}

/** For initdb: the same buffer pool, also written to the new cluster's postgresql.conf. */
export const PGLITE_INITDB_PARAMS = ['-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];

function pglitePackageDir(): string | undefined {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    return dir;
  } catch {
    return undefined;
  }
}

export function pgliteVersion(): string {
  const dir = pglitePackageDir();
  if (!dir) return 'unknown';
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Where a template may be: the install's cache first (made by postinstall), then the temp folder. */
export function templateCandidates(): string[] {
  const name = `duban-pglite-${pgliteVersion()}-empty.tar.gz`;
  const out: string[] = [];
  const pkg = pglitePackageDir();
  // …/node_modules/@electric-sql/pglite → …/node_modules/.cache/duban
  if (pkg) out.push(join(dirname(dirname(pkg)), '.cache', 'duban', name));
  out.push(join(tmpdir(), name));
  return out;
}

export function findTemplate(): string | undefined {
  return templateCandidates().find((p) => existsSync(p));
}

/**
 * The template's path, made in a child process if none exists yet (or undefined if that
 * failed: the caller then lets PGlite run initdb itself).
 */
export function ensureTemplate(): string | undefined {
  const found = findTemplate();
  if (found) return found;
  for (const target of templateCandidates()) {
    if (makeTemplate(target)) return target;
  }
  return undefined;
}

/** Makes the template at `target` in a child Node process; true on success. */
export function makeTemplate(target: string): boolean {
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch {
    return false;
  }
  const pkg = pglitePackageDir();
  if (!pkg) return false;
  const entry = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  // Plain JavaScript, so the child needs no TypeScript loader.
  const code = `
    const { PGlite } = await import(${JSON.stringify(entry)});
    const { writeFileSync, renameSync } = await import('node:fs');
    const pg = new PGlite({ initDbStartParams: ${JSON.stringify(PGLITE_INITDB_PARAMS)} });
    await pg.waitReady;
    await pg.exec('checkpoint');
    const dump = await pg.dumpDataDir('gzip');
    await pg.close();
    const tmp = process.argv[1] + '.' + process.pid + '.tmp';
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, process.argv[1]);
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, target], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  return r.status === 0 && existsSync(target);
}

/**
 * Unpacks the template (a gzipped tar of regular files and folders, as PGlite's dumpDataDir
 * writes it) as the cluster of `dataDir`: into a sibling folder first, renamed into place at
 * the end, so an interrupted first start leaves no half-written cluster behind.
 */
export function unpackTemplate(template: string, dataDir: string): void {
  const tar = gunzipSync(readFileSync(template));
  const staging = `${dataDir}.new-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  const text = (from: number, len: number) => {
    const b = tar.subarray(from, from + len);
    const end = b.indexOf(0);
    return b.subarray(0, end < 0 ? b.length : end).toString('utf8');
  };
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = text(at, 100);
    if (!name) break; // the two zero blocks at the end
    const prefix = text(at + 345, 155);
    const size = Number.parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[at + 156] ?? 0);
    const rel = (prefix ? `${prefix}/${name}` : name).replace(/^\/+/, '');
    if (rel.split('/').includes('..')) throw new Error(`unsafe path in the database template: ${rel}`);
    const path = join(staging, rel);
    if (type === '5') mkdirSync(path, { recursive: true, mode: 0o700 });
    else if (type === '0' || type === '\0') {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, tar.subarray(at + 512, at + 512 + size), { mode: 0o600 });
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  if (!existsSync(join(staging, 'PG_VERSION'))) throw new Error('the database template has no PG_VERSION');
  if (existsSync(dataDir)) rmdirSync(dataDir); // only ever an empty folder (see isEmptyFolder)
  renameSync(staging, dataDir);
}

/** True if `dir` does not exist or holds nothing (a template is only ever unpacked there). */
export function isEmptyFolder(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return !existsSync(dir);
  }
}
