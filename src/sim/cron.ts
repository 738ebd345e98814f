import { inZone } from '../domain/time.js';

/**
 * A minimal reader of the five-field cron patterns the routines use (minute hour day month
 * weekday; `*`, `a-b`, `a,b`, `*\/n`, `a-b/n`), so that the simulator can fire routines at the
 * same wall-clock times as BullMQ's job schedulers do in production.
 */
export interface CronPattern {
  matches(instant: Date, tz: string): boolean;
}

const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function field(text: string, [lo, hi]: readonly [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`unsupported cron field "${text}"`);
    const step = m[4] ? Number(m[4]) : 1;
    const from = m[1] === '*' ? lo : Number(m[2]);
    const to = m[1] === '*' ? hi : m[3] !== undefined ? Number(m[3]) : m[4] ? hi : from;
    if (step < 1 || from < lo || to > hi || from > to) throw new Error(`cron field out of range "${text}"`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export function parseCron(pattern: string): CronPattern {
  const parts = pattern.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`expected 5 cron fields: "${pattern}"`);
  const [min, hour, dom, mon, dow] = parts.map((p, i) => field(p, RANGES[i] as readonly [number, number])) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (dow.has(7)) dow.add(0);
  const domAny = parts[2] === '*';
  const dowAny = parts[4] === '*';
  return {
    matches(instant, tz) {
      const d = inZone(instant, tz);
      if (!min.has(d.minute()) || !hour.has(d.hour()) || !mon.has(d.month() + 1)) return false;
      // Standard cron: when both day fields are restricted, either may match.
      if (domAny && dowAny) return true;
      if (domAny) return dow.has(d.day());
      if (dowAny) return dom.has(d.date());
      return dom.has(d.date()) || dow.has(d.day());
    },
  };
}

const MINUTE = 60_000;

/** Every whole minute in (from, to] at which the pattern fires. */
export function fireTimes(pattern: CronPattern, from: Date, to: Date, tz: string): Date[] {
  const out: Date[] = [];
  for (let t = Math.floor(from.getTime() / MINUTE) * MINUTE + MINUTE; t <= to.getTime(); t += MINUTE) {
    const at = new Date(t);
    if (pattern.matches(at, tz)) out.push(at);
  }
  return out;
}
