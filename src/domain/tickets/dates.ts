import { dayjs } from '../time.js';

/** A date cell read from a ticket list: the instant, and whether a time of day was given. */
export interface TicketDate {
  at: Date;
  hasTime: boolean;
}

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** The zone's UTC offset per local hour: dayjs.tz is slow, and a 100k-row file has few distinct hours. */
const offsetCache = new Map<string, number>();

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Wall-clock parts in the district's zone to an instant; null for impossible dates. */
function fromParts(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 59 || y < 1990 || y > 2100) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1) return null; // 2月30日
  const hh = h === 24 ? 0 : h;
  const key = `${tz}|${y}-${mo}-${d}-${hh}`;
  let offsetMin = offsetCache.get(key);
  if (offsetMin === undefined) {
    offsetMin = dayjs.tz(`${y}-${pad(mo)}-${pad(d)} ${pad(hh)}:00:00`, tz).utcOffset();
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, offsetMin);
  }
  const at = new Date(Date.UTC(y, mo - 1, d, hh, mi, s) - offsetMin * 60_000);
  return h === 24 ? new Date(at.getTime() + DAY_MS) : at;
}

/** The zone's offset (minutes) at an instant, cached per UTC hour. */
export function zoneOffsetAt(ms: number, tz: string): number {
  const key = `${tz}@${Math.floor(ms / 3_600_000)}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    off = dayjs(ms).tz(tz).utcOffset();
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return off;
}

/** 'YYYY-MM-DD' of an instant in the zone: localDay without dayjs's per-call cost (hot in imports). */
export function fastLocalDay(at: Date | number, tz: string): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const w = new Date(ms + zoneOffsetAt(ms, tz) * 60_000);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
}

/** The instant of local midnight starting a day. */
export function localMidnight(day: string, tz: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return fromParts(y, m, d, 0, 0, 0, tz) as Date;
}

/** An Excel serial (days since 1899-12-30, the fraction is the time of day) as local wall clock. */
export function fromExcelSerial(serial: number, tz: string): TicketDate | null {
  if (!Number.isFinite(serial) || serial < 20_000 || serial > 80_000) return null;
  const ms = Math.round((serial * DAY_MS) / 1000) * 1000;
  const wall = new Date(EXCEL_EPOCH_UTC + ms);
  const at = fromParts(
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    tz,
  );
  return at ? { at, hasTime: serial % 1 !== 0 } : null;
}

const DATE_RE =
  // check-lines: long regex
  /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*(?:日|号)?(?:(?:\s+|T|\s*)(\d{1,2})\s*(?:[:：时点])\s*(\d{1,2})?\s*(?:[:：分])?\s*(\d{1,2})?\s*(?:秒)?)?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Reads a date as the platform and Excel write it: 2026-11-20 09:00, 2026/11/20 9:00,
 * 2026年11月20日 9时, 2026.11.20, 20261120, ISO 8601 with an offset, a JS Date (exceljs gives
 * date cells as Date objects holding the wall clock in UTC) or an Excel serial (number or
 * numeric text). Wall-clock times are in the district's zone. Null when it is not a date.
 */
export function parseTicketDate(value: unknown, tz: string): TicketDate | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const at = fromParts(
      value.getUTCFullYear(),
      value.getUTCMonth() + 1,
      value.getUTCDate(),
      value.getUTCHours(),
      value.getUTCMinutes(),
      value.getUTCSeconds(),
      tz,
    );
    const hasTime = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() > 0;
    return at ? { at, hasTime } : null;
  }
  if (typeof value === 'number') return fromExcelSerial(value, tz);
  if (typeof value !== 'string') return null;
  const s = value.trim().replace(/\u3000/g, ' ');
  if (s === '') return null;
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromExcelSerial(Number(s), tz);
  const m = DATE_RE.exec(s) ?? COMPACT_RE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[4] !== undefined;
  const [h, mi, sec] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const offset = m[7];
  if (offset) {
    const iso =
      `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(sec)}` +
      `${offset === 'Z' ? 'Z' : offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset}`;
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? null : { at, hasTime: true };
  }
  const at = fromParts(y, mo, d, h, mi, sec, tz);
  return at ? { at, hasTime } : null;
}
