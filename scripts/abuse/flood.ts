/**
 * Flood figures (issue 14 item 3): where a leader's urgent dispatch stands in the outbox behind
 * a member's flood, and how many answers the flood queues. The outbox is paused while the flood
 * is processed, so the figures are the queue as the chat would drain it (at 12 messages/min).
 */

import type { Logger } from 'pino';
import type { DistrictConfig } from '../../src/config/schema.js';
import { type Harness, startHarness } from '../../src/sim/harness.js';
import { outboxOrder, placeInOutbox } from '../../src/sim/outbox-order.js';

const CHITCHAT = [
  '在吗',
  '你好',
  '今天几点下班？',
  '请问怎么报日报',
  '好的',
  '谢谢！',
  '在不在',
  '嗯嗯',
  '哈哈',
  '明白了吗',
  '喂',
  '這個怎麼用',
  '👍',
  '收到了吗',
];
const DISPATCH = '@张局长 环海路小区污水外溢，请三个工作日内到现场处置并反馈。';

async function processed(h: Harness): Promise<number> {
  const [r] = await h.app.db.query<{ n: number }>(
    'select count(*)::int as n from inbound_messages where processed_at is not null',
  );
  return r?.n ?? 0;
}

async function until(what: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('flood: timed out waiting for the bot');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface FloodFigures {
  label: string;
  messages: number;
  ms: number;
  queued: number;
  dispatchPlace: number;
  answersToFlooders: number;
  drainMinutesAt12: number;
}

/** Plays `flood` (sender id, text, private?) then the leader's dispatch; returns the outbox figures. */
async function oneFlood(
  config: DistrictConfig,
  redisUrl: string,
  log: Logger,
  label: string,
  flood: Array<[string, string, boolean]>,
): Promise<FloodFigures> {
  const h = await startHarness({ config, redisUrl, log });
  try {
    await h.app.outbox.queue.pause();
    const t0 = performance.now();
    for (let i = 0; i < flood.length; i++) {
      const [from, text, priv] = flood[i] as [string, string, boolean];
      h.world.say(from, text, priv ? { to: 'bot' } : {});
      // Let the bot keep up as a chat would deliver (and keep memory flat).
      if (i % 500 === 499) await until(async () => (await processed(h)) >= i - 1000, 600_000);
    }
    await until(async () => (await processed(h)) >= flood.length, 900_000);
    const ms = performance.now() - t0;
    h.world.say('wxid_leader_li', DISPATCH, { mentions: ['wxid_zhujian_zhang'] });
    await until(async () => (await outboxOrder(h.app)).some((p) => p.startsWith('dispatch:')), 60_000);
    const order = await outboxOrder(h.app);
    return {
      label,
      messages: flood.length,
      ms,
      queued: order.length,
      dispatchPlace: await placeInOutbox(h.app, 'dispatch:'),
      answersToFlooders: order.filter((p) => !p.startsWith('dispatch:')).length,
      drainMinutesAt12: Math.ceil(order.length / 12),
    };
  } finally {
    await h.close();
  }
}

export async function floodSection(
  config: DistrictConfig,
  redisUrl: string,
  log: Logger,
  scale: number,
): Promise<string[]> {
  const lines: string[] = [];
  // 1. One liaison, 48 private messages.
  const one: Array<[string, string, boolean]> = Array.from({ length: 48 }, (_, i) => [
    'wxid_zhujian_xu',
    `${CHITCHAT[i % CHITCHAT.length]} ${i}`,
    true,
  ]);
  // 2. The whole group: 10k chit-chat (privately and in the group) and 2k 帮助, by everyone on the roster.
  const people = config.people.map((p) => p.id);
  const nChat = Math.round(10_000 * scale);
  const nHelp = Math.round(2_000 * scale);
  const many: Array<[string, string, boolean]> = [];
  for (let i = 0; i < nChat + nHelp; i++) {
    const who = people[i % people.length] as string;
    const help = i % 6 === 5 && many.filter((m) => m[1] === '帮助').length < nHelp;
    many.push(
      help
        ? [who, '帮助', i % 2 === 0]
        : [who, `${CHITCHAT[i % CHITCHAT.length]}${i % 3 === 0 ? '' : ` ${i}`}`, i % 2 === 0],
    );
  }
  for (const f of [
    await oneFlood(config, redisUrl, log, '48 private messages from one liaison', one),
    await oneFlood(config, redisUrl, log, `${nChat} chit-chat + ${nHelp} 帮助 from ${people.length} people`, many),
  ]) {
    lines.push(
      `  ${f.label}: processed in ${(f.ms / 1000).toFixed(1)} s; outbox then holds ${f.queued} messages ` +
        `(${f.answersToFlooders} answers to the flooders); the leader's urgent dispatch is #${f.dispatchPlace} ` +
        `in line; ` +
        `the whole queue drains in ~${f.drainMinutesAt12} min at 12/min`,
    );
  }
  lines.push(
    "  (before issue 14: the dispatch was #50 behind one liaison's 48 messages, and 10k+2k queued ~16 h of replies)",
  );
  return lines;
}
