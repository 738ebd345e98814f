import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { BOT_NAME, type SentRecord } from '../src/sim/mock-world.js';
import { REDIS_URL, rosterConfig, testLogger } from './helpers.js';

describe('end to end: Wechaty + mock puppet + Redis + PGlite', () => {
  let h: Harness;
  const sent: SentRecord[] = [];

  beforeAll(async () => {
    h = await startHarness({ config: rosterConfig(), redisUrl: REDIS_URL, log: testLogger() });
    h.world.onSent((s) => sent.push(s));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers a roster person in the group with an @-mention of them', async () => {
    sent.length = 0;
    const id = h.world.say('wxid_zhujian_zhang', '帮助', { mentions: [] });
    expect(await h.drain()).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('group');
    expect(sent[0]?.mentions).toEqual(['wxid_zhujian_zhang']);
    expect(sent[0]?.text).toMatch(/^@张局长\s+您好，我是督办助手/);
    const rows = await h.app.db.query<{ handler: string; known_sender: boolean; text: string }>(
      'select handler, known_sender, text from inbound_messages where id = $1',
      [id],
    );
    expect(rows).toEqual([{ handler: 'help', known_sender: true, text: '帮助' }]);
    const out = await h.app.db.query<{ purpose: string; delivered_via: string }>(
      'select purpose, delivered_via from outbound_messages where purpose = $1',
      [`help:${id}`],
    );
    expect(out).toEqual([{ purpose: `help:${id}`, delivered_via: 'group' }]);
  });

  it('records and ignores a stranger, even one named like a leader', async () => {
    sent.length = 0;
    const id = h.world.say('wxid_stranger', '帮助');
    expect(await h.drain()).toBe(true);
    expect(sent).toEqual([]);
    const rows = await h.app.db.query<{ handler: string; known_sender: boolean; sender_name: string }>(
      'select handler, known_sender, sender_name from inbound_messages where id = $1',
      [id],
    );
    expect(rows).toEqual([{ handler: 'ignored-stranger', known_sender: false, sender_name: '李主任' }]);
  });

  it('handles a duplicate delivery of the same message id once', async () => {
    sent.length = 0;
    const id = h.world.say('wxid_hubin_you', '帮助');
    h.world.redeliver(id);
    h.world.redeliver(id);
    expect(await h.drain()).toBe(true);
    expect(sent).toHaveLength(1);
    const rows = await h.app.db.query<{ n: number }>('select count(*)::int as n from inbound_messages where id = $1', [
      id,
    ]);
    expect(rows[0]?.n).toBe(1);
  });

  it('answers a roster person privately and ignores a private stranger without storing it', async () => {
    sent.length = 0;
    h.world.say('wxid_leader_li', '帮助', { to: 'bot' });
    const strangerId = h.world.say('wxid_stranger', '你好', { to: 'bot' });
    expect(await h.drain()).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('wxid_leader_li');
    expect(sent[0]?.text).toContain('点对点调度');
    const rows = await h.app.db.query('select 1 from inbound_messages where id = $1', [strangerId]);
    expect(rows).toEqual([]);
  });

  it('ignores messages older than the configured age (redelivered after a reconnect)', async () => {
    sent.length = 0;
    const id = h.world.say('wxid_zhujian_zhang', '帮助', { timestamp: Date.now() - 3_600_000 });
    expect(await h.drain()).toBe(true);
    expect(sent).toEqual([]);
    expect(await h.app.db.query('select 1 from inbound_messages where id = $1', [id])).toEqual([]);
  });

  it('does not answer itself', async () => {
    sent.length = 0;
    h.world.say('wxid_duban_bot', '帮助');
    expect(await h.drain()).toBe(true);
    expect(sent).toEqual([]);
    expect(BOT_NAME).toBe('督办助手');
  });
});
