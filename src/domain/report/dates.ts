/**
 * The day a report is about: explicit dates (11月20日, 9.8, 2026.11.20, 十一月二十日, 22日),
 * 昨日/前日, or the day it was sent (before 06:00: the day before). Narrative dates
 * (自…以来, 计划…前, 于…) are skipped. Pure.
 */
import { addDays } from '../calendar.js';
import { parseNumeral } from '../language/numerals.js';

export interface DateHit {
  start: number;
  end: number;
  /** Resolved day, or null when the hit is not a usable report date. */
  day: string | null;
}

const D = '(\\d{1,2}|[〇零一二两三四五六七八九十]{1,3})';
const Y = '(\\d{4}|[〇零一二三四五六七八九]{4})';

const RE_YMD = new RegExp(`(?<!\\d)${Y}\\s*年\\s*${D}\\s*月\\s*${D}\\s*[日号]?`, 'g');
const RE_YMD_DOT = /(?<![\d.])(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})(?![\d%])/g;
const RE_MD = new RegExp(`(?<![\\d年])${D}\\s*月\\s*${D}\\s*[日号]?`, 'g');
const RE_MD_DOT = /(?<![\d.])(\d{1,2})[./](\d{1,2})(?![\d.%])/g;
const RE_D = new RegExp(`(?<![\\d月年第每近前后两几数个半当本次隔])${D}\\s*([日号])`, 'g');

const NARRATIVE_BEFORE = /(?:自|从|计划|预计|拟|将于|将在|定于|力争|确保|争取|预定|要求|期限|截止到|于)\s*$/;
const NARRATIVE_AFTER =
  /^\s*(?:以来|至今|起|开始|前|之前|以前|后|以后|之后|左右|内|期间|至|到|~|-|—|将|完成|召开|举办|开展)/;
const DAY_BAD_AFTER =
  // check-lines: long regex
  /^\s*(?:内|以内|之内|前|之前|以前|后|以后|之后|起|以来|至|到|左右|受理|办结|反馈|楼|单元|院|线|门|路|街|栋|幢|室|床|地铁|公交|车|机|组|专班|文件|令)/;
const NUMBER_FOLLOW_OK =
  // check-lines: long regex
  /^(?:\s|$|[)）\]】>》，,。；;：:、!！?？\n]|日报|日|号|情况|工单|群众|诉求|热线|办理|工作|报|数据|汇报|受理|接诉|12345|\uE000|[A-Za-z])/;

function num(raw: string): number | null {
  const v = parseNumeral(raw);
  return v === null || !Number.isInteger(v) ? null : v;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function validDay(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function dayDiff(a: string, b: string): number {
  const [ay, am, ad] = a.split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = b.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(ay, am - 1, ad) - Date.UTC(by, bm - 1, bd)) / 86_400_000);
}

function closest(cands: Array<string | null>, ref: string): string | null {
  let best: string | null = null;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const c of cands) {
    if (c === null) continue;
    const dist = Math.abs(dayDiff(c, ref));
    if (dist < bestDist) {
      best = c;
      bestDist = dist;
    }
  }
  return best;
}

function monthDay(m: number, d: number, ref: string): string | null {
  const y = Number(ref.slice(0, 4));
  return closest([validDay(y - 1, m, d), validDay(y, m, d), validDay(y + 1, m, d)], ref);
}

function bareDay(d: number, ref: string): string | null {
  const y = Number(ref.slice(0, 4));
  const m = Number(ref.slice(5, 7));
  const prev = m === 1 ? [y - 1, 12] : [y, m - 1];
  const next = m === 12 ? [y + 1, 1] : [y, m + 1];
  return closest(
    [
      validDay(prev[0] as number, prev[1] as number, d),
      validDay(y, m, d),
      validDay(next[0] as number, next[1] as number, d),
    ],
    ref,
  );
}

function clauseBefore(s: string, at: number): string {
  let k = at;
  while (k > 0 && at - k < 12 && !/[，,。；;\n！!？?]/.test(s[k - 1] as string)) k--;
  return s.slice(k, at);
}

/** All date-like spans in text order, resolved against the reference day (sentAt's day). */
export function findDates(s: string, ref: string): DateHit[] {
  const raw: Array<{ start: number; end: number; day: string | null; weak: boolean }> = [];
  for (const m of s.matchAll(RE_YMD)) {
    const y = num(m[1] as string);
    const mo = num(m[2] as string);
    const d = num(m[3] as string);
    const day = y === null || mo === null || d === null ? null : validDay(y, mo, d);
    raw.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, day, weak: false });
  }
  for (const m of s.matchAll(RE_YMD_DOT)) {
    const day = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day !== null) raw.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, day, weak: false });
  }
  for (const m of s.matchAll(RE_MD)) {
    const mo = num(m[1] as string);
    const d = num(m[2] as string);
    const day = mo === null || d === null ? null : monthDay(mo, d, ref);
    if (day !== null) raw.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, day, weak: false });
  }
  for (const m of s.matchAll(RE_MD_DOT)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const before = s.slice(Math.max(0, start - 1), start);
    if (/[率为达约共计是超比占\d]/.test(before)) continue;
    if (!NUMBER_FOLLOW_OK.test(s.slice(end, end + 4))) continue;
    const day = monthDay(Number(m[1]), Number(m[2]), ref);
    if (day !== null) raw.push({ start, end, day, weak: true });
  }
  for (const m of s.matchAll(RE_D)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const numText = m[1] as string;
    const after = s.slice(end, end + 6);
    if (DAY_BAD_AFTER.test(after)) continue;
    if (
      !/^\d/.test(numText) &&
      numText.length < 2 &&
      !/^(?:情况|日报|群众|诉求|工单|数据|的|，|,|：|:|\s|$)/.test(after)
    )
      continue;
    if (
      m[2] === '号' &&
      /^[\u4e00-\u9fff]/.test(after) &&
      !/^(?:情况|日报|群众|诉求|工单|数据|报|受理|办理|全天|当天|接诉)/.test(after)
    )
      continue;
    const d = num(numText);
    const day = d === null ? null : bareDay(d, ref);
    if (day !== null) raw.push({ start, end, day, weak: true });
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DateHit[] = [];
  let lastEnd = -1;
  for (const h of raw) {
    if (h.start < lastEnd) continue;
    lastEnd = h.end;
    let day = h.day;
    if (day !== null) {
      if (NARRATIVE_BEFORE.test(clauseBefore(s, h.start)) || NARRATIVE_AFTER.test(s.slice(h.end, h.end + 4)))
        day = null;
      else if (dayDiff(day, ref) > 1 || dayDiff(day, ref) < -62) day = null;
    }
    out.push({ start: h.start, end: h.end, day });
  }
  return out;
}

/**
 * The report day: the first usable explicit date, else 昨日/昨天 (前日), else the sent day
 * (the day before when sent before 06:00).
 */
export function reportDay(s: string, hits: readonly DateHit[], sentDay: string, sentMinutes: number): string {
  for (const h of hits) if (h.day !== null) return h.day;
  const rel = /(?<![较比同与和于自从截至止])(昨日|昨天|前一日|前一天|前日|前天)(?!以来|起|至今)/.exec(s);
  if (rel !== null) return addDays(sentDay, rel[1] === '前日' || rel[1] === '前天' ? -2 : -1);
  return sentMinutes < 360 ? addDays(sentDay, -1) : sentDay;
}
