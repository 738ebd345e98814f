import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { ManualClock } from '../src/domain/clock.js';
import { Roster } from '../src/domain/roster.js';
import { registerTicketApi } from '../src/http/tickets-api.js';
import { type Db, openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { getTicket } from '../src/store/tickets.js';
import type { AppContext } from '../src/usecases/context.js';
import { REPO, ROSTER_PATH, rosterConfig, testLogger } from './helpers.js';
import { HEADER, tempDir, writeCsv } from './ticket-helpers.js';

const TOKEN = 'test-token-0123456789abcdef';

describe('POST /api/tickets', () => {
  let db: Db;
  let app: FastifyInstance;
  let off: FastifyInstance;
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory' });
    await migrate(db);
    const config = rosterConfig();
    const ctx: AppContext = {
      config,
      roster: Roster.fromConfig(config),
      calendar: new WorkCalendar(),
      clock: new ManualClock('2026-11-20T10:00:00+08:00'),
      db,
      send: async () => 'x',
      log: testLogger(),
    };
    app = Fastify();
    registerTicketApi(app, { ctx, token: TOKEN, bodyLimit: 64 * 1024 });
    off = Fastify();
    registerTicketApi(off, { ctx, token: undefined });
  });
  afterAll(async () => {
    await app?.close();
    await off?.close();
    await db?.close();
  });

  const post = (body: unknown, token: string | null = TOKEN, target = () => app) =>
    target().inject({
      method: 'POST',
      url: '/api/tickets',
      payload: body as object,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('is off (404) when no token is configured', async () => {
    expect((await post([], TOKEN, () => off)).statusCode).toBe(404);
  });

  it('refuses a missing or wrong token', async () => {
    expect((await post([{ number: 'P1', unit: '住建局', assignedAt: '2026-11-18 09:00' }], null)).statusCode).toBe(401);
    expect(
      (await post([{ number: 'P1', unit: '住建局', assignedAt: '2026-11-18 09:00' }], 'wrong-token-0123456789abcdef'))
        .statusCode,
    ).toBe(401);
  });

  it('validates the body', async () => {
    expect((await post({ number: 'P1' })).statusCode).toBe(400);
    const r = await post([{ number: 'P1', unit: '住建局', colour: 'red' }]);
    expect(r.statusCode).toBe(400);
    expect(r.json().issues.length).toBeGreaterThan(0);
  });

  it('imports good rows and lists the bad ones with their position and reason', async () => {
    const r = await post([
      { number: 'P1', title: '路灯', unit: '住建局', assignedAt: '2026-11-18 09:00', status: '办理中' },
      { number: 'P2', unit: '火星局', assignedAt: '2026-11-18 09:00' },
      { number: 3, unit: '城管局', deadline: '2026-11-30T17:00:00+08:00', reopenCount: 1 },
    ]);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 1,
      rejectedRows: [{ row: 2, number: 'P2', reason: '承办单位「火星局」不在名册中' }],
    });
    expect((await getTicket(db, '3'))?.reopenCount).toBe(1);
  });

  it('enforces the body size limit', async () => {
    const big = Array.from({ length: 200 }, (_, i) => ({
      number: `B${i}`,
      unit: '住建局',
      assignedAt: '2026-11-18 09:00',
      content: 'x'.repeat(1000),
    }));
    expect((await post(big)).statusCode).toBe(413);
  });
});

describe('cli import-tickets', () => {
  it('imports a GB18030 CSV into DATA_DIR and prints the summary', () => {
    const dir = tempDir();
    const csv = writeCsv(
      join(dir, '导出.csv'),
      [
        HEADER,
        ['C1', '噪音', '', '区公安分局', '', '', '2026/11/18 9:00', '', '办理中', '', 0],
        ['C2', '', '', '无名局', '', '', '2026/11/18 9:00', '', '', '', 0],
      ],
      'gb18030',
    );
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'import-tickets', csv, '--config', ROSTER_PATH],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
        timeout: 120_000,
      },
    );
    expect(r.stderr).toMatch(/import-tickets: \d+ ms/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('新增1条，更新0条，无变化0条，未导入1条');
    expect(r.stdout).toContain('第3行（C2）：承办单位「无名局」不在名册中');
  });

  it('--dry-run FILE reads without a store: the columns used and ignored, the first rows as parsed', () => {
    const dir = tempDir();
    const csv = writeCsv(
      join(dir, '平台导出.csv'),
      [
        ['某区12345工单导出', '', '', '', '', ''],
        ['受理编号', '主责部门', '派遣时间', '承诺完成时间', '办理状态', '来电人'],
        ['D1', '区公安分局', '2026/11/18 9:00', '2026-11-20', '挂起', '张先生'],
        ['D2', '无名局', '2026/11/18 9:00', '', '', ''],
        ['合计', '', '', '', '', ''],
      ],
      'utf8',
    );
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'import-tickets', '--dry-run', csv, '--config', ROSTER_PATH],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
        timeout: 120_000,
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('试读「平台导出.csv」（未写入）：可导入1条，未导入1条。');
    expect(r.stdout).toContain(
      '识别：工单编号←受理编号，承办单位←主责部门，派单时间←派遣时间，办理时限←承诺完成时间，状态←办理状态。',
    );
    expect(r.stdout).toContain('未使用的列：来电人。');
    expect(r.stdout).toContain('已略过合计、说明等非工单行1行。');
    expect(r.stdout).toContain(
      '· 第3行：工单编号 D1，承办单位 区公安分局，派单 11月18日09:00，时限 11月20日18:00，状态 挂起（挂起，不催办）',
    );
    expect(r.stdout).toContain('· 第4行：未导入，承办单位「无名局」不在名册中');
    // Nothing stored: no data folder was made.
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
