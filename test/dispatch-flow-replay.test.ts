import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDIS_URL, REPO, ROSTER_PATH } from './helpers.js';

/** The same flow through `cli replay` with a scenario file (test/fixtures/dispatch-scenario.jsonl). */
describe('dispatch flow through the replay CLI', () => {
  it('delivers, reminds, escalates once at the deadline and forwards the late answer', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'replay', '--config', ROSTER_PATH],
      {
        cwd: REPO,
        input: readFileSync(join(import.meta.dirname, 'fixtures/dispatch-scenario.jsonl'), 'utf8'),
        encoding: 'utf8',
        env: { ...process.env, REDIS_URL, LOG_LEVEL: 'silent' },
        timeout: 120_000,
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { at: string; to: string; text: string; mentions: string[] });
    const brief = out.map((o) => `${o.at.slice(5, 16)} ${o.to}`);
    expect(brief).toEqual([
      '11-20T19:30 group',
      '11-20T19:30 wxid_chengguan_chu',
      // One reminder on Monday morning: the 签收 reminder owed since Friday evening is the reminder before the
      // deadline too (not two half an hour apart).
      '11-23T08:30 wxid_chengguan_chu',
      '11-23T10:00 group',
      '11-23T10:00 wxid_sup_liu',
      '11-23T10:00 wxid_sup_chen',
      '11-23T10:00 wxid_leader_li',
      '11-23T10:40 wxid_leader_li',
      '11-23T10:40 wxid_chengguan_chu',
      '11-23T10:45 wxid_leader_li',
    ]);
    expect(out[0]?.text).toBe('已转办区城市管理局（褚局长），时限11月23日（星期一）10:00，编号 D1');
    expect(out[2]?.text).toMatch(/^【黄色预警 D1】.*将于11月23日（星期一）10:00到期，贵单位尚未签收。请回复“收到”签收/);
    expect(out[3]?.mentions).toEqual(['wxid_chengguan_chu']);
    expect(out[7]?.text).toContain('【调度反馈 D1】区城市管理局（褚局长）（超时反馈）：');
    expect(out[9]?.text).toBe('目前没有未办结的调度。');
  });
});
