/** Reading untyped result rows (PGlite and node-postgres differ in what they return for some types). */
export type Row = Record<string, unknown>;

/** A timestamp column: a Date from either driver, or null. */
export const date = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

/** A nullable text column. */
export const str = (v: unknown): string | null => (v == null ? null : String(v));

/** A json/jsonb column (node-postgres parses it; a text fallback is parsed here). */
export const json = <T>(v: unknown, dflt: T): T =>
  v == null ? dflt : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T);
