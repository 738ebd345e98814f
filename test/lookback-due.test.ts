/**
 * 回头看 re-dispatches last month's unresolved tickets — past their deadline — and 不满意 ones, never tickets still
 * within their time limit.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, Scenario } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

describe('回头看 on 12-01: only tickets past due (or rated 不满意)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('2026-11-02', '08:00'));
    const path = await writeXlsx(join(tempDir(), 'nov.xlsx'), [
      HEADER,
      ['L001', '小区路灯不亮', '', '区住建局', '', '', '2026-11-16 09:00', '2026-11-18 18:00', '办理中', '', 0],
      ['L002', '楼道渗水', '', '区住建局', '', '', '2026-11-27 10:00', '2026-12-04 18:00', '办理中', '', 0],
      ['L003', '电梯异响', '', '区住建局', '', '', '2026-11-30 16:00', '', '办理中', '', 0],
      ['L004', '噪音扰民', '', '区住建局', '', '', '2026-11-10 09:00', '2026-11-12 18:00', '已办结', '不满意', 0],
      ['L005', '占道经营', '', '城管局', '', '', '2026-11-26 09:00', '2026-12-08 18:00', '办理中', '', 0],
    ]);
    const out = await s.play({ at: t('2026-11-30', '17:00'), from: 'wxid_sup_liu', file: path, to: 'group' });
    expect(out[0]?.text).toContain('新增5条');
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'L001 (overdue) and L004 (不满意) are counted for the oversight; L002, L003, L005 (still within their time ' +
      'limit) are not',
    async () => {
      const out = await s.play(run(t('2026-12-01', '09:00'), 'monthly-review'));
      for (const n of ['L002', 'L003', 'L005']) expect(out.some((o) => o.text.includes(n))).toBe(false);
      expect(out.some((o) => o.text.startsWith('【回头看】区城市管理局'))).toBe(false);
      // L001 is pursued by the daily nag, L004 is in its 双派单 round (opened at import): neither is re-dispatched.
      expect(out.some((o) => o.text.startsWith('【回头看】区住房和城乡建设局'))).toBe(false);
      const sum = out.find((o) => o.to === 'wxid_leader_li' && o.text.startsWith('【回头看】11月份'))?.text ?? '';
      expect(sum).toContain('共2件');
      expect(sum).toContain('超期未办结1件已在每日工单督办中跟进，不重复交办（区住房和城乡建设局1件）');
      expect(sum).toMatch(/双派单办理中1件，不重复交办（L004：SP\d+）/);
    },
  );
});
