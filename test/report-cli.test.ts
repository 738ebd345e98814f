import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const ROSTER = join(ROOT, 'test/fixtures/roster.json');

function runCli(
  stdin: string,
  args: string[] = ['--roster', ROSTER],
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'parse-report', ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('parse-report CLI', () => {
  it('writes one JSON line per input line, in order, with ids and errors', () => {
    const lines = [
      JSON.stringify({
        id: 'a1',
        text: '【城东街道】今日受理工单8件，均已办结，无超期。满意率100%。',
        sentAt: '2026-11-20T17:15:00+08:00',
        from: 'wxid_chengdong_zhu',
      }),
      '{not json',
      JSON.stringify({ id: 'a3', sentAt: '2026-11-20T17:15:00+08:00' }),
      JSON.stringify({ id: 'a4', text: '收到', sentAt: 'yesterday' }),
      JSON.stringify({ id: 7, text: '收到', sentAt: '2026-11-20T18:05:00+08:00' }),
      JSON.stringify([1, 2, 3]),
      JSON.stringify({
        id: 'a7',
        text: '区农业农村局补报昨日情况：受理3件，办结3件。',
        sentAt: '2026-11-21T09:05:00+08:00',
      }),
    ];
    const r = runCli(`${lines.join('\n')}\n`);
    expect(r.status).toBe(0);
    const out = r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(lines.length);
    expect(out.map((o) => o.id)).toEqual(['a1', null, 'a3', 'a4', 7, null, 'a7']);
    expect(out[0]).toEqual({
      id: 'a1',
      isReport: true,
      unit: '城东街道',
      date: '2026-11-20',
      received: 8,
      completed: 8,
      inProgress: null,
      overdue: 0,
      reopened: null,
      unsatisfied: null,
      returned: null,
      onTimeRate: null,
      satisfactionRate: 100,
    });
    for (const i of [1, 2, 3, 5]) expect(typeof out[i]?.error).toBe('string');
    expect(out[2]?.error).toMatch(/text/);
    expect(out[3]?.error).toMatch(/sentAt/);
    expect(out[4]).toMatchObject({ id: 7, isReport: false });
    expect(out[6]).toMatchObject({
      id: 'a7',
      isReport: true,
      unit: '区农业农村局',
      date: '2026-11-20',
      received: 3,
      completed: 3,
    });
  });

  it('keeps stdout pure JSON Lines and fails cleanly on a bad roster', () => {
    const r = runCli('{"id":"x","text":"收到","sentAt":"2026-11-20T18:00:00+08:00"}\n', [
      '--roster',
      '/nonexistent/roster.json',
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.length).toBeGreaterThan(0);
  });
});
