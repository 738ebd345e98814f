/**
 * Issue 14 item 4: no parser may go quadratic (or worse) on what a roster member can type.
 * Each parser runs on each worst-case input (scripts/abuse/parser-worst.ts: long runs of blanks,
 * digits, punctuation, repeated keywords, brackets, @-runs, quote lines, traditional text) at
 * 50k characters and must return. How the time grows (linear, 10k against 100k characters) is
 * measured by `npx tsx scripts/abuse/parser-time.ts` (a section of `npm run abuse`), which exits 1
 * on a parser above its budget: timing targets are checked by benchmarks, not by tests.
 */
import { describe, expect, it } from 'vitest';
import { parserTargets, WORST_INPUTS } from '../scripts/abuse/parser-worst.js';
import { ROSTER_PATH } from './helpers.js';

const BIG = 50_000;

describe('parsers on worst-case inputs', () => {
  const targets = parserTargets(ROSTER_PATH);

  for (const t of targets) {
    it(`${t.name}: returns on every worst-case input`, () => {
      for (const input of WORST_INPUTS) expect(t.run(input.make(BIG)), input.name).toBeDefined();
    }, 120_000);
  }

  it('受理 + 1 MB of blanks + 12件 returns (was ~5 s for 20k blanks); 20k blanks still read as 受理12件', () => {
    const report = targets.find((x) => x.name === 'report');
    if (report === undefined) throw new Error('no report parser');
    const make = (n: number) => `受理${' '.repeat(n)}12件`;
    expect(report.run(make(1_000_000))).toBeDefined();
    expect(report.run(make(19_990))).toMatchObject({ parse: { received: 12 } });
  }, 120_000);
});
