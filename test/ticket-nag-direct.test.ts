import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { ManualClock } from '../src/domain/clock.js';
import type { OutgoingMessage } from '../src/domain/messages.js';
import { Roster } from '../src/domain/roster.js';
import type { TicketInput } from '../src/domain/tickets/row.js';
import { runTicketNag } from '../src/routines/ticket-nag.js';
import { type Db, openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import type { AppContext } from '../src/usecases/context.js';
import { upsertTickets } from '../src/usecases/ticket-changes.js';
import { rosterConfig, testLogger } from './helpers.js';

describe('ticket-nag decisions (store + routine, no chat)', () => {
  let db: Db;
  const sent: OutgoingMessage[] = [];
  const clock = new ManualClock('2026-11-20T09:00:00+08:00');
  let ctx: AppContext;
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory' });
    await migrate(db);
    const base = rosterConfig();
    const config = { ...base, tickets: { ...base.tickets, nagTo: 'head' as const, digestMaxItems: 5 } };
    ctx = {
      config,
      roster: Roster.fromConfig(config),
      calendar: new WorkCalendar(),
      clock,
      db,
      log: testLogger(),
      send: async (m) => (sent.push(m), m.purpose),
    };
    const ticket = (i: number): TicketInput => ({
      number: `D${String(i).padStart(3, '0')}`,
      title: `诉求${i}`,
      content: '',
      unitId: 'shijian',
      street: null,
      grid: null,
      assignedAt: null,
      deadlineAt: null,
      dueAt: new Date(Date.parse('2026-11-20T00:00:00+08:00') - i * 86_400_000),
      status: '办理中',
      done: false,
      rating: null,
      reopenCount: 0,
    });
    await upsertTickets(
      db,
      Array.from({ length: 15 }, (_, i) => ticket(i + 1)),
      'test',
      clock.now(),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it('point-to-point to the head when so configured, longest overdue first, cut with a count', async () => {
    const r = await runTicketNag(ctx);
    expect(r).toMatchObject({ units: 1, messages: 1, steps: { immediate: 15 } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: { kind: 'person', id: 'wxid_shijian_wei' }, mentions: [] });
    const text = sent[0]?.text ?? '';
    expect(text.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(5);
    expect(text).toMatch(/1\. D015 诉求15/);
    expect(text).toContain('……另有10件');
  });

  it('nothing in quiet hours or on a non-working day, nothing twice in one cycle', async () => {
    sent.length = 0;
    clock.set('2026-11-20T09:45:00+08:00');
    expect((await runTicketNag(ctx)).messages).toBe(0);
    clock.set('2026-11-20T22:30:00+08:00');
    expect(await runTicketNag(ctx)).toMatchObject({ skipped: 'quiet-hours' });
    clock.set('2026-11-22T09:00:00+08:00');
    expect(await runTicketNag(ctx)).toMatchObject({ skipped: 'not-a-workday' });
    expect(sent).toEqual([]);
  });
});
