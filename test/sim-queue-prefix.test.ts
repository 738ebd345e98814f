/**
 * Found playing a day (issue 12): a simulator on a new data folder shared the default queue
 * prefix with an earlier run, whose finished outbox jobs (ids from purposes such as
 * report-reminder:2026-11-30) made the new run's 17:30 reminder a no-op. The simulator now has a
 * queue prefix of its own per data folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, obliterate, startHarness } from '../src/sim/harness.js';
import { simulatorQueuePrefix } from '../src/sim/setup.js';
import { REDIS_URL, rosterConfig, testLogger } from './helpers.js';

describe("the simulator's queue prefix", () => {
  const harnesses: Harness[] = [];
  const prefixes: string[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.close();
    for (const p of prefixes.splice(0)) await obliterate(REDIS_URL, p);
  });

  it('is kept with the data folder; a new or emptied folder gets a new one; QUEUE_PREFIX wins', () => {
    const a = mkdtempSync(join(tmpdir(), 'duban-simq-'));
    const first = simulatorQueuePrefix(a, {});
    expect(first).toMatch(/^duban-sim-[0-9a-f]{8}$/);
    expect(simulatorQueuePrefix(a, {})).toBe(first);
    expect(simulatorQueuePrefix(mkdtempSync(join(tmpdir(), 'duban-simq-')), {})).not.toBe(first);
    rmSync(a, { recursive: true });
    expect(simulatorQueuePrefix(a, {})).not.toBe(first);
    expect(simulatorQueuePrefix(a, { QUEUE_PREFIX: 'mine' })).toBe('mine');
  });

  it("two runs on fresh data folders both send the day's reminder (they would not share one prefix)", async () => {
    const texts: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'duban-simq-'));
      const prefix = simulatorQueuePrefix(dir, {});
      prefixes.push(prefix);
      const h = await startHarness({
        config: rosterConfig(),
        redisUrl: REDIS_URL,
        log: testLogger(),
        queuePrefix: prefix,
        dataDir: dir,
      });
      harnesses.push(h);
      const sent: string[] = [];
      h.world.onSent((m) => sent.push(m.text));
      await h.app.outbox.send({
        to: { kind: 'group' },
        text: `第${run + 1}次演练：日报提醒`,
        mentions: [],
        purpose: 'report-reminder:2026-11-30',
      });
      expect(await h.drain()).toBe(true);
      texts.push(sent);
    }
    expect(texts).toEqual([['第1次演练：日报提醒'], ['第2次演练：日报提醒']]);
  });
});
