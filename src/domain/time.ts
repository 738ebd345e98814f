import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DEFAULT_TZ = 'Asia/Shanghai';

/** An instant seen in the district's zone. */
export function inZone(instant: Date | string | number, tz = DEFAULT_TZ): Dayjs {
  return dayjs(instant).tz(tz);
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
  return dayjs.tz(`${day} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`, tz).format('YYYY-MM-DDTHH:mm:ssZ');
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

/** 11月23日 10:00 style, for messages. */
export function formatShort(instant: Date | string | number, tz = DEFAULT_TZ): string {
  const d = inZone(instant, tz);
  return `${d.month() + 1}月${d.date()}日 ${d.format('HH:mm')}`;
}

export { dayjs };
