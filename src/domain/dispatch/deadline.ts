/**
 * Deadlines in a leader's dispatch (点对点调度), per docs/parsing.md "parse-dispatch".
 * Pure: the day arithmetic runs on 'YYYY-MM-DD' strings and the WorkCalendar, never on
 * Date objects in the process zone.
 */
import { addDays, type IsoDay, type WorkCalendar, weekday } from '../calendar.js';
import { DEFAULT_TZ, dayjs, isoInZone, localDay, localIso } from '../time.js';
import { normalizeDispatchText } from './text.js';
import { type DayRef, type Expr, group, PERIOD_DEFAULT, type Period, tokenize } from './time-tokens.js';

/** One deadline expression found in a text, already resolved to an instant. */
export interface DeadlineCandidate {
  start: number;
  end: number;
  /** Marked as a deadline (…前, …内, 请…, followed by a reply verb). */
  strong: boolean;
  /**
   * The time the reply or the finished work is due: marked (…前, …之前, …以前, …内) or followed
   * by a report verb (报, 反馈, 办结 …). "今天拿个方案，明天上午10点前报我": 明天上午10点.
   */
  due: boolean;
  iso: string;
  epoch: number;
}

const AFTER_MARK = /^ ?(?:之前|以前|前|为止|截止|之内|以内|内)/;
const AFTER_VERB = new RegExp(
  '^[ ,，]?(?:务必|必须|一定|须|要|反馈|报|答复|回复|完成|拿出|提交|上报|报送|落实|处置|办结|整改|解决|说清|' +
    '到位|到现场|到场|给出|研究|核实|提供|汇报|回告|告知|把|将|组织|安排|召开|开展|拿|交|给|发)',
);
const AFTER_REPORT = /^[ ,，]?(?:务必|必须|一定|须|要)?(?:反馈|报|答复|回复|上报|报送|汇报|回告|办结|完成)/;
const BEFORE_STRONG = /(?:于|在|限|截至|截止|最迟|最晚|务必|必须|须|请|要求|要|并|力争|争取)[ ,，]?$/;
const AFTER_NARRATIVE = new RegExp(
  '^ ?(?:的|以来|期间|起|开始|至今|接到|收到|有|发生|群众|市民|居民|来电|反映|投诉|已|刚|又|再次|后|以后|之后|' +
    '左右|多|至|到(?!现场|场|位)|那|这|凌晨有|晚上有|出现|曾)',
);
const BEFORE_NARRATIVE = /(?:自|从|截至目前|截止目前|去年|昨天|昨日|前天|上个?月|每天|每日)[ ]?$/;

function resolveDay(ref: DayRef, today: IsoDay): IsoDay | null {
  switch (ref.kind) {
    case 'offset':
      return addDays(today, ref.days);
    case 'weekday': {
      const wd = weekday(today) === 0 ? 7 : weekday(today);
      const monday = addDays(today, 1 - wd);
      let day = addDays(monday, ref.weekday - 1 + 7 * ref.weeks);
      if (ref.weeks === 0 && day < today) day = addDays(day, 7);
      return day;
    }
    case 'monthDay': {
      if (ref.year !== undefined) return validDay(ref.year, ref.month, ref.day);
      const y0 = Number(today.slice(0, 4));
      for (let y = y0; y <= y0 + 4; y++) {
        const d = validDay(y, ref.month, ref.day);
        if (d !== null && d >= today) return d;
      }
      return null;
    }
    case 'dom': {
      let y = Number(today.slice(0, 4));
      let mo = Number(today.slice(5, 7)) + (ref.nextMonth ? 1 : 0);
      for (let i = 0; i < 13; i++, mo++) {
        if (mo > 12) {
          mo = 1;
          y++;
        }
        const d = validDay(y, mo, ref.day);
        if (d !== null && d >= today) return d;
      }
      return null;
    }
    case 'monthEnd': {
      const first = `${today.slice(0, 7)}-01`;
      const nextFirst = addDays(first, 32).slice(0, 7);
      return addDays(`${nextFirst}-01`, -1);
    }
  }
}

function validDay(y: number, m: number, d: number): IsoDay | null {
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return addDays(s, 0) === s ? s : null;
}

/** Hour of a clock time read with its period: 下午/晚上 add 12 to 1–11. */
function hourIn(h: number, period: Period | undefined): number {
  if (period === 'pm' || period === 'dusk' || period === 'evening') {
    if (h >= 1 && h <= 11) return h + 12;
    if (h === 12 && period === 'evening') return 24;
  }
  if (period === 'noon' && h >= 1 && h <= 3) return h + 12;
  if (period === 'dawn' && h === 12) return 0;
  return h;
}

/** Expressions considered per text: a real message has a handful; this bounds the work. */
const MAX_EXPRESSIONS = 400;

function at(day: IsoDay, minutes: number, tz: string, memo: Map<string, string>): string {
  let d = day;
  let mins = minutes;
  while (mins >= 1440) {
    d = addDays(d, 1);
    mins -= 1440;
  }
  const key = `${d}|${mins}`;
  let iso = memo.get(key);
  if (iso === undefined) {
    iso = localIso(d, Math.floor(mins / 60), mins % 60, tz);
    memo.set(key, iso);
  }
  return iso;
}

function resolve(
  e: Expr,
  sentMs: number,
  today: IsoDay,
  calendar: WorkCalendar,
  tz: string,
  memo: Map<string, string>,
): string | null {
  if (e.rel !== undefined) {
    const { unit, n } = e.rel;
    if (unit === 'hour') return isoInZone(sentMs + n * 3_600_000, tz);
    if (unit === 'minute') return isoInZone(sentMs + n * 60_000, tz);
    if (unit === 'workday') return at(calendar.addWorkdays(today, n), 1080, tz, memo);
    return at(addDays(today, unit === 'week' ? 7 * n : n), 1080, tz, memo);
  }
  const minutes =
    e.clock !== undefined
      ? hourIn(e.clock.h, e.period) * 60 + e.clock.m
      : e.period !== undefined
        ? PERIOD_DEFAULT[e.period]
        : 1080;
  if (e.day !== undefined) {
    const day = resolveDay(e.day, today);
    return day === null ? null : at(day, minutes, tz, memo);
  }
  // No day word: today, or the next day if that time has already passed.
  const iso = at(today, minutes, tz, memo);
  return Date.parse(iso) <= sentMs ? at(addDays(today, 1), minutes, tz, memo) : iso;
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A `sentAt` as ISO 8601 with the zone's offset, or null if it is not an ISO date-time.
 * A time with no offset is read as the district's wall-clock time (not the process zone's).
 */
export function normalizeSentAt(sentAt: string, tz = DEFAULT_TZ): string | null {
  const m = ISO_RE.exec(sentAt.trim());
  if (m === null) return null;
  const day = sentAt.trim().slice(0, 10);
  if (addDays(day, 0) !== day || Number(sentAt.trim().slice(11, 13)) > 23 || Number(sentAt.trim().slice(14, 16)) > 59)
    return null;
  const d = m[1] === undefined ? dayjs.tz(sentAt.trim().replace(' ', 'T'), tz) : dayjs(sentAt.trim());
  if (!d.isValid()) return null;
  return isoInZone(d.valueOf(), tz);
}

/** Every deadline expression of a text, resolved, in text order. */
export function findDeadlines(
  rawText: string,
  rawSentAt: string,
  calendar: WorkCalendar,
  tz = DEFAULT_TZ,
): DeadlineCandidate[] {
  const sentAt = normalizeSentAt(rawSentAt, tz);
  if (sentAt === null) return [];
  const sentMs = Date.parse(sentAt);
  const text = normalizeDispatchText(rawText);
  const today = localDay(sentAt, tz);
  const out: DeadlineCandidate[] = [];
  const memo = new Map<string, string>();
  for (const e of group(text, tokenize(text)).slice(0, MAX_EXPRESSIONS)) {
    const after = text.slice(e.end, e.end + 8);
    const before = text.slice(Math.max(0, e.start - 6), e.start);
    const marked = AFTER_MARK.test(after);
    const strong = e.rel !== undefined || marked || AFTER_VERB.test(after) || BEFORE_STRONG.test(before);
    if (!marked && e.rel === undefined && (AFTER_NARRATIVE.test(after) || BEFORE_NARRATIVE.test(before))) continue;
    // A bare clock time is only a deadline when it reads as one.
    if (e.day === undefined && e.period === undefined && e.clock !== undefined && !strong) continue;
    if (
      e.day === undefined &&
      e.period === undefined &&
      e.clock?.chinese === true &&
      !e.clock.exact &&
      !marked &&
      !/^ ?钟/.test(after)
    )
      continue;
    if (!strong) {
      // Unmarked: only 明天/后天/周X; a bare date, 今天 or a clock time is too often narrative.
      const weakOk = e.day !== undefined && ((e.day.kind === 'offset' && e.day.days > 0) || e.day.kind === 'weekday');
      if (!weakOk) continue;
    }
    const iso = resolve(e, sentMs, today, calendar, tz, memo);
    if (iso === null) continue;
    out.push({
      start: e.start,
      end: e.end,
      strong,
      due: marked || AFTER_REPORT.test(after),
      iso,
      epoch: Date.parse(iso),
    });
  }
  return out;
}

/**
 * The deadline of a dispatch as ISO 8601 in the district's zone, or null. The time attached
 * to 前 / 之前 / 以前 / 内 or to a report verb (报, 反馈, 办结 …) wins over a time that only says
 * when to do something ("今天拿个方案，明天上午10点前报我" is due 明天10:00); among several of
 * a kind the earliest (the first reply due); unmarked ones count only when no marked one is found.
 */
export function parseDeadline(text: string, sentAt: string, calendar: WorkCalendar, tz = DEFAULT_TZ): string | null {
  const all = findDeadlines(text, sentAt, calendar, tz);
  const pool = all.some((c) => c.due)
    ? all.filter((c) => c.due)
    : all.some((c) => c.strong)
      ? all.filter((c) => c.strong)
      : all;
  let best: DeadlineCandidate | null = null;
  for (const c of pool) if (best === null || c.epoch < best.epoch) best = c;
  return best?.iso ?? null;
}
