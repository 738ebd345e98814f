/** 百日攻坚: what the bot says about the campaign's items, zh-CN. */
import type { CampaignItem } from '../campaign/items.js';
import type { CumulativeMismatch } from '../campaign/progress.js';
import { monthDay } from './reports.js';

/** The measure after a figure: the measure word alone when the name says what is counted (加装电梯21部). */
export function shownMeasure(item: Pick<CampaignItem, 'name' | 'measure' | 'unit'>): string {
  if (item.unit.word !== '' && item.unit.noun !== '' && item.name.includes(item.unit.noun)) return item.unit.word;
  return item.measure;
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100));

/** One item's figures as read from a report: 加装电梯今日1部、累计21部. */
export function itemFiguresText(
  item: Pick<CampaignItem, 'name' | 'measure' | 'unit'>,
  today: number | null,
  cumulative: number | null,
): string {
  const m = shownMeasure(item);
  const parts: string[] = [];
  if (today !== null) parts.push(today === 0 ? '今日无新增' : `今日${num(today)}${m}`);
  if (cumulative !== null) parts.push(`累计${num(cumulative)}${m}`);
  return `${item.name}${parts.join('、')}`;
}

/** The confirmation's line on the campaign part: 百日攻坚：老旧小区改造今日2个、累计11个；加装电梯累计21部。 */
export function campaignConfirmLine(campaign: string, parts: readonly string[]): string {
  return `${campaign}：${parts.join('；')}。`;
}

/** To the sender: a cumulative figure that does not add up with the earlier ones (never corrected by the bot). */
export function cumulativeQuestionText(
  item: Pick<CampaignItem, 'name' | 'measure' | 'unit'>,
  m: CumulativeMismatch,
): string {
  const u = shownMeasure(item);
  const since = m.between > 0 ? `，此后各日报送新增${num(m.between)}${u}` : '';
  const body =
    m.today === null
      ? `${monthDay(m.lastDay)}报送累计${num(m.last)}${u}${since}，本次报送累计${num(m.reported)}${u}，少于此前累计数`
      : `${monthDay(m.lastDay)}报送累计${num(m.last)}${u}${since}，今日新增${num(m.today)}${u}，` +
        `累计应为${num(m.expected)}${u}，本次报送累计${num(m.reported)}${u}`;
  return (
    `请核实“${item.name}”累计数：${body}。已按报送数记录；如有误，请发送更正，例如“更正：${item.name}累计` +
    `${num(m.expected)}${u}”。`
  );
}

/** To the sender of campaign figures outside a daily report: 已收到区住建局11月30日百日攻坚进展：加装电梯累计21部。 */
export function campaignReceivedText(
  unitName: string,
  day: string,
  campaign: string,
  parts: readonly string[],
  questions: readonly string[],
  correction = false,
): string {
  const verb = correction ? '已更正' : '已收到';
  return [`${verb}${unitName}${monthDay(day)}${campaign}进展：${parts.join('；')}。`, ...questions].join('\n');
}

/** To the one who withdrew (撤回) a message with campaign figures. */
export function campaignWithdrawnText(
  unitName: string,
  day: string,
  campaign: string,
  names: readonly string[],
): string {
  return `已撤回${unitName}${monthDay(day)}${campaign}进展（${names.join('、')}），以此前报送的数据为准。`;
}

/** What the summaries say of one item's state (texts only: the state is domain/campaign/schedule.ts). */
export interface ItemStateLine {
  name: string;
  unitName: string;
  measure: string;
  target: number;
  done: number | null;
  donePct: number | null;
  timePct: number;
  /** Planned by the day (the planned line, milestones included). */
  planned: number;
  gapPoints: number | null;
  stalledWorkdays: number | null;
}

/** 完成5/16个（31.3%） */
const doneOf = (s: ItemStateLine) => `完成${num(s.done ?? 0)}/${num(s.target)}${s.measure}（${num(s.donePct ?? 0)}%）`;

/** Why an item is behind, in a few words: 连续11个工作日无进展；完成19/30部（63.3%），时间进度43% … */
export function behindReason(s: ItemStateLine): string {
  const parts: string[] = [];
  if (s.stalledWorkdays !== null) parts.push(`连续${s.stalledWorkdays}个工作日无进展`);
  parts.push(`${doneOf(s)}，时间进度${num(s.timePct)}%`);
  if (s.gapPoints !== null) parts.push(`计划应完成${num(s.planned)}${s.measure}，落后${num(s.gapPoints)}个百分点`);
  return parts.join('，');
}

/** 百日攻坚第43天，剩57天 */
export function campaignDayText(campaign: string, dayNo: number, left: number): string {
  return left > 0 ? `${campaign}第${dayNo}天，剩${left}天` : `${campaign}第${dayNo}天（最后一天）`;
}

/**
 * The campaign's lines in the daily and weekly summaries: the day counter, the items behind (each with why), and
 * those nothing was reported for.
 */
export function campaignSummaryLines(
  counter: string,
  behind: readonly ItemStateLine[],
  unreported: readonly ItemStateLine[],
  total: number,
): string[] {
  const lines: string[] = [];
  const reported = total - unreported.length;
  const which = reported === total ? `${total}项攻坚任务` : `已报送进展的${reported}项攻坚任务`;
  if (behind.length === 0) lines.push(reported === 0 ? `${counter}。` : `${counter}。${which}均按计划推进。`);
  else {
    lines.push(`${counter}。${total}项攻坚任务中${behind.length}项进度滞后：`);
    for (const b of behind) lines.push(`· ${b.name}（${b.unitName}）：${behindReason(b)}`);
  }
  if (unreported.length > 0)
    lines.push(`尚未报送进展：${unreported.map((u) => `${u.name}（${u.unitName}）`).join('、')}。`);
  return lines;
}

/** To the lead unit's head, once per item and week: the item is behind. */
export function campaignBehindNoticeText(campaign: string, s: ItemStateLine): string {
  return (
    `【${campaign}进度提醒】${s.unitName}：“${s.name}”进度滞后，${behindReason(s)}。` +
    '请加快推进，并在每日日报中报送进展情况。'
  );
}

/** The weekly summary's line on what each reported item gained this week: 本周新增：老旧小区改造1个（累计5/16个），… */
export function campaignWeekLine(
  items: ReadonlyArray<{ name: string; measure: string; gained: number; done: number; target: number }>,
): string {
  const parts = items.map(
    (i) =>
      `${i.name}${i.gained > 0 ? `${num(i.gained)}${i.measure}` : '无新增'}` +
      `（累计${num(i.done)}/${num(i.target)}${i.measure}）`,
  );
  return `本周新增：${parts.join('，')}。`;
}

/** Under the weekly summary's campaign lines when it goes out before the day's reports: （进展截至11月19日日报） */
export function campaignAsOfNote(day: string): string {
  return `（进展截至${monthDay(day)}日报）`;
}

/** The weekly card's own message: 百日攻坚周报（11月16日至11月20日），百日攻坚第33天，剩67天。 */
export function campaignCardCaption(c: { campaign: string; week: string; counter: string }): string {
  return `${c.campaign}周报（${c.week}），${c.counter}。`;
}
