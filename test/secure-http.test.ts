/**
 * Issue 14 item 8 (HTTP): rows the database cannot store are rejected one by one (no 500, no raw
 * database error, the other rows kept); the API token is checked before the body is read; the
 * bearer check compares hashes; the console answers only to its own host names (DNS
 * rebinding), an invalid Origin is a 4xx; the unit 404 page has the security headers.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { ManualClock } from '../src/domain/clock.js';
import { Roster } from '../src/domain/roster.js';
import { registerConsole } from '../src/http/console/index.js';
import { createMetrics } from '../src/http/metrics.js';
import { bearerOk, buildHttp } from '../src/http/server.js';
import { registerTicketApi } from '../src/http/tickets-api.js';
import { issueToken } from '../src/store/console.js';
import { type Db, openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { getTicket } from '../src/store/tickets.js';
import type { AppContext } from '../src/usecases/context.js';
import { rosterConfig, testLogger } from './helpers.js';

const TOKEN = 'api-token-0123456789abcdef';

describe('HTTP hardening', () => {
  let db: Db;
  let app: FastifyInstance;
  let ctx: AppContext;
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory' });
    await migrate(db);
    const base = rosterConfig();
    const config = {
      ...base,
      console: { ...base.console, publicUrl: 'https://duban.example.gov.cn', allowedHosts: ['bot.lan'] },
    };
    ctx = {
      config,
      roster: Roster.fromConfig(config),
      calendar: new WorkCalendar(),
      clock: new ManualClock('2026-11-20T10:00:00+08:00'),
      db,
      send: async () => 'x',
      log: testLogger(),
    };
    app = buildHttp({
      metrics: createMetrics(),
      health: async () => ({ ok: true, redis: true, database: true, chat: 'ready' }),
      refreshMetrics: async () => undefined,
      log: testLogger(),
      register: (f) => {
        registerTicketApi(f, { ctx, token: TOKEN, bodyLimit: 256 * 1024 });
        registerConsole(f, ctx);
      },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const post = (payload: string, auth: string | null = `Bearer ${TOKEN}`) =>
    app.inject({
      method: 'POST',
      url: '/api/tickets',
      payload,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    });

  it(
    'a NUL or a lone surrogate rejects its own row only: ' + 'no 500, no database error, the other rows imported',
    async () => {
      // Escapes as a pushing platform would send them (JSON allows both).
      const body = `[
      {"number":"N1","unit":"住建局","assignedAt":"2026-11-18 09:00","title":"路灯不亮"},
      {"number":"N2","unit":"住建局","assignedAt":"2026-11-18 09:00","title":"坏\\u0000字"},
      {"number":"N3","unit":"城管局","assignedAt":"2026-11-18 09:00","content":"半个\\ud83d字"},
      {"number":"N4","unit":"城管局","assignedAt":"2026-11-18 09:00","title":"表情😀正常"}
    ]`;
      const r = await post(body);
      expect(r.statusCode).toBe(200);
      expect(r.body).not.toMatch(/invalid byte sequence|0x00|postgres|syntax/i);
      const j = r.json();
      expect([j.created, j.rejected]).toEqual([2, 2]);
      expect(j.rejectedRows.map((x: { row: number; number: string }) => [x.row, x.number])).toEqual([
        [2, 'N2'],
        [3, 'N3'],
      ]);
      expect(j.rejectedRows[0].reason).toContain('无法保存的字符');
      expect((await getTicket(db, 'N1'))?.title).toBe('路灯不亮');
      expect((await getTicket(db, 'N4'))?.title).toBe('表情😀正常');
      expect(await getTicket(db, 'N2')).toBeUndefined();
    },
  );

  it('checks the token before reading the body: a wrong or missing token gets 401 whatever the body', async () => {
    const junk = `[${'{'.repeat(100_000)}`;
    expect((await post(junk, 'Bearer wrong-token-0123456789abcdef')).statusCode).toBe(401);
    expect((await post(junk, null)).statusCode).toBe(401);
    const huge = 'x'.repeat(1024 * 1024);
    expect((await post(huge, null)).statusCode).toBe(401);
    // With the token, the same bodies are a 400 and a 413.
    expect((await post(junk)).statusCode).toBe(400);
    expect((await post(huge)).statusCode).toBe(413);
  });

  it('the bearer check: exact token only (prefix, longer, other scheme refused)', () => {
    const req = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as never;
    expect(bearerOk(req(`Bearer ${TOKEN}`), TOKEN)).toBe(true);
    for (const bad of [`Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}0`, `Basic ${TOKEN}`, 'Bearer ', undefined])
      expect(bearerOk(req(bad), TOKEN)).toBe(false);
    expect(bearerOk(req(`Bearer ${TOKEN}`), undefined)).toBe(false);
  });

  it(
    'the console answers only under its own host names ' + '(DNS rebinding), loopback and the configured ones',
    async () => {
      for (const host of [
        'evil.example',
        'evil.example:8787',
        '10.0.0.9.nip.io',
        'duban.example.gov.cn.evil.example',
      ]) {
        const r = await app.inject({ url: '/console/need-login', headers: { host } });
        expect(r.statusCode).toBe(421);
        expect(r.body).not.toContain('登录');
      }
      for (const host of ['duban.example.gov.cn', '127.0.0.1:8787', 'localhost:8787', 'BOT.LAN:8787', '[::1]:8787']) {
        expect((await app.inject({ url: '/console/need-login', headers: { host } })).statusCode).toBe(401);
      }
      // The health check is not the console's: any host (a container's health probe).
      expect((await app.inject({ url: '/healthz', headers: { host: 'bot:8787' } })).statusCode).toBe(200);
    },
  );

  it('an Origin that is not a URL is a 403, never a 500', async () => {
    for (const origin of ['http://[bad', 'not a url', '::::']) {
      const r = await app.inject({
        method: 'POST',
        url: '/console/login',
        payload: 't=abcdefghijklmnopqrstuvwxyz',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin, host: '127.0.0.1:8787' },
      });
      expect(r.statusCode).toBe(403);
    }
  });

  it('the unit 404 page has the security headers', async () => {
    const token = await issueToken(db, 'session', 'wxid_leader_li', ctx.clock.now(), 3_600_000);
    const r = await app.inject({
      url: '/console/unit/no-such-unit',
      headers: { cookie: `duban_console=${token}`, host: '127.0.0.1:8787' },
    });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
  });
});
