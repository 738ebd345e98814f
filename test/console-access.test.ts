import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/store/console.js';
import { askLink, consoleServer, DISCIPLINE, HEAD_ZHUJIAN, LEADER, replayEvening, t } from './console-evening.js';
import type { Scenario } from './scenario.js';

async function login(app: FastifyInstance, token: string): Promise<string> {
  const r = await app.inject({
    method: 'POST',
    url: '/console/login',
    payload: `t=${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(r.statusCode).toBe(303);
  const c = String(r.headers['set-cookie']);
  expect(c).toMatch(/HttpOnly/);
  expect(c).toMatch(/SameSite=Strict/);
  return c.split(';')[0] as string;
}

describe('console access: links from the bot, sessions, scopes', () => {
  let s: Scenario;
  let app: FastifyInstance;
  beforeAll(async () => {
    s = await replayEvening();
    ({ app } = await consoleServer(s));
  });
  afterAll(async () => {
    await app?.close();
    await s?.close();
  });

  it('no page without a session: redirect to the zh-CN "how to log in" page', async () => {
    for (const url of [
      '/console/',
      '/console/tickets',
      '/console/dispatch',
      '/console/ranking',
      '/console/unit/zhujian',
    ]) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(302);
      expect(r.headers.location).toBe('/console/need-login');
    }
    const r = await app.inject({ url: '/console/need-login' });
    expect(r.body).toContain('请私聊督办助手发送“控制台”获取登录链接');
    expect((await app.inject({ url: '/sim' })).statusCode).toBe(404);
  });

  it('控制台 privately: a link in a private reply; only its hash is stored; single use', async () => {
    const { text, token } = await askLink(s, LEADER, t('19:00'));
    expect(text).toContain('http://127.0.0.1:8787/console/login?t=');
    expect(text).toContain('30分钟内有效');
    expect(token).toBeDefined();
    const rows = await s.h.app.db.query<{ token_hash: string; person_id: string }>(
      "select token_hash, person_id from console_tokens where kind = 'link'",
    );
    expect(rows.some((r) => r.token_hash === hashToken(token as string) && r.person_id === LEADER)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(token as string);
    // The GET (what a chat's link preview fetches) does not spend the link.
    expect((await app.inject({ url: `/console/login?t=${token}` })).body).toContain('进入控制台');
    const cookie = await login(app, token as string);
    const again = await app.inject({
      method: 'POST',
      url: '/console/login',
      payload: `t=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('无效或已过期');
    const today = await app.inject({ url: '/console/', headers: { cookie } });
    expect(today.statusCode).toBe(200);
    expect(today.body).toContain('区交通运输局');
    expect((await app.inject({ url: '/console/ranking', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/console/unit/jiaoyu', headers: { cookie } })).statusCode).toBe(200);
  });

  it('an expired link does not open a session', async () => {
    const { token } = await askLink(s, LEADER, t('19:05'));
    s.clock.set(t('19:36'));
    const r = await app.inject({
      method: 'POST',
      url: '/console/login',
      payload: `t=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.statusCode).toBe(400);
  });

  it('a head sees only their unit: 403 on another unit, on the ranking; filtered lists', async () => {
    const { text, token } = await askLink(s, HEAD_ZHUJIAN, t('19:40'));
    expect(text).toContain('区住房和城乡建设局的日报');
    const cookie = await login(app, token as string);
    expect((await app.inject({ url: '/console/unit/zhujian', headers: { cookie } })).statusCode).toBe(200);
    const other = await app.inject({ url: '/console/unit/jiaoyu', headers: { cookie } });
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('仅可查看本单位');
    expect((await app.inject({ url: '/console/ranking', headers: { cookie } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/console/tickets?unit=chengguan', headers: { cookie } })).statusCode).toBe(403);
    const today = await app.inject({ url: '/console/', headers: { cookie } });
    expect(today.body).toContain('区住房和城乡建设局');
    expect(today.body).not.toContain('区交通运输局');
    const tickets = await app.inject({ url: '/console/tickets', headers: { cookie } });
    expect(tickets.body).toContain('N001');
    expect(tickets.body).not.toContain('N003');
    const dispatch = await app.inject({ url: '/console/dispatch', headers: { cookie } });
    expect(dispatch.body).not.toContain('建设路夜市');
  });

  it('someone with no console role gets a polite refusal and no link; logout ends the session', async () => {
    const { text, token } = await askLink(s, DISCIPLINE, t('19:45'));
    expect(token).toBeUndefined();
    expect(text).toContain('控制台仅向');
    const { token: lt } = await askLink(s, LEADER, t('19:46'));
    const cookie = await login(app, lt as string);
    await app.inject({ url: '/console/logout', headers: { cookie } });
    expect((await app.inject({ url: '/console/', headers: { cookie } })).statusCode).toBe(302);
  });

  it('a login form posted from another site is refused', async () => {
    const { token } = await askLink(s, LEADER, t('19:50'));
    const r = await app.inject({
      method: 'POST',
      url: '/console/login',
      payload: `t=${token}`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://evil.example',
        host: '127.0.0.1:8787',
      },
    });
    expect(r.statusCode).toBe(403);
  });
});

describe('console wiring in the app (production mode: no simulator)', () => {
  it("the bot's HTTP server serves the console and ECharts locally, and has no /sim route", async () => {
    const { startHarness } = await import('../src/sim/harness.js');
    const { REDIS_URL, rosterConfig, testLogger } = await import('./helpers.js');
    const h = await startHarness({
      config: rosterConfig(),
      redisUrl: REDIS_URL,
      log: testLogger(),
      http: { host: '127.0.0.1', port: 0 },
    });
    try {
      const http = h.app.http;
      expect(http).toBeDefined();
      const need = await http?.inject({ url: '/console/' });
      expect(need?.statusCode).toBe(302);
      const js = await http?.inject({ url: '/console/assets/echarts.min.js' });
      expect(js?.statusCode).toBe(200);
      expect(Number(js?.headers['content-length'] ?? js?.body.length)).toBeGreaterThan(500_000);
      expect((await http?.inject({ url: '/sim' }))?.statusCode).toBe(404);
      expect((await http?.inject({ method: 'POST', url: '/sim/say', payload: {} }))?.statusCode).toBe(404);
      expect((await http?.inject({ url: '/healthz' }))?.statusCode).toBeLessThan(600);
    } finally {
      await h.close();
    }
  });
});
