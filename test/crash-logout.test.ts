import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.js';
import { webhookBody, webhookFallback } from '../src/bot/fallback.js';
import { readEnv } from '../src/config/env.js';
import { createLogger } from '../src/log.js';
import { obliterate } from '../src/sim/harness.js';
import { MockWorld, type SentRecord } from '../src/sim/mock-world.js';
import { REDIS_URL, rosterConfig, waitFor } from './helpers.js';

interface Hook {
  url: string;
  body: { msgtype: string; text: { content: string; mentioned_mobile_list: string[] } };
}

/** A local stand-in for the WeCom group-robot webhook. */
async function webhookServer(
  answer: (req: IncomingMessage) => { status: number; body: string } = () => ({
    status: 200,
    body: '{"errcode":0,"errmsg":"ok"}',
  }),
) {
  const hooks: Hook[] = [];
  const server: Server = createServer((req, res) => {
    let b = '';
    req.on('data', (d: Buffer) => {
      b += d.toString();
    });
    req.on('end', () => {
      hooks.push({ url: req.url ?? '', body: JSON.parse(b) });
      const a = answer(req);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  const port = typeof a === 'object' && a ? a.port : 0;
  return { hooks, server, base: `http://127.0.0.1:${port}` };
}

function memoryLog() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(c, _e, cb) {
      chunks.push(c.toString());
      cb();
    },
  });
  return { log: createLogger('debug', stream), text: () => chunks.join('') };
}

describe('chat connection lost (logout, watchdog reset): fallback webhook, outbox kept', () => {
  const KEY = `key-${randomUUID()}`;
  let app: App;
  let world: MockWorld;
  let hook: Awaited<ReturnType<typeof webhookServer>>;
  const mem = memoryLog();
  const prefix = `duban-t-${randomUUID().slice(0, 8)}`;
  const sent: SentRecord[] = [];

  beforeAll(async () => {
    hook = await webhookServer();
    const config = rosterConfig();
    world = new MockWorld(config);
    world.onSent((s) => sent.push(s));
    app = await buildApp({
      config,
      redisUrl: REDIS_URL,
      queuePrefix: prefix,
      db: { dataDir: 'memory' },
      channel: world.channel,
      dataDir: mkdtempSync(join(tmpdir(), 'duban-logout-')),
      log: mem.log,
      http: false,
      schedule: false,
      outboxLimits: { max: 0, backoffMs: 200 },
      fallback: webhookFallback(`${hook.base}/cgi-bin/webhook/send?key=${KEY}`, mem.log),
    });
    await app.start();
    world.login();
    await waitFor(() => app.channel.isReady(), 15_000);
  });
  afterAll(async () => {
    await app?.stop();
    await obliterate(REDIS_URL, prefix);
    hook?.server.close();
  });

  it('tells the supervision team through the webhook, logs ' +
    'it, keeps the outbox and sends it once after login', async () => {
    await world.puppet.logout();
    await waitFor(() => hook.hooks.length === 1, 10_000);
    expect(hook.hooks[0]?.url).toBe(`/cgi-bin/webhook/send?key=${KEY}`);
    expect(hook.hooks[0]?.body).toEqual({
      msgtype: 'text',
      text: { content: expect.stringContaining('与微信工作群的连接已断开'), mentioned_mobile_list: [] },
    });
    expect(app.channel.isReady()).toBe(false);

    for (let i = 0; i < 5; i++)
      await app.outbox.send({ to: { kind: 'group' }, text: `断线期间${i}`, mentions: [], purpose: `logout-test:${i}` });
    // Not a pause: the worker has reached the queued messages and holds them back while the chat is down.
    await waitFor(async () => (await app.outbox.queue.getRateLimitTtl()) > 0, 10_000);
    expect(sent).toEqual([]);

    world.login();
    await waitFor(() => sent.length === 5, 20_000);
    await waitFor(() => hook.hooks.length === 2, 10_000);
    expect(hook.hooks[1]?.body.text.content).toMatch(/已恢复与微信工作群的连接/);
    await waitFor(() => app.idle(), 10_000);
    expect(sent.map((s) => s.text).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `断线期间${i}`));

    const log = mem.text();
    expect(log).toContain('chat connection lost');
    expect(log).toContain('chat connection back');
    expect(log).not.toContain(KEY);
  }, 60_000);
});

describe('fallback webhook', () => {
  it('sends the WeCom group-robot JSON body', () => {
    expect(JSON.parse(webhookBody('断线', ['13800000000']))).toEqual({
      msgtype: 'text',
      text: { content: '断线', mentioned_mobile_list: ['13800000000'] },
    });
  });

  it('reports a refusal or an unreachable server as false and never logs the URL', async () => {
    const refuse = await webhookServer(() => ({
      status: 200,
      body: '{"errcode":93000,"errmsg":"invalid webhook url"}',
    }));
    const mem = memoryLog();
    try {
      const key = `key-${randomUUID()}`;
      expect(await webhookFallback(`${refuse.base}/send?key=${key}`, mem.log).notify('x')).toBe(false);
      expect(
        await webhookFallback(`http://127.0.0.1:1/send?key=${key}`, mem.log, { timeoutMs: 2_000 }).notify('x'),
      ).toBe(false);
      expect(mem.text()).toContain('fallback webhook refused the notice');
      expect(mem.text()).toContain('fallback webhook unreachable');
      expect(mem.text()).not.toContain(key);
    } finally {
      refuse.server.close();
    }
  });

  it('takes its URL from FALLBACK_WEBHOOK_URL (http/https only)', () => {
    expect(
      readEnv({ FALLBACK_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' })
        .FALLBACK_WEBHOOK_URL,
    ).toContain('key=abc');
    expect(() => readEnv({ FALLBACK_WEBHOOK_URL: 'file:///etc/passwd' })).toThrow(/FALLBACK_WEBHOOK_URL/);
  });
});
