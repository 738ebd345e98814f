/**
 * Issue 12 (the simulator's Sunday at 04:00): a report whose day is a rest day is kept but
 * never marked late, and the sender is told how to file it for the working day it may mean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportsForDay } from '../src/store/reports.js';
import { Scenario, say } from './scenario.js';

describe('a report sent on a rest day (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('is kept, not late, and the sender is told which working day it may be for (several phrasings)', async () => {
    const cases: Array<[string, string, string, string]> = [
      // Sunday 04:00 (the README's example at the simulator's wall clock): before 06:00 is the day before, a Saturday.
      [
        '2026-11-29T04:00:00+08:00',
        'wxid_zhujian_zhang',
        '【区住建局】今日受理12件，办结10件，在办2件，无超期，满意率98.5%',
        '2026-11-28',
      ],
      ['2026-11-29T04:05:00+08:00', 'wxid_renshe_wu', '👍人社局受理6件✅办结5件，在办1件，超期0', '2026-11-28'],
      // Saturday afternoon, 今天.
      ['2026-11-28T15:20:00+08:00', 'wxid_chengxi_qin', '城西街道今天受理3件 办结3件', '2026-11-28'],
      // Monday 02:00, no date: the day before is Sunday.
      ['2026-11-30T02:10:00+08:00', 'wxid_minzheng_jiang', '民政局：受理4件，办结3件，在办1件', '2026-11-29'],
    ];
    const out = await s.play(...cases.map(([at, from, text]) => say(at, from, text)));
    expect(out).toHaveLength(cases.length);
    cases.forEach(([, from, , day], i) => {
      const o = out[i]!;
      expect(o.to).toBe(from);
      expect(o.text).not.toContain('迟报');
      expect(o.text).toContain(
        '为休息日，无需报送日报，本条已留存备查。如为11月27日（星期五）的日报，请在开头注明“11月27日”后重新发送。',
      );
      expect(o.text).toContain(
        `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日（星期${day === '2026-11-28' ? '六' : '日'}）为休息日`,
      );
    });
    const sat = await reportsForDay(s.h.app.db, '2026-11-28');
    const sun = await reportsForDay(s.h.app.db, '2026-11-29');
    expect([...sat, ...sun].every((r) => r.late === false)).toBe(true);
    expect(sat.map((r) => r.unitId).sort()).toEqual(['chengxi', 'renshe', 'zhujian']);
    expect(sun.map((r) => r.unitId).sort()).toEqual(['minzheng']);
  });

  it('a report naming the working day it is for is filed there (late), without the rest-day note', async () => {
    const out = await s.play(
      say('2026-11-29T09:00:00+08:00', 'wxid_zhujian_zhang', '11月27日日报补报：区住建局受理9件，办结9件'),
    );
    expect(out).toHaveLength(1);
    expect(out[0]?.text).toContain('11月27日日报');
    expect(out[0]?.text).toContain('已记为迟报');
    expect(out[0]?.text).not.toContain('休息日');
  });

  it('a make-up working day (调休) is a working day: no note', async () => {
    // 2026-09-20 is a Sunday worked for the National Day holiday (chinese-days 2026).
    const out = await s.play(say('2026-09-20T17:00:00+08:00', 'wxid_zhujian_zhang', '区住建局今日受理5件，办结5件'));
    expect(out[0]?.text).not.toContain('休息日');
  });
});
