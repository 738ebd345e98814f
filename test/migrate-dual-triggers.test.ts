import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffTicket } from '../src/domain/tickets/diff.js';
import type { TicketInput } from '../src/domain/tickets/row.js';
import { type Db, openDb } from '../src/store/db.js';
import { MIGRATIONS_DIR, migrate } from '../src/store/migrate.js';
import { insertTicketEvents, ticketsByNumbers } from '../src/store/tickets.js';
import { upsertTickets } from '../src/usecases/ticket-changes.js';

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const schemaName = () => `duban_t_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const ALL = readdirSync(MIGRATIONS_DIR)
  .filter((f) => /^\d{3}_.*\.sql$/.test(f))
  .sort();
const BEFORE = ALL.filter((f) => f < '012');

/** The migration runner as it was before issue 16: each file split on semicolons at line ends. */
async function oldMigrate(db: Db, files: readonly string[]): Promise<void> {
  await db.exec(
    'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null ' +
      'default now())',
  );
  for (const f of files) {
    const sql = readFileSync(join(MIGRATIONS_DIR, f), 'utf8');
    const stmts = sql
      .split(/;\s*(?:\n|$)/)
      .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
      .filter((s) => s.length > 0);
    await db.transaction(async (tx) => {
      for (const s of stmts) await tx.query(s);
      await tx.query('insert into schema_migrations (version) values ($1)', [f]);
    });
  }
}

/** The ticket upsert as it was before issue 16 (the 双派单 triggers then made by the database trigger of 005). */
async function oldUpsert(db: Db, batch: readonly TicketInput[], source: string, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const stored = await ticketsByNumbers(tx, [...new Set(batch.map((t) => t.number))]);
    const writes = new Map<string, { ticket: TicketInput; reopened: boolean }>();
    const events: Array<{ ticketNumber: string; kind: string; detail: Record<string, unknown> }> = [];
    for (const t of batch) {
      const diff = diffTicket(stored.get(t.number), t);
      if (diff.outcome === 'unchanged') continue;
      writes.set(t.number, {
        ticket: t,
        reopened: diff.events.some((e) => e.kind === 'reopened') || (diff.outcome === 'new' && t.reopenCount > 0),
      });
      for (const e of diff.events) events.push({ ticketNumber: t.number, kind: e.kind, detail: e.detail });
      stored.set(t.number, t);
    }
    // The tickets table as it was then (no category / address: migration 017 came later).
    for (const { ticket: t, reopened } of writes.values())
      await tx.query(
        `insert into tickets (number, title, content, unit_id, street, grid, assigned_at, deadline_at, due_at, status,
           done, rating, reopen_count, reopened_at, first_seen_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
         on conflict (number) do update set status = excluded.status, done = excluded.done, rating = excluded.rating,
           reopen_count = excluded.reopen_count, due_at = excluded.due_at, deadline_at = excluded.deadline_at,
           unit_id = excluded.unit_id, reopened_at = coalesce(excluded.reopened_at, tickets.reopened_at),
           updated_at = excluded.updated_at`,
        [
          t.number,
          t.title,
          t.content,
          t.unitId,
          t.street ?? null,
          t.grid ?? null,
          t.assignedAt ?? null,
          t.deadlineAt ?? null,
          t.dueAt,
          t.status,
          t.done,
          t.rating ?? null,
          t.reopenCount,
          reopened ? at : null,
          at,
        ],
      );
    await insertTicketEvents(tx, events, at, source);
  });
}

const hasOldTrigger = async (db: Db) =>
  (
    await db.query<{ n: number }>(
      `select count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on ` +
        `n.oid = c.relnamespace
       where t.tgname = 'ticket_events_dual' and n.nspname = current_schema()`,
    )
  )[0]?.n === 1;

const triggers = (db: Db) =>
  db.query<{ event_id: string; ticket_number: string; reason: string; at: Date; kind: string }>(
    `select g.event_id::text as event_id, g.ticket_number, g.reason, g.at, e.kind from dual_triggers g join ` +
      `ticket_events e on e.id = g.event_id order by g.event_id, g.reason`,
  );

const base: TicketInput = {
  number: 'T1',
  title: '路灯',
  content: '路灯不亮',
  unitId: 'zhujian',
  street: '城东街道',
  grid: null,
  assignedAt: new Date('2026-11-10T01:00:00Z'),
  deadlineAt: null,
  dueAt: new Date('2026-11-13T10:00:00Z'),
  status: '办理中',
  done: false,
  rating: null,
  reopenCount: 0,
};
const tk = (number: string, p: Partial<TicketInput> = {}): TicketInput => ({ ...base, number, ...p });

/**
 * Imports in order: new tickets, the same again (re-import), changes, one number twice in a batch, a rating back to
 * 不满意.
 */
const STEPS: TicketInput[][] = [
  [
    tk('A', { rating: '满意' }),
    tk('B', { rating: '不满意' }),
    tk('C', { reopenCount: 1 }),
    tk('D', { rating: '不满意', reopenCount: 2 }),
    tk('E'),
  ],
  [
    tk('A', { rating: '满意' }),
    tk('B', { rating: '不满意' }),
    tk('C', { reopenCount: 1 }),
    tk('D', { rating: '不满意', reopenCount: 2 }),
    tk('E'),
  ],
  [
    tk('A', { rating: '不满意' }),
    tk('B', { rating: '不满意', status: '已办结', done: true }),
    tk('C', { reopenCount: 2 }),
    tk('D', { rating: '不满意', reopenCount: 1 }),
    tk('E', { rating: '基本满意' }),
  ],
  [
    tk('F', { rating: '满意' }),
    tk('F', { rating: '不满意' }),
    tk('G', { reopenCount: 1 }),
    tk('G', { reopenCount: 1, rating: '满意' }),
  ],
  [tk('B', { rating: '满意', status: '已办结', done: true })],
  [tk('B', { rating: '不满意', status: '已办结', done: true })],
  [tk('B', { rating: '不满意', status: '已办结', done: true })],
];

describe.each([
  [
    'pglite',
    async () => {
      const db = await openDb({ dataDir: 'memory' });
      const s = schemaName();
      await db.exec(`create schema ${s}; set search_path to ${s}`);
      return db;
    },
  ],
  ['postgres', () => openDb({ databaseUrl: URL, schema: schemaName() })],
] as const)('migrations as whole files and 双派单 triggers in code, on %s', (kind, open) => {
  const dbs: Db[] = [];
  const fresh = async () => {
    const db = await open();
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) {
      if (kind === 'postgres') {
        const [row] = await db.query<{ s: string }>('select current_schema() as s');
        if (row?.s.startsWith('duban_t_')) await db.query(`drop schema ${row.s} cascade`);
      }
      await db.close();
    }
  });

  it(
    'a new store gets every file, each recorded once; ' + 'the 双派单 trigger is gone; a second run does nothing',
    async () => {
      const db = await fresh();
      expect(await migrate(db)).toEqual(ALL);
      expect(
        (await db.query<{ version: string }>('select version from schema_migrations order by version')).map(
          (r) => r.version,
        ),
      ).toEqual(ALL);
      expect(await hasOldTrigger(db)).toBe(false);
      expect(await migrate(db)).toEqual([]);
    },
  );

  it('a store migrated by the old runner: only the new file runs, its dual_triggers rows stay', async () => {
    const db = await fresh();
    await oldMigrate(db, BEFORE);
    expect(await hasOldTrigger(db)).toBe(true);
    await oldUpsert(db, [tk('OLD', { rating: '不满意' })], 'old', new Date('2026-11-01T02:00:00Z'));
    const before = await triggers(db);
    expect(before.map((r) => [r.ticket_number, r.reason])).toEqual([['OLD', 'unsatisfied']]);
    expect(await migrate(db)).toEqual(ALL.filter((f) => !BEFORE.includes(f)));
    expect(await hasOldTrigger(db)).toBe(false);
    expect(await triggers(db)).toEqual(before);
    expect(await migrate(db)).toEqual([]);
  });

  it('a file that fails is rolled back whole and not recorded', async () => {
    const db = await fresh();
    const dir = mkdtempSync(join(tmpdir(), 'duban-migrations-'));
    try {
      cpSync(join(MIGRATIONS_DIR, '001_audit.sql'), join(dir, '001_audit.sql'));
      // Semicolons inside a string and a body, and a statement on the last line without one.
      writeFileSync(
        join(dir, '002_ok.sql'),
        "create table m_ok (x text default 'a;\nb');\ncreate function m_f() returns int language sql as $$ " +
          'select 1;\n$$;\ninsert into m_ok default values',
      );
      writeFileSync(join(dir, '003_bad.sql'), 'create table m_bad (x int);\ncreate table m_bad (x int);\n');
      await expect(migrate(db, dir)).rejects.toThrow();
      expect(
        (await db.query<{ version: string }>('select version from schema_migrations order by version')).map(
          (r) => r.version,
        ),
      ).toEqual(['001_audit.sql', '002_ok.sql']);
      expect(await db.query<{ x: string }>('select x from m_ok')).toEqual([{ x: 'a;\nb' }]);
      expect(
        await db.query(
          "select 1 from pg_class where relname = 'm_bad' and relnamespace = current_schema()::regnamespace",
        ),
      ).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ticket imports make the same dual_triggers rows as the old database trigger (re-import: none more)', async () => {
    const old = await fresh();
    await oldMigrate(old, BEFORE);
    const now = await fresh();
    await migrate(now);
    const counts: number[] = [];
    for (const [i, batch] of STEPS.entries()) {
      const at = new Date(Date.UTC(2026, 10, 16, 1 + i));
      await oldUpsert(old, batch, `step${i}`, at);
      await upsertTickets(now, batch, `step${i}`, at);
      const want = await triggers(old);
      expect(await triggers(now)).toEqual(want);
      counts.push(want.length);
    }
    // New B, C, D (two); re-import nothing; A rated 不满意, C reopened again; F (new + rating) and G; B back to
    // 不满意; re-import nothing.
    expect(counts).toEqual([4, 4, 6, 9, 9, 10, 10]);
  });
});
