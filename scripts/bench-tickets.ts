/**
 * Ticket benchmarks (not a test): `npm run bench:tickets [-- --rows 50000 --open 100000 --overdue 5000]`.
 *
 * 1. Generates an xlsx of N rows (default 50k) and imports it through the real importer
 *    (streaming exceljs reader → validation → batched upserts into in-memory PGlite), in a
 *    child process so its peak RSS is its own; then a bare exceljs streaming read of the same
 *    file, also in its own child, for comparison. Targets: < 15 s, < 400 MB.
 * 2. Seeds 100k open tickets of which 5k overdue, with their import history (≈ 112k ticket events:
 *    deadline moves, ratings, status changes), and times `ticket-nag`'s decide-and-enqueue (one
 *    set-based scan, ladder records, digests enqueued to the real outbox on Redis when reachable).
 *    Target: < 1 s; messages = units concerned.
 * 3. Repeat warnings (issue 18 §1) over 100k tickets on PostgreSQL (PGlite when no server): the
 *    place and problem keys of every ticket (jieba), all their places' clusters recomputed at once
 *    (the worst case), and an import's 1,000 new tickets (the incremental case), in a child process
 *    for its peak RSS. Target: < 5 s, < 400 MB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { hasFlag, readOption } from '../src/lib/args.js';

// Everything else is imported where used, so each child's peak RSS counts only what its phase
// loads (the bot's full module graph — Wechaty, BullMQ — is not part of an import).
const ROSTER = join(import.meta.dirname, '../../shared/fixtures/roster.json');
const CONFIG = readOption(process.argv, 'config') ?? ROSTER;
const SELF = join(import.meta.dirname, 'bench-tickets.ts');
const UNIT_NAMES = [
  '区住建局',
  '教育局',
  '卫健局',
  '人社局',
  '生态环境分局',
  '公安分局',
  '城管局',
  '市场监管局',
  '民政局',
  '交通局',
  '农业局',
  '资规分局',
  '城东街道',
  '城西街道',
  '湖滨街道',
  '新港镇',
  '凤凰镇',
  '双河镇',
];
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function generate(path: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('工单');
  ws.addRow([
    '工单编号',
    '标题',
    '诉求内容',
    '承办单位',
    '属地镇街',
    '网格',
    '派单时间',
    '办理时限',
    '状态',
    '满意度',
    '重办次数',
  ]).commit();
  const base = Date.UTC(2026, 9, 1);
  for (let i = 0; i < rows; i++) {
    const day = new Date(base + (i % 50) * 86_400_000);
    const ymd =
      `${day.getUTCFullYear()}-${String(day.getUTCMonth() + 1).padStart(2, '0')}` +
      `-${String(day.getUTCDate()).padStart(2, '0')}`;
    const assigned = i % 3 === 0 ? 46296 + (i % 50) + 0.375 : `${ymd} ${String(8 + (i % 9)).padStart(2, '0')}:30`;
    const unit = i % 997 === 0 ? '未知单位' : (UNIT_NAMES[i % UNIT_NAMES.length] as string);
    ws.addRow([
      `2026${String(i).padStart(8, '0')}`,
      `诉求标题${i % 500}：小区环境问题`,
      `市民反映第${i}号诉求：楼下夜间施工噪音扰民，希望尽快处理。`,
      unit,
      '城东街道',
      `网格${i % 40}`,
      assigned,
      i % 4 === 0 ? `${ymd} 18:00` : '',
      i % 5 === 0 ? '已办结' : '办理中',
      i % 5 === 0 ? '满意' : '',
      i % 20 === 0 ? 1 : 0,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

/** Child: import the file into a fresh store (PGlite in memory, or a scratch PostgreSQL schema); prints JSON. */
async function childImport(path: string): Promise<void> {
  const { loadDistrictFile } = await import('../src/config/load.js');
  const { WorkCalendar } = await import('../src/domain/calendar.js');
  const { Roster } = await import('../src/domain/roster.js');
  const { openDb } = await import('../src/store/db.js');
  const { migrate } = await import('../src/store/migrate.js');
  const { importTicketFile } = await import('../src/usecases/ticket-import.js');
  const config = loadDistrictFile(CONFIG);
  const url = readOption(process.argv, 'pg');
  const schema = `bench_import_${process.pid}`;
  const db = await openDb(url ? { databaseUrl: url, schema } : { dataDir: 'memory' });
  await migrate(db);
  const baselineKb = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  const r = await importTicketFile(
    path,
    'bench.xlsx',
    { db, roster: Roster.fromConfig(config), calendar: new WorkCalendar(config.calendar), config, now: new Date() },
    { source: 'bench' },
  );
  const ms = performance.now() - t0;
  const counts = r.kind === 'imported' ? r.counts : r;
  process.stdout.write(`${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, baselineKb, counts })}\n`);
  if (url) await db.query(`drop schema ${schema} cascade`);
  await db.close();
  // A refused file is no measurement: say so and fail (a limit set below the benchmark's 50k rows once hid this).
  if (r.kind !== 'imported') {
    process.stderr.write(`import did not run: ${JSON.stringify(r)}\n`);
    process.exitCode = 1;
  }
}

/** Child: read every cell with exceljs's streaming reader and nothing else. */
async function childBare(path: string): Promise<void> {
  const t0 = performance.now();
  let rows = 0;
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const ws of reader) {
    for await (const row of ws) {
      rows++;
      cells += (row.values as unknown[]).length;
    }
  }
  process.stdout.write(
    `${JSON.stringify({ ms: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS, rows, cells })}\n`,
  );
}

function child(
  phase: string,
  path: string,
  extra: string[] = [],
): { ms: number; maxRssKb: number; [k: string]: unknown } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', SELF, '--phase', phase, '--file', path, '--config', CONFIG, ...extra],
    { encoding: 'utf8', timeout: 600_000 },
  );
  if (r.status !== 0) throw new Error(`${phase} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string);
}

async function benchNag(open: number, overdue: number): Promise<void> {
  const { default: pino } = await import('pino');
  const { loadDistrictFile } = await import('../src/config/load.js');
  const { WorkCalendar } = await import('../src/domain/calendar.js');
  const { ManualClock } = await import('../src/domain/clock.js');
  const { Roster } = await import('../src/domain/roster.js');
  const { runTicketNag } = await import('../src/routines/ticket-nag.js');
  const { Outbox } = await import('../src/jobs/outbox.js');
  const { createRedis, pingRedis } = await import('../src/jobs/redis.js');
  const { obliterate } = await import('../src/sim/harness.js');
  const { openDb } = await import('../src/store/db.js');
  const { migrate } = await import('../src/store/migrate.js');
  type AppContext = import('../src/usecases/context.js').AppContext;
  const config = loadDistrictFile(CONFIG);
  const db = await openDb({ dataDir: 'memory' });
  await migrate(db);
  const now = new Date('2026-11-20T09:00:00+08:00'); // a Friday
  const units = config.units.map((u) => u.id);
  const concerned = units.slice(0, 12);
  const t0 = performance.now();
  // Overdue ones spread over 12 units and 10 due days; the rest due next month.
  await db.query(
    `insert into tickets (number, title, unit_id, due_at, status, done, reopen_count, first_seen_at, ` +
      `updated_at)
     select 'B' || lpad(g::text, 7, '0'), '诉求' || g,
            case when g <= $2 then ($3::jsonb ->> ((g % $4)::int)) else ($5::jsonb ->> ((g % $6)::int)) end,
            case when g <= $2 then $7::timestamptz - ((g % 10) || ' days')::interval else $8::timestamptz + ((g % 20)` +
      ` || ' days')::interval end,
            '办理中', false, case when g <= $2 and g % 50 = 0 then 1 else 0 end, $7, $7
     from generate_series(1, $1) as g`,
    [
      open,
      overdue,
      JSON.stringify(concerned),
      concerned.length,
      JSON.stringify(units),
      units.length,
      now,
      new Date('2026-12-10T00:00:00+08:00'),
    ],
  );
  // Their history as imports leave it: a 'new' event each; one ticket in 10 had its deadline moved once,
  // one in 500 twice (red by history); one in 20 was rated, one in 1,000 rated 不满意 twice; one in 50 a status
  // change.
  await db.query(
    `insert into ticket_events (ticket_number, kind, at, source, detail)
     select 'B' || lpad(g::text, 7, '0'), 'new', $2::timestamptz, 'bench', '{}'::jsonb
     from generate_series(1, $1::int) as g
     union all
     select 'B' || lpad(g::text, 7, '0'), 'deadline', $2::timestamptz + (k || ' hours')::interval, 'bench',
            jsonb_build_object('from', $2::timestamptz + (k || ' days')::interval,
              'to', $2::timestamptz + ((k + 2) || ' days')::interval)
     from generate_series(1, $1::int) as g, generate_series(1, 2) as k where (k = 1 and g % 10 = 3) or g % 500 = 7
     union all
     select 'B' || lpad(g::text, 7, '0'), 'rating', $2::timestamptz + (k || ' hours')::interval, 'bench',
            jsonb_build_object('from', case when k = 1 then null else '基本满意' end, 'to',
              case when g % 1000 = 11 then '不满意' else '满意' end)
     from generate_series(1, $1::int) as g, generate_series(1, 2) as k where (k = 1 and g % 20 = 9) or g % 1000 = 11
     union all
     select 'B' || lpad(g::text, 7, '0'), 'status', $2::timestamptz + interval '3 hours', 'bench',
            '{"from": "待签收", "to": "办理中"}'::jsonb from generate_series(1, $1::int) as g where g % 50 = 13`,
    [open, new Date('2026-11-02T09:00:00+08:00')],
  );
  await db.exec('analyze tickets');
  await db.exec('analyze ticket_events');
  const seedMs = performance.now() - t0;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const useRedis = !hasFlag(process.argv, 'no-redis') && (await pingRedis(redisUrl)).ok;
  const prefix = `duban-bench-${process.pid}`;
  const redis = useRedis ? createRedis(redisUrl) : undefined;
  const clock = new ManualClock(now);
  const outbox = redis
    ? new Outbox(redis, prefix, db, clock, { max: 0, windowMs: 60_000, attempts: 1, backoffMs: 1000 })
    : undefined;
  const sent: string[] = [];
  let sendMs = 0;
  const ctx: AppContext = {
    config,
    roster: Roster.fromConfig(config),
    calendar: new WorkCalendar(config.calendar),
    clock,
    db,
    log: pino({ level: 'silent' }),
    send: async (m) => {
      sent.push(m.purpose);
      const t = performance.now();
      try {
        return outbox ? await outbox.send(m) : m.purpose;
      } finally {
        sendMs += performance.now() - t;
      }
    },
  };
  // Warm the queue (connection, Lua scripts) as a running bot's would be; not counted.
  if (outbox) await outbox.send({ to: { kind: 'group' }, text: 'warm-up', mentions: [], purpose: 'bench-warm-up' });
  const t1 = performance.now();
  const r = await runTicketNag(ctx);
  const nagMs = performance.now() - t1;
  clock.set('2026-11-20T09:20:00+08:00');
  const t2 = performance.now();
  const again = await runTicketNag(ctx);
  const againMs = performance.now() - t2;
  // 三色督办's red by history alone (part of the scan above): the history events read set-based.
  const { openTicketsRedByHistory } = await import('../src/store/tickets.js');
  const th = config.tickets.colours;
  const t3 = performance.now();
  const red = await openTicketsRedByHistory(db, { extensions: th.redExtensions, unsatisfied: th.redUnsatisfied });
  const redMs = performance.now() - t3;
  const plan = await db.query<{ 'QUERY PLAN': string }>(
    `explain select number, title, unit_id, due_at, reopen_count from tickets where not done and due_at < $1
     union all select number, title, unit_id, due_at, reopen_count from tickets where not done and reopen_count > 0 ` +
      `and due_at >= $1`,
    [new Date('2026-11-21T00:00:00+08:00')],
  );
  console.log(
    `\nticket-nag over ${open.toLocaleString()} open tickets, ${overdue.toLocaleString()} overdue in ` +
      `${concerned.length} units (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  decide + enqueue (${useRedis ? 'real outbox on Redis' : 'in-memory send'}): ${nagMs.toFixed(0)} ms  ` +
      `(target < 1000 ms)`,
  );
  console.log(`    of which enqueueing the ${sent.length} messages: ${sendMs.toFixed(0)} ms`);
  console.log(
    `  messages: ${r.messages} (units concerned: ${r.units}); ladder steps recorded: ${JSON.stringify(r.steps)}`,
  );
  console.log(`  same cycle again: ${againMs.toFixed(0)} ms, ${again.messages} messages`);
  console.log(
    `  of the scan, red by history (extended / rated 不满意 twice): ${red.size} tickets in ${redMs.toFixed(0)} ms`,
  );
  console.log(
    `  scan plan: ${plan
      .map((p) => p['QUERY PLAN'].trim())
      .filter((l) => /Scan|Append|Unique|HashAggregate/.test(l))
      .join(' | ')}`,
  );
  await outbox?.close();
  if (redis) {
    redis.disconnect();
    await obliterate(redisUrl, prefix);
  }
  await db.close();
}

const PLACE_NAMES = [
  '阳光',
  '幸福',
  '和平',
  '翠湖',
  '金色',
  '东方',
  '锦绣',
  '华庭',
  '碧水',
  '香樟',
  '紫荆',
  '滨江',
  '春晖',
  '世纪',
  '南湖',
  '北岸',
  '新城',
  '龙湾',
  '凤凰',
  '青山',
  '绿洲',
  '海棠',
  '桂花',
  '枫林',
  '银杏',
];
const PLACE_KINDS = ['花园', '小区', '家园', '苑', '新村', '路', '街', '社区'];
const PROBLEMS = [
  '楼下垃圾长期无人清理',
  '夜间施工噪音扰民',
  '电梯经常故障停运',
  '路灯不亮',
  '污水管道堵塞外溢',
  '占道经营堵塞通行',
  '停车位被长期占用',
  '餐饮油烟扰民',
  '绿化带杂草丛生',
  '井盖缺失存在安全隐患',
];

/** Child: clustering over `n` tickets (PostgreSQL when `--pg`, else PGlite in memory); prints JSON. */
async function childClusters(n: number): Promise<void> {
  const { loadDistrictFile } = await import('../src/config/load.js');
  const { openDb } = await import('../src/store/db.js');
  const { migrate } = await import('../src/store/migrate.js');
  const { writeTicketPlaces } = await import('../src/store/clusters.js');
  const { placeRows, recomputeClusters } = await import('../src/usecases/clusters.js');
  const config = loadDistrictFile(CONFIG);
  const url = readOption(process.argv, 'pg');
  const schema = `bench_clusters_${process.pid}`;
  const db = await openDb(url ? { databaseUrl: url, schema } : { dataDir: 'memory' });
  await migrate(db);
  const now = new Date(Date.UTC(2026, 10, 30, 2));
  const ticket = (i: number) => {
    const place = `${PLACE_NAMES[i % PLACE_NAMES.length]}${PLACE_KINDS[Math.floor(i / PLACE_NAMES.length) % 8]}`;
    return {
      number: `2026${String(i).padStart(8, '0')}`,
      title: '',
      content: `市民反映${place}${(i % 12) + 1}栋${PROBLEMS[Math.floor(i / 200) % PROBLEMS.length]}`,
      unitId: config.units[i % config.units.length]?.id as string,
      street: null,
      grid: null,
      assignedAt: new Date(now.getTime() - (i % 60) * 86_400_000 - 3_600_000),
      deadlineAt: null,
      dueAt: now,
      status: '办理中',
      done: false,
      rating: null,
      reopenCount: 0,
    };
  };
  const insert = async (from: number, to: number) => {
    const rows = [];
    for (let i = from; i < to; i++) rows.push(ticket(i));
    for (let k = 0; k < rows.length; k += 5000)
      await db.query(
        `insert into tickets (number, content, unit_id, assigned_at, due_at, first_seen_at, updated_at)
         select x.number, x.content, x."unitId", x."assignedAt", x."dueAt", x."dueAt", x."dueAt"
           from jsonb_to_recordset($1::jsonb)
             as x(number text, content text, "unitId" text, "assignedAt" timestamptz, "dueAt" timestamptz)`,
        [JSON.stringify(rows.slice(k, k + 5000))],
      );
    return rows;
  };
  const seeded = await insert(0, n);
  const baselineKb = process.resourceUsage().maxRSS;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const places = new Set<string>();
  for (let k = 0; k < seeded.length; k += 5000) {
    const rows = placeRows(seeded.slice(k, k + 5000), now);
    await writeTicketPlaces(db, rows);
    for (const r of rows) places.add(r.place);
  }
  const keyMs = performance.now() - t0;
  const t1 = performance.now();
  const all = await recomputeClusters(db, config, places, now);
  const fullMs = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  const fresh = await insert(n, n + 1000);
  const t2 = performance.now();
  const rows = placeRows(fresh, now);
  await writeTicketPlaces(db, rows);
  const grown = await recomputeClusters(db, config, new Set(rows.map((r) => r.place)), now);
  const incMs = performance.now() - t2;
  process.stdout.write(
    `${JSON.stringify({
      ms: keyMs + fullMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      keyMs,
      fullMs,
      incMs,
      maxRssKb: process.resourceUsage().maxRSS,
      baselineKb,
      places: places.size,
      clusters: all.length,
      warned: all.filter((c) => c.warn).length,
      grownWarned: grown.filter((c) => c.warn).length,
    })}\n`,
  );
  if (url) await db.query(`drop schema ${schema} cascade`);
  await db.close();
}

function clusterLine(where: string, r: { [k: string]: unknown }): string {
  const s = (k: string) => `${((r[k] as number) / 1000).toFixed(2)} s`;
  return (
    `repeat clusters, ${where}: keys of 100k tickets ${s('keyMs')} + all ${r.places} places recomputed ` +
    `${s('fullMs')} = ${s('ms')}, peak RSS ${mb(r.maxRssKb as number)} ` +
    `(store seeded: ${mb(r.baselineKb as number)}); ` +
    `${r.clusters} clusters, ${r.warned} to warn; an import of 1,000 more: ${s('incMs')}, ${r.grownWarned} grown ` +
    `(targets < 5 s, < 400 MB; this process's CPU for keys + recompute: ${s('cpuMs')}, the rest is waiting on the ` +
    `store)`
  );
}

async function pgReachable(url: string): Promise<boolean> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const phase = readOption(process.argv, 'phase');
  const file = readOption(process.argv, 'file');
  if (phase === 'import' && file) return childImport(file);
  if (phase === 'bare' && file) return childBare(file);
  if (phase === 'clusters') return childClusters(Number(readOption(process.argv, 'tickets') ?? 100_000));
  if (phase === 'nag')
    return benchNag(
      Number(readOption(process.argv, 'open') ?? 100_000),
      Number(readOption(process.argv, 'overdue') ?? 5_000),
    );
  const rows = Number(readOption(process.argv, 'rows') ?? 50_000);
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
  const path = join(dir, 'tickets.xlsx');
  try {
    const g0 = performance.now();
    await generate(path, rows);
    console.log(
      `generated ${rows.toLocaleString()}-row xlsx (${(statSync(path).size / 1e6).toFixed(1)} MB) in ` +
        `${((performance.now() - g0) / 1000).toFixed(1)} s`,
    );
    const bare = child('bare', path);
    console.log(
      `bare exceljs streaming read: ${(bare.ms / 1000).toFixed(2)} s, peak RSS ${mb(bare.maxRssKb)} ` +
        `(${bare.rows} rows)`,
    );
    const imp = child('import', path);
    console.log(
      `import (stream read + validate + batched upsert + events), PGlite in memory: ` +
        `${(imp.ms / 1000).toFixed(2)} s, peak RSS ${mb(imp.maxRssKb)}`,
    );
    console.log(
      `  (the empty PGlite store alone, opened and migrated: ${mb(imp.baselineKb as number)}; targets < 15 s, ` +
        `< 400 MB)  ${JSON.stringify(imp.counts)}`,
    );
    const pgUrl =
      readOption(process.argv, 'pg') ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    if (!hasFlag(process.argv, 'no-pg') && (await pgReachable(pgUrl))) {
      const onPg = child('import', path, ['--pg', pgUrl]);
      console.log(
        `import, PostgreSQL server (DATABASE_URL): ${(onPg.ms / 1000).toFixed(2)} s, peak RSS ` +
          `${mb(onPg.maxRssKb)} (bot process only)  ${JSON.stringify(onPg.counts)}`,
      );
    } else console.log('import on PostgreSQL: skipped (no server reachable; --pg <url> to choose one)');
    if (!hasFlag(process.argv, 'no-pg') && (await pgReachable(pgUrl)))
      console.log(clusterLine('PostgreSQL server', child('clusters', '-', ['--pg', pgUrl])));
    else console.log(clusterLine('PGlite in memory (no PostgreSQL server)', child('clusters', '-')));
    // The nag bench in its own process too (a fresh heap, like a routine worker's).
    const pass = ['open', 'overdue'].flatMap((k) =>
      readOption(process.argv, k) ? [`--${k}`, readOption(process.argv, k) as string] : [],
    );
    const nag = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        SELF,
        '--phase',
        'nag',
        '--config',
        CONFIG,
        ...pass,
        ...(hasFlag(process.argv, 'no-redis') ? ['--no-redis'] : []),
      ],
      { stdio: 'inherit', timeout: 600_000 },
    );
    if (nag.status !== 0) throw new Error('nag bench failed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
