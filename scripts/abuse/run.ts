/**
 * `npm run abuse`: what one member or one file can cost the bot (issue 14), as figures.
 *
 *   flood   where a leader's urgent dispatch stands in the outbox behind floods (48 private
 *           messages from one liaison; 10k chit-chat + 2k 帮助 from the whole roster)
 *   bomb    a zip-bomb .xlsx imported as the chat would: time, memory, temporary files
 *   parser  every parser's time on worst-case inputs (scripts/abuse/parser-time.ts, 10k vs 100k characters)
 *
 * `npm run abuse -- flood` runs one section. ABUSE_SCALE=0.1 shrinks the 10k+2k flood (quick
 * look); BOMB_MB sets how far the bomb inflates (default 1024 MB; 4096 as in the issue).
 * Needs Redis (REDIS_URL, default 127.0.0.1:6379); uses its own queue prefixes and removes them.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pino from 'pino';
import { loadDistrictFile } from '../../src/config/load.js';
import { bombSection } from './bomb.js';
import { floodSection } from './flood.js';

const REPO = join(import.meta.dirname, '../..');
const config = loadDistrictFile(process.env.DISTRICT_CONFIG ?? join(REPO, 'config/district.example.yaml'));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
const scale = Number(process.env.ABUSE_SCALE ?? '1');
const bombMb = Number(process.env.BOMB_MB ?? '1024');

/**
 * The sections, in order. To add one (e.g. the report parser's worst inputs, issue 14 item 4),
 * write scripts/abuse/<name>.ts exporting `async (): Promise<string[]>` (the lines to print) and
 * list it here.
 */
const SECTIONS: Array<{ name: string; title: string; run: () => Promise<string[]> }> = [
  {
    name: 'flood',
    title: 'Flood: queue position of an urgent dispatch',
    run: () => floodSection(config, redisUrl, log, scale),
  },
  { name: 'bomb', title: 'Zip-bomb .xlsx: disk, memory, time', run: () => bombSection(config, bombMb) },
  { name: 'parser', title: 'Parsers: time on the worst inputs (issue 14 item 4)', run: async () => parserSection() },
];

/** Runs parser-time.ts in its own process (its own heap and JIT, as the bot would meet the input). */
function parserSection(): string[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/abuse/parser-time.ts')], {
    cwd: REPO,
    encoding: 'utf8',
  });
  const lines = r.stdout
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`);
  if (r.status !== 0)
    lines.push(`  parser-time exited ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return lines;
}

const only = process.argv.slice(2);
for (const s of SECTIONS) {
  if (only.length > 0 && !only.includes(s.name)) continue;
  process.stdout.write(`${s.title}\n`);
  const t0 = performance.now();
  for (const line of await s.run()) process.stdout.write(`${line}\n`);
  process.stdout.write(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n\n`);
}
process.exit(0);
