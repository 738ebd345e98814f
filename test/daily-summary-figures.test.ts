/** The daily summary: 满意率 per unit, totals only over the units that gave each figure (never 0 for unknown). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeDay, totalText } from '../src/domain/report/summary.js';
import { Roster } from '../src/domain/roster.js';
import { rosterConfig } from './helpers.js';
import { run, Scenario, say } from './scenario.js';

const D = '2026-11-24'; // a Tuesday
const t = (hhmm: string) => `${D}T${hhmm}:00+08:00`;

describe('daily summary figures (pure)', () => {
  const roster = Roster.fromConfig(rosterConfig());
  const units = roster.reportingUnits().slice(0, 3);
  const r = (unitId: string, o: Record<string, number | null>) => ({
    unitId,
    late: false,
    received: null,
    completed: null,
    inProgress: null,
    overdue: null,
    reopened: null,
    unsatisfied: null,
    returned: null,
    onTimeRate: null,
    satisfactionRate: null,
    ...o,
  });
  it('a total says how many units gave it when not all did, 未填报 when none did', () => {
    expect(totalText('received', 120, 11, 11)).toBe('受理120件');
    expect(totalText('received', 120, 11, 13)).toBe('受理120件（11个单位填报）');
    expect(totalText('returned', 0, 0, 13)).toBe('退办/不再办理未填报');
  });
  it('missing figures are not summed as 0; 满意率 shows per unit', () => {
    const s = summarizeDay({
      day: D,
      units,
      lowRate: 90,
      reports: [
        r(units[0]?.id as string, { received: 12, completed: 10, satisfactionRate: 98.5 }),
        r(units[1]?.id as string, { received: 5, completed: 5, returned: 1, satisfactionRate: 100 }),
      ],
    });
    expect(s.totals.returned).toBe(1);
    expect(s.givenBy).toMatchObject({ received: 2, returned: 1, overdue: 0 });
    expect(s.text).toContain(
      '合计：受理17件，办结15件，在办未填报，超期未填报，重办未填报，不满意未填报，退办/不再办理1件（1个单位填报）。',
    );
    expect(s.text).toContain(`${units[0]?.name} 12/10/-/-/-/-/98.5%`);
    expect(s.text).toContain(`${units[1]?.name} 5/5/-/-/-/-/100%`);
    expect(s.text).not.toMatch(/在办0件|退办\/不再办理0件/);
  });
});

describe('daily-summary over reports as units type them', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
    await s.play(
      say(
        t('16:50'),
        'wxid_zhujian_xu',
        '【区住建局】11月24日：今日新受理工单12件，办结10件，在办2件，无超期，满意率98.5%。',
      ),
      say(t('17:02'), 'wxid_jiaoyu_sun', '教育局今天接收工单5件，已全部办结，满意率100%'),
      say(t('17:05'), 'wxid_hubin_you', '湖滨街道：今日受理5件，办结4件，退办1件，满意率96%。'),
      say(t('17:09'), 'wxid_chengguan_chu', '城管局 今日受理9件 办结8件 在办1件 不满意1件 满意率85%'),
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  it('gives 满意率 for every unit that sent it and counts 退办 only where given', async () => {
    const out = await s.play(run(t('18:40'), 'daily-summary'));
    expect(out).toHaveLength(1);
    const text = out[0]?.text ?? '';
    expect(text).toContain('受理31件');
    expect(text).toContain('退办/不再办理1件（1个单位填报）');
    expect(text).not.toContain('退办/不再办理0件');
    expect(text).toContain('满意率');
    expect(text).toMatch(/区住房和城乡建设局 12\/10\/2\/0\/[^\n]*\/98\.5%/);
    expect(text).toMatch(/区教育局 5\/5\/[^\n]*\/100%/);
    expect(text).toMatch(/湖滨街道 5\/4\/[^\n]*\/96%/);
    expect(text).toMatch(/区城市管理局 9\/8\/1\/[^\n]*\/85%/);
  });
});
