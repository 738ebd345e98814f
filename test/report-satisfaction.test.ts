/** 满意度 with a figure is the 满意率: the confirmation, the stored report and the daily summary carry it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportsForDay } from '../src/store/reports.js';
import { run, Scenario, say } from './scenario.js';

const D = '2026-11-30'; // a Monday
const t = (hhmm: string) => `${D}T${hhmm}:00+08:00`;

describe('满意度 is the 满意率 (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('confirms and stores the rate however the head writes 满意度', async () => {
    const reports: Array<[string, string, string]> = [
      [
        'wxid_weijian_zhou',
        '卫健局 今天接了6件 全部办完了 没有超期 满意度100%',
        '已收到区卫生健康局11月30日日报：受理6件、办结6件、超期0件、满意率100%。',
      ],
      [
        'wxid_hubin_you',
        '湖滨街道今日受理6件，办结5件，在办1件，群众满意度：97.3%👍',
        '已收到湖滨街道11月30日日报：受理6件、办结5件、在办1件、满意率97.3%。',
      ],
      [
        'wxid_fenghuang_he',
        '凤凰镇今天受理5件，办结5件，满意度达百分之百[强]',
        '已收到凤凰镇11月30日日报：受理5件、办结5件、满意率100%。',
      ],
      [
        'wxid_minzheng_jiang',
        '民政局 受理4 办结4 回访满意度98.5%',
        '已收到区民政局11月30日日报：受理4件、办结4件、满意率98.5%。',
      ],
    ];
    const out = await s.play(...reports.map(([from, text], i) => say(t(`16:3${i}`), from, text)));
    expect(out.map((o) => [o.to, o.text])).toEqual(reports.map(([from, , reply]) => [from, reply]));
    const rates = new Map((await reportsForDay(s.h.app.db, D)).map((r) => [r.unitId, r.satisfactionRate]));
    expect(Object.fromEntries(rates)).toMatchObject({ weijian: 100, hubin: 97.3, fenghuang: 100, minzheng: 98.5 });
  });

  it('leaves 满意度 without a figure alone', async () => {
    const out = await s.play(say(t('16:40'), 'wxid_chengxi_qin', '城西街道今日受理7件，办结7件，群众满意度较高'));
    expect(out.map((o) => o.text)).toEqual(['已收到城西街道11月30日日报：受理7件、办结7件。']);
  });

  it('the daily summary shows the rate', async () => {
    const out = await s.play(run(t('18:40'), 'daily-summary'));
    const text = out.find((o) => o.to === 'group')?.text ?? '';
    expect(text).toMatch(/区卫生健康局 6\/6\/-\/0\/-\/-\/100%/);
  });
});
