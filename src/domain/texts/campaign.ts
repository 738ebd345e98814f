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
