import type { Db, SqlValue } from './db-types.js';

/** Our query interface over an open PGlite. */
export function wrapPglite(pg: import('@electric-sql/pglite').PGlite): Db {
  const q = async <T>(runner: { query: typeof pg.query }, sql: string, params?: readonly SqlValue[]): Promise<T[]> => {
    const res = await runner.query<T>(sql, params as unknown[] | undefined);
    return res.rows;
  };
  let closed = false;
  return {
    kind: 'pglite',
    query: (sql, params) => q(pg, sql, params),
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn({
          query: (sql, params) => q(tx, sql, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
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
