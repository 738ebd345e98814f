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

  it("百日攻坚: with campaign items in the district file, a lead unit's report gets `campaign`, nothing else", () => {
    const example = join(ROOT, 'config/district.example.yaml');
    const at = '2026-11-30T17:40:00+08:00';
    const lines = [
      {
        id: 'c1',
        text:
          '【区住建局】11月30日日报：受理12件，办结10件，在办2件。\n二、百日攻坚推进情况。' +
          '一是老旧小区改造：今日完成2个小区，累计完成11个小区；二是加装电梯：今日完工1部，累计完工二十一部。',
        sentAt: at,
        from: 'wxid_zhujian_zhang',
      },
      // No campaign part: the contract's fields only.
      { id: 'c2', text: '【城东街道】今日受理工单8件，均已办结，无超期。', sentAt: at, from: 'wxid_chengdong_zhu' },
      // A campaign-only message with no unit named: the sender's unit (its liaison) leads the item.
      { id: 'c3', text: '百日攻坚：加装电梯今日无新增，累计21部。', sentAt: at, from: 'wxid_zhujian_xu' },
      // A leader quoting a unit's progress: never the unit's figures.
      { id: 'c4', text: '住建局加装电梯累计21部，进度偏慢，请加快。', sentAt: at, from: 'wxid_leader_li' },
      // Another unit's head writing about the item: not the lead unit's report.
      { id: 'c5', text: '城东街道：配合加装电梯今日完工1部。', sentAt: at, from: 'wxid_chengdong_zhu' },
      // No sender: the unit the text names.
      { id: 'c6', text: '区卫健局：受理3件，办结3件。百日攻坚：家庭医生签约今日126人，累计2380人。', sentAt: at },
    ].map((l) => JSON.stringify(l));
    const withItems = runCli(`${lines.join('\n')}\n`, ['--roster', example]);
    const without = runCli(`${lines.join('\n')}\n`);
    expect(withItems.status).toBe(0);
    const a = withItems.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const b = without.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a[0]?.campaign).toEqual({
      items: [
        { item: 'laojiu', name: '老旧小区改造', today: 2, cumulative: 11, measure: '个小区' },
        { item: 'dianti', name: '加装电梯', today: 1, cumulative: 21, measure: '部电梯' },
      ],
    });
    expect(a[2]?.campaign).toEqual({
      items: [{ item: 'dianti', name: '加装电梯', today: 0, cumulative: 21, measure: '部电梯' }],
    });
    expect(a[5]?.campaign).toEqual({
      items: [{ item: 'jiayi', name: '家庭医生签约', today: 126, cumulative: 2380, measure: '人' }],
    });
    for (const i of [1, 3, 4]) expect(a[i]).not.toHaveProperty('campaign');
    // The contract's fields are the same, and the shared roster (no items) prints no campaign at all.
    a.forEach((o, i) => {
      const { campaign: _c, ...rest } = o;
      expect(rest).toEqual(b[i]);
    });
    expect(without.stdout).not.toContain('campaign');
    // A report with no campaign part prints byte for byte what it printed before.
    expect(withItems.stdout.split('\n')[1]).toBe(without.stdout.split('\n')[1]);
  });
});
