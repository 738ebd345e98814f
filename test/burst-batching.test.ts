import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../src/domain/messages.js';
import { Batcher } from '../src/lib/batcher.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { type Db, openDb, type Queryable } from '../src/store/db.js';
import { InboundLedger } from '../src/store/inbound-ledger.js';
import { migrate } from '../src/store/migrate.js';
import { saveReport } from '../src/store/reports.js';
import { REDIS_URL, rosterConfig, testLogger } from './helpers.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('writes items submitted together as one batch and gives each caller its own result', async () => {
    const batches: number[][] = [];
    const gc = new Batcher<number, number>(async (xs) => {
      batches.push(xs);
      return xs.map((x) => x * 10);
    });
    const out = await Promise.all([1, 2, 3, 4, 5].map((x) => gc.submit(x)));
    expect(out).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
    expect(gc.idle()).toBe(true);
  });

  it('falls back to one by one when a batch fails: only the bad item fails', async () => {
    const gc = new Batcher<number, number>(async (xs) => {
      if (xs.includes(3)) throw new Error('bad row');
      return xs;
    });
    const out = await Promise.allSettled([1, 2, 3, 4].map((x) => gc.submit(x)));
    expect(out.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });

  it('lets the next batch fill while one is written, up to maxBatch', async () => {
    const batches: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const gc = new Batcher<number, number>(
      async (xs) => {
        batches.push(xs.length);
        await gate;
        return xs;
      },
      { maxBatch: 3, maxInFlight: 1 },
    );
    const first = [gc.submit(0), gc.submit(1)];
    await tick();
    const rest = Array.from({ length: 7 }, (_, i) => gc.submit(i + 2));
    await tick();
    expect(batches).toEqual([2]);
    release();
    await Promise.all([...first, ...rest]);
    // 7 waiting items in batches of at most 3.
    expect(batches).toEqual([2, 3, 3, 1]);
  });
});

function message(id: string, text: string): IncomingMessage {
  const at = new Date().toISOString();
  return {
    id,
    chat: 'group',
    roomId: 'room',
    senderId: 'wxid_x',
    senderName: 'x',
    text,
    mentionIds: [],
    sentAt: at,
    receivedAt: at,
    file: null,
  };
}

describe('inbound ledger on PGlite', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory' });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('records a batch in one go, marks them processed together, and knows them afterwards', async () => {
    const ledger = new InboundLedger(db);
    const ms = Array.from({ length: 50 }, (_, i) => message(`led-${i}`, `消息${i}`));
    const first = await ledger.recordMany(ms.map((m) => ({ m, knownSender: true })));
    expect(first.every((r) => r.processed === false)).toBe(true);
    await Promise.all(ms.map((m, i) => ledger.markProcessed(m.id, i % 2 ? 'none' : 'report', new Date())));
    expect(ledger.idle()).toBe(true);
    const rows = await db.query<{ n: number; handlers: number }>(
      'select count(*)::int as n, count(distinct handler)::int as handlers from inbound_messages where id like ' +
        "'led-%' and processed_at is not null",
    );
    expect(rows[0]).toEqual({ n: 50, handlers: 2 });
    const again = await ledger.recordMany(
      [...ms.slice(0, 3), message('led-new', '新消息')].map((m) => ({ m, knownSender: true })),
    );
    expect(again.map((r) => r.processed)).toEqual([true, true, true, false]);
  });

  it(
    'stores the reports of several units arriving together ' + 'in one statement, each caller with its own version',
    async () => {
      let queries = 0;
      const counted: Queryable = { query: (sql, params) => (queries++, db.query(sql, params)) };
      const figures = {
        received: 3,
        completed: 2,
        inProgress: 1,
        overdue: 0,
        reopened: 0,
        unsatisfied: 0,
        returned: 0,
        onTimeRate: null,
        satisfactionRate: null,
      };
      const report = (unitId: string, messageId: string, baseVersion = 0) => ({
        unitId,
        day: '2026-11-20',
        figures,
        result: figures,
        mode: 'replace' as const,
        changed: [],
        baseVersion,
        flags: [],
        afterSummary: false,
        late: false,
        messageId,
        senderId: 'wxid_x',
        receivedAt: new Date(),
        text: '日报',
      });
      const units = ['u1', 'u2', 'u3', 'u4', 'u5'];
      const first = await Promise.all(units.map((u) => saveReport(counted, report(u, `r-${u}-1`))));
      expect(first.map((v) => [v.status, v.version])).toEqual(units.map(() => ['stored', 1]));
      expect(queries).toBe(1);
      // The same unit twice at once, both decided on version 1: one is stored, the other must decide again.
      const twice = await Promise.all([
        saveReport(counted, report('u1', 'r-u1-2', 1)),
        saveReport(counted, report('u1', 'r-u1-3', 1)),
      ]);
      expect(twice.map((v) => v.status).sort()).toEqual(['conflict', 'stored']);
      expect(await saveReport(counted, report('u1', 'r-u1-3', 2))).toMatchObject({ status: 'stored', version: 3 });
      // A message stored again keeps its version.
      expect(await saveReport(counted, report('u3', 'r-u3-1'))).toMatchObject({ status: 'seen', version: 1 });
      const cur = await db.query<{ unit_id: string; version: number }>(
        "select unit_id, version from reports where day = '2026-11-20' order by unit_id",
      );
      expect(cur).toEqual(
        [{ unit_id: 'u1', version: 3 }, ...units.slice(1).map((u) => ({ unit_id: u, version: 1 }))].map((r) =>
          expect.objectContaining(r),
        ),
      );
    },
  );

  it('handles the same id twice in one batch (one row, both callers answered)', async () => {
    const ledger = new InboundLedger(db);
    const m = message('led-dup', '重复');
    const out = await ledger.recordMany([
      { m, knownSender: false },
      { m, knownSender: false },
    ]);
    expect(out).toHaveLength(2);
    const rows = await db.query<{ n: number }>("select count(*)::int as n from inbound_messages where id = 'led-dup'");
    expect(rows[0]?.n).toBe(1);
  });
});

describe('an evening burst through the whole bot', () => {
  let h: Harness;
  const config = rosterConfig();
  beforeAll(async () => {
    h = await startHarness({ config, redisUrl: REDIS_URL, log: testLogger() });
  });
  afterAll(async () => {
    await h?.close();
  });

  it(
    'keeps each unit in order when its report and ' + 'corrections arrive in the same instant among chit-chat',
    async () => {
      const heads = config.people.filter((p) => p.roles.includes('head') && p.unit !== undefined).slice(0, 3);
      const others = config.people.filter((p) => !p.roles.includes('head'));
      for (const head of heads) {
        const unit = config.units.find((u) => u.id === head.unit);
        h.world.say(head.id, `${unit?.name}：今日受理工单10件，办结5件，在办5件。`);
      }
      for (let k = 1; k <= 25; k++) {
        for (const head of heads) {
          const unit = config.units.find((u) => u.id === head.unit);
          h.world.say(head.id, `更正：${unit?.name}今日受理${10 + k}件，办结${5 + k}件，在办5件。`);
        }
        const p = others[k % others.length];
        if (p) h.world.say(p.id, k % 2 ? '收到' : '好的，辛苦了');
      }
      const nul = h.world.say(heads[0]!.id, '收到\u0000');
      expect(await h.drain(60_000)).toBe(true);
      for (const head of heads) {
        const rows = await h.app.db.query<{ version: number; received: number; completed: number }>(
          "select version, (figures->>'received')::int as received, (figures->>'completed')::int as completed " +
            'from report_versions where unit_id = $1 order by version',
          [head.unit as string],
        );
        expect(rows).toHaveLength(26);
        // Version k+1 is correction k: nothing overtook anything within the unit.
        rows.forEach((r, i) => expect([r.version, r.received, r.completed]).toEqual([i + 1, 10 + i, 5 + i]));
        const cur = await h.app.db.query<{ version: number; received: number }>(
          'select version, received from reports where unit_id = $1',
          [head.unit as string],
        );
        expect(cur).toEqual([{ version: 26, received: 35 }]);
      }
      const all = await h.app.db.query<{ n: number; done: number }>(
        'select count(*)::int as n, count(processed_at)::int as done from inbound_messages',
      );
      expect(all[0]?.n).toBe(3 + 25 * 4 + 1);
      expect(all[0]?.done).toBe(all[0]?.n);
      const stored = await h.app.db.query<{ text: string }>('select text from inbound_messages where id = $1', [nul]);
      expect(stored).toEqual([{ text: '收到' }]);
    },
  );
});

describe('a report whose confirmation cannot be queued', () => {
  it(
    'is not marked processed until the confirmation is queued: the retry sends it once, the report stays version ' +
      '1',
    async () => {
      const config = rosterConfig();
      const raw = await openDb({ dataDir: 'memory' });
      let failures = 0;
      // Fault injection at the database boundary: the first outbound record fails.
      const db: Db = {
        ...raw,
        query: (sql, params) => {
          if (failures === 0 && sql.includes('insert into outbound_messages')) {
            failures++;
            return Promise.reject(new Error('injected: outbound record failed'));
          }
          return raw.query(sql, params);
        },
      };
      const h = await startHarness({ config, redisUrl: REDIS_URL, log: testLogger(), db });
      try {
        const sent: string[] = [];
        h.world.onSent((x) => sent.push(x.text));
        const head = config.people.find((p) => p.roles.includes('head') && p.unit !== undefined)!;
        const unit = config.units.find((u) => u.id === head.unit)!;
        const id = h.world.say(head.id, `${unit.name}：今日受理工单10件，办结5件，在办5件。`);
        expect(await h.drain(30_000)).toBe(true);
        expect(failures).toBe(1);
        const confirmations = sent.filter((t) => t.includes(unit.name));
        expect(confirmations).toHaveLength(1);
        const versions = await raw.query<{ version: number }>(
          'select version from report_versions where message_id = $1',
          [id],
        );
        expect(versions).toEqual([{ version: 1 }]);
        const rec = await raw.query<{ handler: string }>(
          'select handler from inbound_messages where id = $1 and processed_at is not null',
          [id],
        );
        expect(rec).toEqual([{ handler: 'report' }]);
      } finally {
        await h.close();
      }
    },
  );
});
