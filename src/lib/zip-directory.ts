/**
 * A zip file's central directory, read without inflating anything, and a stream of one entry's
 * inflated bytes (issue 14: a received .xlsx is sized up before it is read). Only what an .xlsx
 * needs: stored or deflated entries, no zip64, no encryption.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  path: string;
  compressedSize: number;
  /** As the central directory declares it (a reader must not trust it: see xlsx-bounded.ts). */
  uncompressedSize: number;
  stream(): Readable;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.alloc(len);
  const n = readSync(fd, b, 0, len, pos);
  return n === len ? b : b.subarray(0, n);
}

/** The entries of the zip at `path`, by name; throws on anything that is not a plain zip. */
export function readZipDirectory(path: string): Map<string, ZipEntry> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailLen = Math.min(size, 22 + 65_535);
    const tail = readAt(fd, size - tailLen, tailLen);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new Error('not a zip file (no end of central directory)');
    const count = tail.readUInt16LE(at + 10);
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff)
      throw new Error('zip64 is not supported');
    if (dirSize > MAX_DIRECTORY_BYTES || dirOffset + dirSize > size)
      throw new Error('zip central directory out of bounds');
    const dir = readAt(fd, dirOffset, dirSize);
    const out = new Map<string, ZipEntry>();
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CEN) throw new Error('zip central directory is damaged');
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      const compressedSize = dir.readUInt32LE(p + 20);
      const uncompressedSize = dir.readUInt32LE(p + 24);
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      const local = dir.readUInt32LE(p + 42);
      const name = dir.subarray(p + 46, p + 46 + nameLen).toString('utf8');
      p += 46 + nameLen + extraLen + commentLen;
      if (flags & 0x1) throw new Error(`zip entry ${name} is encrypted`);
      if (method !== 0 && method !== 8)
        throw new Error(`zip entry ${name}: compression method ${method} not supported`);
      if (local + 30 + compressedSize > size) throw new Error(`zip entry ${name} out of bounds`);
      out.set(name, {
        path: name,
        compressedSize,
        uncompressedSize,
        stream: () => entryStream(path, local, compressedSize, method),
      });
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** The inflated bytes of the entry whose local header is at `local`. */
function entryStream(path: string, local: number, compressedSize: number, method: number): Readable {
  const fd = openSync(path, 'r');
  let header: Buffer;
  try {
    header = readAt(fd, local, 30);
  } finally {
    closeSync(fd);
  }
  if (header.length < 30 || header.readUInt32LE(0) !== LOC) throw new Error('zip local header is damaged');
  const start = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = createReadStream(path, { start, end: Math.max(start, start + compressedSize - 1) });
  if (method === 0 || compressedSize === 0) return raw;
  const inflate = createInflateRaw();
  raw.on('error', (err) => inflate.destroy(err));
  inflate.on('close', () => raw.destroy());
  return raw.pipe(inflate);
}
