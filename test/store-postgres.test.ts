import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markInboundsProcessed, recordInbounds, recordOutboundMany } from '../src/store/audit.js';
import { type Db, openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { claimStep } from '../src/store/steps.js';

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The same store code on both engines: PGlite (embedded default) and a real PostgreSQL. */
describe.each([
  ['pglite', () => openDb({ dataDir: 'memory' })],
  ['postgres', () => openDb({ databaseUrl: URL, schema: `duban_t_${randomUUID().replace(/-/g, '').slice(0, 10)}` })],
] as const)('store on %s', (kind, open) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    if (kind === 'postgres') {
      const [row] = await db.query<{ s: string }>('select current_schema() as s');
      if (row?.s.startsWith('duban_t_')) await db.query(`drop schema ${row.s} cascade`);
    }
    await db.close();
  });

  it('migrates once and keeps the audit trail idempotent', async () => {
    // A new PGlite store starts from a template that already holds the schema (so its first
    // migrate() may find nothing to do); either way every migration is recorded once.
    await migrate(db);
    expect(
      (await db.query<{ version: string }>('select version from schema_migrations')).map((r) => r.version),
    ).toContain('001_audit.sql');
    expect(await migrate(db)).toEqual([]);
    const m = {
      id: 'm1',
      chat: 'group' as const,
      roomId: 'r@chatroom',
      senderId: 'wxid_a',
      senderName: '甲',
      text: '你好',
      mentionIds: ['wxid_b'],
      sentAt: '2026-11-20T09:00:00.000Z',
      receivedAt: '2026-11-20T09:00:01.000Z',
      file: null,
    };
    expect(await recordInbounds(db, [{ m, knownSender: true }])).toEqual([{ processed: false }]);
    expect(await recordInbounds(db, [{ m, knownSender: true }])).toEqual([{ processed: false }]);
    await markInboundsProcessed(db, [{ id: 'm1', handler: 'help', at: new Date('2026-11-20T09:00:02Z') }]);
    expect(await recordInbounds(db, [{ m, knownSender: true }])).toEqual([{ processed: true }]);
    const [row] = await db.query<{ mentions: string[]; handler: string }>(
      'select mentions, handler from inbound_messages where id = $1',
      ['m1'],
    );
    expect(row).toEqual({ mentions: ['wxid_b'], handler: 'help' });
    const out = { to: { kind: 'group' as const }, text: 't', mentions: [], purpose: 'p' };
    expect(await recordOutboundMany(db, [{ jobId: 'j1', message: out }], new Date())).toEqual(new Set(['j1']));
    expect(await recordOutboundMany(db, [{ jobId: 'j1', message: out }], new Date())).toEqual(new Set());
    expect(await claimStep(db, 'k', 'r', new Date())).toBe(true);
    expect(await claimStep(db, 'k', 'r', new Date())).toBe(false);
  });

  it('rolls back a failed transaction', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into routine_steps (key, routine, taken_at) values ('tx', 'r', now())`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query(`select 1 from routine_steps where key = 'tx'`)).toEqual([]);
  });
});
