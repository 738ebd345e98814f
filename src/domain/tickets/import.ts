/**
 * Reading a ticket list, the pure parts: where its header is among the first rows (in 繁體 too),
 * what the answer says a list without one is missing, and what an import comes to. The use-case
 * (usecases/ticket-import.ts) reads the file and stores the rows.
 */
import type { TicketField } from '../../config/schema.js';
import { ASSIGNED_OR_DEADLINE, type ImportCounts, type RejectedRow } from '../texts/tickets.js';
import { cellText } from './cells.js';
import { type ColumnAliases, FIELD_LABELS, missingRequired } from './columns.js';
import { type ColumnMapping, type DetectedHeader, detectHeader } from './header.js';
import { loadTraditional } from './labels.js';
import type { TicketInput } from './row.js';

/** A field the list has no column for, with the names looked for. */
export interface MissingColumn {
  field: TicketField;
  label: string;
  lookedFor: readonly string[];
}

export type ImportResult =
  | {
      kind: 'imported';
      counts: ImportCounts;
      rejected: RejectedRow[];
      /** How the file's columns were read (files only; the API sends fields). */
      mapping?: ColumnMapping;
      /** Fields worth telling about that the file has no column for (承办单位, 办理时限). */
      missing?: MissingColumn[];
      /** Totals, notes and repeated headers passed over. */
      skipped?: number;
      /** The first rows as parsed (`--dry-run` only). */
      preview?: Array<{ row: number; ok: boolean; ticket?: TicketInput; reason?: string }>;
    }
  | { kind: 'not-a-list'; missing: string[]; lookedFor?: MissingColumn[] }
  | { kind: 'unsupported' }
  | { kind: 'unreadable'; error: string };

export const isBlank = (cells: readonly unknown[]) => cells.every((c) => cellText(c) === '');

/** The names looked for, for a field the list has no column for. */
export function lookedFor(field: TicketField, aliases: ColumnAliases): MissingColumn {
  return { field, label: FIELD_LABELS[field], lookedFor: aliases[field] };
}

/**
 * The header among the first non-blank rows (one row or two, after any title rows); when none
 * is found and the rows hold Chinese, once more with 繁體 read as 简体 (工單編號). Without one:
 * the answer's not-a-list result, naming the required columns missing and the names looked for.
 */
export function findListHeader(
  head: ReadonlyArray<readonly unknown[]>,
  aliases: ColumnAliases,
): { header: DetectedHeader } | { header: null; notAList: Extract<ImportResult, { kind: 'not-a-list' }> } {
  let found = detectHeader(head, aliases);
  if (!found.header && head.some((cells) => cells.some((c) => typeof c === 'string' && /[\u3400-\u9fff]/.test(c)))) {
    // Perhaps a list in traditional characters (工單編號): once more with 繁體 read as 简体.
    loadTraditional();
    found = detectHeader(head, aliases);
  }
  if (found.header) return { header: found.header };
  const missing = missingRequired(found.best);
  return {
    header: null,
    notAList: {
      kind: 'not-a-list',
      missing: missing.map((f) => (f === 'assignedAt' ? ASSIGNED_OR_DEADLINE : FIELD_LABELS[f])),
      lookedFor: missing.flatMap((f) =>
        f === 'assignedAt'
          ? [lookedFor('assignedAt', aliases), lookedFor('deadline', aliases)]
          : [lookedFor(f, aliases)],
      ),
    },
  };
}
