/**
 * 四个必到 after an import through the HTTP API (issue 18 §2): the items the pushed tickets call for are delivered
 * to the units' heads right after the import within working hours, once; pushed at night they wait for the next
 * working morning's visit-check.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { ManualClock } from '../src/domain/clock.js';
import type { OutgoingMessage } from '../src/domain/messages.js';
import { Roster } from '../src/domain/roster.js';
import { registerTicketApi } from '../src/http/tickets-api.js';
import { type Db, openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import type { AppContext } from '../src/usecases/context.js';
import { scanVisits } from '../src/usecases/visits.js';
import { rosterConfig, testLogger } from './helpers.js';

const TOKEN = 'test-token-0123456789abcdef';

describe('四个必到 after an API import', () => {
  let db: Db;
  let app: FastifyInstance;
  let ctx: AppContext;
  const clock = new ManualClock('2026-11-30T10:00:00+08:00');
  const sent: OutgoingMessage[] = [];
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory' });
    await migrate(db);
    const config = rosterConfig();
    ctx = {
      config,
      roster: Roster.fromConfig(config),
      calendar: new WorkCalendar(),
      clock,
      db,
      send: async (m) => {
        sent.push(m);
        return 'x';
      },
      log: testLogger(),
    };
    app = Fastify();
    registerTicketApi(app, { ctx, token: TOKEN });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const post = (body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/tickets',
      payload: body as object,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
  const visits = () => sent.filter((m) => m.text.startsWith('【四个必到】'));

  it('within working hours: delivered to the head right after the import, once', async () => {
    const ticket = {
      number: 'API-V1',
      title: '楼道堆物',
      content: '多次反映无果，要求相关部门上门查看',
      unit: '住建局',
      assignedAt: '2026-11-30 09:00',
      deadline: '2026-12-04 18:00',
      status: '办理中',
    };
    expect((await post([ticket])).statusCode).toBe(200);
    expect(visits().map((m) => [m.to, m.purpose])).toEqual([
      [{ kind: 'person', id: 'wxid_zhujian_zhang' }, 'visit-open:V1:wxid_zhujian_zhang'],
    ]);
    expect(visits()[0]?.text).toContain('工单API-V1（楼道堆物）：群众要求面对面沟通。');
    clock.set('2026-11-30T10:05:00+08:00');
    expect((await post([{ ...ticket, status: '处理中' }])).statusCode).toBe(200);
    expect(visits()).toHaveLength(1);
    const steps = await db.query<{ step: string }>("select step from visit_steps where code = 'V1'");
    expect(steps.map((s) => s.step)).toEqual(['opened']);
  });

  it('at night: nothing sent; the next working morning’s scan delivers it (Friday night → Monday)', async () => {
    clock.set('2026-12-04T20:30:00+08:00');
    const night = {
      number: 'API-V2',
      title: '退役军人优待',
      content: '优待证办理',
      unit: '人社局',
      assignedAt: '2026-12-04 09:00',
      deadline: '2026-12-10 18:00',
      status: '延期申请',
    };
    expect((await post([night])).statusCode).toBe(200);
    expect(visits()).toHaveLength(1);
    clock.set('2026-12-05T09:00:00+08:00');
    expect((await scanVisits(ctx)).delivered).toBe(0);
    clock.set('2026-12-07T09:00:00+08:00');
    const scan = await scanVisits(ctx);
    expect(scan.delivered).toBe(1);
    expect(visits().map((m) => (m.to.kind === 'person' ? m.to.id : ''))).toEqual([
      'wxid_zhujian_zhang',
      'wxid_renshe_wu',
    ]);
    expect(visits()[1]?.text).toContain('已申请延期，问题短期内难以解决');
  });

  it('a deadline moved later is an extension (an item), unless the same import reopened the ticket', async () => {
    clock.set('2026-12-07T10:00:00+08:00');
    const base = {
      title: '路面破损',
      content: '路面坑洼',
      unit: '城管局',
      assignedAt: '2026-12-07 09:00',
      status: '办理中',
    };
    const first = [
      { ...base, number: 'EXT-1', deadline: '2026-12-09 18:00' },
      { ...base, number: 'RE-1', deadline: '2026-12-09 18:00' },
    ];
    expect((await post(first)).statusCode).toBe(200);
    clock.set('2026-12-08T10:00:00+08:00');
    const before = visits().length;
    const second = [
      { ...base, number: 'EXT-1', deadline: '2026-12-16 18:00' },
      { ...base, number: 'RE-1', deadline: '2026-12-16 18:00', reopenCount: 1 },
    ];
    expect((await post(second)).statusCode).toBe(200);
    const fresh = visits().slice(before);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]?.text).toContain('工单EXT-1（路面破损）：办理时限已延长，问题短期内难以解决。');
  });
});
