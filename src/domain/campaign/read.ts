/**
 * 百日攻坚 progress read from a lead unit's report (README "百日攻坚", rules under "Parsing rules beyond the
 * contract"). Pure: the text and the unit's items in, each item's figure of the day and cumulative figure out.
 *
 * 1. The campaign part starts at the clause naming the campaign (百日攻坚, 攻坚, 民生实事 …, or the campaign's own
 *    name) and runs to the end; with no such word, the whole text, but then an item must be named.
 * 2. It is cut into points (一是 / 二是, 1. / 2、, （一）, a new line naming an item, a line about the hotline) and
 *    each point into stretches, one per item named (its name, an alias, or its name without 改造 / 建设 / 加装 …).
 * 3. In each stretch, a number counts for the item when its measure word is the item's (个, 部 or 台 for 部电梯;
 *    人次 is not 人), or it has none and follows 今日 / 累计 or a colon. It is the cumulative figure after 累计 /
 *    共计 / 截至目前 …, nothing after 目标 / 计划 / 预计 / 剩余 / 本周 / 本月 / 开工 / 在建 or with %, else the day's.
 *    A number whose measure word is another item's of the same point goes to that item.
 * 4. The first figure of each kind wins. 今日无新增 / 暂无进展 is the day's 0.
 * Linear in the text's length.
 */
import { parseNumeral } from '../language/numerals.js';
import { BREAK, cleanCampaignText } from './clean.js';
import type { CampaignItem } from './items.js';
import { measureWordAt } from './measure.js';

export interface ItemProgress {
  /** The item's id. */
  item: string;
  /** The day's figure (null: not given). */
  today: number | null;
  /** The cumulative figure (累计; null: not given). */
  cumulative: number | null;
  /** The words it was read from (for the record and the questions). */
  said: string;
}

export interface CampaignReading {
  /** Whether the text has a campaign part (a 攻坚 heading) at all. */
  part: boolean;
  /** The items with a figure, in the district file's order. */
  items: ItemProgress[];
}

const HEAD_WORDS = ['百日攻坚', '攻坚', '民生实事', '民生领域', '重点任务', '重点项目'];
/** A line about the hotline ends a campaign point (its figures are never an item's). */
const HOTLINE = /热线|工单|诉求|受理|办结|在办|超期|满意率|不满意|重办|退办/;
/** Point numbering at a line or sentence start. */
const POINT =
  // check-lines: long regex
  /(?:^|[\n。；;•])[ \t]*((?:[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）])|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*[、.．](?!\d)|[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十])/g;
const CLAUSE_BREAK = new Set(['，', ',', '；', ';', '。', '\n', BREAK, '、', '！', '!', '？', '?']);
const NUMBER = /\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+/g;

/** Words ending an item's name that its reports often leave out (老旧小区改造 → 老旧小区). */
const NAME_TAIL = /(?:改造|建设|签约|提升|整治|治理|工程|行动|项目|服务|攻坚|工作|覆盖|提质)$/;
/** Words starting an item's name that its reports often leave out (加装电梯 → 电梯, 新增学位 → 学位). */
const NAME_HEAD = /^(?:新增|加装|城镇|开展|推进|完成|实施|新建)/;

const CUMULATIVE = new RegExp(
  '累计|累积|共计|总计|合计|总共|一共|(?<!公)共(?![同享建治商识性])|截至目前|截止目前|截至今日|截止今日|截至当日|' +
    '截止当日|目前已|至今|到目前为止|已累计|总数|总量',
);
const CUMULATIVE_ALL = new RegExp(CUMULATIVE.source, 'g');
/** A time phrase standing alone before the clause it dates (截至目前，已完成21部). */
const CUMULATIVE_LEAD = /^(?:截至|截止|到)?(?:目前|今日|当日|现在|今天)(?:为止)?$|^至今$/;
const TODAY = /今日|今天|当日|当天|本日/;
const PLAN = new RegExp(
  '目标|总任务|任务数|任务量|年度任务|全年任务|计划|预计|拟|力争|确保|剩余|还剩|尚余|未完成|尚未|还差|待完成|要求|' +
    '将于|将在|需要|还需|应完成|比例|占比|意向',
);
/** Other periods: never today's, never the campaign's 累计 (本月累计 is a month's). */
const OTHER_PERIOD = /本周|本月|上周|上月|昨日|昨天|前日|前天|本季度|上半年|全年|今年|本年|年度|此前|前期/;
const STARTED = /开工|在建|启动|施工|正在|推进|进场|招标|设计|摸排|调查|排查|可研|立项|批复|审批|公示|征求/;
const DONE_VERB = /完成|完工|竣工|建成|签约|投用|交付|验收|新增|实现|落实|改造完|达成|提供/;
const SUB = /^其中/;
const ZERO_TODAY = /(?:今日|今天|当日|本日)?(?:无新增|暂无新增|未新增|无新进展|暂无进展|无进展|零新增|暂未新增)/;

interface Key {
  text: string;
  item: CampaignItem;
}

/** The words naming each item in a report: its name, aliases, and its name cut short (no other item sharing them). */
function keysOf(items: readonly CampaignItem[]): Key[] {
  const all = new Map<string, Set<CampaignItem>>();
  const add = (t: string, it: CampaignItem) => {
    if (t.length < 2) return;
    const s = all.get(t) ?? new Set<CampaignItem>();
    s.add(it);
    all.set(t, s);
  };
  for (const it of items) {
    for (const n of [it.name, ...it.aliases]) {
      add(n, it);
      const tail = n.replace(NAME_TAIL, '');
      const head = n.replace(NAME_HEAD, '');
      if (n.length >= 4) add(tail, it);
      if (n.length >= 4) add(head, it);
      if (n.length >= 5) add(head.replace(NAME_TAIL, ''), it);
    }
  }
  const keys: Key[] = [];
  for (const [text, set] of all) if (set.size === 1) keys.push({ text, item: [...set][0] as CampaignItem });
  return keys.sort((a, b) => b.text.length - a.text.length);
}

interface Mention {
  at: number;
  end: number;
  item: CampaignItem;
  /** What a number counts (2部电梯), not a new item named: it never starts a stretch of its own. */
  counted: boolean;
}

/** A number and measure word right before `at` (21部电梯: 电梯 is what is counted, not a new item named). */
function countedNoun(s: string, at: number): boolean {
  let k = at;
  while (k > 0 && /\s/.test(s[k - 1] as string)) k--;
  for (let w = 1; w <= 4 && k - w >= 1; w++) {
    const word = s.slice(k - w, k);
    if (measureWordAt(word, 0) === word && /[\d零〇一二两三四五六七八九十百千万]/.test(s[k - w - 1] as string))
      return true;
  }
  return false;
}

function mentionsIn(s: string, keys: readonly Key[]): Mention[] {
  const found: Mention[] = [];
  for (const k of keys) {
    for (let at = s.indexOf(k.text); at !== -1; at = s.indexOf(k.text, at + k.text.length)) {
      found.push({ at, end: at + k.text.length, item: k.item, counted: false });
    }
  }
  found.sort((a, b) => a.at - b.at || b.end - a.end);
  const out: Mention[] = [];
  let reach = -1;
  for (const m of found) {
    if (m.at < reach) continue; // inside a longer name found first
    reach = m.end;
    out.push({ ...m, counted: countedNoun(s, m.at) });
  }
  return out;
}

/** Where the campaign part starts: the clause holding its first heading word; -1 when there is none. */
function partStart(s: string, name: string): number {
  let at = -1;
  for (const w of [name, ...HEAD_WORDS]) {
    const i = s.indexOf(w);
    if (i !== -1 && (at === -1 || i < at)) at = i;
  }
  if (at === -1) return -1;
  let k = at;
  while (k > 0 && !/[\n。；;]/.test(s[k - 1] as string)) k--;
  return k;
}

/** Start positions of the points (numbering, and lines about the hotline) within [from, s.length). */
function pointStarts(s: string, from: number, mentions: readonly Mention[]): number[] {
  const starts = new Set<number>([from]);
  // A line naming an item starts a point.
  let line = 0;
  let nl = s.indexOf('\n');
  for (const m of mentions) {
    while (nl !== -1 && nl < m.at) {
      line = nl + 1;
      nl = s.indexOf('\n', line);
    }
    if (!m.counted && line > from) starts.add(line);
  }
  POINT.lastIndex = from;
  for (let m = POINT.exec(s); m !== null; m = POINT.exec(s)) {
    const g = m[1] as string;
    starts.add(m.index + m[0].length - g.length);
  }
  for (let at = s.indexOf('\n', from); at !== -1; ) {
    const next = s.indexOf('\n', at + 1);
    if (HOTLINE.test(s.slice(at + 1, next === -1 ? s.length : next))) starts.add(at + 1);
    at = next;
  }
  return [...starts].sort((a, b) => a - b);
}

type Kind = 'today' | 'cumulative' | 'skip';

interface Figure {
  at: number;
  value: number;
  /** The measure word after it ('' when none), and where it is. */
  word: string;
  wordAt: number;
  kind: Kind;
}

/** The clause holding `at` starts here (at most 40 characters back: the words that qualify a figure are near it). */
function clauseStart(s: string, at: number, floor: number): number {
  let k = at;
  const stop = Math.max(floor, at - 40);
  while (k > stop && !CLAUSE_BREAK.has(s[k - 1] as string)) k--;
  return k;
}

/** The clause before the one starting at `start` (for 截至目前，已完成21部). */
function previousClause(s: string, start: number, floor: number): string {
  if (start - 1 <= floor) return '';
  const end = start - 1;
  return s.slice(clauseStart(s, end, floor), end).trim();
}

function kindOf(s: string, at: number, floor: number, item: CampaignItem | undefined): Kind {
  const start = clauseStart(s, at, floor);
  const before = s.slice(start, at);
  if (PLAN.test(before)) return 'skip';
  const cumulative = CUMULATIVE.test(before) || CUMULATIVE_LEAD.test(previousClause(s, start, floor));
  if (OTHER_PERIOD.test(before)) return 'skip';
  if (SUB.test(before.trim()) && !TODAY.test(before)) return 'skip';
  const started = STARTED.exec(before);
  if (started !== null && !(item && item.name.includes(started[0]))) {
    const after = before.slice(started.index + started[0].length);
    if (!DONE_VERB.test(after)) return 'skip';
  }
  if (!cumulative) return 'today';
  // 累计11个，其中今日1个: 今日 after the (last) cumulative word makes it the day's figure; 截止今日累计 does not.
  let end = -1;
  for (const m of before.matchAll(CUMULATIVE_ALL)) end = (m.index ?? 0) + m[0].length;
  return end !== -1 && TODAY.test(before.slice(end)) ? 'today' : 'cumulative';
}

/** The numbers of a point with the measure word after each, read as the day's, cumulative or neither. */
function figuresIn(
  s: string,
  from: number,
  to: number,
  floor: number,
  target: (at: number) => CampaignItem | undefined,
) {
  const out: Figure[] = [];
  const span = s.slice(from, to);
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(span); m !== null; m = NUMBER.exec(span)) {
    const at = from + m.index;
    const raw = m[0];
    const end = at + raw.length;
    const chinese = !/^\d/.test(raw);
    const prev = s[at - 1] ?? '';
    const next = s.slice(end, end + 2);
    if (/^\d/.test(raw) && (raw.length >= 6 || raw === '12345')) continue;
    if (/^[%‰]|^\s*[年月日号时点分:：]|^\s*[-~至]\s*\d/.test(next) && !/^[:：]\s*\d/.test(next)) continue;
    if (prev === '第' || /百分之$/.test(s.slice(Math.max(0, at - 3), at)) || prev === '.') continue;
    // 9/16个: the first is done so far, the second the whole.
    if (/^\/\s*\d/.test(next)) {
      const whole = /^\/\s*(\d+)\s*/.exec(s.slice(end));
      const wordAt = end + (whole?.[0].length ?? 0);
      const value = Number(raw);
      out.push({ at, value, word: measureWordAt(s, wordAt), wordAt, kind: 'cumulative' });
      NUMBER.lastIndex = wordAt - from;
      continue;
    }
    if (prev === '/') continue;
    let k = end;
    while (s[k] === ' ') k++;
    const word = measureWordAt(s, k);
    const value = parseNumeral(raw);
    if (value === null) continue;
    if (chinese && word === '') {
      // A Chinese numeral counts only with a measure word, or as a table's value (：二十一，).
      if (!(/[:：]\s*$/.test(s.slice(Math.max(0, at - 2), at)) && (k >= s.length || CLAUSE_BREAK.has(s[k] as string))))
        continue;
    }
    if (chinese && /^[一二三四五六七八九十]$/.test(raw) && s[end] === '是') continue;
    out.push({ at, value, word, wordAt: k, kind: kindOf(s, at, floor, target(at)) });
  }
  return out;
}

function acceptsWord(item: CampaignItem, word: string): boolean {
  return word === '' ? false : item.unit.words.includes(word);
}

/** What follows a measure word: the item's noun, a verb, or a break. Another noun (2个学校 for 个学位) is not it. */
function nounFits(s: string, item: CampaignItem, f: Figure): boolean {
  const k = f.wordAt + f.word.length;
  const after = s.slice(k, k + 8);
  if (item.unit.noun === '' || after === '' || !/^[\u4e00-\u9fff]/.test(after)) return true;
  if (after.includes(item.unit.noun)) return true;
  return /^(?:已|的|改造|完工|完成|竣工|签约|建成|投用|交付|入户|左右|以上|次)/.test(after);
}

/** A bare number (no measure word) counts after 今日 / 累计 or a colon (a table's cell). */
function bareFits(s: string, at: number, floor: number): boolean {
  const before = s.slice(clauseStart(s, at, floor), at);
  return /[:：]\s*$/.test(before) || TODAY.test(before) || CUMULATIVE.test(before);
}

function bareEnd(s: string, f: Figure): boolean {
  let k = f.at;
  while (k < s.length && /[\d.零〇一二两三四五六七八九十百千万]/.test(s[k] as string)) k++;
  return k >= s.length || !/[\u4e00-\u9fff]/.test(s[k] as string);
}

interface Found {
  today: number | null;
  cumulative: number | null;
  said: string[];
}

export function readCampaign(text: string, items: readonly CampaignItem[], campaignName = '百日攻坚'): CampaignReading {
  if (items.length === 0 || text.trim() === '') return { part: false, items: [] };
  const s = cleanCampaignText(text);
  const start = partStart(s, campaignName);
  const part = start !== -1;
  const from = part ? start : 0;
  const keys = keysOf(items);
  const mentions = mentionsIn(s, keys).filter((m) => m.end > from);
  const found = new Map<string, Found>();
  const note = (item: CampaignItem) => {
    const f = found.get(item.id) ?? { today: null, cumulative: null, said: [] };
    found.set(item.id, f);
    return f;
  };
  const points = pointStarts(s, from, mentions);
  let mi = 0;
  for (let p = 0; p < points.length; p++) {
    const a = points[p] as number;
    const b = points[p + 1] ?? s.length;
    while (mi < mentions.length && (mentions[mi] as Mention).at < a) mi++;
    const inPoint: Mention[] = [];
    for (let k = mi; k < mentions.length && (mentions[k] as Mention).at < b; k++) inPoint.push(mentions[k] as Mention);
    // A point naming no item: the part's only item, when there is one and the point is in the part proper.
    const sole =
      inPoint.length === 0 && part && items.length === 1 && !HOTLINE.test(s.slice(a, b)) ? items[0] : undefined;
    if (inPoint.length === 0 && sole === undefined) continue;
    const named = [...new Set(inPoint.map((m) => m.item))];
    // Figures come in order: the owner is the last item named before each (a counted noun names none).
    let k = 0;
    let current = sole;
    const owner = (at: number): CampaignItem | undefined => {
      for (; k < inPoint.length && (inPoint[k] as Mention).at <= at; k++)
        if (!(inPoint[k] as Mention).counted) current = (inPoint[k] as Mention).item;
      return current ?? inPoint[0]?.item;
    };
    for (const f of figuresIn(s, a, b, a, owner)) {
      if (f.kind === 'skip') continue;
      let item = owner(f.at);
      if (item === undefined) continue;
      const bare = f.word === '';
      const fits = (it: CampaignItem) =>
        bare ? bareFits(s, f.at, a) && bareEnd(s, f) : acceptsWord(it, f.word) && nounFits(s, it, f);
      if (!fits(item)) {
        // 老旧小区改造同步加装电梯，完工2部: a measure word of another item named in the same point.
        const other = bare ? undefined : named.find((it) => it !== item && fits(it));
        if (other === undefined) continue;
        item = other;
      }
      if (sole !== undefined && inPoint.length === 0) {
        // No item named: only a figure with the item's own noun near it (新增学位360个) counts.
        if (item.unit.noun === '' || !s.slice(Math.max(a, f.at - 8), f.at + 8).includes(item.unit.noun)) continue;
      }
      const rec = note(item);
      if (f.kind === 'today' && rec.today === null) rec.today = f.value;
      if (f.kind === 'cumulative' && rec.cumulative === null) rec.cumulative = f.value;
    }
    // Each item's stretch: from where it is first named in the point to where another item is named.
    const seen = new Set<CampaignItem>();
    for (let i = 0; i < inPoint.length; i++) {
      const m = inPoint[i] as Mention;
      if (m.counted || seen.has(m.item)) continue;
      seen.add(m.item);
      let next = b;
      for (let j = i + 1; j < inPoint.length; j++) {
        const x = inPoint[j] as Mention;
        if (!x.counted && x.item !== m.item) {
          next = x.at;
          break;
        }
      }
      const stretch = s.slice(m.at, next);
      const rec = found.get(m.item.id);
      if ((rec === undefined || rec.today === null) && ZERO_TODAY.test(stretch)) note(m.item).today = 0;
      const r = found.get(m.item.id);
      if (r !== undefined && r.said.length === 0) r.said.push(trimSaid(stretch));
    }
    if (sole !== undefined) {
      const r = found.get(sole.id);
      if (r !== undefined && r.said.length === 0) r.said.push(trimSaid(s.slice(a, b)));
    }
  }
  const out: ItemProgress[] = [];
  for (const it of items) {
    const f = found.get(it.id);
    if (f === undefined || (f.today === null && f.cumulative === null)) continue;
    out.push({ item: it.id, today: f.today, cumulative: f.cumulative, said: f.said[0] ?? '' });
  }
  return { part, items: out };
}

function trimSaid(t: string): string {
  const one = t
    .slice(0, 200)
    .replace(/\s+/g, ' ')
    .replace(/^[\s，,；;。、:：•]+|[\s，,；;、:：•]+$/g, '');
  return one.length > 80 ? `${one.slice(0, 79)}…` : one;
}
