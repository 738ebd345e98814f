/**
 * 本周热点 (issue 18 §1), sent with the weekly summary: the tickets of the last 7 days (up to the end
 * of `today`) and of the `historyWeeks` weeks before, counted by category (top and second level)
 * and by place (ticket_places, from the repeat warnings' place keys); the keys that rose by the
 * rules (domain/hotspots/rising.ts) as a short list, and as a chart card when something rose.
 * Nothing is said of a kind the tickets have no data for, and nothing is compared without the
 * weeks before.
 */
import type { DistrictConfig } from '../config/schema.js';
import { addDays } from '../domain/calendar.js';
import { placeLabel } from '../domain/clusters/keys.js';
import { type HotspotRules, type WeeklyHotspots, weeklyHotspots } from '../domain/hotspots/rising.js';
import * as T from '../domain/texts/hotspots.js';
import { formatShort, localIso } from '../domain/time.js';
import { hotspotCardFile } from '../render/day-card-file.js';
import type { HotspotCardSection } from '../render/hotspot-card.js';
import type { Queryable } from '../store/db.js';
import { ticketsByWeekAndCategory, ticketsByWeekAndPlace } from '../store/hotspots.js';
import type { AppContext } from './context.js';

export function hotspotRules(config: DistrictConfig): HotspotRules {
  const h = config.hotspots;
  return {
    historyWeeks: h.historyWeeks,
    minCount: h.minCount,
    minIncrease: h.minIncrease,
    minRise: h.minRise,
    maxListed: h.maxListed,
    minHistoryShare: h.minHistoryShare,
  };
}

export interface HotspotWeek {
  /** The 7 days looked at (both included). */
  from: string;
  to: string;
  rules: HotspotRules;
  /** Null: no ticket of these weeks has a category or a place (no section). */
  hotspots: WeeklyHotspots | null;
}

/** The week's hotspots: the 7 days ending with `today` against the weeks before. */
export async function hotspotWeek(db: Queryable, config: DistrictConfig, today: string): Promise<HotspotWeek> {
  const rules = hotspotRules(config);
  const until = new Date(localIso(addDays(today, 1), 0, 0, config.timezone));
  const [categories, places] = await Promise.all([
    ticketsByWeekAndCategory(db, until, rules.historyWeeks),
    ticketsByWeekAndPlace(db, until, rules.historyWeeks).then((rows) =>
      rows.map((r) => ({ ...r, key: r.key === null ? null : placeLabel(r.key) })),
    ),
  ]);
  return { from: addDays(today, -6), to: today, rules, hotspots: weeklyHotspots({ categories, places }, rules) };
}

/** The section's text (empty when there is none). */
export function hotspotSectionText(w: HotspotWeek): string {
  if (!w.hotspots) return '';
  return T.hotspotsText({
    from: w.from,
    to: w.to,
    historyWeeks: w.rules.historyWeeks,
    categories: w.hotspots.categories,
    places: w.hotspots.places,
    minCount: w.rules.minCount,
    minIncrease: w.rules.minIncrease,
    minRise: w.rules.minRise,
  });
}

/** The kinds with rising keys, for the chart (none: no chart). */
export function risingSections(w: HotspotWeek): HotspotCardSection[] {
  const out: HotspotCardSection[] = [];
  for (const kind of ['categories', 'places'] as const) {
    const v = w.hotspots?.[kind];
    if (v?.kind === 'listed' && v.rising.length > 0) out.push({ kind, items: v.rising });
  }
  return out;
}

export interface HotspotMessage {
  /** The section to add to the weekly summary ('' when none). */
  text: string;
  /** The chart card and its caption, when something rose and the chart is on. */
  card?: { file: { name: string; path: string }; caption: string };
}

/** 本周热点 for the weekly summary of `today` (off in the district file: nothing). */
export async function weeklyHotspotMessage(ctx: AppContext, today: string): Promise<HotspotMessage> {
  if (!ctx.config.hotspots.enabled) return { text: '' };
  const w = await hotspotWeek(ctx.db, ctx.config, today);
  const text = hotspotSectionText(w);
  const sections = risingSections(w);
  if (!ctx.config.hotspots.chart || sections.length === 0) return { text };
  const file = await hotspotCardFile(ctx, {
    district: ctx.config.district,
    from: w.from,
    to: w.to,
    historyWeeks: w.rules.historyWeeks,
    sections,
    made: formatShort(ctx.clock.now(), ctx.config.timezone),
  });
  return file ? { text, card: { file, caption: T.hotspotCardCaption(w.from, w.to) } } : { text };
}
