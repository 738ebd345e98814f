/**
 * 百日攻坚 (issue 19): the campaign part of a lead unit's message read, checked and stored; each item's state
 * on a day. What the report handlers, the campaign handler and the summaries share.
 */
import { type CampaignItem, campaignItems, itemsLedBy } from '../domain/campaign/items.js';
import { daysByItem } from '../domain/campaign/day.js';
import { checkCumulative } from '../domain/campaign/progress.js';
import { type CampaignReading, type ItemProgress, readCampaign } from '../domain/campaign/read.js';
import { type ItemStatus, itemStatus } from '../domain/campaign/schedule.js';
import type { Unit } from '../domain/roster.js';
import { isCorrection } from '../domain/report/correction.js';
import { campaignConfirmLine, cumulativeQuestionText, itemFiguresText } from '../domain/texts/campaign.js';
import { progressRows, saveProgress } from '../store/campaign.js';
import type { AppContext } from './context.js';

const itemsCache = new WeakMap<object, CampaignItem[]>();

/** The district's items (resolved once per config). */
export function campaignItemsOf(ctx: Pick<AppContext, 'config'>): CampaignItem[] {
  let items = itemsCache.get(ctx.config);
  if (items === undefined) {
    items = campaignItems(ctx.config.campaign, ctx.config.units);
    itemsCache.set(ctx.config, items);
  }
  return items;
}

/** The campaign part of a unit's message (null: the unit leads no item, or the message gives no figure). */
export function readCampaignOf(ctx: Pick<AppContext, 'config'>, unitId: string, text: string): CampaignReading | null {
  const mine = itemsLedBy(campaignItemsOf(ctx), unitId);
  if (mine.length === 0) return null;
  const r = readCampaign(text, mine, ctx.config.campaign.name);
  return r.items.length === 0 ? null : r;
}

export interface CampaignMessage {
  unit: Unit;
  day: string;
  text: string;
  messageId: string;
  senderId: string;
  sentAt: string;
}

export interface RecordedCampaign {
  /** 百日攻坚：老旧小区改造今日2个、累计11个；加装电梯累计21部。 */
  line: string;
  /** Each item's figures (老旧小区改造今日2个、累计11个). */
  parts: string[];
  /** Questions about cumulative figures that do not add up (请核实). */
  questions: string[];
  /** The message corrects figures given before (更正 …). */
  correction: boolean;
  items: ItemProgress[];
}

/**
 * Reads the campaign part of a unit's message and stores each item's figures for the day (idempotent per
 * message: a message processed again gives what was stored the first time). A cumulative figure is checked
 * against the item's earlier days; a mismatch is stored as reported, with the question the sender is asked.
 */
export async function recordCampaign(
  ctx: AppContext,
  m: CampaignMessage,
  reading?: CampaignReading | null,
): Promise<RecordedCampaign | null> {
  const read = reading === undefined ? readCampaignOf(ctx, m.unit.id, m.text) : reading;
  if (read === null || read.items.length === 0) return null;
  const byId = new Map(campaignItemsOf(ctx).map((i) => [i.id, i]));
  const correction = isCorrection(m.text);
  const earlier = daysByItem(
    (
      await progressRows(
        ctx.db,
        read.items.map((p) => p.item),
        m.day,
      )
    ).filter((r) => r.messageId !== m.messageId),
  );
  const receivedAt = new Date(m.sentAt);
  const stored = await saveProgress(
    ctx.db,
    read.items.map((p) => {
      const item = byId.get(p.item) as CampaignItem;
      const days = earlier.get(p.item) ?? [];
      // A correction giving only the 累计 keeps the day's figure reported before it.
      const sameDay = days.find((d) => d.day === m.day);
      const today = correction && p.today === null ? (sameDay?.today ?? null) : p.today;
      const q = p.cumulative === null ? null : checkCumulative(days, m.day, today, p.cumulative);
      return {
        itemId: p.item,
        day: m.day,
        unitId: m.unit.id,
        messageId: m.messageId,
        senderId: m.senderId,
        receivedAt,
        today: p.today,
        cumulative: p.cumulative,
        correction,
        said: p.said,
        question: q === null ? null : cumulativeQuestionText(item, q),
      };
    }),
  );
  const order = read.items.map((p) => p.item);
  stored.sort((a, b) => order.indexOf(a.itemId) - order.indexOf(b.itemId));
  const parts = stored.map((r) => itemFiguresText(byId.get(r.itemId) as CampaignItem, r.today, r.cumulative));
  ctx.log.info({ unit: m.unit.id, day: m.day, message: m.messageId, items: order }, 'campaign progress stored');
  return {
    line: campaignConfirmLine(ctx.config.campaign.name, parts),
    parts,
    correction,
    questions: stored.flatMap((r) => (r.question === null ? [] : [r.question])),
    items: read.items,
  };
}

/** Each item's state at the end of `day` (the district file's order). */
export async function campaignStatuses(ctx: AppContext, day: string): Promise<ItemStatus[]> {
  const items = campaignItemsOf(ctx);
  if (items.length === 0) return [];
  const days = daysByItem(
    await progressRows(
      ctx.db,
      items.map((i) => i.id),
      day,
    ),
  );
  return items.map((it) => itemStatus(it, days.get(it.id) ?? [], day, ctx.config.campaign, ctx.calendar));
}
