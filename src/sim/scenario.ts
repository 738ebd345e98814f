import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { ManualClock } from '../domain/clock.js';
import { parseStartTime } from './clock.js';
import type { Harness } from './harness.js';
import type { SimWorld } from './world.js';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 time');
const to = z.enum(['group', 'bot']).default('group');

/** One line of a replay scenario. */
export const scenarioLineSchema = z.union([
  z.object({ at: iso, run: z.string().min(1) }).strict(),
  z.object({ at: iso, from: z.string().min(1), file: z.string().min(1), to }).strict(),
  /** The sender withdraws (撤回) the last message they sent in this scenario. */
  z.object({ at: iso, from: z.string().min(1), recall: z.literal(true) }).strict(),
  /**
   * The sender presses a card's button (by its text) on the latest card they can see that has it and
   * they have not pressed yet, or on the card with this key (WeCom only: Wechaty has no cards).
   */
  z.object({ at: iso, from: z.string().min(1), press: z.string().min(1), card: z.string().min(1).optional() }).strict(),
  z
    .object({ at: iso, from: z.string().min(1), text: z.string(), mentions: z.array(z.string()).default([]), to })
    .strict(),
]);
export type ScenarioLine = z.infer<typeof scenarioLineSchema>;

/** A wall-clock time with no offset (`2026-11-30 09:00`, `2026-11-30T09:00:05`). */
const LOCAL_TIME = /^\s*(\d{4}-\d{1,2}-\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/;

/**
 * A line's time as an instant: a time with an offset as it is; one without (`2026-11-30 09:00`) in the district's
 * zone, as the simulator's `--at` reads it (not in the zone of the machine that runs the replay).
 */
export function scenarioTime(at: string, tz: string): string {
  const m = LOCAL_TIME.exec(at);
  if (!m) return at;
  const start = parseStartTime(`${m[1]} ${m[2]}:${m[3]}`, tz);
  return start ? new Date(start.getTime() + Number(m[4] ?? 0) * 1000).toISOString() : at;
}

/** Validates a raw line; returns the line or a reason. `tz`: the zone of times written without an offset. */
export function readScenarioLine(raw: string, tz?: string): ScenarioLine | { error: string } {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch (err) {
    return { error: `not JSON (${(err as Error).message})` };
  }
  const r = scenarioLineSchema.safeParse(obj);
  if (!r.success)
    return { error: r.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') };
  return tz ? { ...r.data, at: scenarioTime(r.data.at, tz) } : r.data;
}

/**
 * Plays one line through the real pipeline at the line's time, then waits until everything
 * it caused has been processed and sent. Returns an error text for a line that cannot run.
 */
export async function playLine(
  h: Harness<SimWorld>,
  clock: ManualClock,
  line: ScenarioLine,
  key: string,
): Promise<string | undefined> {
  clock.set(line.at);
  const timestamp = Date.parse(line.at);
  if ('run' in line) {
    if (!h.app.scheduler.get(line.run))
      return `unknown routine "${line.run}" (known: ${h.app.scheduler.names().join(', ') || 'none'})`;
    await h.app.scheduler.runNow(line.run, `${h.prefix}-${key}`);
  } else if ('recall' in line) {
    if (!h.world.recall) return `no recall on the ${h.world.kind} channel (the bot is not shown withdrawals)`;
    if (h.world.recall(line.from, undefined, { timestamp }) === undefined)
      return `nothing to recall: ${line.from} has sent no message`;
  } else if ('press' in line) {
    if (!h.world.pressCard) return `no cards on the ${h.world.kind} channel: nothing to press`;
    const r = h.world.pressCard(line.from, line.press, { timestamp, ...(line.card ? { card: line.card } : {}) });
    if (!r.ok)
      return r.why === 'no-card'
        ? `${line.from} sees no card with a "${line.press}" button${line.card ? ` and key ${line.card}` : ''}`
        : `${line.from} already pressed every card with a "${line.press}" button`;
  } else if ('file' in line) {
    if (!existsSync(line.file)) return `file not found: ${line.file}`;
    h.world.sendFile(line.from, line.file, { to: line.to, timestamp });
  } else {
    h.world.say(line.from, line.text, { to: line.to, mentions: line.mentions, timestamp });
  }
  if (!(await h.drain())) return 'queues did not drain within 30 s';
  return undefined;
}
