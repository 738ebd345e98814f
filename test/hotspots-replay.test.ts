/**
 * 本周热点 (issue 18 §1) through `cli replay`: the supervision team sends five weeks of the
 * platform's export (with 诉求分类 and 事发地址) on Friday morning; the weekly summary at 17:00 tells
 * each leader what rose, with the chart card. A week earlier, with the first tickets only three
 * weeks old, the summary says the weeks before are not enough and shows no chart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTSPOT_HEADER, hotspotRows } from './hotspot-fixture.js';
import { runReplay } from './replay-run.js';
import { writeXlsx } from './ticket-helpers.js';

interface Out {
  at: string;
  to: string;
  text: string;
  file?: string;
}

const at = (day: string, hhmm: string) => `2026-${day}T${hhmm}:00+08:00`;

describe('本周热点 in the weekly summary (replay)', () => {
  let dir: string;
  let out: Out[] = [];
  let stderr = '';
  const leaderAt = (when: string) => out.filter((o) => o.at === when && o.to === 'wxid_leader_li');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-hotspots-'));
    const rows = hotspotRows();
    // The export up to 11-20 first (the first tickets from 10-24: three weeks and a half before 11-20).
    const early = rows.filter((r) => String(r[5]) < '2026-11-21');
    const first = await writeXlsx(join(dir, '工单明细-11月20日.xlsx'), [HOTSPOT_HEADER, ...early]);
    const full = await writeXlsx(join(dir, '工单明细-11月27日.xlsx'), [HOTSPOT_HEADER, ...rows]);
    const r = runReplay<Out>([
      { at: at('11-20', '09:00'), from: 'wxid_sup_liu', text: '本周工单明细发群里了，请各单位对照办理', to: 'group' },
      { at: at('11-20', '09:01'), from: 'wxid_sup_liu', file: first, to: 'group' },
      { at: at('11-20', '17:00'), run: 'weekly-summary' },
      { at: at('11-27', '08:50'), from: 'wxid_sup_liu', file: full, to: 'group' },
      { at: at('11-27', '08:52'), from: 'wxid_sup_liu', text: '最新的明细，截至今早', to: 'group' },
      { at: at('11-27', '17:00'), run: 'weekly-summary' },
    ]);
    expect(r.status, r.stderr).toBe(0);
    out = r.out;
    stderr = r.stderr;
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports both exports without a rejected row', () => {
    expect(stderr).not.toMatch(/line \d+:/);
    const answers = out.filter((o) => o.text.includes('工单清单'));
    expect(answers.map((a) => /新增(\d+)条.*未导入(\d+)条/.exec(a.text)?.slice(1))).toEqual([
      ['30', '0'],
      ['18', '0'],
    ]);
    for (const a of answers) expect(a.text).toContain('问题分类←诉求分类，事发地址。');
  });

  it('a week early: the weeks before are not enough, nothing listed, no chart', () => {
    const sent = leaderAt(at('11-20', '17:00'));
    expect(sent.length).toBe(1);
    expect(sent[0]?.text).toContain('【本周热点】前四周已导入工单的问题分类、地点数据不全，暂不作热点比较。');
    expect(sent[0]?.file).toBeUndefined();
  });

  it('the next Friday: what rose by category and place, then the chart card', () => {
    const sent = leaderAt(at('11-27', '17:00'));
    expect(sent.map((o) => o.file ?? 'text')).toEqual(['text', 'text', '本周热点-2026-11-27.png']);
    const text = sent[0]?.text ?? '';
    expect(text).toMatch(/^【每周汇总】11月23日至11月27日/);
    expect(text).toContain('【本周热点】11月21日至11月27日与前四周相比，工单上升较多的：');
    expect(text).toContain('问题分类：\n· 物业管理 9件（前四周平均3.5件）\n· 噪声污染 5件（前四周未出现）');
    expect(text).toContain('地点：\n· 阳光花园 5件（前四周平均1件）');
    expect(text).not.toContain('垃圾清运');
    expect(sent[1]?.text).toBe('本周热点图表（11月21日至11月27日）：');
    expect(out.filter((o) => o.at === at('11-27', '17:00') && o.to === 'wxid_leader_wang').length).toBe(3);
  });
});
