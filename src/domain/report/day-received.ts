/**
 * The day's received count written as "today + (the hotline) + ticket object + N件", the commonest way heads
 * write it: 今日12345工单5件, 今天12345热线5件, 今日热线工单5件, 今日共接12345工单5件, 当天来电5件, and the
 * hotline first: 12345工单今日5件. The hotline number is masked by then (normalize.ts), so 12345 is five MASK
 * characters in a row. The phrase counts only with a number right after it (今日12345工单办结4件 is 办结, and
 * 累计12345工单… has no day word); the tokenizer makes it one received keyword. Pure, and each attempt is a
 * sticky match of bounded length, so reading a text stays linear.
 */
import { MASK } from './normalize.js';

const DAY = '(?:今日|今天|当日|当天|本日)';
/** 12345 (masked), 市民热线, 12345热线, 12345平台: a hotline word first, then at most two more. */
const HOTLINE_NAME = '(?:市民服务热线|政务服务便民热线|政务服务热线|服务热线|便民热线|市民热线|热线)';
const HOTLINE_WORD = `(?:(?<!${MASK})${MASK}{5}(?!${MASK})|${HOTLINE_NAME})`;
const HOTLINE = `${HOTLINE_WORD}(?: ?(?:${HOTLINE_WORD}|平台)){0,2}`;
const TOTAL = '(?:共计|总共|合计|一共|共)';
/** Receiving verbs before a ticket object (接 and 收 alone only here, never as keywords on their own). */
const VERB = '(?:新受理|受理|新接收|接收|接到|收到|新增|新接|新收|接|收)';
const OBJECT = '(?:工单|来电|诉求|件|单)(?:数量|数|量)?';
/** What may stand between the phrase and its number: blanks, a colon (\uFF1A is the full-width one), 共计 / 为 / 有. */
const BEFORE_NUMBER =
  '(?=[ \\uFF1A:]{0,3}(?:共计|合计|总计|共|计|为|是|有|约|达)?[ \\uFF1A:]{0,3}(?:\\d|[零〇一二两俩三四五六七八九十]))';

/** 今日(的)(共)(接)(12345热线)工单 + number; the hotline words alone may stand for the object (今天12345热线5件). */
const DAY_FIRST = new RegExp(
  `${DAY}的? ?${TOTAL}?${VERB}? ?(?:${HOTLINE} ?(?:${OBJECT})?|${OBJECT})${BEFORE_NUMBER}`,
  'y',
);
/** 12345工单今日5件, 12345热线今日共接5件: the hotline first, the day after it. */
const HOTLINE_FIRST = new RegExp(
  `${HOTLINE} ?(?:${OBJECT})? ?${DAY}${TOTAL}?${VERB}?(?:${OBJECT})?${BEFORE_NUMBER}`,
  'y',
);

/** Characters a phrase can start with (a cheap test before trying the expressions). */
const FIRST = new Set(['今', '当', '本', MASK, '热', '市', '政', '服', '便']);

/** Where the phrase starting at `i` ends, or 0 when none starts there. */
export function dayReceivedAt(s: string, i: number): number {
  const c = s[i] as string;
  if (!FIRST.has(c)) return 0;
  const re = c === '今' || c === '当' || c === '本' ? DAY_FIRST : HOTLINE_FIRST;
  re.lastIndex = i;
  const m = re.exec(s);
  return m === null ? 0 : i + m[0].length;
}
