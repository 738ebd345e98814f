/**
 * The 调度 page shows the 双派单 rounds from the store (no provider passed in): a ticket imported
 * as 不满意 makes a round through the real pipeline; the leader sees it with each side's state and
 * the timeline, the heads of its two sides see it, another unit's head does not.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askLink, consoleServer, LEADER } from './console-evening.js';
import { rosterConfig } from './helpers.js';
import { Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const MON = '2026-11-16';
const ZJ = 'wxid_zhujian_zhang';
const CD = 'wxid_chengdong_zhu';
const JY = 'wxid_jiaoyu_sun';

async function login(app: FastifyInstance, s: Scenario, who: string, at: string): Promise<string> {
  const { token } = await askLink(s, who, at);
  const r = await app.inject({
    method: 'POST',
    url: '/console/login',
    payload: `t=${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(r.statusCode).toBe(303);
  return String(r.headers['set-cookie']).split(';')[0] as string;
}

describe('调度 page: 双派单 rounds from the store', () => {
  let s: Scenario;
  let app: FastifyInstance;
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig());
    ({ app } = await consoleServer(s));
  });
  afterAll(async () => {
    await app?.close();
    await s?.close();
  });

  it('no round yet: the section says so', async () => {
    const cookie = await login(app, s, LEADER, t(MON, '09:00'));
    const body = (await app.inject({ url: '/console/dispatch', headers: { cookie } })).body;
    expect(body).toContain('<h2>双派单</h2>');
    expect(body).toContain('没有进行中的双派单。');
  });

  it(
    'a ticket imported as 不满意 → its round on the page: ' + 'sides, states, timeline; scoped for unit heads',
    async () => {
      const file = await writeXlsx(join(tempDir(), 'a.xlsx'), [
        HEADER,
        [
          'S001',
          '小区路灯不亮',
          '小区路灯不亮，请尽快处理',
          '区住建局',
          '城东街道',
          '东一网格',
          '2026-11-10 09:00',
          '',
          '已回访',
          '不满意',
          0,
        ],
      ]);
      await s.play({ at: t(MON, '10:00'), from: 'wxid_sup_liu', file, to: 'group' });
      await s.play(say(t(MON, '11:00'), ZJ, 'SP1 签收'));
      await s.play(say(t('2026-11-17', '16:00'), ZJ, 'SP1 已组织维修，路灯已恢复照明', { to: 'bot' }));

      const leader = await login(app, s, LEADER, t('2026-11-17', '17:00'));
      const body = (await app.inject({ url: '/console/dispatch', headers: { cookie: leader } })).body;
      expect(body).not.toContain('没有进行中的双派单。');
      expect(body).toContain('SP1 工单 S001');
      expect(body).toContain('<p>小区路灯不亮</p>');
      expect(body).toMatch(
        // check-lines: long regex
        /区住房和城乡建设局<\/td><td data-label="一方">承办单位<\/td><td data-label="状态" style="text-align:left">已答复<\/td>/,
      );
      expect(body).toMatch(
        /城东街道<\/td><td data-label="一方">属地镇街<\/td><td data-label="状态" style="text-align:left">未签收<\/td>/,
      );
      expect(body).toContain('双派单生成：群众不满意，第1轮，时限11月18日18:00');
      expect(body).toContain('区住房和城乡建设局（承办单位）签收（张局长）');
      expect(body).toContain('区住房和城乡建设局（承办单位）答复（张局长）：已组织维修，路灯已恢复照明');

      for (const [who, sees] of [
        [CD, true],
        [ZJ, true],
        [JY, false],
      ] as const) {
        const cookie = await login(app, s, who, t('2026-11-17', '17:10'));
        const page = (await app.inject({ url: '/console/dispatch', headers: { cookie } })).body;
        expect(page.includes('SP1 工单 S001'), who).toBe(sees);
      }
    },
  );
});
