/**
 * 百日攻坚 (issue 19): the campaign part of a lead unit's message read, checked and stored; each item's state
 * on a day. What the report handlers, the campaign handler and the summaries share.
 */
import { addDays } from '../domain/calendar.js';
import { type CampaignItem, campaignItems, itemsLedBy } from '../domain/campaign/items.js';
import { daysByItem } from '../domain/campaign/day.js';
import { checkCumulative, doneSeries, gainedBetween } from '../domain/campaign/progress.js';
import { type CampaignReading, type ItemProgress, readCampaign } from '../domain/campaign/read.js';
import { campaignDay, type ItemStatus, itemStatus } from '../domain/campaign/schedule.js';
import { type Unit, unitName } from '../domain/roster.js';
import { CAMPAIGN_CARD } from '../domain/texts/cards.js';
import { monthDay } from '../domain/texts/reports.js';
import { localIso } from '../domain/time.js';
import type { CampaignCardInput } from '../render/campaign-card.js';
import { isCorrection } from '../domain/report/correction.js';
import {
  campaignAsOfNote,
  campaignBehindNoticeText,
  campaignConfirmLine,
  campaignDayText,
  campaignSummaryLines,
  campaignWeekLine,
  cumulativeQuestionText,
  type ItemStateLine,
  itemFiguresText,
  shownMeasure,
} from '../domain/texts/campaign.js';
import { progressRows, saveProgress } from '../store/campaign.js';
import type { AppContext } from './context.js';
import { toPerson } from './send.js';

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

/** An item's state as the texts say it. */
export function stateLine(ctx: Pick<AppContext, 'roster'>, st: ItemStatus): ItemStateLine {
  return {
    name: st.item.name,
    unitName: unitName(ctx.roster, st.item.lead),
    measure: shownMeasure(st.item),
    target: st.item.target,
    done: st.done,
    donePct: st.donePct,
    timePct: st.timePct,
    planned: st.planned,
    gapPoints: st.gapPoints,
    stalledWorkdays: st.stalledWorkdays,
  };
}

export interface CampaignPicture {
  /** 百日攻坚第43天，剩57天 */
  counter: string;
  statuses: ItemStatus[];
  behind: ItemStatus[];
  unreported: ItemStatus[];
  /** The summary's lines (the counter, the items behind, those not reported). */
  lines: string[];
}

/**
 * The campaign on a day for the summaries; null when the district has no items or the day is outside it. The
 * items' state is taken at the end of `statusDay` (default `day`; the weekly summary, sent before the day's reports
 * are due, takes the working day before).
 */
export async function campaignPicture(ctx: AppContext, day: string, statusDay = day): Promise<CampaignPicture | null> {
  const items = campaignItemsOf(ctx);
  const cd = campaignDay(ctx.config.campaign, items, day);
  if (items.length === 0 || cd === null) return null;
  const statuses = await campaignStatuses(ctx, statusDay);
  const active = statuses.filter((x) => x.state !== 'not-started');
  const behind = active.filter((x) => x.state === 'behind');
  const unreported = active.filter((x) => x.state === 'unreported');
  const counter = campaignDayText(ctx.config.campaign.name, cd.dayNo, cd.left);
  const line = (x: ItemStatus) => stateLine(ctx, x);
  return {
    counter,
    statuses,
    behind,
    unreported,
    lines: campaignSummaryLines(counter, behind.map(line), unreported.map(line), active.length),
  };
}

/**
 * Tells each head of the lead unit of an item behind, once per item and week (the Monday in the purpose: the
 * outbox sends one message per purpose, ever).
 */
export async function tellBehindHeads(ctx: AppContext, monday: string, behind: readonly ItemStatus[]): Promise<void> {
  for (const st of behind) {
    const text = campaignBehindNoticeText(ctx.config.campaign.name, stateLine(ctx, st));
    const heads = ctx.roster.headsOf(st.item.lead);
    const to = heads.length > 0 ? heads : ctx.roster.contactsOf(st.item.lead);
    for (const p of to) await ctx.send(toPerson(p.id, text, `campaign-behind:${st.item.id}:${monday}:${p.id}`));
  }
}

/**
 * The weekly summary's campaign part (empty text when there is none): the items' state and what each gained in
 * the week, and the week's card. Sent before the day's reports are due, it counts the days up to the working day
 * before.
 */
export async function weeklyCampaign(
  ctx: AppContext,
  monday: string,
  day: string,
): Promise<{ text: string; card?: CampaignCardInput }> {
  const [h, m] = ctx.config.routines.reportDeadline.split(':').map(Number) as [number, number];
  const beforeDeadline = ctx.clock.now().getTime() < Date.parse(localIso(day, h, m, ctx.config.timezone));
  const asOf = beforeDeadline ? ctx.calendar.previousWorkday(day) : day;
  const pic = await campaignPicture(ctx, day, asOf);
  if (pic === null) return { text: '' };
  const items = campaignItemsOf(ctx);
  const days = daysByItem(
    await progressRows(
      ctx.db,
      items.map((i) => i.id),
      asOf,
    ),
  );
  const gained = pic.statuses
    .filter((x) => x.done !== null)
    .map((x) => ({
      name: x.item.name,
      measure: shownMeasure(x.item),
      gained: gainedBetween(days.get(x.item.id) ?? [], addDays(monday, -1), asOf),
      done: x.done ?? 0,
      target: x.item.target,
    }));
  const lines = [...pic.lines];
  if (gained.length > 0) lines.splice(1 + pic.behind.length, 0, campaignWeekLine(gained));
  if (asOf !== day) lines.push(campaignAsOfNote(asOf));
  const num = (v: number) => String(Math.round(v * 10) / 10);
  const card: CampaignCardInput = {
    campaign: ctx.config.campaign.name,
    district: ctx.config.district,
    week: CAMPAIGN_CARD.week(monthDay(monday), monthDay(day)),
    counter: pic.counter,
    rows: pic.statuses
      .filter((x) => x.state !== 'not-started')
      .map((x) => ({
        field: x.item.field,
        name: x.item.name,
        unitName: unitName(ctx.roster, x.item.lead),
        target: `${num(x.item.target)}${shownMeasure(x.item)}`,
        done: x.done === null ? '-' : `${num(x.done)}${shownMeasure(x.item)}`,
        donePct: x.donePct,
        timePct: x.timePct,
        state: x.state,
      })),
  };
  return { text: `\n\n${lines.join('\n')}`, card };
}

export interface BoardItem {
  status: ItemStatus;
  /** Done at the end of each day reported, up to the day shown (for the sparkline). */
  series: Array<{ day: string; done: number }>;
  /** The item's state as the texts say it. */
  line: ItemStateLine;
}

/** The console's 百日攻坚 page: each item's state on `day` and its done-by-day series. */
export async function campaignBoard(
  ctx: AppContext,
  day: string,
): Promise<{ counter: string | null; items: BoardItem[] }> {
  const items = campaignItemsOf(ctx);
  if (items.length === 0) return { counter: null, items: [] };
  const days = daysByItem(
    await progressRows(
      ctx.db,
      items.map((i) => i.id),
      day,
    ),
  );
  const cd = campaignDay(ctx.config.campaign, items, day);
  return {
    counter: cd === null ? null : campaignDayText(ctx.config.campaign.name, cd.dayNo, cd.left),
    items: items.map((it) => {
      const status = itemStatus(it, days.get(it.id) ?? [], day, ctx.config.campaign, ctx.calendar);
      return { status, series: doneSeries(days.get(it.id) ?? []), line: stateLine(ctx, status) };
    }),
  };
}
