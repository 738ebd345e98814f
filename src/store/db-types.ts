/** The store's query interface, shared by the PGlite and node-postgres wrappers (types only). */

/** Parameter values our queries use. */
export type SqlValue =
  | string
  | number
  | boolean
  | null
  | Date
  | readonly string[]
  | Record<string, unknown>
  | unknown[];

/** The one query interface over PGlite (embedded) and node-postgres (server). */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

/** A transaction: queries, and whole scripts (a migration file) run in it. */
export interface Transaction extends Queryable {
  /** Runs several statements (no parameters) as one simple query, inside the transaction. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs several statements (no parameters), e.g. a migration file. */
  exec(sql: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
