/**
 * Which received files the bot keeps (issue 14): only spreadsheets (the ticket lists it imports)
 * and only from the people who may import them; everything else is recorded by name and never
 * written to disk.
 */
import { isOversight, type Person } from './roster.js';

/** Supervisors and leaders import ticket lists; nobody else's file is kept. */
export function mayImportFiles(p: Person | undefined): boolean {
  return p !== undefined && isOversight(p);
}

/** The spreadsheet types the importer answers for (.xls and .et are answered, not read). */
export function isSpreadsheetName(name: string): boolean {
  return /\.(xlsx|xlsm|xls|et|csv)$/i.test(name);
}

/** Why a received file was not kept. */
export type FileRefusal = 'type' | 'not-allowed' | 'too-large';

const MAX_NAME_BYTES = 150;

/**
 * The name a received file gets on disk: the message id and the original name, cut to fit any
 * file system (a name over 255 bytes must not lose the import) and without path characters.
 */
export function storedFileName(messageId: string, name: string): string {
  const id = messageId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  const clean = name.replace(/[/\\\u0000-\u001f]/g, '_');
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 8 ? clean.slice(dot) : '';
  let stem = ext ? clean.slice(0, dot) : clean;
  const enc = new TextEncoder();
  while (stem.length > 0 && enc.encode(stem).length + enc.encode(ext).length > MAX_NAME_BYTES) {
    stem = Array.from(stem).slice(0, -1).join('');
  }
  return `${id}-${stem}${ext}`;
}
