import { z } from 'zod';
import { addDays } from '../domain/calendar.js';

/** A real calendar day as YYYY-MM-DD (2026-02-30 is refused). */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => addDays(d, 0) === d, 'not a calendar day');

/** `target: "16 个小区"` is read as `target: 16` with `measure: 个小区` (when measure is not given). */
function splitTarget(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const o = raw as Record<string, unknown>;
  if (typeof o.target !== 'string') return raw;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(\S.*?)?\s*$/.exec(o.target);
  if (m === null) return raw;
  return { ...o, target: Number(m[1]), ...(o.measure === undefined && m[2] ? { measure: m[2] } : {}) };
}

export const milestoneSchema = z
  .object({
    /** The day by which `value` should be reached (cumulative). */
    by: calendarDay,
    value: z.number().min(0),
    /** What the milestone is (主体完工, 完成招标 …), shown with it. */
    note: z.string().min(1).max(40).optional(),
  })
  .strict();

export const campaignItemSchema = z.preprocess(
  splitTarget,
  z
    .object({
      /** Stable id (progress is stored under it): letters, digits, - and _. */
      id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'expected letters, digits, - or _ (at most 40)'),
      /** One of the 六大民生领域 (基础教育 …); absent: the lead unit's `field`. */
      field: z.string().min(1).max(30).optional(),
      /** The lead unit's id (牵头单位): only its people's reports count for the item. */
      lead: z.string().min(1),
      /** The item as people write it (老旧小区改造); matched in the reports with its aliases. */
      name: z.string().min(1).max(30),
      /** Other words the reports use for the item (加梯, 电梯加装). */
      aliases: z.array(z.string().min(1).max(30)).default([]),
      /** The target by the end, counted in `measure`. */
      target: z.number().positive(),
      /** What is counted, with its measure word: 个小区, 部电梯, 个学位, 人. */
      measure: z.string().min(1).max(12),
      /** First day (day 1); absent: campaign.start. */
      start: calendarDay.optional(),
      /** Last day; absent: start plus campaign.days (or the item's days) minus one. */
      end: calendarDay.optional(),
      days: z.number().int().min(1).max(1000).optional(),
      /** Cumulative values due by given days: the planned line runs through them. */
      milestones: z.array(milestoneSchema).default([]),
    })
    .strict(),
);
export type CampaignItemInput = z.infer<typeof campaignItemSchema>;

/** A campaign item with its days resolved. */
export interface CampaignItemConfig extends Omit<CampaignItemInput, 'start' | 'end' | 'days'> {
  start: string;
  end: string;
}

/** 百日攻坚 (issue 19): items, their lead units and targets, and when an item counts as behind. */
export const campaignSchema = z
  .object({
    /** What the texts call it: 百日攻坚第43天. */
    name: z.string().min(1).max(20).default('百日攻坚'),
    /** Day 1 of the items that give no start of their own. */
    start: calendarDay.optional(),
    /** Length of an item with no end of its own, in calendar days. */
    days: z.number().int().min(1).max(1000).default(100),
    /** Behind: the cumulative figure this many percentage points of the target below the planned line. */
    behindMargin: z.number().min(0).max(100).default(10),
    /** Behind: no progress reported for this many working days (once the item has started). */
    stallWorkdays: z.number().int().min(1).max(60).default(3),
    items: z.array(campaignItemSchema).default([]),
  })
  .strict()
  .prefault({})
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.items.forEach((it, i) => {
      if (ids.has(it.id))
        ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `duplicate item id "${it.id}"` });
      ids.add(it.id);
      const start = it.start ?? c.start;
      if (start === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'start'],
          message: 'no start day: give the item a start or campaign.start',
        });
        return;
      }
      if (it.end !== undefined && it.days !== undefined)
        ctx.addIssue({ code: 'custom', path: ['items', i, 'days'], message: 'give end or days, not both' });
      const end = it.end ?? addDays(start, (it.days ?? c.days) - 1);
      if (end < start)
        ctx.addIssue({ code: 'custom', path: ['items', i, 'end'], message: `ends before it starts (${start})` });
      let last = 0;
      it.milestones.forEach((m, j) => {
        if (m.by < start || m.by > end)
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'milestones', j, 'by'],
            message: `outside the item's days (${start} to ${end})`,
          });
        if (m.value > it.target)
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'milestones', j, 'value'],
            message: `above the target (${it.target})`,
          });
        if (m.value < last || (j > 0 && m.by <= (it.milestones[j - 1]?.by ?? '')))
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'milestones', j],
            message: 'milestones go by day, each day later and each value no lower than the one before',
          });
        last = m.value;
      });
    });
  })
  .transform((c) => ({
    ...c,
    items: c.items.map(({ start, end, days, ...it }): CampaignItemConfig => {
      const s = start ?? c.start ?? '';
      return { ...it, start: s, end: end ?? addDays(s, (days ?? c.days) - 1) };
    }),
  }));
export type CampaignConfig = z.infer<typeof campaignSchema>;
