/** 百日攻坚 items as the bot uses them: the district file's items with their field and measure resolved. Pure. */
import type { CampaignConfig, CampaignItemConfig } from '../../config/campaign-schema.js';
import type { Unit } from '../roster.js';
import { type Measure, splitMeasure } from './measure.js';

export interface CampaignItem extends CampaignItemConfig {
  /** The item's field: its own, else its lead unit's. */
  field: string;
  /** `measure` as a measure word and what is counted (部 + 电梯). */
  unit: Measure;
}

/** The items of the district file, in its order, each with its field (the lead unit's when the item gives none). */
export function campaignItems(c: CampaignConfig, units: readonly Unit[]): CampaignItem[] {
  const fieldOf = new Map(units.map((u) => [u.id, u.field]));
  return c.items.map((it) => ({
    ...it,
    field: it.field ?? fieldOf.get(it.lead) ?? '',
    unit: splitMeasure(it.measure),
  }));
}

/** The items a unit leads. */
export function itemsLedBy(items: readonly CampaignItem[], unitId: string): CampaignItem[] {
  return items.filter((it) => it.lead === unitId);
}
