/**
 * The console's 工单 page agrees with what the chat sent: a ticket the unit reported done was in
 * the 即时督办 list three times, so the page says 即时督办 (3 times), not 未启动; the page title
 * is not 督办控制台 · 督办控制台.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askLink, consoleServer } from './console-evening.js';
import { rosterConfig } from './helpers.js';
import { type Out, run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const CHU = 'wxid_chengguan_chu';

async function login(app: FastifyInstance, token: string): Promise<string> {
  const r = await app.inject({
    method: 'POST',
    url: '/console/login',
    payload: `t=${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return String(r.headers['set-cookie']).split(';')[0] as string;
}

describe.each([
  { name: 'plain', done: 'C088 已办结，已对湖滨路夜市油烟问题集中整治', to: 'group' },
  { name: 'private, no space', done: 'C088已经办结：3家烧烤店加装油烟净化器👍', to: 'bot' },
  { name: 'full-width', done: 'C088 已办结。摊点已清理！', to: 'group' },
])('工单 page after three nag cycles ($name)', (c) => {
  let s: Scenario;
  let app: FastifyInstance;
  let html = '';
  const sent: Out[] = [];
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig(), t('2026-11-19', '08:00'));
    await s.play({
      at: t('2026-11-19', '10:00'),
      from: 'wxid_sup_liu',
      to: 'group',
      file: await writeXlsx(join(tempDir(), 'list.xlsx'), [
        HEADER,
        ['C088', '夜市油烟扰民', '', '城管局', '', '', '2026-11-16 09:00', '2026-11-18 18:00', '办理中', '', 0],
        ['P217', '学校门口交通拥堵', '', '公安分局', '', '', '2026-11-16 09:00', '2026-11-18 18:00', '办理中', '', 0],
      ]),
    });
    await s.play(say(t('2026-11-19', '11:00'), CHU, c.done, c.to === 'bot' ? { to: 'bot' } : {}));
    for (const [day, hhmm] of [
      ['2026-11-19', '15:00'],
      ['2026-11-20', '09:00'],
      ['2026-11-20', '15:00'],
    ] as const)
      sent.push(...(await s.play(run(t(day, hhmm), 'ticket-nag'))));
    ({ app } = await consoleServer(s));
    const { token } = await askLink(s, 'wxid_leader_li', t('2026-11-20', '16:00'));
    const cookie = await login(app, token as string);
    html = (await app.inject({ url: '/console/tickets', headers: { cookie } })).body;
  });
  afterAll(async () => {
    await app?.close();
    await s?.close();
  });

  it('the chat sent C088 in three 即时督办 lists; the page shows 即时督办, 3 times, marked as reported done', () => {
    expect(
      sent.filter((o) => o.to === CHU && o.text.startsWith('【即时督办】') && o.text.includes('C088')),
    ).toHaveLength(3);
    const row = /<tr><td>C088<\/td>.*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(row).toContain('单位已报办结，待平台确认');
    expect(row).toContain('即时督办<br><span class="muted">共3次，最近11月20日15:00</span>');
    expect(row).not.toContain('未启动');
  });

  it('a ticket further up the ladder shows its step and the 即时督办 count', () => {
    const row = /<tr><td>P217<\/td>.*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(row).toMatch(/书面督办<br><span class="muted">11月20日09:00（即时督办\d次）<\/span>/);
  });

  it('the cards count C088 under 即时督办, and titles are not doubled', async () => {
    expect(html).toMatch(/<b>1<\/b><span>即时督办<\/span>/);
    expect(html).toContain('<title>工单 · 督办控制台</title>');
    const login = await app.inject({ url: '/console/login?t=x' });
    expect(login.body).not.toContain('督办控制台 · 督办控制台');
  });
});
