import { mkdirSync, readFileSync } from 'node:fs';
import type { Db, SqlValue } from './db-types.js';
import { wrapPglite } from './pglite-db.js';
import {
  ensureTemplate,
  isEmptyFolder,
  PGLITE_INITDB_PARAMS,
  pgliteStartParams,
  unpackTemplate,
} from './pglite-template.js';

export type { Db, Queryable, SqlValue, Transaction } from './db-types.js';

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
  // A new store (in memory, or a new or empty folder) starts from the empty-cluster template
  // instead of running initdb (see pglite-template.ts).
  const fresh = inMemory || isEmptyFolder(dataDir);
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  let template = fresh ? ensureTemplate() : undefined;
  // A folder gets the template's files directly (no Postgres needed for that); in memory,
  // PGlite loads it. A broken template: PGlite's own initdb, as without one.
  if (template && !inMemory) {
    try {
      await unpackTemplate(template, dataDir);
    } catch {
      template = undefined;
    }
  }
  const options = {
    startParams: pgliteStartParams(PGlite.defaultStartParams),
    initDbStartParams: PGLITE_INITDB_PARAMS,
    ...(template && inMemory ? { loadDataDir: new Blob([readFileSync(template)]) } : {}),
  };
  const pg = inMemory ? new PGlite(options) : new PGlite(dataDir, options);
  await pg.waitReady;
  return wrapPglite(pg);
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
        const out = await fn({
          query: async (sql, params) => (await client.query(prepared(sql, params))).rows,
          // A plain string without values: the simple query protocol, several statements at once.
          exec: async (sql) => {
            await client.query(sql);
          },
        });
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
    return name === undefined
      ? { text: sql, ...(values ? { values } : {}) }
      : { name, text: sql, ...(values ? { values } : {}) };
  };
}
