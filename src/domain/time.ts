import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DEFAULT_TZ = 'Asia/Shanghai';

/**
 * Zones with one fixed offset since 2000 (China has had no daylight saving time since 1991).
 * dayjs' tz plugin asks Intl on every call (~0.5 ms); a fixed offset is ~100× faster and is on
 * the hot path of every message.
 */
const FIXED_OFFSET_MINUTES: Readonly<Record<string, number>> = {
  'Asia/Shanghai': 480,
  'Asia/Chongqing': 480,
  'Asia/Chungking': 480,
  'Asia/Harbin': 480,
  PRC: 480,
  'Asia/Hong_Kong': 480,
  'Asia/Macau': 480,
  'Asia/Taipei': 480,
  'Asia/Urumqi': 360,
  'Asia/Kashgar': 360,
};

/** An instant seen in the district's zone. */
export function inZone(instant: Date | string | number, tz = DEFAULT_TZ): Dayjs {
  const off = FIXED_OFFSET_MINUTES[tz];
  return off === undefined ? dayjs(instant).tz(tz) : dayjs(instant).utcOffset(off);
}

/** 'YYYY-MM-DD' of an instant in the district's zone. */
export function localDay(instant: Date | string | number, tz = DEFAULT_TZ): string {
  return inZone(instant, tz).format('YYYY-MM-DD');
}

/** Minutes since local midnight of an instant. */
export function localMinutes(instant: Date | string | number, tz = DEFAULT_TZ): number {
  const d = inZone(instant, tz);
  return d.hour() * 60 + d.minute();
}

/** The instant of a local wall-clock time on a local day, as ISO 8601 with the zone's offset. */
export function localIso(day: string, hour: number, minute = 0, tz = DEFAULT_TZ): string {
  const off = FIXED_OFFSET_MINUTES[tz];
  if (off !== undefined) {
    const wall = Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
    return dayjs(wall - off * 60_000)
      .utcOffset(off)
      .format('YYYY-MM-DDTHH:mm:ssZ');
  }
  return dayjs
    .tz(`${day} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`, tz)
    .format('YYYY-MM-DDTHH:mm:ssZ');
}

/** Formats an instant as ISO 8601 with the zone's offset (e.g. 2026-11-20T18:00:00+08:00). */
export function isoInZone(instant: Date | string | number, tz = DEFAULT_TZ): string {
  return inZone(instant, tz).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** "HH:mm" to minutes since midnight. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** 11月23日10:00 style, for messages (no space between the day and the time, as every text writes it). */
export function formatShort(instant: Date | string | number, tz = DEFAULT_TZ): string {
  const d = inZone(instant, tz);
  return `${d.month() + 1}月${d.date()}日${d.format('HH:mm')}`;
}

/** 11月23日10:00 style: the same as formatShort (kept for the ticket and ranking texts). */
export function formatAt(instant: Date | string | number, tz = DEFAULT_TZ): string {
  const d = inZone(instant, tz);
  return `${d.month() + 1}月${d.date()}日${d.format('HH:mm')}`;
}

/** 11月30日 (no time). */
export function formatDay(instant: Date | string | number, tz = DEFAULT_TZ): string {
  const d = inZone(instant, tz);
  return `${d.month() + 1}月${d.date()}日`;
}

/** 星期日 … 星期六 by Day.js's day() (0 = Sunday). */
export const WEEKDAY_NAMES = '日一二三四五六';

/**
 * A deadline for messages: 12月2日18:00, or with the weekday 12月2日（星期三）18:00. A deadline
 * at local midnight is the end of the day before: 12月2日24:00, never 12月3日00:00.
 */
export function formatDeadline(
  instant: Date | string | number,
  tz = DEFAULT_TZ,
  o: { weekday?: boolean } = {},
): string {
  let d = inZone(instant, tz);
  const midnight = d.hour() === 0 && d.minute() === 0;
  if (midnight) d = d.subtract(1, 'day');
  const time = midnight ? '24:00' : d.format('HH:mm');
  const day = `${d.month() + 1}月${d.date()}日`;
  return o.weekday ? `${day}（星期${WEEKDAY_NAMES[d.day()]}）${time}` : `${day}${time}`;
}

export { dayjs };
