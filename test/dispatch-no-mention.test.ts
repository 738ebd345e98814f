/**
 * Found playing a day (issue 12): a leader's instruction that names the unit and its head at
 * the start without an @ ("教育局孙局长，…明天下班前反馈") was dropped without a word. It is a
 * dispatch like any other: one line in the group, point-to-point delivery to the unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scenario, say } from './scenario.js';

const t = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`;

describe('a leader names the unit and its head without @ (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('is relayed to the unit, several phrasings', async () => {
    const cases: Array<[string, string, string, string]> = [
      [
        'wxid_leader_li',
        '教育局孙局长，实验小学门口摊贩的事要盯紧，明天下班前反馈',
        '区教育局（孙局长）',
        'wxid_jiaoyu_sun',
      ],
      [
        'wxid_leader_li',
        '环保分局郑局长，锦绣小区烧烤店噪音的事情再跟一下，本周五前给个结果',
        '区生态环境分局（郑局长）',
        'wxid_shengtai_zheng',
      ],
      ['wxid_leader_wang', '城管局褚局长，夜市油烟的事今天下班前报我', '区城市管理局（褚局长）', 'wxid_chengguan_chu'],
    ];
    for (const [i, [leader, text, unit, head]] of cases.entries()) {
      const out = await s.play(say(t(`10:0${i}`), leader, text));
      const group = out.find((o) => o.to === 'group');
      expect(group?.text, text).toMatch(new RegExp(`^已转办${unit.replace(/[()（）]/g, '.')}`));
      expect(
        out.some((o) => o.to === head && o.text.includes('【点对点调度')),
        text,
      ).toBe(true);
    }
  });

  it('praise naming a head is not a dispatch', async () => {
    expect(await s.play(say(t('11:00'), 'wxid_leader_li', '教育局孙局长辛苦了，这次处理得很好'))).toEqual([]);
  });
});
