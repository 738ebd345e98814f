import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketInput } from '../src/domain/tickets/row.js';
import { markInboundsProcessed, recordInbounds, recordOutboundMany } from '../src/store/audit.js';
import { type Db, openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { claimStep } from '../src/store/steps.js';
import { openTicketsRedByHistory } from '../src/store/tickets.js';
import { upsertTickets } from '../src/usecases/ticket-changes.js';

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

  it('三色督办: counts each open ticket’s extensions and 不满意 from its history, set-based', async () => {
    const d = (iso: string) => new Date(`${iso}+08:00`);
    const ticket = (number: string, due: string, o: Partial<TicketInput> = {}): TicketInput => ({
      ...{ number, title: number, content: '', unitId: 'zhujian', street: null, grid: null },
      ...{ assignedAt: d('2026-11-16T09:00:00'), deadlineAt: d(due), dueAt: d(due), status: '办理中', done: false },
      ...{ rating: null, reopenCount: 0 },
      ...o,
    });
    // Three imports: E1 extended twice; U1 first seen 不满意, re-rated 不满意; R1 moved later by a reopen (no 延期);
    // D1 extended twice but done (not open).
    const imports: TicketInput[][] = [
      [
        ticket('E1', '2026-11-18T18:00:00'),
        ticket('U1', '2026-11-27T18:00:00', { rating: '不满意', reopenCount: 1 }),
        ticket('R1', '2026-11-18T18:00:00'),
        ticket('D1', '2026-11-18T18:00:00'),
      ],
      [
        ticket('E1', '2026-11-20T18:00:00'),
        ticket('U1', '2026-11-27T18:00:00', { reopenCount: 1 }),
        ticket('R1', '2026-11-25T18:00:00', { reopenCount: 1 }),
        ticket('D1', '2026-11-20T18:00:00'),
      ],
      [
        ticket('E1', '2026-11-25T18:00:00'),
        ticket('U1', '2026-11-27T18:00:00', { rating: '不满意', reopenCount: 2 }),
        ticket('R1', '2026-11-25T18:00:00', { reopenCount: 1 }),
        ticket('D1', '2026-11-25T18:00:00', { status: '已办结', done: true }),
      ],
    ];
    for (const [k, batch] of imports.entries()) await upsertTickets(db, batch, 'test', d(`2026-11-1${6 + k}T10:00:00`));
    const red = await openTicketsRedByHistory(db, { extensions: 2, unsatisfied: 2 });
    expect([...red.entries()].sort()).toEqual([
      ['E1', { extensions: 2, unsatisfied: 0 }],
      ['U1', { extensions: 0, unsatisfied: 2 }],
    ]);
    const all = await openTicketsRedByHistory(db, { extensions: 1, unsatisfied: 1 });
    expect(all.has('R1')).toBe(false);
    expect(all.has('D1')).toBe(false);
  });
});
