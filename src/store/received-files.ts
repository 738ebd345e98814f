/** Received files on disk (issue 14): written within a size limit, and removed when they expire. */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Queryable } from './db.js';

export class FileTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`file over ${limit} bytes`);
    this.name = 'FileTooLarge';
  }
}

/**
 * Writes a stream to `path`, stopping (and removing the partial file) as soon as it passes
 * `maxBytes`: a large file is never held in memory nor written whole. Returns its size and hash.
 */
export async function writeBounded(
  src: Readable,
  path: string,
  maxBytes: number,
): Promise<{ size: number; sha256: string }> {
  let size = 0;
  const hash = createHash('sha256');
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new FileTooLarge(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(src, limit, createWriteStream(path, { flags: 'wx' }));
  } catch (err) {
    try {
      unlinkSync(path);
    } catch {
      // never created
    }
    throw err;
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * Removes received files older than `keepMs` from `dir` and notes it in the audit (the row keeps
 * the file's name, hash and sender). Returns how many were removed.
 */
export async function expireReceivedFiles(db: Queryable, dir: string, keepMs: number, now: Date): Promise<number> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const gone: string[] = [];
  for (const n of names) {
    const p = join(dir, n);
    try {
      const st = statSync(p);
      if (!st.isFile() || now.getTime() - st.mtimeMs < keepMs) continue;
      unlinkSync(p);
      gone.push(p);
    } catch {
      // removed meanwhile
    }
  }
  if (gone.length > 0) {
    await db.query(
      'update inbound_messages set file_path = null, file_expired_at = $2 where file_path in (select ' +
        'jsonb_array_elements_text($1::jsonb))',
      [JSON.stringify(gone), now],
    );
  }
  return gone.length;
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}
