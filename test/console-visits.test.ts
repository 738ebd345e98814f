/**
 * 四个必到 on the console (/console/visits): each unit's owed and recorded visits with their reasons, due days,
 * reminders and records; a unit's head sees their unit only, leaders every unit; the table stacks on a phone.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askLink, consoleServer } from './console-evening.js';
import { rosterConfig } from './helpers.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `2026-${day}T${hhmm}:00+08:00`;
const LEADER = 'wxid_leader_li';
const ZHANG = 'wxid_zhujian_zhang';

async function login(s: Scenario, app: FastifyInstance, who: string, at: string): Promise<string> {
  const { token } = await askLink(s, who, at);
  const r = await app.inject({
    method: 'POST',
    url: '/console/login',
    payload: `t=${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return String(r.headers['set-cookie']).split(';')[0] as string;
}

/** The row of an item (its code is the row's id). */
const rowOf = (html: string, code: string) => new RegExp(`<tr id="${code}">.*?</tr>`).exec(html)?.[0] ?? '';

describe('领导走访 page on the console', () => {
  let s: Scenario;
  let app: FastifyInstance;
  let leader = '';
  let head = '';
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig(), t('11-30', '08:00'));
    await s.play({
      at: t('11-30', '10:00'),
      from: 'wxid_sup_liu',
      to: 'bot',
      file: await writeXlsx(join(tempDir(), '工单.xlsx'), [
        HEADER,
        [
          'V-T1',
          '楼顶漏水',
          '希望住建局领导上门查看',
          '区住建局',
          '',
          '',
          '2026-11-30 09:00',
          '2026-12-04 18:00',
          '办理中',
          '',
          0,
        ],
        [
          'V-T2',
          '学校周边施工噪音',
          '施工噪音',
          '区教育局',
          '',
          '',
          '2026-11-20 09:00',
          '2026-12-04 18:00',
          '办理中',
          '',
          2,
        ],
        ['V-T3', '社保补缴', '政策咨询', '人社局', '', '', '2026-11-30 09:00', '2026-12-04 18:00', '延期申请', '', 0],
      ]),
    });
    await s.play(say(t('12-01', '10:00'), ZHANG, 'V1 已上门 张局长 已与群众达成整改协议'));
    await s.play(run(t('12-04', '09:00'), 'visit-check'), run(t('12-08', '09:00'), 'visit-check'));
    ({ app } = await consoleServer(s));
    leader = await login(s, app, LEADER, t('12-08', '10:00'));
    head = await login(s, app, ZHANG, t('12-08', '10:05'));
  });
  afterAll(async () => {
    await app?.close();
    await s?.close();
  });

  it('a leader sees every unit: owed, past due and sent to the supervision team, and the recorded one', async () => {
    const r = await app.inject({ url: '/console/visits', headers: { cookie: leader } });
    expect(r.statusCode).toBe(200);
    const html = r.body;
    expect(html).toContain('领导走访（四个必到） · 全区');
    const cards = /<div class="cards" id="visit-cards">.*?<\/div><\/div>/.exec(html)?.[0] ?? '';
    expect(cards).toContain('<b>2</b><span>待走访</span>');
    expect(cards).toContain('<div class="card bad"><b>2</b><span>逾期未走访</span>');
    expect(cards).toContain('<b>1</b><span>近30天已走访</span>');
    const v1 = rowOf(html, 'V1');
    expect(v1).toContain('V-T1');
    expect(v1).toContain('群众要求面对面沟通');
    expect(v1).toContain('<span class="tag green">已走访</span>');
    expect(v1).toContain('12月1日 张局长：已与群众达成整改协议');
    const v2 = rowOf(html, 'V2');
    expect(v2).toContain('已重办2次');
    expect(v2).toContain('12月7日（星期一）');
    expect(v2).toContain('<span class="tag red">已逾期</span><span class="tag red">已报督导专班</span>');
    expect(rowOf(html, 'V3')).toContain('已申请延期，问题短期内难以解决');
    // The units owing past-due visits come before the one that owes none.
    expect(html.indexOf('data-unit="zhujian"')).toBeGreaterThan(html.indexOf('data-unit="jiaoyu"'));
    // Phone width: the table stacks, each cell labelled.
    expect(v2).toContain('<td data-label="情况">');
    expect(html).toContain('<table class="stack">');
  });

  it("a unit's head sees their own unit only; another unit's list is refused", async () => {
    const own = await app.inject({ url: '/console/visits', headers: { cookie: head } });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('领导走访（四个必到） · 区住房和城乡建设局');
    expect(rowOf(own.body, 'V1')).toContain('V-T1');
    expect(own.body).not.toContain('V-T2');
    const other = await app.inject({ url: '/console/visits?unit=jiaoyu', headers: { cookie: head } });
    expect(other.statusCode).toBe(403);
    expect((await app.inject({ url: '/console/visits' })).statusCode).toBe(302);
  });

  it('the 工单 page and the unit page lead to it', async () => {
    const tickets = await app.inject({ url: '/console/tickets', headers: { cookie: leader } });
    expect(tickets.body).toContain('<a href="/console/visits">领导走访（四个必到）</a>');
    const unit = await app.inject({ url: '/console/unit/jiaoyu', headers: { cookie: leader } });
    expect(unit.body).toContain('领导走访（四个必到）：待走访1件，其中逾期1件');
    expect(unit.body).toContain('href="/console/visits?unit=jiaoyu"');
    const filtered = await app.inject({ url: '/console/visits?unit=jiaoyu', headers: { cookie: leader } });
    expect(filtered.body).toContain('<a href="/console/visits">全部单位</a>');
    expect(filtered.body).not.toContain('V-T1');
  });
});
