import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportsForDay } from '../src/store/reports.js';
import { rosterConfig } from './helpers.js';
import { run, Scenario, say } from './scenario.js';

const D = '2026-11-20'; // a Friday
const t = (hhmm: string, day = D) => `${day}T${hhmm}:00+08:00`;

/** 12 of the 18 units report, in varied free text. */
const REPORTS: Array<[string, string]> = [
  ['wxid_zhujian_xu', '【区住建局】11月20日：今日新受理工单12件，办结10件，在办2件，无超期，满意率98.5%。'],
  ['wxid_jiaoyu_sun', '教育局今天接收工单5件，已全部办结，无重办、不满意。'],
  ['wxid_weijian_zhou', '区卫健局：受理6件，办结5件，在办1件，超期1件。按时办结率95%'],
  ['wxid_renshe_wu', '人社局今日受理工单3件，办结3件。'],
  ['wxid_shengtai_zheng', '生态环境分局：今日受理2件，办结2件，无超期。'],
  ['wxid_gongan_feng', '公安分局今日受理工单十二件，办结十件，在办两件，重办1件。'],
  ['wxid_chengguan_chu', '城管局：今日受理9件，办结8件，在办1件，不满意1件，满意率85%。'],
  ['wxid_shijian_wei', '市场监管局今日受理4件，办结4件，零超期。'],
  ['wxid_minzheng_jiang', '民政局：今日受理1件，办结1件。'],
  ['wxid_chengdong_zhu', '城东街道：今日受理工单8件，均已办结，无超期、无重办，满意率100%。'],
  ['wxid_chengxi_qin', '城西街道今日受理7件，办结6件，在办1件。'],
  ['wxid_hubin_you', '湖滨街道：今日受理5件，办结5件，退办1件。'],
];
const MISSING_HEADS = [
  'wxid_jiaotong_shen',
  'wxid_nongye_han',
  'wxid_zigui_yang',
  'wxid_xingang_xu',
  'wxid_fenghuang_he',
  'wxid_shuanghe_lv',
];

describe('the 18:00 daily report loop (replay through the real pipeline)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('stores 12 reports and confirms each to its sender point-to-point, nothing in the group', async () => {
    const out = await s.play(
      ...REPORTS.map(([from, text], i) => say(t(`17:${String(i + 1).padStart(2, '0')}`), from, text)),
    );
    expect(out).toHaveLength(12);
    expect(out.every((o) => o.to !== 'group')).toBe(true);
    expect(out.map((o) => o.to)).toEqual(REPORTS.map(([from]) => from));
    expect(out[0]?.text).toBe(
      '已收到区住房和城乡建设局11月20日日报：受理12件、办结10件、在办2件、超期0件、满意率98.5%。',
    );
    expect(out[3]?.text).toContain('受理3件、办结3件');
    const stored = await reportsForDay(s.h.app.db, D);
    expect(stored).toHaveLength(12);
    expect(stored.find((r) => r.unitId === 'gongan')).toMatchObject({
      received: 12,
      completed: 10,
      inProgress: 2,
      reopened: 1,
      late: false,
    });
  });

  it('report-reminder @-mentions the heads and liaisons of the 6 missing units, once', async () => {
    const out = await s.play(run(t('17:30'), 'report-reminder'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ at: t('17:30'), to: 'group' });
    expect([...(out[0]?.mentions ?? [])].sort()).toEqual([...MISSING_HEADS].sort());
    expect(out[0]?.text).toContain('区交通运输局、区农业农村局、区自然资源和规划分局、新港镇、凤凰镇、双河镇');
    expect(await s.play(run(t('17:31'), 'report-reminder'))).toEqual([]);
  });

  it('ignores a stranger and refuses a head reporting for another unit, storing nothing', async () => {
    const out = await s.play(
      say(t('17:40'), 'wxid_stranger', '交通局：今日受理5件，办结5件。'),
      say(t('17:41'), 'wxid_chengxi_qin', '双河镇：今日受理3件，办结3件。'),
    );
    expect(out.find((o) => o.to === 'wxid_chengxi_qin')).toEqual({
      at: t('17:41'),
      to: 'wxid_chengxi_qin',
      mentions: [],
      text:
        '您好，您不是双河镇的报送人员，本条日报未予记录。请由该单位负责同志或联络员报送。' +
        '已将本条内容转告该单位负责同志，由其确认是否采用。',
    });
    // The unit it was for is told (point-to-point), so it is not escalated without knowing.
    expect(out.find((o) => o.to === 'wxid_shuanghe_lv')?.text).toMatch(/^【代报待确认】秦主任（城西街道）/);
    expect(out).toHaveLength(2);
    const units = (await reportsForDay(s.h.app.db, D)).map((r) => r.unitId);
    expect(units).not.toContain('jiaotong');
    expect(units).not.toContain('shuanghe');
  });

  it(
    'a correction changes the figures it names, keeps the others and the history, says what changed; bad figures ' +
      'are flagged',
    async () => {
      const out = await s.play(
        say(t('17:50'), 'wxid_zhujian_zhang', '更正：区住建局今日受理13件，办结15件，在办1件。'),
      );
      expect(out).toHaveLength(1);
      expect(out[0]?.text).toContain(
        '已更正区住房和城乡建设局11月20日日报（第2次报送）：受理 12→13件、办结 10→15件、在办 2→1件。',
      );
      expect(out[0]?.text).toContain('更正后日报：受理13件、办结15件、在办1件、超期0件、满意率98.5%。');
      expect(out[0]?.text).toContain('请核实：办结数（15）多于受理数与在办数之和（13+1）');
      const r = (await reportsForDay(s.h.app.db, D)).find((x) => x.unitId === 'zhujian');
      expect(r).toMatchObject({
        received: 13,
        completed: 15,
        inProgress: 1,
        overdue: 0,
        satisfactionRate: 98.5,
        version: 2,
      });
      const versions = await s.h.app.db.query<{ n: number }>(
        `select count(*)::int as n from report_versions where unit_id = 'zhujian' and day = $1`,
        [D],
      );
      expect(versions[0]?.n).toBe(2);
    },
  );

  it('report-deadline names the 6 missing units and @-mentions exactly their heads', async () => {
    const out = await s.play(run(t('18:00'), 'report-deadline'));
    expect(out).toHaveLength(1);
    expect(out[0]?.to).toBe('group');
    expect([...(out[0]?.mentions ?? [])].sort()).toEqual([...MISSING_HEADS].sort());
    expect(out[0]?.text).toMatch(/^@沈局长\s@韩局长\s@杨局长\s@许镇长\s@何镇长\s@吕镇长 /);
    expect(out[0]?.text.replace(/^(@\S+\s)+/, '')).toBe(
      '截至18:00，11月20日日报应报18个单位，已报12个，尚未报送6个：区交通运输局（沈局长）、' +
        '区农业农村局（韩局长）、区自然资源和规划分局（杨局长）、新港镇（许镇长）、凤凰镇（何镇长）、' +
        '双河镇（吕镇长）。请尽快报送。',
    );
  });

  it('accepts a late report and marks it late', async () => {
    const out = await s.play(
      say(t('18:12'), 'wxid_jiaotong_shen', '交通运输局今日受理工单4件，办结3件，在办1件，超期2件。'),
    );
    expect(out[0]?.text).toContain('本次报送晚于18:00截止时间，已记为迟报');
    const r = (await reportsForDay(s.h.app.db, D)).find((x) => x.unitId === 'jiaotong');
    expect(r?.late).toBe(true);
  });

  it('report-escalation tells each supervisor once about the 5 still missing', async () => {
    const out = await s.play(run(t('18:30'), 'report-escalation'), run(t('18:35'), 'report-escalation'));
    expect(out.map((o) => o.to).sort()).toEqual(['wxid_sup_chen', 'wxid_sup_liu']);
    expect(out[0]?.text).toMatch(/^督办提请：截至11月20日18:30，以下5个单位尚未报送当日日报：/);
    expect(out[0]?.text).not.toContain('区交通运输局');
  });

  it('daily-summary gives the totals, anomalies first, and runs once', async () => {
    const out = await s.play(run(t('18:40'), 'daily-summary'));
    expect(out).toHaveLength(1);
    const text = out[0]?.text ?? '';
    // received: 13+5+6+3+2+12+9+4+1+8+7+5 (+4 late) = 79; completed: 15+5+5+3+2+10+8+4+1+8+6+5 (+3) = 75
    expect(text).toContain('报送：13/18个单位（迟报1个），未报5个。');
    // A figure a unit did not give is not counted as 0: each total says how many units gave it
    // (区住建局's 无超期 stands after its correction, which did not name it).
    expect(text).toContain(
      '合计：受理79件，办结75件，在办7件（6个单位填报），超期3件（6个单位填报），重办1件（3个单位填报），' +
        '不满意1件（2个单位填报），退办/不再办理1件（1个单位填报）。',
    );
    const lines = text.split('\n');
    expect(lines[3]).toBe('需关注：');
    expect(lines[4]).toBe('· 区交通运输局：超期2件');
    expect(text).toContain('· 区城市管理局：不满意1件、满意率85%');
    expect(text).toContain('· 迟报：区交通运输局');
    expect(text).toContain('区农业农村局 未报');
    expect(await s.play(run(t('18:41'), 'daily-summary'), run(t('18:42'), 'report-deadline'))).toEqual([]);
  });

  it('runs nothing on a holiday and runs on a make-up Saturday', async () => {
    const holiday = '2026-10-01';
    const none = await s.play(
      ...['report-reminder', 'report-deadline', 'report-escalation', 'daily-summary'].map((r) =>
        run(t('18:45', holiday), r),
      ),
    );
    expect(none).toEqual([]);
    const saturday = '2026-10-10';
    const out = await s.play(run(t('17:30', saturday), 'report-reminder'));
    expect(out).toHaveLength(1);
    expect(out[0]?.text).toContain('温馨提醒：今日（10月10日）日报请于18:00前报送，以下单位尚未报送：');
  });

  it(
    'warns the supervision team once a day when the year ' + 'has no official calendar, and falls back to Mon–Fri',
    async () => {
      const day = '2027-03-03'; // a Wednesday
      const out = await s.play(run(t('17:30', day), 'report-reminder'), run(t('18:00', day), 'report-deadline'));
      const warnings = out.filter((o) => o.text.includes('2027年法定节假日'));
      expect(warnings.map((o) => o.to).sort()).toEqual(['wxid_sup_chen', 'wxid_sup_liu']);
      expect(out.filter((o) => o.to === 'group')).toHaveLength(2);
      expect(await s.play(run(t('17:30', '2027-03-06'), 'report-reminder'))).toEqual(
        expect.arrayContaining([expect.objectContaining({ to: 'wxid_sup_liu' })]),
      );
    },
  );
});

describe('a district that moved its holiday into config', () => {
  it('does not warn for a configured year and skips its configured holiday', async () => {
    const base = rosterConfig();
    const s = await Scenario.open({ ...base, calendar: { holidays: ['2027-01-01'], workdays: [], years: [2027] } });
    try {
      expect(await s.play(run(t('17:30', '2027-01-01'), 'report-reminder'))).toEqual([]);
      const out = await s.play(run(t('17:30', '2027-01-04'), 'report-reminder'));
      expect(out).toHaveLength(1);
      expect(out[0]?.to).toBe('group');
    } finally {
      await s.close();
    }
  });
});
