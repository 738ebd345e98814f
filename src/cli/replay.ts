import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { loadDistrictFile } from '../config/load.js';
import { ManualClock } from '../domain/clock.js';
import { isoInZone } from '../domain/time.js';
import { pingRedis, REDIS_MISSING_HELP } from '../jobs/redis.js';
import { createLogger } from '../log.js';
import { startHarness } from '../sim/harness.js';
import { readOption } from './args.js';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 time');
const to = z.enum(['group', 'bot']).default('group');
const lineSchema = z.union([
  z.object({ at: iso, run: z.string().min(1) }).strict(),
  z.object({ at: iso, from: z.string().min(1), file: z.string().min(1), to }).strict(),
  z.object({ at: iso, from: z.string().min(1), text: z.string(), mentions: z.array(z.string()).default([]), to }).strict(),
]);

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
    const out: Record<string, unknown> = { at: isoInZone(clock.now(), config.timezone), to: s.to, text: s.text, mentions: s.mentions };
    if (s.file) out.file = s.file;
    process.stdout.write(`${JSON.stringify(out)}\n`);
  });
  let lineNo = 0;
  try {
    const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const raw of rl) {
      lineNo++;
      if (raw.trim() === '') continue;
      let parsed: z.infer<typeof lineSchema>;
      try {
        const r = lineSchema.safeParse(JSON.parse(raw));
        if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; '));
        parsed = r.data;
      } catch (err) {
        process.stderr.write(`replay: line ${lineNo}: ${(err as Error).message}\n`);
        continue;
      }
      clock.set(parsed.at);
      const timestamp = Date.parse(parsed.at);
      if ('run' in parsed) {
        if (!h.app.scheduler.get(parsed.run)) {
          process.stderr.write(`replay: line ${lineNo}: unknown routine "${parsed.run}" (known: ${h.app.scheduler.names().join(', ') || 'none'})\n`);
          continue;
        }
        await h.app.scheduler.runNow(parsed.run, `${h.prefix}-${lineNo}`);
      } else if ('file' in parsed) {
        if (!existsSync(parsed.file)) {
          process.stderr.write(`replay: line ${lineNo}: file not found: ${parsed.file}\n`);
          continue;
        }
        h.world.sendFile(parsed.from, parsed.file, { to: parsed.to, timestamp });
      } else {
        h.world.say(parsed.from, parsed.text, { to: parsed.to, mentions: parsed.mentions, timestamp });
      }
      if (!(await h.drain())) process.stderr.write(`replay: line ${lineNo}: queues did not drain within 30 s\n`);
    }
    await h.drain();
  } finally {
    await h.close();
  }
  return 0;
}
