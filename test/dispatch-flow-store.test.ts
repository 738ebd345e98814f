import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../src/store/db.js';
import {
  addPendingReply,
  claimEscalation,
  claimTargetStep,
  createDispatch,
  dispatchByCode,
  dispatchEvents,
  dispatchesForUnit,
  hasOpenDispatch,
  latestPendingReply,
  markDelivered,
  openDispatches,
  recordAck,
  recordAnswer,
  resolvePendingReply,
} from '../src/store/dispatches.js';
import { migrate } from '../src/store/migrate.js';

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const at = (s: string) => new Date(s);

/** The dispatch store on both engines: PGlite (embedded default) and a real PostgreSQL. */
describe.each([
  ['pglite', () => openDb({ dataDir: 'memory' })],
  ['postgres', () => openDb({ databaseUrl: URL, schema: `duban_t_${randomUUID().replace(/-/g, '').slice(0, 10)}` })],
] as const)('dispatch store on %s', (kind, open) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
    await migrate(db);
  });
  afterAll(async () => {
    if (kind === 'postgres') {
      const [row] = await db.query<{ s: string }>('select current_schema() as s');
      if (row?.s.startsWith('duban_t_')) await db.query(`drop schema ${row.s} cascade`);
    }
    await db.close();
  });

  const base = {
    leaderId: 'wxid_leader_li',
    chat: 'group' as const,
    text: '@张局长 @尤主任 请三个工作日内处置',
    urgent: false,
    deadline: '2026-11-24T18:00:00+08:00',
    deadlineGiven: true,
    createdAt: at('2026-11-19T19:30:00+08:00'),
    unitIds: ['zhujian', 'hubin'],
  };

  it('makes one dispatch per message, with codes from a sequence', async () => {
    const a = await createDispatch(db, { ...base, sourceMessageId: 'm1' });
    const again = await createDispatch(db, { ...base, sourceMessageId: 'm1' });
    const b = await createDispatch(db, { ...base, sourceMessageId: 'm2', unitIds: ['zhujian'] });
    expect(a.created).toBe(true);
    expect(again).toMatchObject({ created: false, dispatch: { code: a.dispatch.code } });
    expect(a.dispatch.code).toBe('D1');
    expect(b.dispatch.code).toBe('D2');
    expect(a.dispatch.targets.map((t) => t.unitId)).toEqual(['zhujian', 'hubin']);
    expect(a.dispatch.deadline.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('records delivery, acknowledgement and answers; answered once every unit answered', async () => {
    const d = (await dispatchByCode(db, 'd1'))!;
    await markDelivered(db, d.id, 'zhujian', at('2026-11-19T19:30:00+08:00'), ['wxid_zhujian_zhang']);
    await markDelivered(db, d.id, 'zhujian', at('2026-11-19T19:31:00+08:00'), ['wxid_zhujian_zhang']);
    await recordAck(db, d.id, 'zhujian', 'wxid_zhujian_zhang', at('2026-11-19T19:50:00+08:00'), 'm3', '收到');
    expect(
      await recordAnswer(db, d.id, 'zhujian', 'wxid_zhujian_xu', at('2026-11-23T10:00:00+08:00'), 'm4', '已处置'),
    ).toBe(false);
    expect(
      await recordAnswer(db, d.id, 'hubin', 'wxid_hubin_you', at('2026-11-25T10:00:00+08:00'), 'm5', '已处置'),
    ).toBe(true);
    const after = (await dispatchByCode(db, 'D1'))!;
    expect(after.status).toBe('answered');
    expect(after.targets[0]).toMatchObject({ ackedBy: 'wxid_zhujian_zhang', answeredBy: 'wxid_zhujian_xu' });
    expect(after.targets[1]).toMatchObject({ ackedBy: 'wxid_hubin_you', answeredBy: 'wxid_hubin_you' });
    expect((await openDispatches(db)).map((x) => x.code)).toEqual(['D2']);
    expect((await dispatchesForUnit(db, 'zhujian')).map((x) => x.code)).toEqual(['D2']);
    expect((await dispatchesForUnit(db, 'zhujian', ['D1'])).map((x) => x.code)).toEqual(['D1', 'D2']);
    const ev = await dispatchEvents(db, d.id);
    expect(ev.map((e) => e.kind)).toEqual(['created', 'delivered', 'ack', 'answer', 'answer']);
    expect(ev[1]?.detail).toEqual({ to: ['wxid_zhujian_zhang'] });
  });

  it('takes each follow-up step once', async () => {
    const d = (await dispatchByCode(db, 'D2'))!;
    const now = at('2026-11-20T08:30:00+08:00');
    expect(await claimTargetStep(db, d.id, 'zhujian', 'ack-reminder', now)).toBe(true);
    expect(await claimTargetStep(db, d.id, 'zhujian', 'ack-reminder', now)).toBe(false);
    expect(await claimEscalation(db, d.id, now)).toBe(true);
    expect(await claimEscalation(db, d.id, now)).toBe(false);
  });

  it('keeps a reply waiting for its code until resolved', async () => {
    await addPendingReply(db, {
      unitId: 'chengxi',
      senderId: 'wxid_chengxi_qin',
      messageId: 'm9',
      kind: 'answer',
      text: '已处置',
      codes: ['D3', 'D4'],
      at: at('2026-12-01T19:40:00+08:00'),
    });
    const p = (await latestPendingReply(db, 'chengxi'))!;
    expect(p).toMatchObject({ kind: 'answer', codes: ['D3', 'D4'], messageId: 'm9' });
    expect(await resolvePendingReply(db, p.id, 'D4', at('2026-12-01T19:41:00+08:00'))).toBe(true);
    expect(await resolvePendingReply(db, p.id, 'D4', at('2026-12-01T19:41:00+08:00'))).toBe(false);
    expect(await latestPendingReply(db, 'chengxi')).toBeUndefined();
  });

  it(
    'answers "has this unit a dispatch open?" for many ' + 'units in one query, as the open-dispatch read would',
    async () => {
      let queries = 0;
      const counted = { query: ((sql: string, params?: never) => (queries++, db.query(sql, params))) as Db['query'] };
      const units = ['zhujian', 'hubin', 'chengxi', 'nobody'];
      const open = await Promise.all(units.map((u) => hasOpenDispatch(counted, u)));
      expect(queries).toBe(1);
      const expected = await Promise.all(units.map(async (u) => (await dispatchesForUnit(db, u)).length > 0));
      expect(open).toEqual(expected);
      expect(open).toContain(true);
      expect(open).toContain(false);
    },
  );
});
