/**
 * 三色督办 on the console: each 工单 row and open 调度 panel carries its colour tag (red overdue, blue due on
 * the next working day).
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askLink, consoleServer } from './console-evening.js';
import { rosterConfig } from './helpers.js';
import { Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

describe('工单 page colours', () => {
  let s: Scenario;
  let app: FastifyInstance;
  let html = '';
  let dispatchHtml = '';
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig(), t('2026-11-19', '08:00'));
    await s.play({
      at: t('2026-11-19', '10:00'),
      from: 'wxid_sup_liu',
      to: 'group',
      file: await writeXlsx(join(tempDir(), 'list.xlsx'), [
        HEADER,
        ['R001', '夜市油烟扰民', '', '城管局', '', '', '2026-11-16 09:00', '2026-11-18 18:00', '办理中', '', 0],
        // Reopened, due Monday: on Friday it is blue (the last working day before its deadline).
        ['R002', '学校门口交通拥堵', '', '公安分局', '', '', '2026-11-19 09:00', '2026-11-23 18:00', '办理中', '', 1],
      ]),
    });
    // A dispatch due Monday 17:00: blue on Friday.
    await s.play(
      say(
        t('2026-11-20', '10:00'),
        'wxid_leader_li',
        '@褚局长 建设路夜市油烟扰民，请于11月23日下午5点前拿出整治方案并反馈。',
        {
          mentions: ['wxid_chengguan_chu'],
        },
      ),
    );
    ({ app } = await consoleServer(s));
    const { token } = await askLink(s, 'wxid_leader_li', t('2026-11-20', '16:00'));
    const r = await app.inject({
      method: 'POST',
      url: '/console/login',
      payload: `t=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const cookie = String(r.headers['set-cookie']).split(';')[0] as string;
    html = (await app.inject({ url: '/console/tickets', headers: { cookie } })).body;
    dispatchHtml = (await app.inject({ url: '/console/dispatch', headers: { cookie } })).body;
  });
  afterAll(async () => {
    await app?.close();
    await s?.close();
  });

  it('an overdue ticket is 红色督办, a reopened one due on the next working day 蓝色提醒', () => {
    const r1 = /<tr><td>R001<\/td>.*?<\/tr>/.exec(html)?.[0] ?? '';
    const r2 = /<tr><td>R002<\/td>.*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(r1).toContain('<span class="tag red">红色督办</span>');
    expect(r2).toContain('<span class="tag blue">蓝色提醒</span>');
    expect(html).toContain('.tag.blue{');
  });

  it('an open dispatch due on the next working day carries 蓝色提醒 in its heading', () => {
    const heading = /<h2 style="margin-top:0">D\d+ .*?<\/h2>/.exec(dispatchHtml)?.[0] ?? '';
    expect(heading).toContain('<span class="tag blue">蓝色提醒</span>');
  });
});
