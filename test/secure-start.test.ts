/**
 * Issue 14 item 2: an empty or missing chat token never starts the simulator on production data.
 * The simulator runs only when asked (SIMULATOR=1, or `npm start` in a checkout), never on a
 * configured DATABASE_URL unless forced, in its own data folder; production without a token
 * refuses to start with a clear message.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnv, redactUrl, simulatorDataDir, startRefusal } from '../src/config/env.js';
import { REDIS_URL, REPO } from './helpers.js';

const PROD_DB = 'postgres://duban:pw@127.0.0.1:5432/duban';

describe('when the simulator runs', () => {
  it('docker-compose with an empty token (production image): no simulator, a refusal', () => {
    const env = readEnv({
      WECHATY_PUPPET_SERVICE_TOKEN: '',
      DATABASE_URL: PROD_DB,
      NODE_ENV: 'production',
      SIMULATOR: '',
    });
    expect(env.simulator).toBe(false);
    expect(startRefusal(env)).toContain('未配置聊天令牌');
    // No token at all, not in a checkout: the same.
    expect(readEnv({}).simulator).toBe(false);
    expect(startRefusal(readEnv({}))).toContain('WECHATY_PUPPET_SERVICE_TOKEN');
  });

  it('`npm start` in a checkout with no token: the simulator (the README two-command start)', () => {
    const env = readEnv({ DUBAN_CHECKOUT: '1' });
    expect(env.simulator).toBe(true);
    expect(startRefusal(env)).toBeNull();
    expect(simulatorDataDir(env)).toBe(join('./data', 'simulator'));
    // …but not when the checkout runs as production, nor with a token.
    expect(readEnv({ DUBAN_CHECKOUT: '1', NODE_ENV: 'production' }).simulator).toBe(false);
    expect(readEnv({ DUBAN_CHECKOUT: '1', WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_x' }).simulator).toBe(false);
  });

  it('never on a configured DATABASE_URL unless forced', () => {
    for (const raw of [
      { SIMULATOR: '1', DATABASE_URL: PROD_DB },
      { DUBAN_CHECKOUT: 'true', DATABASE_URL: PROD_DB },
    ]) {
      const env = readEnv(raw);
      expect(env.simulator).toBe(true);
      expect(startRefusal(env)).toContain('SIMULATOR_FORCE=1');
    }
    expect(startRefusal(readEnv({ SIMULATOR: '1', SIMULATOR_FORCE: '1', DATABASE_URL: PROD_DB }))).toBeNull();
    expect(startRefusal(readEnv({ SIMULATOR: '1' }))).toBeNull();
  });

  it('the real process, as docker-compose starts it with an empty token: exits at once with the message, opens ' +
    'nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'duban-start-'));
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const base: NodeJS.ProcessEnv = { ...process.env };
      for (const k of ['SIMULATOR', 'SIMULATOR_FORCE', 'DUBAN_CHECKOUT', 'WECHATY_PUPPET_SERVICE_TOKEN'])
        delete base[k];
      const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/server.ts')], {
        cwd: REPO,
        env: {
          ...base,
          NODE_ENV: 'production',
          WECHATY_PUPPET_SERVICE_TOKEN: '',
          DATABASE_URL: PROD_DB,
          REDIS_URL,
          DATA_DIR: dataDir,
          HTTP_PORT: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const kill = setTimeout(() => child.kill('SIGKILL'), 40_000);
      child.on('exit', (code) => {
        clearTimeout(kill);
        resolve({ code, out });
      });
    });
    expect(r.code).toBe(2);
    expect(r.out).toContain('未配置聊天令牌');
    expect(r.out).not.toContain('/sim');
    expect(r.out).not.toContain('"msg":"ready"');
    // Nothing was written: no PGlite, no simulator log.
    expect(readdirSync(dataDir)).toEqual([]);
  }, 60_000);
});

describe('secrets in logged URLs', () => {
  it('hides the Redis password also when the user name is empty', () => {
    expect(redactUrl('redis://:s3cret-pw@redis:6379/0')).toBe('redis://:***@redis:6379/0');
    expect(redactUrl('redis://default:s3cret-pw@redis:6379')).toBe('redis://default:***@redis:6379');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
