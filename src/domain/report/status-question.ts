/**
 * A leader's or supervisor's question about the day's reports (pure): who has not reported yet
 * (今天还有哪些单位没报？/ 日报报齐了吗 / 报送情况怎么样), the day's summary (今天的汇总发我看一下), or how the
 * units' work goes in general (今天各单位工单办理情况怎么样？: where reporting stands, the district's overdue tickets).
 * Narrow on purpose: a short question, no figures, no instruction to the units (大家抓紧报送，务必报齐).
 */

import { plainWords } from '../language/intent.js';
import { trimEndOf } from '../language/trim.js';

/** `overview`: how the units' work goes in general (今天各单位工单办理情况怎么样？): the district picture. */
export type ReportStatusQuestion = { kind: 'missing' | 'summary' | 'overview'; yesterday: boolean };

const MAX = 40;
/** Who has (not) reported: 没报 / 未报 / 报齐 / 报全 / 报了几个 / 报送情况 / 报上来. */
const MISSING = new RegExp(
  '没报|未报|没有报|漏报|缺报|报齐|报全|都报了|报完了|报了几|报了多少|几个单位报|多少单位报|报送情况|报送得|' +
    '日报情况|日报(?:都)?(?:报)?上来|还差(?:几|哪|谁)',
);
/** The day's summary: 汇总. */
const SUMMARY = /汇总/;
/** Asking (a question, or asking to be shown). */
const ASK = new RegExp(
  '哪些|哪几|哪个|几个|多少|谁|什么|怎么样|怎样|如何|咋样|情况|吗|么|呢|没有?$|了没|[?？]|' +
    '发我|发一下|发下|发给我|给我|看一下|看下|看看|再发|说一下|报一下|统计',
);
/**
 * The units' work in general: 各单位 / 全区 / 各部门 with 工单 / 情况 / 办理, or the day's tickets as a whole
 * (今天的工单情况怎么样). Never a named dispatch (D1 进展, 湖滨路那件调度怎么样了): no code, no 调度, no 那件.
 */
const ALL_UNITS = /各单位|各部门|各镇街|各街道|所有单位|全区|全部单位/;
const WORK = /工单|热线|办理|办得|情况|进展/;
const DAY_TICKETS = /^(?:今天|今日|昨天|昨日)?的?(?:12345)?(?:热线)?工单(?:的)?(?:办理)?(?:情况|办得|进展)/;
const NAMED_ITEM = /(?<![A-Za-z0-9])(?:SP|D)\s?\d|调度|那件|这件|那个|这个/i;
/** Words that make it an instruction to the units, not a question to the bot. */
const INSTRUCTION = /(?<!请问)请(?!问)|抓紧|务必|督促|要求|尽快|马上|立即|赶紧|必须|@/;
/** A report's figures (受理12件): a report, never this question. */
const FIGURES = /\d+\s*[件个]/;

export function reportStatusQuestionOf(text: string): ReportStatusQuestion | null {
  const s = trimEndOf(plainWords(text), /[。.!！~～\s]/)
    .replace(/^(?:请问|麻烦|你好|您好|小助手|助手|督办助手)[，,\s]*/g, '')
    .trim();
  if (s === '' || s.length > MAX || FIGURES.test(s) || INSTRUCTION.test(s)) return null;
  const bare = /^(?:今天|今日|昨天|昨日)?的?(?:日报)?汇总$/.test(s);
  if (!bare && !ASK.test(s)) return null;
  const yesterday = /昨天|昨日/.test(s);
  if (SUMMARY.test(s)) return { kind: 'summary', yesterday };
  if (MISSING.test(s)) return { kind: 'missing', yesterday };
  if (!NAMED_ITEM.test(s) && ((ALL_UNITS.test(s) && WORK.test(s)) || DAY_TICKETS.test(s)))
    return { kind: 'overview', yesterday };
  return null;
}
