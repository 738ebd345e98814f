/**
 * Keeping a received file, the same on every channel (issue 14): only a spreadsheet, only from
 * someone who may import, within the size limit, streamed to `filesDir` with its SHA-256;
 * anything else is recorded by name only (never written).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { type FileRefusal, isSpreadsheetName, mayImportFiles, storedFileName } from '../domain/files.js';
import type { IncomingFile } from '../domain/messages.js';
import type { Roster } from '../domain/roster.js';
import { FileTooLarge, writeBounded } from '../store/received-files.js';

/** The default size limit when the district file sets none (20 MiB). */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface ReceivedFile {
  /** The message id (the stored file's name starts with it). */
  messageId: string;
  senderId: string;
  /** The file's name as the chat gives it. */
  name: string;
  /** The size the chat declares before the bytes are read; 0 when unknown. */
  declaredSize: number;
  /** Opens the bytes; called only when the file is to be kept. */
  open: () => Promise<Readable>;
}

export interface FileKeeping {
  roster: Roster;
  filesDir: string;
  maxFileBytes?: number;
  log: Logger;
}

/** Keeps the file by the rules above and says what was kept (or why not). */
export async function keepReceivedFile(f: ReceivedFile, o: FileKeeping): Promise<IncomingFile> {
  const name = withoutNul(f.name);
  const refuse = (refused: FileRefusal, size = f.declaredSize): IncomingFile => {
    o.log.info({ id: f.messageId, from: f.senderId, file: name, size, refused }, 'received file not kept');
    return { name, path: '', size, refused };
  };
  if (!isSpreadsheetName(name)) return refuse('type');
  if (!mayImportFiles(o.roster.person(f.senderId))) return refuse('not-allowed');
  const max = o.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (f.declaredSize > max) return refuse('too-large');
  try {
    mkdirSync(o.filesDir, { recursive: true });
    const path = join(o.filesDir, storedFileName(f.messageId, name));
    const { size, sha256 } = await writeBounded(await f.open(), path, max);
    return { name, path, size, sha256 };
  } catch (err) {
    if (err instanceof FileTooLarge) return refuse('too-large', max + 1);
    o.log.warn({ id: f.messageId, err: (err as Error).message }, 'message has no readable file');
    return { name, path: '', size: f.declaredSize };
  }
}

/** PostgreSQL text cannot hold U+0000; a message carrying one would never be stored. */
export function withoutNul(s: string): string {
  return s.includes('\u0000') ? s.replace(/\u0000/g, '') : s;
}
