/**
 * Issue 12 (the simulator section): the README's "从早到晚走一遍" is a working day a newcomer types as written. Every
 * line of its blocks is typed into the simulator started with `--at "2026-11-30 08:30"` on the example district, and
 * every reply the README shows (`→` and the lines under it, abridged at …) is found among what the simulator printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { parseStartTime, SimClock } from '../src/sim/clock.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { SimSession } from '../src/sim/session.js';
import { REDIS_URL, REPO, testLogger } from './helpers.js';

interface Step {
  input: string[];
  shown: string[];
}

/** The walk's steps: what is typed (lines without →, /paste blocks included) and the replies shown under it. */
function readmeWalk(readme: string): { at: string; steps: Step[] } {
  const start = readme.indexOf('### 从早到晚走一遍');
  const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
  const at = /npm start -- --at "([^"]+)"/.exec(section)?.[1] ?? '';
  const steps: Step[] = [];
  let fence: string | undefined;
  let step: Step | undefined;
  for (const line of section.split('\n')) {
    if (line.startsWith('```')) {
      fence = fence === undefined ? line.slice(3) : undefined;
      step = undefined;
    } else if (fence !== '')
      continue; // prose, or the ```sh block of the start command
    else if (line.startsWith('→ ')) step?.shown.push(line.slice(2));
    else if (line.startsWith('  ')) step?.shown.push(line.trim());
    else if (line.trim() === '') step = undefined;
    else if (step && step.shown.length === 0) step.input.push(line);
    else {
      step = { input: [line], shown: [] };
      steps.push(step);
    }
  }
  return { at, steps };
}

/** The parts of a reply shown abridged (……, …) that must be printed as written. */
function fragments(shown: string): string[] {
  return shown
    .split(/…+/)
    .map((f) => f.trim())
    .filter((f) => f.length >= 4);
}

const TZ = 'Asia/Shanghai';
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const walk = readmeWalk(readme);
let h: Harness | undefined;
afterAll(async () => {
  await h?.close();
});

describe("the README's working day in the simulator", () => {
  it('starts with --at and types the day, from the 08:30 /clock to the 18:40 summary and the next day', () => {
    expect(walk.at).toBe('2026-11-30 08:30');
    const typed = walk.steps.flatMap((s) => s.input);
    for (const cmd of ['/clock', '/advance 09:40', '/advance 15:00', '/advance 18:40', '/run report-deadline'])
      expect(typed).toContain(cmd);
    expect(walk.steps.length).toBeGreaterThan(15);
  });

  it('every line typed as written prints the replies the README shows', { timeout: 180_000 }, async () => {
    const config = loadDistrictFile(join(REPO, 'config/district.example.yaml'));
    // Running, as `npm start -- --at` runs it (the lines are typed faster than a minute passes).
    const clock = new SimClock(parseStartTime(walk.at, TZ) as Date);
    h = await startHarness({ config, redisUrl: REDIS_URL, clock, log: testLogger() });
    const printed: string[] = [];
    const session = new SimSession({
      app: h.app,
      world: h.world,
      clock,
      print: (s) => printed.push(...s.split('\n')),
    });
    const missing: string[] = [];
    for (const step of walk.steps) {
      const from = printed.length;
      for (const line of step.input) await session.feed(line);
      // A mention is followed by WeChat's quarter-em space (U+2005); the README writes a space.
      const out = printed.slice(from).join('\n').replaceAll('\u2005', ' ');
      for (const shown of step.shown)
        for (const f of fragments(shown)) if (!out.includes(f)) missing.push(`${step.input[0]}\n  ⟶ ${f}`);
      if (process.env.SIM_PRINT) process.stdout.write(`${step.input.join('\n')}\n${out}\n\n`);
    }
    expect(missing).toEqual([]);
  });
});
