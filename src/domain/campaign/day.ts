/**
 * An item's figures for a day from the messages that gave them, in the order received (pure): a message that
 * is the report again replaces the day's figures of the items it names; a correction (更正 …) changes only
 * the figures it gives; a withdrawn message (撤回) no longer counts.
 */
import type { DayFigures } from './progress.js';

export interface ProgressRow {
  itemId: string;
  day: string;
  messageId: string;
  receivedAt: Date;
  today: number | null;
  cumulative: number | null;
  correction: boolean;
  withdrawn: boolean;
}

/** Each item's days (figures folded per day), by item id. */
export function daysByItem(rows: readonly ProgressRow[]): Map<string, DayFigures[]> {
  const sorted = rows
    .filter((r) => !r.withdrawn)
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.messageId < b.messageId ? -1 : 1));
  const byKey = new Map<string, DayFigures & { itemId: string }>();
  for (const r of sorted) {
    const key = `${r.itemId}|${r.day}`;
    const cur = byKey.get(key);
    if (cur === undefined || !r.correction) {
      byKey.set(key, { itemId: r.itemId, day: r.day, today: r.today, cumulative: r.cumulative });
    } else {
      if (r.today !== null) cur.today = r.today;
      if (r.cumulative !== null) cur.cumulative = r.cumulative;
    }
  }
  const out = new Map<string, DayFigures[]>();
  for (const { itemId, ...d } of byKey.values()) {
    const list = out.get(itemId) ?? [];
    list.push(d);
    out.set(itemId, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.day < b.day ? -1 : 1));
  return out;
}
