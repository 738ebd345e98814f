import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Parameter values our queries use. */
export type SqlValue = string | number | boolean | null | Date | readonly string[] | Record<string, unknown> | unknown[];

/** The one query interface over PGlite (embedded) and node-postgres (server). */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements (no parameters), e.g. a migration file. */
  exec(sql: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… for a server; absent means embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; absent or 'memory' means in memory. */
  dataDir?: string;
  /** For node-postgres: the schema to use (tests use a scratch schema). */
  schema?: string;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.schema);
  return openPglite(opts.dataDir);
}

async function openPglite(dataDir?: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = dataDir === undefined || dataDir === 'memory' || dataDir === ':memory:';
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const pg = inMemory ? await freshInMemory(PGlite) : new PGlite(dataDir);
  await pg.waitReady;
  const q = async <T>(runner: { query: typeof pg.query }, sql: string, params?: readonly SqlValue[]): Promise<T[]> => {
    const res = await runner.query<T>(sql, params as unknown[] | undefined);
    return res.rows;
  };
  let closed = false;
  return {
    kind: 'pglite',
    query: (sql, params) => q(pg, sql, params),
    transaction: (fn) => pg.transaction((tx) => fn({ query: (sql, params) => q(tx, sql, params) })),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    ping: async () => {
      try {
        await pg.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pg.close();
    },
  };
}

function pgliteVersion(): string {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * A fresh in-memory PGlite. Its initdb takes ~3.5 s; loading a dump of a freshly initialised
 * cluster takes ~1 s, so the first start writes one to the temp folder and later starts
 * (replays, tests) load it.
 */
async function freshInMemory(PGlite: typeof import('@electric-sql/pglite').PGlite) {
  const version = pgliteVersion();
  const template = join(tmpdir(), `duban-pglite-${version}-empty.tar`);
  if (existsSync(template)) {
    try {
      return new PGlite({ loadDataDir: new Blob([readFileSync(template)]) });
    } catch {
      // A broken template: fall through and make a new one.
    }
  }
  const pg = new PGlite();
  await pg.waitReady;
  try {
    const dump = await pg.dumpDataDir('none');
    const tmp = `${template}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, template);
  } catch {
    // Only a speed-up: ignore a read-only temp folder.
  }
  return pg;
}

async function openPostgres(url: string, schema?: string): Promise<Db> {
  const { default: pgMod } = await import('pg');
  const pool = new pgMod.Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: 5_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client's error (server restart) must not crash the process.
  pool.on('error', () => undefined);
  if (schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    await pool.query(`create schema if not exists ${schema}`);
  }
  const prepared = preparedNames();
  return {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(prepared(sql, params))).rows,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn({ query: async (sql, params) => (await client.query(prepared(sql, params))).rows });
        await client.query('commit');
        return out;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    ping: async () => {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Named (prepared) statements for the store's fixed queries: PostgreSQL parses and plans each
 * once per connection instead of on every call (the evening burst's report statement costs
 * ~40 % less). Only plain DML is named, and only the first few hundred distinct texts, so the
 * generated multi-row batches cannot grow the server's statement cache without bound.
 */
function preparedNames(limit = 300) {
  const names = new Map<string, string>();
  return (sql: string, params?: readonly SqlValue[]): { text: string; values?: unknown[]; name?: string } => {
    const values = params as unknown[] | undefined;
    let name = names.get(sql);
    if (name === undefined && names.size < limit && /^\s*(select|insert|update|delete|with)\b/i.test(sql)) {
      name = `duban_${names.size}`;
      names.set(sql, name);
    }
    return name === undefined ? { text: sql, ...(values ? { values } : {}) } : { name, text: sql, ...(values ? { values } : {}) };
  };
}
