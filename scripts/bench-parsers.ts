/**
 * `npx tsx scripts/bench-parsers.ts [seconds=2]`: parses per second of the report and dispatch
 * parsers (in process, no CLI) on the labelled samples (../shared/fixtures) plus the styles
 * corpora in test/fixtures (when present; CORPUS=samples leaves them out), each text in turn for
 * about `seconds` per parser; best of five rounds (the machine is shared: the best round is the
 * one least disturbed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDistrictFile } from '../src/config/load.js';
import { WorkCalendar } from '../src/domain/calendar.js';
import { parseDispatch } from '../src/domain/dispatch/parse.js';
import { parseReport } from '../src/domain/report/parse.js';
import { Roster } from '../src/domain/roster.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = resolve(ROOT, '../shared/fixtures');
const seconds = Number(process.argv[2] ?? 2);

interface In {
  text: string;
  sentAt: string;
  from?: string;
  mentions?: string[];
}
function inputs(...files: string[]): In[] {
  return files
    .filter((f) => existsSync(f))
    .flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    )
    .map((l) => (JSON.parse(l) as { input: In }).input);
}

const config = loadDistrictFile(join(SHARED, 'roster.json'));
const roster = Roster.fromConfig(config);
const calendar = new WorkCalendar(config.calendar);
// CORPUS=samples: the shared samples only (to compare with a checkout that has no styles corpora).
const samplesOnly = process.env.CORPUS === 'samples';
const reports = inputs(
  join(SHARED, 'reports.sample.jsonl'),
  ...(samplesOnly ? [] : [join(ROOT, 'test/fixtures/reports.styles.jsonl')]),
);
const dispatches = inputs(
  join(SHARED, 'dispatches.sample.jsonl'),
  ...(samplesOnly ? [] : [join(ROOT, 'test/fixtures/dispatches.styles.jsonl')]),
);

function rate(items: In[], run: (x: In) => unknown): number {
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < (seconds * 1000) / 5) for (const x of items) run(x), n++;
    best = Math.max(best, n / ((performance.now() - t0) / 1000));
  }
  return best;
}

const r = rate(reports, (x) => parseReport({ text: x.text, sentAt: x.sentAt, from: x.from }, roster));
const d = rate(dispatches, (x) =>
  parseDispatch({ text: x.text, sentAt: x.sentAt, from: x.from, mentions: x.mentions }, roster, calendar),
);
console.log(`report parser:   ${Math.round(r).toLocaleString('en')} parses/s (${reports.length} texts)`);
console.log(`dispatch parser: ${Math.round(d).toLocaleString('en')} parses/s (${dispatches.length} texts)`);
