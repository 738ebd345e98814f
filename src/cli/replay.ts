import { createInterface } from 'node:readline';
import { loadDistrictFile } from '../config/load.js';
import { ManualClock } from '../domain/clock.js';
import { isoInZone } from '../domain/time.js';
import { pingRedis, REDIS_MISSING_HELP } from '../jobs/redis.js';
import { readOption } from '../lib/args.js';
import { createLogger } from '../log.js';
import { startHarness } from '../sim/harness.js';
import { playLine, readScenarioLine } from '../sim/scenario.js';

/**
 * `cli replay --config <district file> < scenario.jsonl`: runs a scenario through the real
 * pipeline (Wechaty + mock puppet, BullMQ on Redis under a fresh prefix, an in-memory store,
 * the clock at each line's time, no send rate limit) and prints what the bot sent, in order.
 */
export async function run(argv: string[]): Promise<number> {
  const configPath = readOption(argv, 'config');
  if (!configPath) {
    process.stderr.write('usage: cli replay --config <district file> < scenario.jsonl\n');
    return 2;
  }
  const config = loadDistrictFile(configPath);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const ping = await pingRedis(redisUrl);
  if (!ping.ok) {
    process.stderr.write(`${REDIS_MISSING_HELP}\n(${ping.error})\n`);
    return 1;
  }
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const clock = new ManualClock('2000-01-01T00:00:00Z');
  const h = await startHarness({ config, redisUrl, clock, log, perMinute: 0 });
  h.world.onSent((s) => {
    const out: Record<string, unknown> = {
      at: isoInZone(clock.now(), config.timezone),
      to: s.to,
      text: s.text,
      mentions: s.mentions,
    };
    if (s.file) out.file = s.file;
    process.stdout.write(`${JSON.stringify(out)}\n`);
  });
  let lineNo = 0;
  try {
    const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const raw of rl) {
      lineNo++;
      if (raw.trim() === '') continue;
      const line = readScenarioLine(raw);
      const problem = 'error' in line ? line.error : await playLine(h, clock, line, String(lineNo));
      if (problem) process.stderr.write(`replay: line ${lineNo}: ${problem}\n`);
    }
    await h.drain();
  } finally {
    await h.close();
  }
  return 0;
}
