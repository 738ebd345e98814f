/**
 * Issue 15 part 2 through the real pipeline (replay): reports in traditional characters, as a
 * table, with a bracketed 本月累计, with rates in words and forwarded by the unit's own head are
 * recorded and confirmed like any report; a forwarded report of another unit and a forwarded
 * notice are not; a leader speaking to a unit's head by name without @ gives the unit a dispatch,
 * and praise of finished work with a past date gives none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportsForDay } from '../src/store/reports.js';
import { Scenario, say } from './scenario.js';

const D = '2026-11-20'; // a Friday
const t = (hhmm: string) => `${D}T${hhmm}:00+08:00`;

describe('reports in the styles people use (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('records and confirms each, several phrasings', async () => {
    const cases: Array<[string, string, string, Record<string, number>]> = [
      [
        'wxid_weijian_zhou',
        '區衛生健康局：今日受理工單9件，辦結8件，在辦1件，無超期，滿意率98.5%。',
        'weijian',
        { received: 9, completed: 8, inProgress: 1, overdue: 0 },
      ],
      [
        'wxid_chengdong_zhu',
        '城东街道11月20日日报\n受理 | 办结 | 在办 | 超期\n12 | 10 | 2 | 0',
        'chengdong',
        { received: 12, completed: 10, inProgress: 2, overdue: 0 },
      ],
      ['wxid_hubin_you', '湖滨街道\n受理\t办结\t在办\n8\t8\t0', 'hubin', { received: 8, completed: 8, inProgress: 0 }],
      [
        'wxid_xingang_xu',
        '新港镇今日受理4件，办结3件（本月累计受理88件），在办1件，满意率九十八点五',
        'xingang',
        { received: 4, completed: 3, inProgress: 1 },
      ],
      [
        'wxid_zhujian_xu',
        '[转发]【区住建局】今日受理7件，办结6件，在办1件👍',
        'zhujian',
        { received: 7, completed: 6, inProgress: 1 },
      ],
      [
        'wxid_fenghuang_he',
        '凤凰镇今天受理１２件办结1 0件在办两件没有超期',
        'fenghuang',
        { received: 12, completed: 10, inProgress: 2, overdue: 0 },
      ],
    ];
    for (const [i, [from, text, unit, figures]] of cases.entries()) {
      const out = await s.play(say(t(`17:${String(10 + i)}`), from, text));
      expect(
        out.map((o) => o.to),
        text,
      ).toEqual([from]);
      expect(out[0]?.text, text).toMatch(/^已收到/);
      const stored = (await reportsForDay(s.h.app.db, D)).find((r) => r.unitId === unit);
      expect(stored, text).toMatchObject(figures);
    }
    const xingang = (await reportsForDay(s.h.app.db, D)).find((r) => r.unitId === 'xingang');
    expect(xingang?.satisfactionRate).toBe(98.5);
  });

  it('a forwarded report of another unit, or a forwarded notice, is no report', async () => {
    const before = (await reportsForDay(s.h.app.db, D)).length;
    await s.play(
      say(t('17:30'), 'wxid_chengxi_qin', '【转发】湖滨街道今日受理8件，办结8件。'),
      say(t('17:31'), 'wxid_shuanghe_lv', '【转发】区督导专班通报：请各单位于18:00前报送日报，务必准确'),
    );
    const after = await reportsForDay(s.h.app.db, D);
    expect(after.length).toBe(before);
    expect(after.find((r) => r.unitId === 'chengxi' || r.unitId === 'shuanghe')).toBeUndefined();
  });
});

describe('a leader speaks to a unit head by name, without @ (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it("is a dispatch to that person's unit, several phrasings", async () => {
    const cases: Array<[string, string, string, string]> = [
      ['wxid_leader_li', '张局长：明天上午给我个准信', '区住房和城乡建设局', 'wxid_zhujian_zhang'],
      ['wxid_leader_wang', '褚局长，夜市油烟又有人投诉了，马上安排人去看', '区城市管理局', 'wxid_chengguan_chu'],
      ['wxid_leader_li', '張局長：環海路積水的事，今天下班前給我個結果', '区住房和城乡建设局', 'wxid_zhujian_zhang'],
      ['wxid_leader_li', '孙局长 实验小学门口摊贩的事再盯一下，周五前给我个结果', '区教育局', 'wxid_jiaoyu_sun'],
    ];
    for (const [i, [leader, text, unit, head]] of cases.entries()) {
      const out = await s.play(say(t(`10:0${i}`), leader, text));
      const group = out.find((o) => o.to === 'group');
      expect(group?.text, text).toMatch(new RegExp(`已转办${unit}`));
      expect(
        out.some((o) => o.to === head && o.text.includes('【点对点调度')),
        text,
      ).toBe(true);
    }
  });

  it('praise of finished work with a past date gives no dispatch', async () => {
    for (const [i, text] of [
      '张局长：11月18日前就把积水处置好了，值得肯定',
      '朱主任，昨天夜里的管道抢修干得漂亮，辛苦了',
      '许镇长：11月17日的防汛演练组织得很好，点赞',
    ].entries()) {
      expect(await s.play(say(t(`11:0${i}`), 'wxid_leader_li', text)), text).toEqual([]);
    }
  });
});
