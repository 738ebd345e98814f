import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../src/sim/harness.js';
import type { SentRecord } from '../src/sim/mock-world.js';
import { REDIS_URL, rosterConfig, testLogger } from './helpers.js';

describe('HTTP: /healthz and /metrics on loopback', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness({
      config: rosterConfig(),
      redisUrl: REDIS_URL,
      log: testLogger(),
      http: { host: '127.0.0.1', port: 0 },
    });
    const addr = h.app.http?.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    expect(addr.address).toBe('127.0.0.1');
    base = `http://127.0.0.1:${addr.port}`;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reports Redis, database and chat state', async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true, redis: true, database: true, chat: 'ready' });
  });

  it('exposes Prometheus metrics: messages in and out, queue depths', async () => {
    h.world.say('wxid_zhujian_zhang', '帮助');
    expect(await h.drain()).toBe(true);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/duban_messages_in_total\{handler="help"\} 1/);
    expect(text).toMatch(/duban_messages_out_total\{via="group"\} 1/);
    expect(text).toMatch(/duban_queue_depth\{queue="outbox",state="waiting"\} 0/);
    expect(text).toMatch(/duban_chat_logged_in 1/);
  });

  it('falls back to an @-mention in the group when a person cannot be messaged privately', async () => {
    const sent: SentRecord[] = [];
    h.world.onSent((s) => sent.push(s));
    await h.world.setFriend('wxid_sup_chen', false);
    await h.app.outbox.send({
      to: { kind: 'person', id: 'wxid_sup_chen' },
      text: '请跟进',
      mentions: [],
      purpose: 'fallback-test',
    });
    expect(await h.drain()).toBe(true);
    expect(sent).toEqual([
      { to: 'group', text: expect.stringMatching(/^@陈科员\s请跟进$/), mentions: ['wxid_sup_chen'] },
    ]);
    const [row] = await h.app.db.query<{ delivered_via: string }>(
      `select delivered_via from outbound_messages where purpose = 'fallback-test'`,
    );
    expect(row?.delivered_via).toBe('group-fallback');
  });
});
