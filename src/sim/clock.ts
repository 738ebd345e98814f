import type { Clock } from '../domain/clock.js';
import * as T from '../domain/texts/simulator.js';
import { inZone, localDay, localIso } from '../domain/time.js';

/**
 * The simulator's own clock. It starts at a chosen time (`--at`) or the real now, runs with
 * real time (unless frozen, as tests want) and is moved forward by `/advance`.
 */
export class SimClock implements Clock {
  private base: number;
  private anchor: number;

  constructor(
    start: Date | number = Date.now(),
    readonly running = true,
  ) {
    this.base = new Date(start).getTime();
    this.anchor = Date.now();
  }

  now(): Date {
    return new Date(this.running ? this.base + (Date.now() - this.anchor) : this.base);
  }

  set(at: Date | number): void {
    this.base = new Date(at).getTime();
    this.anchor = Date.now();
  }
}

/**
 * `--at` in the district's zone: "2026-11-30 16:30", "2026-11-30T16:30", "2026-11-30" (08:30),
 * or an ISO 8601 time with an offset. Undefined when it cannot be read.
 */
export function parseStartTime(text: string, tz: string): Date | undefined {
  const s = text.trim();
  const local = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(s);
  if (local) {
    const [, y, mo, d, h, mi] = local;
    const day = `${y}-${(mo as string).padStart(2, '0')}-${(d as string).padStart(2, '0')}`;
    const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d)) return undefined;
    const hour = h === undefined ? 8 : Number(h);
    const minute = mi === undefined ? 30 : Number(mi);
    if (hour > 23 || minute > 59) return undefined;
    return new Date(localIso(day, hour, minute, tz));
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  return undefined;
}

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  分: 60_000,
  分钟: 60_000,
  h: 3_600_000,
  小时: 3_600_000,
  d: 86_400_000,
  天: 86_400_000,
};

/**
 * The target of `/advance`: a span ("30m", "2h", "1d", "1h30m", "90分钟") from now, a time
 * today ("18:40"), or a day and time ("2026-12-01 08:30"). Only forward; else a reason (zh-CN).
 */
export function advanceTarget(arg: string, now: Date, tz: string): Date | { error: string } {
  const s = arg.trim();
  const hhmm = /^(\d{1,2})[:：](\d{2})$/.exec(s);
  if (hhmm) {
    const h = Number(hhmm[1]);
    const m = Number(hhmm[2]);
    if (h > 23 || m > 59) return { error: T.simBadTime(s) };
    const t = new Date(localIso(localDay(now, tz), h, m, tz));
    if (t.getTime() <= now.getTime())
      return {
        error: T.simTimePassed(s, inZone(now, tz).format('HH:mm'), localDay(new Date(now.getTime() + 86_400_000), tz)),
      };
    return t;
  }
  if (/^\d{4}-/.test(s)) {
    const t = parseStartTime(s, tz);
    if (!t) return { error: T.simBadDayTime(s) };
    if (t.getTime() <= now.getTime()) return { error: T.SIM_ONLY_FORWARD };
    return t;
  }
  let ms = 0;
  let rest = s.replace(/\s+/g, '');
  if (rest === '') return { error: T.SIM_ADVANCE_HOW_FAR };
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(min|m|h|d|分钟|分|小时|天)/i.exec(rest);
    if (!m) return { error: T.simBadSpan(s) };
    ms += Number(m[1]) * (UNIT_MS[(m[2] as string).toLowerCase()] as number);
    rest = rest.slice(m[0].length);
  }
  if (ms <= 0) return { error: T.SIM_ONLY_FORWARD };
  if (ms > 62 * 86_400_000) return { error: T.SIM_ADVANCE_TOO_FAR };
  return new Date(now.getTime() + ms);
}
