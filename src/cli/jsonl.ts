import { createInterface } from 'node:readline';

/**
 * Reads JSON Lines from a stream and calls `handle` per non-blank line, writing what it
 * returns as one JSON line on stdout. A line that is not JSON gives {"id": null, "error"}.
 */
export async function mapJsonLines(
  input: NodeJS.ReadableStream,
  handle: (obj: unknown) => Record<string, unknown>,
): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let out: Record<string, unknown>;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      out = { id: null, error: 'invalid JSON line' };
      process.stdout.write(`${JSON.stringify(out)}\n`);
      continue;
    }
    const id = typeof obj === 'object' && obj !== null && 'id' in obj ? (obj as { id: unknown }).id : null;
    try {
      out = handle(obj);
    } catch (err) {
      out = {
        id: typeof id === 'string' || typeof id === 'number' ? id : null,
        error: `internal error: ${(err as Error).message}`,
      };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}
