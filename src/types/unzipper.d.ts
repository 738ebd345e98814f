/** unzipper (exceljs's own zip reader): only what xlsx-bounded.ts uses. */
declare module 'unzipper' {
  import type { Readable } from 'node:stream';
  export const Open: {
    file(path: string): Promise<{ files: Array<{ path: string; uncompressedSize: number; compressedSize: number; stream(): Readable }> }>;
  };
}
