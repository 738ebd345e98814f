import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { MIGRATIONS_DIR, migrate } from './migrate.js';
import { wrapPglite } from './pglite-db.js';

/**
 * The embedded database's settings and its template: a new store's cluster, schema included.
 *
 * PGlite's own initdb (a new data folder, or an in-memory database) takes 2–4 s and ~700 MB
 * of memory: it runs a second Postgres instance and copies its whole heap; then the migrations'
 * DDL grows the new store's heap by another ~30 MB that is never given back. A gzipped dump of
 * a cluster made that way once (~4.5 MB) unpacks into a new folder in ~0.1 s with no Postgres
 * running, so `npm install` makes one (postinstall) and every new store starts from it (the
 * migrations then find nothing to do). If it is missing (installed with --ignore-scripts,
 * another PGlite version, a new migration), the first start makes it in a child process, so
 * the bot's own process never holds initdb's memory.
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

/** A short hash of the migration files: a template holds the schema they make. */
function migrationsHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    h.update(f);
    h.update(readFileSync(join(MIGRATIONS_DIR, f)));
  }
  return h.digest('hex').slice(0, 12);
}

/** Where a template may be: the install's cache first (made by postinstall), then the temp folder. */
export function templateCandidates(): string[] {
  const name = `duban-pglite-${pgliteVersion()}-schema-${migrationsHash()}.tar.gz`;
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

/**
 * Makes the template at `target` in a child Node process (this module's writeTemplate), so the
 * caller never holds initdb's memory; true on success.
 */
export function makeTemplate(target: string): boolean {
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch {
    return false;
  }
  const self = import.meta.url;
  const code = `const m = await import(${JSON.stringify(self)}); await m.writeTemplate(process.argv[1]);`;
  // From the sources (tests, tsx) the child needs the same TypeScript loader.
  const loader = self.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const r = spawnSync(process.execPath, [...loader, '--input-type=module', '-e', code, target], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 120_000,
  });
  return r.status === 0 && existsSync(target);
}

/** Runs initdb and the migrations in memory and writes the cluster as a gzipped tar to `target`. */
export async function writeTemplate(target: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite({
    initDbStartParams: PGLITE_INITDB_PARAMS,
    startParams: pgliteStartParams(PGlite.defaultStartParams),
  });
  await pg.waitReady;
  await migrate(wrapPglite(pg));
  await pg.exec('checkpoint');
  const dump = await pg.dumpDataDir('gzip');
  await pg.close();
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, target);
}

/**
 * Unpacks the template (a gzipped tar of regular files and folders, as PGlite's dumpDataDir
 * writes it) as the cluster of `dataDir`: into a sibling folder first, renamed into place at
 * the end, so an interrupted first start leaves no half-written cluster behind. Streamed: the
 * 40 MB cluster is never held in memory at once.
 */
export async function unpackTemplate(template: string, dataDir: string): Promise<void> {
  if (!isEmptyFolder(dataDir))
    throw new Error(`${dataDir} is not empty: the database template is only unpacked into a new folder`);
  const staging = `${dataDir}.new-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  const text = (b: Buffer, from: number, len: number) => {
    const s = b.subarray(from, from + len);
    const end = s.indexOf(0);
    return s.subarray(0, end < 0 ? s.length : end).toString('utf8');
  };
  let pending: Buffer = Buffer.alloc(0);
  /** The file being written: its descriptor and the bytes still to come (then the padding). */
  let file: { fd: number | undefined; left: number; pad: number } | undefined;
  let ended = false;
  try {
    for await (const chunk of createReadStream(template).pipe(createGunzip())) {
      pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
      for (;;) {
        if (file) {
          const n = Math.min(file.left, pending.length);
          if (n > 0 && file.fd !== undefined) writeSync(file.fd, pending, 0, n);
          file.left -= n;
          pending = pending.subarray(n);
          if (file.left > 0) break;
          const skip = Math.min(file.pad, pending.length);
          file.pad -= skip;
          pending = pending.subarray(skip);
          if (file.pad > 0) break;
          if (file.fd !== undefined) closeSync(file.fd);
          file = undefined;
        }
        if (ended || pending.length < 512) break;
        const name = text(pending, 0, 100);
        if (!name) {
          ended = true; // the two zero blocks at the end
          break;
        }
        const prefix = text(pending, 345, 155);
        const size = Number.parseInt(text(pending, 124, 12).trim() || '0', 8);
        const type = String.fromCharCode(pending[156] ?? 0);
        const rel = (prefix ? `${prefix}/${name}` : name).replace(/^\/+/, '');
        if (rel.split('/').includes('..')) throw new Error(`unsafe path in the database template: ${rel}`);
        const path = join(staging, rel);
        pending = pending.subarray(512);
        let fd: number | undefined;
        if (type === '5') mkdirSync(path, { recursive: true, mode: 0o700 });
        else if (type === '0' || type === '\0') {
          mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
          fd = openSync(path, 'w', 0o600);
        }
        file = { fd, left: size, pad: (512 - (size % 512)) % 512 };
      }
    }
    if (file) throw new Error('the database template is cut short');
    if (!existsSync(join(staging, 'PG_VERSION'))) throw new Error('the database template has no PG_VERSION');
  } catch (err) {
    if (file?.fd !== undefined) closeSync(file.fd);
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(dataDir)) rmdirSync(dataDir); // empty (checked above)
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
