/** Issue 12, item 3: decorated reports are stored; report-like messages not taken get a hint, never silence. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportsForDay } from '../src/store/reports.js';
import { run, Scenario, say } from './scenario.js';

const D = '2026-11-30'; // a Monday
const t = (hhmm: string) => `${D}T${hhmm}:00+08:00`;

describe('reports with emoji and decorations (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('stores and confirms reports wrapped in emoji, emoticons, keycaps, bullets and circled numbers', async () => {
    const reports: Array<[string, string, string]> = [
      [
        'wxid_renshe_wu',
        '👍人社局今日受理6件✅办结5件，在办1件，超期0，满意率100%💪',
        '已收到区人力资源和社会保障局11月30日日报：受理6件、办结5件、在办1件、超期0件、满意率100%。',
      ],
      [
        'wxid_chengxi_qin',
        '[强][强]城西街道：今日受理7件，办结7件[抱拳]，满意率100%[玫瑰]',
        '已收到城西街道11月30日日报：受理7件、办结7件、满意率100%。',
      ],
      [
        'wxid_minzheng_jiang',
        '民政局👨‍💼\n1️⃣受理4件\n2️⃣办结3件\n3️⃣在办1件👍🏻',
        '已收到区民政局11月30日日报：受理4件、办结3件、在办1件。',
      ],
      [
        'wxid_shuanghe_lv',
        '★双河镇★ ①受理５件 ②办结４件 ③在办１件 ④超期→无',
        '已收到双河镇11月30日日报：受理5件、办结4件、在办1件、超期0件。',
      ],
      [
        'wxid_hubin_you',
        '🌹🌹湖滨街道 今日 受 理 3 件，办 结 3 件🎉🎉',
        '已收到湖滨街道11月30日日报：受理3件、办结3件。',
      ],
      [
        'wxid_jiaoyu_sun',
        '🌹🌹【区教育局】今日受理：8件 ✔办结：7件 ⏳在办：1件 超期：0件 满意率：98%👏👏',
        '已收到区教育局11月30日日报：受理8件、办结7件、在办1件、超期0件、满意率98%。',
      ],
      // Figures set off in brackets (受理【5】件) are those figures, never the one before them.
      [
        'wxid_shengtai_zheng',
        '⭐生态环境分局⭐ 今日受理【5】件，办结【4】件🔥',
        '已收到区生态环境分局11月30日日报：受理5件、办结4件。',
      ],
      [
        'wxid_gongan_feng',
        '📢公安分局今日情况：受理[9]件，办结[8]件，在办（1）件，满意率「100%」🎉',
        '已收到区公安分局11月30日日报：受理9件、办结8件、在办1件、满意率100%。',
      ],
    ];
    const out = await s.play(...reports.map(([from, text], i) => say(t(`17:0${i}`), from, text)));
    expect(out.map((o) => [o.to, o.text])).toEqual(reports.map(([from, , reply]) => [from, reply]));
    const stored = new Set((await reportsForDay(s.h.app.db, D)).map((r) => r.unitId));
    for (const u of ['renshe', 'chengxi', 'minzheng', 'shuanghe', 'hubin', 'jiaoyu', 'shengtai', 'gongan'])
      expect(stored.has(u)).toBe(true);
  });

  it('does not name those units as missing at 17:30', async () => {
    const out = await s.play(run(t('17:30'), 'report-reminder'));
    expect(out).toHaveLength(1);
    for (const name of [
      '区人力资源和社会保障局',
      '城西街道',
      '区民政局',
      '双河镇',
      '湖滨街道',
      '区教育局',
      '区公安分局',
    ])
      expect(out[0]?.text).not.toContain(name);
    expect(out[0]?.text).toContain('城东街道');
  });

  it("answers a head's report-like message it did not take with 未识别为日报 and what to do, privately", async () => {
    const tries: Array<[string, string, RegExp]> = [
      [
        'wxid_chengdong_zhu',
        '城东街道今日受理8件，全部办结，继续保持！💪',
        /^未识别为日报：消息中含有评价性用语.*例如：“城东街道今日受理6件，办结5件，在办1件。”$/,
      ],
      [
        'wxid_jiaotong_shen',
        '今天受理4件，办结3件，这样报可以吗？',
        /^未识别为日报：这条消息是问句.*例如：“区交通运输局今日受理6件/,
      ],
      [
        'wxid_nongye_han',
        '请查收：今日受理2件，办结2件[抱拳]',
        /^未识别为日报，本条未作记录。如需报送今日日报，请以单位名称开头/,
      ],
      ['wxid_zhujian_xu', '今日受理12件 办结10件 在办2件 要不要报超期的？', /^未识别为日报：这条消息是问句/],
    ];
    for (const [i, [from, text, want]] of tries.entries()) {
      const out = await s.play(say(t(`17:4${i}`), from, text));
      expect(out, text).toHaveLength(1);
      expect(out[0]?.to).toBe(from);
      expect(out[0]?.text).toMatch(want);
    }
    const stored = new Set((await reportsForDay(s.h.app.db, D)).map((r) => r.unitId));
    for (const u of ['chengdong', 'jiaotong', 'nongye', 'zhujian']) expect(stored.has(u)).toBe(false);
  });

  it(
    'says nothing to messages that are not report attempts: numbers of a case, ticket and phone numbers, notes, ' +
      'other units',
    async () => {
      const quiet = [
        say(t('17:50'), 'wxid_gongan_feng', '工单2026113000123已办结，回访满意'),
        say(t('17:51'), 'wxid_gongan_feng', '有事请打我电话13812345678'),
        say(t('17:52'), 'wxid_weijian_zhou', 'D3 今天办结2件，剩下1件在办，明天能完成吗？'),
        say(t('17:53'), 'wxid_weijian_zhou', '@王副主任 湖滨路今日办结2件，在办1件，还需要补材料吗？', {
          mentions: ['wxid_leader_wang'],
        }),
        say(t('17:54'), 'wxid_shijian_wei', '报告李主任：今日受理4件、办结4件的情况需要单独报吗？'),
        say(t('17:55'), 'wxid_zigui_yang', '今日数据稍后报，目前受理3件'),
        say(t('17:56'), 'wxid_chengdong_zhu', '城西街道今天受理7件办结7件，真不错，辛苦了👍'),
        say(t('17:57'), 'wxid_shengtai_zheng', '收到👌'),
        say(t('17:58'), 'wxid_shengtai_zheng', '好的[抱拳][抱拳]'),
      ];
      expect(await s.play(...quiet)).toEqual([]);
    },
  );
});

describe('reports in everyday words (replay, issue 12 item 3)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('stores reports typed with everyday verbs (收了/接了/新收/来件, 结了/搞定/处理完, 在弄/没办完)', async () => {
    const reports: Array<[string, string, string]> = [
      [
        'wxid_shengtai_zheng',
        '生态今天收了5个 结了4个 还有1个在弄',
        '已收到区生态环境分局11月30日日报：受理5件、办结4件、在办1件。',
      ],
      [
        'wxid_jiaotong_shen',
        '今天新收3单，搞定2单，1单还在办',
        '已收到区交通运输局11月30日日报：受理3件、办结2件、在办1件。',
      ],
      [
        'wxid_minzheng_jiang',
        '民政今日来件6条 处理完5条 没办完1条',
        '已收到区民政局11月30日日报：受理6件、办结5件、在办1件。',
      ],
      ['wxid_nongye_han', '接件5，结件4', '已收到区农业农村局11月30日日报：受理5件、办结4件。'],
      [
        'wxid_zigui_yang',
        '📢📢今日情况：受理5件，办结4件，满意率💯',
        '已收到区自然资源和规划分局11月30日日报：受理5件、办结4件、满意率100%。',
      ],
      [
        'wxid_chengxi_qin',
        '城西今天接了7件，办好6件，1件还在处理👍',
        '已收到城西街道11月30日日报：受理7件、办结6件、在办1件。',
      ],
      // Everyday verbs beside a usual figure: a report by that figure, the verbs fill in.
      [
        'wxid_fenghuang_he',
        '凤凰镇今天结了6个，满意率100%',
        '已收到凤凰镇11月30日日报：办结6件、满意率100%。\n请补充：受理件数。',
      ],
    ];
    const out = await s.play(...reports.map(([from, text], i) => say(t(`16:1${i}`), from, text)));
    expect(out.map((o) => [o.to, o.text])).toEqual(reports.map(([from, , reply]) => [from, reply]));
    const stored = new Set((await reportsForDay(s.h.app.db, D)).map((r) => r.unitId));
    for (const u of ['shengtai', 'jiaotong', 'minzheng', 'nongye', 'zigui', 'chengxi', 'fenghuang'])
      expect(stored.has(u)).toBe(true);
  });

  it('answers 未识别为日报 to figures under report words it cannot store, never silence', async () => {
    const tries: Array<[string, string]> = [
      ['wxid_gongan_feng', '今天办好了3个，还有2个在弄'],
      ['wxid_shijian_wei', '搞定4单，还有2单没办完'],
      ['wxid_hubin_you', '今天结了6个 还有1个没弄完'],
    ];
    for (const [i, [from, text]] of tries.entries()) {
      const out = await s.play(say(t(`16:3${i}`), from, text));
      expect(out, text).toHaveLength(1);
      expect(out[0]?.to).toBe(from);
      expect(out[0]?.text).toMatch(
        /^未识别为日报，本条未作记录。如需报送今日日报，请以单位名称开头，写明受理、办结等件数/,
      );
    }
    const stored = new Set((await reportsForDay(s.h.app.db, D)).map((r) => r.unitId));
    for (const u of ['gongan', 'shijian', 'hubin']) expect(stored.has(u)).toBe(false);
  });

  it('keeps acknowledgements, case answers and chatter with everyday verbs quiet', async () => {
    const quiet = [
      say(t('16:40'), 'wxid_weijian_zhou', '收到，5个都结了'),
      say(t('16:41'), 'wxid_weijian_zhou', 'D2 收了5个摊位，搞定4个，还有1个在弄'),
      say(t('16:42'), 'wxid_chengdong_zhu', '湖滨路路灯修好了3个，还有2个在弄'),
      say(t('16:43'), 'wxid_chengdong_zhu', '领导来了2个小时，事情都搞定了'),
    ];
    expect(await s.play(...quiet)).toEqual([]);
    const stored = new Set((await reportsForDay(s.h.app.db, D)).map((r) => r.unitId));
    for (const u of ['weijian', 'chengdong']) expect(stored.has(u)).toBe(false);
  });
});
