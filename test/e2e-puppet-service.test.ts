import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../src/sim/harness.js';
import type { SentRecord } from '../src/sim/mock-world.js';
import { REDIS_URL, rosterConfig, testLogger, waitFor } from './helpers.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

describe('end to end through the real wechaty-puppet-service client', () => {
  let h: Harness;
  let server: { stop(): Promise<void> };

  beforeAll(async () => {
    // The service client caches payloads under $HOME/.wechaty: keep it in a scratch folder.
    process.env.HOME = mkdtempSync(join(tmpdir(), 'duban-home-'));
    const { PuppetServer } = await import('wechaty-puppet-service');
    const { MockWorld } = await import('../src/sim/mock-world.js');
    const { startHarness } = await import('../src/sim/harness.js');
    const config = rosterConfig();
    const world = new MockWorld(config);
    const endpoint = `127.0.0.1:${await freePort()}`;
    const token = `insecure_${randomUUID()}`;
    const s = new PuppetServer({ puppet: world.puppet as never, token, endpoint, tls: { disable: true } });
    await s.start();
    server = s;
    const channel = { kind: 'wechaty', puppet: { kind: 'service', token, endpoint, noTls: true } } as const;
    h = await startHarness({ config, redisUrl: REDIS_URL, log: testLogger(), world, channel });
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  it('logs in, takes a group message in and sends the reply out with its @-mention', async () => {
    expect(h.app.channel.isReady()).toBe(true);
    const sent: SentRecord[] = [];
    h.world.onSent((s) => sent.push(s));
    const id = h.world.say('wxid_chengxi_qin', '帮助');
    await waitFor(() => sent.length > 0, 15_000, 50);
    expect(await h.drain()).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('group');
    expect(sent[0]?.mentions).toEqual(['wxid_chengxi_qin']);
    expect(sent[0]?.text).toContain('督办助手');
    const rows = await h.app.db.query<{ handler: string }>('select handler from inbound_messages where id = $1', [id]);
    expect(rows).toEqual([{ handler: 'help' }]);
  });
});
