/** Which received files are ticket lists, by their name (pure). */

/** The name's extension with its dot, as node:path (posix) extname gives it ('' for none or a dot file). */
function extname(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

export type TicketFileKind = 'xlsx' | 'csv' | 'unsupported';

export function ticketFileKind(name: string): TicketFileKind {
  const ext = extname(name).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  return 'unsupported';
}

/** Files the importer answers for (others are not its business). */
export function looksLikeTicketFile(name: string): boolean {
  return /\.(xlsx|xlsm|xls|et|csv)$/i.test(name);
}
