/**
 * Whether a 百日攻坚 item is behind schedule on a day (README "百日攻坚"). Pure.
 *
 * - The planned line runs from 0 the day before the item starts to its target on its last day, in calendar
 *   days, through its milestones (each its value by its day).
 * - Behind on pace: done is more than `behindMargin` points of the target below the planned line at the end of
 *   the day.
 * - Behind, stalled: nothing done for `stallWorkdays` working days (from the item's start when nothing was
 *   ever done).
 * An item nothing was ever reported for is neither: it is listed as not reported. A finished item (done ≥
 * target) is never behind.
 */
import { addDays, type WorkCalendar } from '../calendar.js';
import type { CampaignItem } from './items.js';
import { type DayFigures, doneBy, lastProgressDay } from './progress.js';

export interface ScheduleRules {
  behindMargin: number;
  stallWorkdays: number;
}

/** Calendar days from `a` to `b` (b − a). */
export function daysFrom(a: string, b: string): number {
  const t = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** The item's length in days (start and end included). */
export function itemDays(item: Pick<CampaignItem, 'start' | 'end'>): number {
  return daysFrom(item.start, item.end) + 1;
}

/** Day n of the item (1 on its start day; 0 before it; its length after its end). */
export function itemDayNo(item: Pick<CampaignItem, 'start' | 'end'>, day: string): number {
  return Math.max(0, Math.min(itemDays(item), daysFrom(item.start, day) + 1));
}

/** What the planned line says should be done by the end of `day`. */
export function plannedBy(item: Pick<CampaignItem, 'start' | 'end' | 'target' | 'milestones'>, day: string): number {
  const points: Array<[string, number]> = [
    [addDays(item.start, -1), 0],
    ...item.milestones.map((m): [string, number] => [m.by, m.value]),
    [item.end, item.target],
  ];
  if (day <= (points[0] as [string, number])[0]) return 0;
  for (let i = 1; i < points.length; i++) {
    const [d1, v1] = points[i] as [string, number];
    const [d0, v0] = points[i - 1] as [string, number];
    if (day <= d1) return v0 + ((v1 - v0) * daysFrom(d0, day)) / Math.max(1, daysFrom(d0, d1));
  }
  return item.target;
}

export type ItemState = 'not-started' | 'unreported' | 'on-track' | 'behind' | 'done';

export interface ItemStatus {
  item: CampaignItem;
  state: ItemState;
  /** Day n of the item and its length. */
  dayNo: number;
  days: number;
  /** Share of the item's time gone and of its target done, in percent (0–100, one decimal). */
  timePct: number;
  donePct: number | null;
  done: number | null;
  /** Planned by the end of the day (rounded down to the measure's whole units when the target is whole). */
  planned: number;
  /** Behind on pace: points of the target below the planned line (null when not behind on pace). */
  gapPoints: number | null;
  /** Stalled: working days without progress (null when not stalled). */
  stalledWorkdays: number | null;
  /** The last day something was done (null: never). */
  lastProgress: string | null;
}

const pct = (a: number, b: number) => Math.round((1000 * a) / b) / 10;

export function itemStatus(
  item: CampaignItem,
  days: readonly DayFigures[],
  day: string,
  rules: ScheduleRules,
  calendar: Pick<WorkCalendar, 'workdaysBetween'>,
): ItemStatus {
  const total = itemDays(item);
  const dayNo = itemDayNo(item, day);
  const done = doneBy(days, day);
  const plannedRaw = plannedBy(item, day);
  const planned = Number.isInteger(item.target) ? Math.floor(plannedRaw + 1e-9) : Math.round(plannedRaw * 10) / 10;
  const last = lastProgressDay(days, day);
  const base: ItemStatus = {
    item,
    state: 'on-track',
    dayNo,
    days: total,
    timePct: pct(dayNo, total),
    donePct: done === null ? null : pct(done, item.target),
    done,
    planned,
    gapPoints: null,
    stalledWorkdays: null,
    lastProgress: last,
  };
  if (day < item.start) return { ...base, state: 'not-started' };
  if (done !== null && done >= item.target) return { ...base, state: 'done' };
  if (done === null) return { ...base, state: 'unreported' };
  const gap = ((plannedRaw - done) / item.target) * 100;
  const gapPoints = gap > rules.behindMargin ? Math.round(gap * 10) / 10 : null;
  const idle = calendar.workdaysBetween(last ?? addDays(item.start, -1), day);
  const stalledWorkdays = idle >= rules.stallWorkdays ? idle : null;
  const behind = gapPoints !== null || stalledWorkdays !== null;
  return { ...base, state: behind ? 'behind' : 'on-track', gapPoints, stalledWorkdays };
}

/** The day counter (百日攻坚第43天，剩57天): from campaign.start, else the items' first start to last end. */
export function campaignDay(
  c: { start?: string | undefined; days: number },
  items: ReadonlyArray<Pick<CampaignItem, 'start' | 'end'>>,
  day: string,
): { dayNo: number; left: number; days: number } | null {
  const start = c.start ?? items.map((i) => i.start).sort()[0];
  if (start === undefined) return null;
  const end =
    c.start !== undefined
      ? addDays(c.start, c.days - 1)
      : (items
          .map((i) => i.end)
          .sort()
          .at(-1) as string);
  const days = daysFrom(start, end) + 1;
  const dayNo = daysFrom(start, day) + 1;
  if (dayNo < 1 || dayNo > days) return null;
  return { dayNo, left: days - dayNo, days };
}
