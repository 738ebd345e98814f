/**
 * Issue 14 item 4: no parser may go quadratic (or worse) on what a roster member can type.
 * Each parser on each worst-case input (scripts/abuse/parser-worst.ts: long runs of blanks,
 * digits, punctuation, repeated keywords, brackets, @-runs, quote lines, traditional text) at
 * 5k and 50k characters: the time must grow about linearly. No absolute budget (the machine may
 * be loaded): the ratio of the two times must stay under 5× the ratio of the sizes (quadratic
 * gives 10×, and the runs fixed here were cubic or quadratic), a pair over it is measured again,
 * a large run under 100 ms always passes (timer and JIT noise), and the small run must stay
 * under 1 s (a quadratic one took 1 s at 10k characters before the fix).
 */
import { describe, expect, it } from 'vitest';
import { WORST_INPUTS, parserTargets, timeMs } from '../scripts/abuse/parser-worst.js';

const SMALL = 5_000;
const BIG = 50_000;
const FACTOR = 5;

describe('parser time on worst-case inputs', () => {
  const targets = parserTargets();

  for (const t of targets) {
    it(`${t.name}: linear on every worst-case input`, () => {
      const slow: string[] = [];
      for (const input of WORST_INPUTS) {
        const a = input.make(SMALL);
        t.run(a);
        const ta = timeMs(() => t.run(a), 2);
        if (ta > 1000) {
          slow.push(`${input.name}: ${ta.toFixed(0)} ms at ${SMALL} characters`);
          continue;
        }
        const b = input.make(BIG);
        let tb = timeMs(() => t.run(b), 1);
        let tSmall = ta;
        const budget = (FACTOR * BIG) / SMALL;
        const over = () => tb > 100 && tb / Math.max(tSmall, 2) > budget;
        // A slow pair on a loaded machine (other tests, other work) is measured again, both sizes, before it counts.
        for (let retry = 0; retry < 2 && over(); retry++) {
          tSmall = Math.max(tSmall, timeMs(() => t.run(a), 3));
          tb = Math.min(tb, timeMs(() => t.run(b), 2));
        }
        if (over()) slow.push(`${input.name}: ${tSmall.toFixed(1)} → ${tb.toFixed(1)} ms`);
      }
      expect(slow).toEqual([]);
    }, 120_000);
  }

  it('受理 + 1 MB of blanks + 12件: scales like 100 KB (was ~5 s for 20k blanks)', () => {
    const report = targets.find((x) => x.name === 'report');
    if (report === undefined) throw new Error('no report parser');
    const make = (n: number) => `受理${' '.repeat(n)}12件`;
    const small = make(100_000);
    report.run(small);
    const ta = timeMs(() => report.run(small), 2);
    const tb = timeMs(() => report.run(make(1_000_000)), 1);
    expect(tb < 100 || tb / Math.max(ta, 2) < FACTOR * 10, `${ta.toFixed(1)} → ${tb.toFixed(1)} ms`).toBe(true);
    expect(report.run(make(19_990))).toMatchObject({ parse: { received: 12 } });
  }, 120_000);
});
