/**
 * The nag counts a reopened ticket that is also due today or overdue once, in the group line and the private header.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, Scenario } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (hhmm: string, day = '2026-11-25') => `${day}T${hhmm}:00+08:00`;

describe('one ticket is one ticket in the nag (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
    const path = await writeXlsx(join(tempDir(), 'reopened.xlsx'), [
      HEADER,
      [
        'GD20261127008',
        '市民咨询灵活就业人员社保补贴申领条件',
        '',
        '人社局',
        '',
        '',
        '2026-11-20 09:00',
        '2026-11-25 18:00',
        '重办中',
        '',
        2,
      ],
      [
        'GD20261124001',
        '海港路菜市场周边流动摊贩占道经营',
        '',
        '城管局',
        '',
        '',
        '2026-11-18 09:00',
        '2026-11-21 18:00',
        '重办中',
        '',
        1,
      ],
      [
        'GD20261124002',
        '湖滨路夜市油烟扰民',
        '',
        '城管局',
        '',
        '',
        '2026-11-18 09:00',
        '2026-11-21 18:00',
        '办理中',
        '',
        0,
      ],
      [
        'GD20261124003',
        '建设路共享单车乱停放',
        '',
        '城管局',
        '',
        '',
        '2026-11-22 09:00',
        '2026-11-28 18:00',
        '重办中',
        '',
        1,
      ],
      [
        'GD20261124004',
        '城东街道和平路井盖缺失',
        '',
        '城东街道',
        '',
        '',
        '2026-11-18 09:00',
        '2026-11-21 18:00',
        '办理中',
        '',
        0,
      ],
      [
        'GD20261124005',
        '城东街道人民路路灯不亮',
        '',
        '城东街道',
        '',
        '',
        '2026-11-18 09:00',
        '2026-11-25 18:00',
        '办理中',
        '',
        0,
      ],
    ]);
    await s.play({ at: t('08:30'), from: 'wxid_sup_liu', file: path, to: 'group' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the group line and each private header say how many tickets there truly are', async () => {
    const out = await s.play(run(t('09:00'), 'ticket-nag'));
    const group = out.find((o) => o.to === 'group')?.text ?? '';
    expect(group).toContain('区人力资源和社会保障局（吴局长）：今日到期1件（其中重办1件）');
    expect(group).toContain('区城市管理局（褚局长）：3件（超期2件、未到期重办1件；其中重办2件）');
    expect(group).toContain('城东街道（朱主任）：2件（超期1件、今日到期1件）');
    expect(group).not.toMatch(/今日到期1件、重办1件/);
    const to = (id: string) => out.find((o) => o.to === id && o.text.startsWith('【即时督办】'))?.text ?? '';
    expect(to('wxid_renshe_wu')).toContain('本单位今日到期工单1件（其中重办1件），请抓紧办理：');
    expect(to('wxid_chengguan_chu')).toContain('本单位工单3件（超期2件、未到期重办1件；其中重办2件），请抓紧办理：');
    expect(to('wxid_chengdong_zhu')).toContain('本单位工单2件（超期1件、今日到期1件），请抓紧办理：');
  });
});
