import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROSTER_PATH } from './dispatch-helpers.js';

const ROOT = join(import.meta.dirname, '..');

function cli(
  stdin: string,
  args: string[] = ['--roster', ROSTER_PATH],
): { code: number | null; lines: Record<string, unknown>[]; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'parse-dispatch', ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
  });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status, lines, stdout: r.stdout, stderr: r.stderr };
}

describe('parse-dispatch CLI', () => {
  it('maps JSON Lines one to one, in order, with errors for malformed lines', () => {
    const input = [
      JSON.stringify({
        id: 'a',
        text: '@张局长 请明天上午10点前反馈',
        sentAt: '2026-09-07T19:42:00+08:00',
        from: 'wxid_leader_li',
        mentions: ['wxid_zhujian_zhang'],
      }),
      '{not json',
      JSON.stringify({ id: 'b', sentAt: '2026-09-07T19:42:00+08:00' }),
      JSON.stringify({ id: 'c', text: '请城管局明天反馈', sentAt: 'yesterday' }),
      JSON.stringify({
        id: 'd',
        text: '请城管局明天反馈',
        sentAt: '2026-09-07T19:42:00+08:00',
        mentions: 'wxid_zhujian_zhang',
      }),
      JSON.stringify({ id: 'e', text: '请城管局明天反馈', sentAt: '2026-09-07T19:42:00+08:00', mentions: [1, 2] }),
      JSON.stringify([1, 2]),
      JSON.stringify({ id: 7, text: '收到，马上安排', sentAt: '2026-09-07T19:42:00+08:00' }),
      JSON.stringify({ id: 'f', text: '城管局、湖滨街道：3个工作日内拿出方案', sentAt: '2026-09-30T10:00:00+08:00' }),
    ].join('\n');
    const { code, lines, stdout } = cli(`${input}\n`);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => l !== '')).toHaveLength(9);
    expect(lines[0]).toEqual({
      id: 'a',
      isDispatch: true,
      targets: ['区住房和城乡建设局'],
      deadline: '2026-09-08T10:00:00+08:00',
      urgent: false,
    });
    expect(lines[1]).toMatchObject({ id: null });
    expect(lines[1]?.error).toEqual(expect.any(String));
    for (const [i, id] of [
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ] as const) {
      expect(lines[i]).toMatchObject({ id });
      expect(typeof lines[i]?.error).toBe('string');
      expect(lines[i]).not.toHaveProperty('isDispatch');
    }
    expect(lines[6]).toMatchObject({ id: null, error: expect.any(String) });
    expect(lines[7]).toEqual({ id: 7, isDispatch: false, targets: [], deadline: null, urgent: true });
    expect(lines[8]).toEqual({
      id: 'f',
      isDispatch: true,
      targets: ['区城市管理局', '湖滨街道'],
      deadline: '2026-10-10T18:00:00+08:00',
      urgent: false,
    });
  });

  it('fails with a usage message and nothing on stdout without --roster', () => {
    const r = cli('', []);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--roster/);
  });
});
