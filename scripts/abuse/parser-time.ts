/**
 * `[ONLY=words] npx tsx scripts/abuse/parser-time.ts [chars=100000]`: each parser's time on each worst-case
 * input (issue 14 item 4) at 10k and at `chars` characters, the ratio of the two (linear: about
 * chars/10k) and the time per character. Exits 1 if a ratio is above 3× linear or a parse of
 * the large input takes over 20 µs a character (ratios are taken from at least 2 ms, and a large run under 100 ms
 * always passes: below that it is timer, GC and JIT noise).
 */
import { parserTargets, timeMs, WORST_INPUTS } from './parser-worst.js';

const big = Number(process.argv[2] ?? 100_000);
const small = 10_000;
// ONLY=<words>: only inputs (or parsers) whose name holds one of the comma-separated words.
const only = (process.env.ONLY ?? '').split(',').filter((w) => w !== '');
const pick = (name: string) => only.length === 0 || only.some((w) => name.includes(w));
const targets = parserTargets().filter((t) => pick(t.name) || WORST_INPUTS.some((i) => pick(i.name)));
let bad = 0;
let worst = { ms: 0, what: '' };
console.log(
  `parser time on worst-case inputs: ${small.toLocaleString()} vs ${big.toLocaleString()} characters (best of 3)\n`,
);
console.log(
  `${'input'.padEnd(30)} ${'parser'.padEnd(13)} ${'10k ms'.padStart(8)} ${'big ms'.padStart(9)} ` +
    `${'ratio'.padStart(7)} ${'ns/char'.padStart(8)}`,
);
for (const input of WORST_INPUTS.filter((i) => pick(i.name) || targets.some((t) => only.includes(t.name)))) {
  const a = input.make(small);
  const b = input.make(big);
  for (const t of targets) {
    t.run(a); // warm-up
    const ta = timeMs(() => t.run(a));
    const tb = timeMs(() => t.run(b), 2);
    // Below 2 ms the small run is timer and JIT noise: the ratio is taken from 2 ms.
    const ratio = tb / Math.max(ta, 2);
    const flag = (ratio > (3 * big) / small && tb > 100) || tb > (big / 100_000) * 2000;
    if (flag) bad++;
    if (tb > worst.ms) worst = { ms: tb, what: `${t.name} on "${input.name}"` };
    console.log(
      `${input.name.padEnd(30)} ${t.name.padEnd(13)} ${ta.toFixed(2).padStart(8)} ${tb.toFixed(1).padStart(9)} ` +
        `${ratio.toFixed(1).padStart(7)} ${((tb * 1e6) / big).toFixed(0).padStart(8)}${flag ? '  ← SLOW' : ''}`,
    );
  }
}
console.log(
  `\nslowest: ${worst.ms.toFixed(1)} ms for ${big.toLocaleString()} characters (${worst.what}); ` +
    `${bad === 0 ? 'all linear' : `${bad} above budget`}`,
);
process.exitCode = bad === 0 ? 0 : 1;
