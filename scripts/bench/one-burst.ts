/**
 * `npm run bench:burst -- [pg|pglite] [spreadMs]`: one burst through the bot, for working on
 * its speed (the full table is `npm run bench`). Prints the result as JSON.
 *   ECHO=1        also the bare echo bot first
 *   ONLY=chat|reports  only the chit-chat, or only the reports and corrections
 *   COUNT=1       count the database statements by kind (the store wrapped, nothing else changed)
 *   REPEAT=n      n bursts in one process (the first ones warm the JIT), the last one printed
 *   PROF=file     a CPU profile of the burst (after a warm-up burst), for Chrome DevTools
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { loadDistrictFile } from '../../src/config/load.js';
import { type Db, type DbOptions, openDb, type Queryable } from '../../src/store/db.js';
import { burstMessages, burstThroughBot, burstThroughEchoBot } from './burst.js';

const repo = join(import.meta.dirname, '../..');
const config = loadDistrictFile(join(repo, '../shared/fixtures/roster.json'));
const kind = process.argv[2] === 'pglite' ? 'pglite' : 'pg';
const spread = Number(process.argv[3] ?? 0);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbOptions = (): DbOptions =>
  kind === 'pg'
    ? { databaseUrl: pgUrl, schema: `bench_${randomUUID().replace(/-/g, '').slice(0, 8)}` }
    : { dataDir: 'memory' };

if (process.env.ECHO) console.log('echo', (await burstThroughEchoBot(config)).perSecond.toFixed(0), 'msg/s');

const counts = new Map<string, number>();
const count =
  (q: Queryable, tag: string): Queryable['query'] =>
  (sql, params) => {
    const k = `${tag}${sql.replace(/\s+/g, ' ').slice(0, 70)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    return q.query(sql, params);
  };
const raw = await openDb(dbOptions());
const db: Db = process.env.COUNT
  ? {
      ...raw,
      query: count(raw, ''),
      transaction: (fn) => raw.transaction((tx) => fn({ ...tx, query: count(tx, 'tx: ') })),
    }
  : raw;

const all = burstMessages(config);
const only = process.env.ONLY;
const msgs =
  only === 'chat'
    ? all.filter((m) => !/受理/.test(m.text))
    : only === 'reports'
      ? all.filter((m) => /受理/.test(m.text))
      : all;
const session = new Session();
if (process.env.PROF) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: Number(process.env.PROF_US ?? 1000) });
  await burstThroughBot(kind, config, redisUrl, dbOptions(), spread, msgs);
  await session.post('Profiler.start');
}
// REPEAT=n: n-1 warm-up bursts first (fresh stores), as a bot that has run all day.
for (let i = 1; i < Number(process.env.REPEAT ?? 1); i++) {
  const w = await burstThroughBot(kind, config, redisUrl, dbOptions(), spread, msgs);
  console.log(`warm-up ${i}: ${w.perSecond.toFixed(0)} msg/s`);
}
const r = await burstThroughBot(kind, config, redisUrl, db, spread, msgs);
if (process.env.PROF) writeFileSync(process.env.PROF, JSON.stringify((await session.post('Profiler.stop')).profile));
for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(String(n).padStart(6), k);
console.log(JSON.stringify(r));
process.exit(0);
