/**
 * Issue 14 item 1 and 8 (tokens): a console login link never falls back to the group, and no raw
 * login token is kept in outbound_messages.text or in the outbox's Redis job data.
 */
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsole } from '../src/http/console/index.js';
import { QUEUES } from '../src/jobs/names.js';
import { createRedis } from '../src/jobs/redis.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { MockWorld, type SentRecord } from '../src/sim/mock-world.js';
import { hashToken } from '../src/store/console.js';
import { REDIS_URL, rosterConfig, testLogger } from './helpers.js';

const LEADER = 'wxid_leader_li'; // a friend of the bot
const NOT_FRIEND = 'wxid_leader_wang'; // on the roster, not a friend of the bot (personal WeChat)
const TOKEN_IN_URL = /\/console\/login\?t=([A-Za-z0-9_-]+)/;

describe('console link: private only, never stored or queued raw', () => {
  let h: Harness;
  const sent: SentRecord[] = [];

  beforeAll(async () => {
    const config = rosterConfig();
    const world = new MockWorld(config);
    const p = world.mocker.cacheContactPayload.get(NOT_FRIEND);
    world.mocker.cacheContactPayload.set(NOT_FRIEND, { ...p, friend: false } as never);
    h = await startHarness({ config, redisUrl: REDIS_URL, log: testLogger(), world });
    h.world.onSent((s) => sent.push(s));
  });
  afterAll(async () => {
    await h?.close();
  });

  it(
    'a person the bot cannot message privately is told in the group how to get it, without any link; the token ' +
      'is revoked',
    async () => {
      sent.length = 0;
      for (const text of ['控制台', '后台', '登录控制台']) h.world.say(NOT_FRIEND, text, { to: 'bot' });
      expect(await h.drain()).toBe(true);
      expect(sent).toHaveLength(3);
      for (const s of sent) {
        expect(s.to).toBe('group');
        expect(s.text).not.toMatch(/console|http|t=/);
        expect(s.text).toContain('请先添加督办助手为好友');
        expect(s.mentions).toEqual([NOT_FRIEND]);
      }
      const rows = await h.app.db.query<{ delivered_via: string }>(
        "select delivered_via from outbound_messages where purpose like 'console-link:%' and to_id = $1",
        [NOT_FRIEND],
      );
      expect(rows.map((r) => r.delivered_via)).toEqual(['withheld', 'withheld', 'withheld']);
      // Each minted link was revoked at once: none is usable.
      const live = await h.app.db.query(
        'select 1 from console_tokens where person_id = $1 and used_at is null and expires_at > now()',
        [NOT_FRIEND],
      );
      expect(live).toEqual([]);
    },
  );

  it('other private answers to the same person still fall back to the group (per message kind)', async () => {
    sent.length = 0;
    h.world.say(NOT_FRIEND, '帮助', { to: 'bot' });
    expect(await h.drain()).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('group');
    expect(sent[0]?.text).toContain('督办助手');
  });

  it('a friend gets the link privately; outbound_messages and the Redis job keep only a redacted text', async () => {
    sent.length = 0;
    const id = h.world.say(LEADER, '控制台', { to: 'bot' });
    expect(await h.drain()).toBe(true);
    const mine = sent.filter((s) => s.to === LEADER);
    expect(mine).toHaveLength(1);
    const token = TOKEN_IN_URL.exec(mine[0]?.text ?? '')?.[1];
    expect(token).toBeDefined();
    const [row] = await h.app.db.query<{ text: string; job_id: string; delivered_via: string }>(
      'select text, job_id, delivered_via from outbound_messages where purpose = $1',
      [`console-link:${id}`],
    );
    expect(row?.delivered_via).toBe('private');
    expect(row?.text).not.toContain(token as string);
    expect(row?.text).toContain('〔登录链接〕');
    const r = createRedis(REDIS_URL);
    const q = new Queue(QUEUES.outbox, { connection: r, prefix: h.prefix });
    try {
      const job = await q.getJob(row?.job_id as string);
      expect(job).toBeDefined();
      expect(JSON.stringify(job?.data)).not.toContain(token as string);
      // Nothing under the prefix holds the token.
      for (const key of await r.keys(`${h.prefix}:*`)) {
        const type = await r.type(key);
        const dump =
          type === 'hash' ? JSON.stringify(await r.hgetall(key)) : type === 'string' ? String(await r.get(key)) : '';
        expect(dump).not.toContain(token as string);
      }
    } finally {
      await q.close();
      r.disconnect();
    }
    // The hash is stored, and the link works once.
    const tok = await h.app.db.query('select 1 from console_tokens where token_hash = $1 and used_at is null', [
      hashToken(token as string),
    ]);
    expect(tok).toHaveLength(1);
  });

  it(
    'the simulator page still shows the simulated person ' + 'the link they were sent (the store keeps it redacted)',
    async () => {
      const f = Fastify({ logger: false });
      registerConsole(f, h.app.ctx, { simulator: h.world });
      await f.ready();
      try {
        sent.length = 0;
        h.world.say(LEADER, '控制台', { to: 'bot' });
        expect(await h.drain()).toBe(true);
        const token = TOKEN_IN_URL.exec(sent.find((x) => x.to === LEADER)?.text ?? '')?.[1] as string;
        const r = await f.inject({ url: '/sim/messages' });
        expect(r.body).toContain(`/console/login?t=${token}`);
      } finally {
        await f.close();
      }
    },
  );
});
