/**
 * The twice-daily nag is ONE group message naming every unit concerned (their heads
 * @-mentioned), the lists privately; tickets a unit reported 已办结 are marked
 * （单位已报办结，待平台确认） and not escalated while the platform has not confirmed them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterConfig } from './helpers.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const FRI = '2026-11-20';
const MON = '2026-11-23';
const UNITS: Array<[string, string, string, string]> = [
  ['zhujian', '区住建局', 'wxid_zhujian_zhang', '小区路灯不亮'],
  ['jiaoyu', '教育局', 'wxid_jiaoyu_sun', '校车接送时间调整'],
  ['weijian', '卫健局', 'wxid_weijian_zhou', '社区卫生站排队久'],
  ['renshe', '人社局', 'wxid_renshe_wu', '拖欠农民工工资'],
  ['shengtai', '生态环境分局', 'wxid_shengtai_zheng', '夜间施工噪音'],
  ['gongan', '公安分局', 'wxid_gongan_feng', '小区门口违停'],
  ['chengguan', '城管局', 'wxid_chengguan_chu', '占道经营'],
  ['shijian', '市场监管局', 'wxid_shijian_wei', '预付卡退费难'],
  ['minzheng', '民政局', 'wxid_minzheng_jiang', '高龄补贴未到账'],
  ['jiaotong', '交通运输局', 'wxid_jiaotong_shen', '公交站牌损坏'],
  ['nongye', '农业农村局', 'wxid_nongye_han', '农田灌溉渠堵塞'],
];
const HEADS = UNITS.map((u) => u[2]);

describe('ticket-nag: one group digest for 11 units, details privately; reported-done tickets marked and held', () => {
  let s: Scenario;
  const dir = tempDir();
  beforeAll(async () => {
    const base = rosterConfig();
    s = await Scenario.open({ ...base, tickets: { ...base.tickets, ladder: { written: 1, onSite: 2, referral: 3 } } });
    const rows = UNITS.map(([, name, , title], i) => [
      `M${String(i + 1).padStart(3, '0')}`,
      title,
      '',
      name,
      '',
      '',
      '2026-11-16 09:00',
      '',
      '办理中',
      '',
      0,
    ]);
    rows.push(['M012', '楼道渗水', '', '区住建局', '', '', '2026-11-17 10:00', '', '办理中', '', 0]);
    const out = await s.play({
      at: t('2026-11-19', '10:00'),
      from: 'wxid_sup_liu',
      file: await writeXlsx(join(dir, 'list.xlsx'), [HEADER, ...rows]),
      to: 'group',
    });
    expect(out[0]?.text).toContain('新增12条');
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    '09:00: one message in the group (not 11), every head @-mentioned, a line per unit with counts; each head ' +
      'gets the list privately',
    async () => {
      const out = await s.play(run(t(FRI, '09:00'), 'ticket-nag'));
      const group = out.filter((o) => o.to === 'group');
      expect(group).toHaveLength(1);
      expect([...(group[0]?.mentions ?? [])].sort()).toEqual([...HEADS].sort());
      const lines = (group[0]?.text ?? '').split('\n').filter((l) => /^\d+\. /.test(l));
      expect(lines).toHaveLength(11);
      expect(lines.find((l) => l.includes('区住房和城乡建设局'))).toBe(
        `${lines.findIndex((l) => l.includes('区住房和城乡建设局')) + 1}. 区住房和城乡建设局（张局长）：` +
          '超期2件【红色督办】',
      );
      expect(group[0]?.text).not.toMatch(/M0\d\d/);
      const priv = out.filter((o) => o.to !== 'group');
      expect(priv.map((o) => o.to).sort()).toEqual([...HEADS].sort());
      expect(priv.find((o) => o.to === 'wxid_zhujian_zhang')?.text).toMatch(/M001 小区路灯不亮[\s\S]*M012 楼道渗水/);
      expect(await s.play(run(t(FRI, '09:20'), 'ticket-nag'))).toEqual([]);
    },
  );

  it('heads report tickets done as they type it; 15:00 marks those tickets in the list and the digest', async () => {
    const replies = await s.play(
      say(t(FRI, '10:05'), 'wxid_zhujian_zhang', 'M012 已办结 已修复渗水点'),
      say(t(FRI, '10:30'), 'wxid_jiaoyu_sun', 'M002已办结，已与家长沟通调整接送时间'),
      say(t(FRI, '11:12'), 'wxid_chengguan_chu', 'M007 已经办结：摊点已清理'),
    );
    expect(replies.filter((r) => r.text.includes('的办结情况'))).toHaveLength(3);
    const out = await s.play(run(t(FRI, '15:00'), 'ticket-nag'));
    const group = out.filter((o) => o.to === 'group');
    expect(group).toHaveLength(1);
    const g = group[0]?.text ?? '';
    // In public only what is still to handle: 住建局 counts M001 alone; 教育局 and 城管局 (their
    // only tickets reported done) are not named nor @-mentioned; they still get their lists privately.
    expect(g).toContain('区住房和城乡建设局（张局长）：超期1件');
    expect(g).not.toContain('已报办结');
    expect(g).not.toContain('区教育局');
    expect(g).not.toContain('区城市管理局');
    expect(group[0]?.mentions).not.toContain('wxid_jiaoyu_sun');
    expect(group[0]?.mentions).not.toContain('wxid_chengguan_chu');
    expect(out.find((o) => o.to === 'wxid_chengguan_chu')?.text).toContain('M007');
    const zj = out.find((o) => o.to === 'wxid_zhujian_zhang')?.text ?? '';
    expect(zj).toContain('（其中1件单位已报办结，待平台确认）');
    // 三色督办: the overdue ticket is red; the one reported done (awaiting the platform) has no colour.
    expect(zj).toMatch(/1\. M001 小区路灯不亮（超期\d个工作日）【红色督办】\n2\. M012 /);
    expect(zj).toMatch(/\n2\. M012 楼道渗水（超期\d个工作日）（单位已报办结，待平台确认）\n/);
    expect(out.find((o) => o.to === 'wxid_jiaoyu_sun')?.text).toContain(
      'M002 校车接送时间调整（超期2个工作日）（单位已报办结，待平台确认）',
    );
    expect(out.find((o) => o.to === 'wxid_renshe_wu')?.text).not.toContain('已报办结');
  });

  it(
    'Monday: 书面督办 for the others, never for the tickets ' + 'awaiting the platform; a reopened one loses its mark',
    async () => {
      const mon = await s.play(run(t(MON, '09:00'), 'ticket-nag'));
      const written = mon.filter((o) => o.text.includes('【书面督办通知】'));
      expect(written.map((o) => o.to).sort()).toEqual(
        HEADS.filter((h) => h !== 'wxid_jiaoyu_sun' && h !== 'wxid_chengguan_chu').sort(),
      );
      const all = written.map((o) => o.text).join('\n');
      for (const n of ['M012', 'M002', 'M007']) expect(all).not.toContain(n);
      expect(all).toContain('M001');
      const steps = await s.h.app.db.query<{ ticket_number: string }>(
        "select distinct ticket_number from ticket_escalations where ticket_number in ('M002','M007','M012') and " +
          "step <> 'immediate'",
      );
      expect(steps).toEqual([]);
      // The platform sends M002 back (重办): the unit's 已办结 no longer holds.
      await s.play({
        at: t(MON, '10:00'),
        from: 'wxid_sup_liu',
        file: await writeXlsx(join(dir, 'reopen.xlsx'), [
          HEADER,
          ['M002', '校车接送时间调整', '', '教育局', '', '', '2026-11-16 09:00', '', '重办', '不满意', 1],
        ]),
        to: 'group',
      });
      const pm = await s.play(run(t(MON, '15:00'), 'ticket-nag'));
      const jy = pm.find((o) => o.to === 'wxid_jiaoyu_sun')?.text ?? '';
      expect(jy).toContain('M002');
      expect(jy).not.toContain('已报办结');
    },
  );
});
