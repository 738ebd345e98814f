/** Reading what the bot wrote, for the tests: a zip entry's text, and a .docx's text one line per paragraph or cell. */
import { readZipDirectory } from '../src/lib/zip-directory.js';

export async function entryText(path: string, name: string): Promise<string> {
  const entry = readZipDirectory(path).get(name);
  if (!entry) throw new Error(`${path}: no ${name}`);
  const chunks: Buffer[] = [];
  for await (const c of entry.stream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of a .docx, one line per paragraph or table cell (a .docx is a zip; the body is word/document.xml). */
export async function docxText(path: string): Promise<string> {
  const xml = await entryText(path, 'word/document.xml');
  return xml
    .split(/<\/w:p>/)
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1] ?? '')
        .join('')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
    )
    .filter((l) => l.length > 0)
    .join('\n');
}
