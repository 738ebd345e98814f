import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDIS_URL, REPO, ROSTER_PATH } from './helpers.js';

function replay(lines: object[] | string): { out: Array<Record<string, unknown>>; stderr: string; status: number | null } {
  const input = typeof lines === 'string' ? lines : `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'replay', '--config', ROSTER_PATH], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    env: { ...process.env, REDIS_URL, LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
  const out = r.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { out, stderr: r.stderr, status: r.status };
}

describe('cli replay', () => {
  it('prints what the bot sent as JSON Lines, at the replay clock, for a two-line scenario', () => {
    const { out, status } = replay([
      { at: '2026-11-20T17:05:00+08:00', from: 'wxid_zhujian_zhang', text: '帮助' },
      { at: '2026-11-20T17:06:30+08:00', from: 'wxid_leader_li', text: '在吗', to: 'bot' },
    ]);
    expect(status).toBe(0);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ at: '2026-11-20T17:05:00+08:00', to: 'group', mentions: ['wxid_zhujian_zhang'] });
    expect(String(out[0]?.text)).toMatch(/^@张局长\s+您好，我是督办助手/);
    expect(out[1]).toEqual({ at: '2026-11-20T17:06:30+08:00', to: 'wxid_leader_li', text: '您好，这条消息未能识别为日报、答复或指令，未作处理。\n发送“帮助”可查看使用说明。', mentions: [] });
  });

  it('names a bad line on stderr and goes on', () => {
    const { out, stderr, status } = replay(
      [
        'not json',
        JSON.stringify({ at: 'yesterday', from: 'wxid_zhujian_zhang', text: '帮助' }),
        JSON.stringify({ at: '2026-11-20T17:00:00+08:00', run: 'no-such-routine' }),
        JSON.stringify({ at: '2026-11-20T17:05:00+08:00', from: 'wxid_stranger', text: '帮助' }),
        JSON.stringify({ at: '2026-11-20T17:06:00+08:00', from: 'wxid_hubin_you', text: '帮助' }),
      ].join('\n'),
    );
    expect(status).toBe(0);
    expect(stderr).toMatch(/line 1: .*JSON/);
    expect(stderr).toMatch(/line 2: at: not an ISO 8601 time/);
    expect(stderr).toMatch(/line 3: unknown routine "no-such-routine"/);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ at: '2026-11-20T17:06:00+08:00', to: 'group', mentions: ['wxid_hubin_you'] });
  });
});
