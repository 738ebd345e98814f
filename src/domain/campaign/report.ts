/**
 * The campaign part of a message from a lead unit, as the bot and `parse-report` read it: the unit is the one
 * the text names, else the sender's; with a sender known, only that unit's own head or liaison counts. Pure.
 */
import { isHeadOrLiaison, type Roster } from '../roster.js';
import { type CampaignItem, itemsLedBy } from './items.js';
import { type ItemProgress, readCampaign } from './read.js';

export interface CampaignOfReport {
  unitId: string;
  items: ItemProgress[];
}

export function campaignOfMessage(
  text: string,
  textUnit: string | null,
  from: string | undefined,
  roster: Roster,
  items: readonly CampaignItem[],
  campaignName: string,
): CampaignOfReport | null {
  if (items.length === 0) return null;
  const sender = from === undefined ? undefined : roster.person(from);
  const unit =
    (textUnit === null ? undefined : roster.unitByName(textUnit)) ?? (from ? roster.unitOf(from) : undefined);
  if (unit === undefined) return null;
  if (from !== undefined && (sender === undefined || sender.unit !== unit.id || !isHeadOrLiaison(sender))) return null;
  const mine = itemsLedBy(items, unit.id);
  if (mine.length === 0) return null;
  const read = readCampaign(text, mine, campaignName);
  return read.items.length === 0 ? null : { unitId: unit.id, items: read.items };
}
