import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.js';
import { webhookFallback } from '../src/bot/fallback.js';
import { readEnv } from '../src/config/env.js';
import { createLogger } from '../src/log.js';
import { obliterate } from '../src/sim/harness.js';
import { MockWorld, type SentRecord } from '../src/sim/mock-world.js';
import { openDb } from '../src/store/db.js';
import { REDIS_URL, REPO, rosterConfig, waitFor } from './helpers.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const t = (hhmm: string, day = '2026-11-20') => `${day}T${hhmm}:00+08:00`;
const STRANGER = 'wxid_stranger'; // display name 李主任, like the district's leader wxid_leader_li
const DISPATCH = '@张局长 @尤主任 环海路小区污水外溢，请三个工作日内到现场处置并反馈。';

async function ticketList(): Promise<string> {
  return writeXlsx(join(tempDir(), 'list.xlsx'), [
    HEADER,
    ['A001', '物业纠纷', '', '区住建局', '', '', '2026-11-18 09:00', '', '办理中', '', 0],
    ['A002', '商铺油烟', '', '城管局', '', '', '2026-11-18 09:00', '', '办理中', '', 0],
  ]);
}

/** Row counts of every table but the audit trail of received messages and the migrations. */
/** Rows in every table but the audit's and those written at start (migrations, the deployment and its roster). */
async function otherRows(s: Scenario): Promise<Record<string, number>> {
  const tables = await s.h.app.db.query<{ t: string }>(
    'select table_name as t from information_schema.tables where table_schema = current_schema() and ' +
      "table_type = 'BASE TABLE' and table_name not in ('inbound_messages', 'schema_migrations', 'deployment', " +
      "'units_seen') order by 1",
  );
  const out: Record<string, number> = {};
  for (const { t: name } of tables) {
    const [r] = await s.h.app.db.query<{ n: number }>(`select count(*)::int as n from ${name}`);
    out[name] = r?.n ?? -1;
  }
  return out;
}

describe('security: roles only by contact id (a stranger named 李主任)', () => {
  let s: Scenario;
  let list: string;
  beforeAll(async () => {
    s = await Scenario.open();
    list = await ticketList();
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'cannot dispatch, approve, import or report, in the group or privately: no answer, nothing stored but the ' +
      'audit row',
    async () => {
      const out = await s.play(
        say(t('09:00'), STRANGER, DISPATCH, { mentions: ['wxid_zhujian_zhang', 'wxid_hubin_you'] }),
        say(t('09:01'), STRANGER, '转办 城管局：建设路夜市烧烤油烟扰民，请明天下午5点前拿出整治方案。', { to: 'bot' }),
        say(t('09:02'), STRANGER, '同意 TB001'),
        say(t('09:03'), STRANGER, '同意 TB001', { to: 'bot' }),
        { at: t('09:04'), from: STRANGER, file: list, to: 'group' },
        { at: t('09:05'), from: STRANGER, file: list, to: 'bot' },
        say(t('09:06'), STRANGER, '【区住建局】今日受理12件，办结10件，在办2件，无超期，满意率98.5%'),
        say(t('09:07'), STRANGER, '区住建局今日受理12件，办结10件', { to: 'bot' }),
        say(t('09:08'), STRANGER, '帮助'),
      );
      expect(out).toEqual([]);
      // Every table but inbound_messages is empty: no dispatch, ticket, import, report, outbound row.
      const rows = await otherRows(s);
      expect(Object.keys(rows).length).toBeGreaterThan(5);
      expect(Object.entries(rows).filter(([, n]) => n !== 0)).toEqual([]);
      // Group messages are kept for the audit trail as a stranger's, never handled; private
      // messages from people not on the roster are not even queued.
      const audit = await s.h.app.db.query<{
        chat: string;
        known_sender: boolean;
        handler: string;
        sender_name: string;
      }>('select chat, known_sender, handler, sender_name from inbound_messages order by sent_at');
      expect(audit.length).toBe(5);
      expect(
        audit.every(
          (r) =>
            r.chat === 'group' &&
            r.known_sender === false &&
            r.handler === 'ignored-stranger' &&
            r.sender_name === '李主任',
        ),
      ).toBe(true);
    },
  );

  it('the same commands from the real people work (so the refusals above were not mere parse failures)', async () => {
    const dispatched = await s.play(
      say(t('10:00'), 'wxid_leader_li', DISPATCH, { mentions: ['wxid_zhujian_zhang', 'wxid_hubin_you'] }),
    );
    expect(dispatched.some((o) => o.to === 'group' && o.text.includes('编号 D1'))).toBe(true);
    const imported = await s.play({ at: t('10:01'), from: 'wxid_sup_liu', file: list, to: 'group' });
    expect(imported.length).toBe(1);
    const [tickets] = await s.h.app.db.query<{ n: number }>('select count(*)::int as n from tickets');
    expect(tickets?.n).toBe(2);
  });

  it('cannot approve a real pending 退办 request (nor can a head); the leader can', async () => {
    const ask = await s.play(say(t('11:00'), 'wxid_zhujian_zhang', '申请退办 A001 属物业合同纠纷，不属于本单位职责'));
    expect(ask.some((o) => o.text.includes('TB001'))).toBe(true);
    const status = async () =>
      (
        await s.h.app.db.query<{ decision: string | null }>(
          "select decision from ticket_approvals where code = 'TB001'",
        )
      )[0]?.decision ?? 'pending';
    const before = await status();
    const refused = await s.play(
      say(t('11:01'), STRANGER, '同意 TB001', { to: 'bot' }),
      say(t('11:02'), STRANGER, '同意 TB001'),
    );
    expect(refused).toEqual([]);
    expect(await status()).toBe(before);
    await s.play(say(t('11:03'), 'wxid_chengguan_chu', '同意 TB001', { to: 'bot' }));
    expect(await status()).toBe(before);
    const ok = await s.play(say(t('11:04'), 'wxid_leader_li', '同意 TB001', { to: 'bot' }));
    expect(ok.some((o) => o.to === 'wxid_zhujian_zhang')).toBe(true);
    expect(await status()).not.toBe(before);
  });

  it('a stranger is never named or @-mentioned by the routines', async () => {
    const out = await s.play(run(t('17:30'), 'report-reminder'), run(t('18:00'), 'report-deadline'));
    expect(out.length).toBeGreaterThan(0);
    for (const o of out) {
      expect(o.mentions).not.toContain(STRANGER);
    }
  });

  // A head reporting for another unit is refused and stores nothing: test/report-loop.test.ts,
  // 'ignores a stranger and refuses a head reporting for another unit, storing nothing'.
});

function memoryLog(level = 'trace') {
  const chunks: string[] = [];
  const stream = new Writable({
    write(c, _e, cb) {
      chunks.push(c.toString());
      cb();
    },
  });
  return { log: createLogger(level, stream), text: () => chunks.join('') };
}

describe('security: HTTP (loopback, tokens, body limits) and no secret in logs or messages', () => {
  const SECRET_PW = `pw${randomUUID().replace(/-/g, '')}`;
  const API_TOKEN = `api-${randomUUID()}`;
  const METRICS_TOKEN = `metrics-${randomUUID()}`;
  const HOOK_KEY = `hook-${randomUUID()}`;
  const schema = `duban_t_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const prefix = `duban-t-${randomUUID().slice(0, 8)}`;
  const mem = memoryLog();
  const sent: SentRecord[] = [];
  let app: App;
  let world: MockWorld;
  let base = '';

  beforeAll(async () => {
    const config = rosterConfig();
    world = new MockWorld(config);
    world.onSent((m) => sent.push(m));
    // The shared PostgreSQL trusts local connections: the password is ignored but travels
    // through the whole start-up, which is what we watch.
    const url = PG.replace('postgres://postgres@', `postgres://postgres:${SECRET_PW}@`);
    app = await buildApp({
      config,
      redisUrl: REDIS_URL,
      queuePrefix: prefix,
      db: { databaseUrl: url, schema },
      channel: world.channel,
      dataDir: mkdtempSync(join(tmpdir(), 'duban-sec-')),
      log: mem.log,
      schedule: false,
      outboxLimits: { max: 0, backoffMs: 200 },
      http: { host: readEnv({}).HTTP_HOST, port: 0, apiToken: API_TOKEN, metricsToken: METRICS_TOKEN },
      fallback: webhookFallback(`http://127.0.0.1:1/cgi-bin/webhook/send?key=${HOOK_KEY}`, mem.log, {
        timeoutMs: 1_000,
      }),
    });
    mem.log.info(
      { databaseUrl: url, apiToken: API_TOKEN, headers: { authorization: `Bearer ${API_TOKEN}` } },
      'a careless log line',
    );
    await app.start();
    world.login();
    await waitFor(() => app.channel.isReady(), 15_000);
    const a = app.http?.server.address();
    if (!a || typeof a === 'string') throw new Error('no address');
    expect(a.address).toBe('127.0.0.1');
    base = `http://127.0.0.1:${a.port}`;
  });
  afterAll(async () => {
    await app?.stop();
    await obliterate(REDIS_URL, prefix);
    const db = await openDb({ databaseUrl: PG });
    await db.query(`drop schema if exists ${schema} cascade`);
    await db.close();
  });

  it('binds 127.0.0.1 by default', () => {
    expect(readEnv({}).HTTP_HOST).toBe('127.0.0.1');
  });

  it('/metrics needs METRICS_TOKEN when set (401 without, with a wrong one, a prefix or a longer one)', async () => {
    const get = (auth?: string) => fetch(`${base}/metrics`, auth ? { headers: { authorization: auth } } : {});
    expect((await get()).status).toBe(401);
    expect((await get(`Bearer ${METRICS_TOKEN.slice(0, -1)}x`)).status).toBe(401);
    expect((await get(`Bearer ${METRICS_TOKEN.slice(0, -3)}`)).status).toBe(401);
    expect((await get(`Bearer ${METRICS_TOKEN}0`)).status).toBe(401);
    expect((await get(`Basic ${METRICS_TOKEN}`)).status).toBe(401);
    expect((await get(`Bearer ${API_TOKEN}`)).status).toBe(401);
    const ok = await get(`Bearer ${METRICS_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('duban_');
  });

  it(
    'POST /api/tickets needs the API token (checked before ' + 'the body is read); bodies over the limit get 413',
    async () => {
      const body = JSON.stringify([{ number: 'S1', unit: '住建局', assignedAt: '2026-11-18 09:00' }]);
      const post = (auth: string | undefined, b = body) =>
        fetch(`${base}/api/tickets`, {
          method: 'POST',
          body: b,
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        });
      expect((await post(undefined)).status).toBe(401);
      expect((await post(`Bearer ${METRICS_TOKEN}`)).status).toBe(401);
      expect((await post(`Bearer ${API_TOKEN}`)).status).toBe(200);
      const huge =
        `[` +
        Array.from({ length: 90_000 }, (_, i) =>
          JSON.stringify({ number: `H${i}`, unit: '住建局', title: 'x'.repeat(80) }),
        ).join(',') +
        `]`;
      expect(huge.length).toBeGreaterThan(8 * 1024 * 1024);
      expect((await post(`Bearer ${API_TOKEN}`, huge)).status).toBe(413);
      // Without the token the body is never read: 401, not 413 (issue 14).
      expect((await post(undefined, huge)).status).toBe(401);
    },
  );

  it('no secret in the logs or in the messages after start-up, traffic and a chat outage', async () => {
    world.say('wxid_zhujian_zhang', '帮助');
    world.say('wxid_zhujian_zhang', '区住建局今日受理12件，办结10件，在办2件。');
    world.say('wxid_leader_li', `帮助 ${API_TOKEN.slice(0, 3)}`, { to: 'bot' });
    await world.puppet.logout();
    await waitFor(() => mem.text().includes('fallback webhook unreachable'), 10_000);
    world.login();
    await waitFor(async () => app.channel.isReady() && sent.length >= 3 && (await app.idle()), 20_000);
    const log = mem.text();
    expect(log).toContain('a careless log line');
    expect(log).toContain('chat connection lost');
    for (const secret of [SECRET_PW, API_TOKEN, METRICS_TOKEN, HOOK_KEY]) {
      expect(log).not.toContain(secret);
      expect(JSON.stringify(sent)).not.toContain(secret);
    }
  }, 40_000);

  it('the real process start-up (src/server.ts) prints no ' +
    'secret, on success or when the database is unreachable', async () => {
    const runServer = (databaseUrl: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/server.ts')], {
          cwd: REPO,
          env: {
            ...process.env,
            LOG_LEVEL: 'trace',
            SIMULATOR: '1',
            SIMULATOR_FORCE: '1',
            DATABASE_URL: databaseUrl,
            REDIS_URL,
            QUEUE_PREFIX: `${prefix}-srv`,
            DATA_DIR: mkdtempSync(join(tmpdir(), 'duban-sec-srv-')),
            HTTP_PORT: '0',
            API_TOKEN,
            METRICS_TOKEN,
            WECHATY_PUPPET_SERVICE_TOKEN: `insecure_${HOOK_KEY}`,
            FALLBACK_WEBHOOK_URL: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${HOOK_KEY}`,
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.stderr.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.stdin.end(); // the simulator stops when its input ends
        const kill = setTimeout(() => child.kill('SIGKILL'), 40_000);
        child.on('exit', (code) => {
          clearTimeout(kill);
          resolve({ code, out });
        });
      });
    const good =
      PG.replace('postgres://postgres@', `postgres://postgres:${SECRET_PW}@`) +
      (PG.includes('?') ? '&' : '?') +
      `options=-c%20search_path%3D${schema}`;
    const ok = await runServer(good);
    expect(ok.out).toContain('"msg":"ready"');
    expect(ok.out).toContain('postgres:***@');
    const bad = await runServer(`postgres://u:${SECRET_PW}@127.0.0.1:1/x`);
    expect(bad.code).not.toBe(0);
    for (const r of [ok, bad]) {
      for (const secret of [SECRET_PW, API_TOKEN, METRICS_TOKEN, HOOK_KEY]) expect(r.out).not.toContain(secret);
    }
    await obliterate(REDIS_URL, `${prefix}-srv`);
  }, 90_000);
});
