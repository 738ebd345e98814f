import { createInterface } from 'node:readline';
import { loadDistrictFile } from '../config/load.js';
import { ManualClock } from '../domain/clock.js';
import { isoInZone } from '../domain/time.js';
import { pingRedis, REDIS_MISSING_HELP } from '../jobs/redis.js';
import { readOption } from '../lib/args.js';
import { createLogger } from '../log.js';
import { startHarness } from '../sim/harness.js';
import { MockWorld } from '../sim/mock-world.js';
import { playLine, readScenarioLine } from '../sim/scenario.js';
import type { SimWorld } from '../sim/world.js';

const USAGE = 'usage: cli replay --config <district file> [--channel wechaty|wecom] < scenario.jsonl\n';

/**
 * `cli replay --config <district file> [--channel wechaty|wecom] < scenario.jsonl`: runs a scenario
 * through the real pipeline (the chat channel on a simulated world: Wechaty + mock puppet by
 * default, or the WeCom AI-bot channel on its fake long-connection server; BullMQ on Redis under a
 * fresh prefix, an in-memory store, the clock at each line's time, no send rate limit) and prints
 * what the bot sent, in order: `{"at","to","text","mentions"[,"file"]}`. On WeCom a card adds
 * `"card":{"title","buttons","key"}` (the key for a press line's "card"), and a card changed after
 * a press is a line `{"at","to","cardUpdate":{"title","status","text","for"}}` (`for`: the userids who see
 * the change, or "all").
 */
export async function run(argv: string[]): Promise<number> {
  const configPath = readOption(argv, 'config');
  const channel = readOption(argv, 'channel') ?? 'wechaty';
  if (!configPath || (channel !== 'wechaty' && channel !== 'wecom')) {
    process.stderr.write(USAGE);
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
  let world: SimWorld;
  if (channel === 'wecom') {
    const { WecomWorld } = await import('../sim/wecom-world.js');
    world = await WecomWorld.create(config);
  } else world = new MockWorld(config);
  world.clock = clock;
  const h = await startHarness({ config, redisUrl, clock, log, perMinute: 0, world });
  const at = () => isoInZone(clock.now(), config.timezone);
  h.world.onSent((s) => {
    const out: Record<string, unknown> = { at: at(), to: s.to, text: s.text, mentions: s.mentions };
    if (s.file) out.file = s.file;
    if (s.card) out.card = { title: s.card.title, buttons: s.card.buttons, key: s.card.key };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  });
  h.world.onCardUpdate?.((u) => {
    const cardUpdate = {
      title: u.title,
      ...(u.status !== undefined ? { status: u.status } : {}),
      ...(u.text !== undefined ? { text: u.text } : {}),
      for: u.for,
    };
    process.stdout.write(`${JSON.stringify({ at: at(), to: u.to, cardUpdate })}\n`);
  });
  let lineNo = 0;
  try {
    const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const raw of rl) {
      lineNo++;
      if (raw.trim() === '') continue;
      const line = readScenarioLine(raw, config.timezone);
      const problem = 'error' in line ? line.error : await playLine(h, clock, line, String(lineNo));
      if (problem) process.stderr.write(`replay: line ${lineNo}: ${problem}\n`);
    }
    await h.drain();
  } finally {
    await h.close();
  }
  return 0;
}
