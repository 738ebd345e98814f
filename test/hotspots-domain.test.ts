/** 本周热点 (issue 18 §1), the pure rule: which categories and places rose, and what is said. */
import { describe, expect, it } from 'vitest';
import {
  categorySeries,
  type HotspotRules,
  historyShort,
  hotspotList,
  isRising,
  type KeyWeeks,
  kindVerdict,
  placeSeries,
  risingKeys,
  type WeekCount,
  weeklyHotspots,
} from '../src/domain/hotspots/rising.js';
import { hotspotLine, hotspotsText } from '../src/domain/texts/hotspots.js';

const RULES: HotspotRules = {
  historyWeeks: 4,
  minCount: 3,
  minIncrease: 3,
  minRise: 0.5,
  maxListed: 5,
  minHistoryShare: 0.25,
};

/** A key's series: the week looked at, then the four weeks before (most recent first). */
const keyWeeks = (key: string, now: number, before: number[], parent?: string): KeyWeeks => ({
  key,
  label: key.split('-').at(-1) as string,
  ...(parent ? { parent } : {}),
  counts: [now, ...before],
});

/** Week rows for one key: counts by week number (0 = the week looked at). */
const rows = (key: string | null, counts: number[]): WeekCount[] =>
  counts.map((n, week) => ({ week, key, n })).filter((r) => r.n > 0);

describe('rising detection', () => {
  it.each([
    ['flat', 5, [5, 5, 5, 5], false],
    ['a clear rise (mean 3.5 → 9)', 9, [3, 4, 3, 4], true],
    ['just enough: +3 and +50 % (mean 2 → 5)', 5, [2, 2, 2, 2], true],
    ['+3 but under +50 % of a large mean (100 → 110)', 110, [100, 100, 100, 100], false],
    ['+50 % but under +3 (mean 4 → 6)', 6, [4, 4, 4, 4], false],
    ['new: none in the weeks before, 3 now', 3, [0, 0, 0, 0], true],
    ['new but too few (2)', 2, [0, 0, 0, 0], false],
    ['mean 0.5 → 3: +2.5 is under +3', 3, [2, 0, 0, 0], false],
    ['mean 0.5 → 4', 4, [0, 2, 0, 0], true],
    ['falling', 1, [6, 5, 7, 6], false],
    ['one busy week before lifts the mean (mean 3.75 → 6)', 6, [0, 15, 0, 0], false],
  ])('%s', (_name, now, before, rising) => {
    const mean = before.reduce((a, b) => a + b, 0) / 4;
    expect(isRising(now, mean, RULES)).toBe(rising);
    expect(risingKeys([keyWeeks('k', now, before)], RULES).length).toBe(rising ? 1 : 0);
  });

  it('orders by increase, then count, and gives the weeks oldest first', () => {
    const r = risingKeys(
      [keyWeeks('甲', 6, [1, 1, 1, 1]), keyWeeks('乙', 12, [4, 4, 4, 4]), keyWeeks('丙', 8, [3, 3, 3, 3])],
      RULES,
    );
    expect(r.map((k) => [k.key, k.increase])).toEqual([
      ['乙', 8],
      ['丙', 5],
      ['甲', 5],
    ]);
    expect(r[0]).toMatchObject({ count: 12, mean: 4, isNew: false, weeks: [4, 4, 4, 4, 12] });
  });

  it('lists a second level instead of its top level; a top level whose rise is spread stays', () => {
    const list = hotspotList(
      [
        keyWeeks('城乡建设', 14, [5, 5, 6, 4]),
        keyWeeks('城乡建设-物业管理', 9, [3, 4, 3, 4], '城乡建设'),
        keyWeeks('城乡建设-房屋安全', 4, [2, 1, 3, 2], '城乡建设'),
        keyWeeks('市容环卫', 12, [4, 5, 4, 5]),
        keyWeeks('市容环卫-垃圾清运', 4, [2, 1, 2, 1], '市容环卫'),
        keyWeeks('市容环卫-占道经营', 4, [1, 2, 1, 2], '市容环卫'),
      ],
      RULES,
    );
    expect(list.map((k) => k.label)).toEqual(['市容环卫', '物业管理']);
  });

  it('keeps at most maxListed, and names two listed keys with one label by their path', () => {
    const many = Array.from({ length: 8 }, (_, i) => keyWeeks(`类${i}`, 10 + i, [1, 1, 1, 1]));
    expect(hotspotList(many, { ...RULES, maxListed: 3 }).map((k) => k.key)).toEqual(['类7', '类6', '类5']);
    const same = hotspotList(
      [keyWeeks('城乡建设-其他', 6, [0, 0, 0, 0], '城乡建设'), keyWeeks('市场监管-其他', 5, [0, 0, 0, 0], '市场监管')],
      RULES,
    );
    expect(same.map((k) => k.label)).toEqual(['城乡建设-其他', '市场监管-其他']);
  });
});

describe('series from the week counts', () => {
  it('counts a category path at its top and second level', () => {
    const s = categorySeries(
      [
        { week: 0, key: '城乡建设-物业管理-物业服务', n: 4 },
        { week: 0, key: '城乡建设-物业管理-电梯', n: 2 },
        { week: 1, key: '城乡建设-房屋安全', n: 3 },
        { week: 2, key: '噪音扰民', n: 1 },
        { week: 0, key: null, n: 50 },
        { week: 7, key: '城乡建设', n: 9 },
      ],
      4,
    );
    const by = new Map(s.map((k) => [k.key, k]));
    expect(by.get('城乡建设')?.counts).toEqual([6, 3, 0, 0, 0]);
    expect(by.get('城乡建设-物业管理')).toMatchObject({
      label: '物业管理',
      parent: '城乡建设',
      counts: [6, 0, 0, 0, 0],
    });
    expect(by.get('噪音扰民')?.counts).toEqual([0, 0, 1, 0, 0]);
    expect(s.some((k) => k.key.includes('物业服务'))).toBe(false);
    expect(placeSeries(rows('阳光花园', [5, 1, 1, 1, 1]), 4)).toEqual([
      { key: '阳光花园', label: '阳光花园', counts: [5, 1, 1, 1, 1] },
    ]);
  });
});

describe('what the data supports', () => {
  const history = (n: number) => rows('其他', [0, n, n, n, n]);

  it('no history: tickets only this week (a first import) are never "rising"', () => {
    const v = kindVerdict(rows('物业管理', [12]), categorySeries, RULES);
    expect(v).toEqual({ kind: 'short', weeksShort: 4 });
  });

  it('a week before without any categorised ticket is short history', () => {
    const v = kindVerdict(
      [...rows('物业管理', [9, 3, 0, 4, 3]), ...rows('其他', [5, 5, 0, 5, 5])],
      categorySeries,
      RULES,
    );
    expect(v).toEqual({ kind: 'short', weeksShort: 1 });
  });

  it('weeks before with far fewer categorised tickets (a column only lately exported) are short history', () => {
    const late = [...rows('物业管理', [40, 1, 1, 1, 1]), ...rows('其他', [60])];
    expect(historyShort([100, 1, 1, 1, 1], RULES)).toBe(4);
    expect(kindVerdict(late, categorySeries, RULES)).toEqual({ kind: 'short', weeksShort: 4 });
  });

  it('flat weeks: compared, nothing listed', () => {
    const v = kindVerdict([...rows('物业管理', [5, 5, 5, 5, 5]), ...history(20)], categorySeries, RULES);
    expect(v).toEqual({ kind: 'listed', rising: [] });
  });

  it('a new category with history behind it is listed as new', () => {
    const v = kindVerdict([...rows('防汛排涝', [6]), ...history(20)], categorySeries, RULES);
    expect(v.kind === 'listed' && v.rising.map((k) => [k.label, k.isNew])).toEqual([['防汛排涝', true]]);
  });

  it('no categories and no places at all: no section', () => {
    expect(weeklyHotspots({ categories: rows(null, [30, 30, 30, 30, 30]), places: [] }, RULES)).toBeNull();
    expect(weeklyHotspots({ categories: [], places: rows('阳光花园', [0, 1, 1, 1, 1]) }, RULES)).toEqual({
      categories: { kind: 'absent' },
      places: { kind: 'listed', rising: [] },
    });
  });
});

describe('the 本周热点 text', () => {
  const base = { from: '2026-11-21', to: '2026-11-27', historyWeeks: 4, minCount: 3, minIncrease: 3, minRise: 0.5 };
  const listed = (ks: KeyWeeks[]) => ({ kind: 'listed' as const, rising: hotspotList(ks, RULES) });

  it('lists categories and places with the weeks before, and the rule', () => {
    const text = hotspotsText({
      ...base,
      categories: listed([
        keyWeeks('城乡建设-物业管理', 9, [3, 4, 3, 4], '城乡建设'),
        keyWeeks('防汛排涝', 5, [0, 0, 0, 0]),
      ]),
      places: listed([keyWeeks('阳光花园', 5, [1, 1, 1, 1])]),
    });
    expect(text).toBe(
      [
        '【本周热点】11月21日至11月27日与前四周相比，工单上升较多的：',
        '问题分类：',
        '· 物业管理 9件（前四周平均3.5件）',
        '· 防汛排涝 5件（前四周未出现）',
        '地点：',
        '· 阳光花园 5件（前四周平均1件）',
        '（判断标准：近7天不少于3件，比前四周平均多3件以上，且增幅不低于50%。）',
      ].join('\n'),
    );
  });

  it('says when nothing rose, when one kind has no rise, and when the weeks before are not enough', () => {
    const none = { kind: 'listed' as const, rising: [] };
    expect(hotspotsText({ ...base, categories: none, places: none })).toBe(
      '【本周热点】11月21日至11月27日，各问题分类和地点的工单量与前四周相比无明显上升。',
    );
    const one = hotspotsText({
      ...base,
      categories: listed([keyWeeks('噪音扰民', 7, [2, 1, 2, 3])]),
      places: { kind: 'short', weeksShort: 2 },
    });
    expect(one).toContain('地点：前四周的数据不全，暂不比较。');
    expect(one).toContain('· 噪音扰民 7件（前四周平均2件）');
    expect(hotspotsText({ ...base, categories: { kind: 'short', weeksShort: 4 }, places: { kind: 'absent' } })).toBe(
      '【本周热点】前四周已导入工单的问题分类数据不全，暂不作热点比较。',
    );
    expect(
      hotspotLine({ key: 'x', label: '路灯', count: 4, mean: 0.5, increase: 3.5, isNew: false, weeks: [] }, 6),
    ).toBe('· 路灯 4件（前六周共3件）');
    expect(
      hotspotLine({ key: 'x', label: '路灯', count: 5, mean: 1.25, increase: 3.75, isNew: false, weeks: [] }, 4),
    ).toBe('· 路灯 5件（前四周平均1.3件）');
  });
});
