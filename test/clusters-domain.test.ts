import { describe, expect, it } from 'vitest';
import { parseDismiss } from '../src/domain/clusters/commands.js';
import {
  findGroups,
  type LinkedTicket,
  linkPlace,
  matchClusters,
  mergePairs,
  type PlacedTicket,
  shouldWarn,
} from '../src/domain/clusters/group.js';
import {
  CONTENT_CHARS,
  contentWords,
  keySource,
  overlap,
  placeKey,
  placeLabel,
  problemWords,
  ticketKeys,
} from '../src/domain/clusters/keys.js';

describe('place key', () => {
  it.each([
    ['市民反映朝阳区阳光花园小区3栋楼下垃圾长期未清理', '阳光花园'],
    ['阳光花园垃圾堆放无人清理', '阳光花园'],
    ['投诉翠湖苑5号楼电梯经常故障', '翠湖苑'],
    ['市民反映：东关街道和平社区李家巷有人占道经营', '和平社区'],
    ['张家村村口道路坑洼', '张家村'],
    ['金色家园小区物业不作为', '金色家园'],
    ['来电人称幸福路12号门口路灯不亮', '幸福路'],
    ['人民路与解放街交叉口积水严重', '人民路'],
    ['家住城关镇建设路88号，噪音扰民', '建设路'],
    ['楼道灯坏了，请尽快修理', null],
    // The segmenter's slips (found building a backlog): 人民 / 路路 / 灯, 称翠 / 湖苑.
    ['人民路路灯不亮', '人民路'],
    ['市民称翠湖苑3栋漏水', '翠湖苑'],
    ['解放路路面塌陷', '解放路'],
    ['住锦绣小区5栋的居民反映楼道积水', '锦绣'],
  ])('%s → %s', (text, key) => {
    expect(placeKey(text)).toBe(key);
  });

  it.each([
    ['锦绣', '锦绣小区'],
    ['幸福里', '幸福里小区'],
    ['阳光花园', '阳光花园'],
    ['翠湖苑', '翠湖苑'],
    ['和平社区', '和平社区'],
    ['人民路', '人民路'],
  ])('the texts name key %s as %s', (key, label) => {
    expect(placeLabel(key)).toBe(label);
  });
});

describe('problem words', () => {
  it('drops the place, digits, buildings and generic words', () => {
    const w = problemWords('市民反映朝阳区阳光花园小区3栋楼下垃圾长期未清理');
    expect(w).toContain('垃圾');
    expect(w).toContain('清理');
    for (const x of ['阳光', '花园', '3', '长期', '反映', '市民', '栋']) expect(w).not.toContain(x);
  });

  it.each([
    ['阳光花园小区3栋楼下垃圾长期未清理', '阳光花园垃圾堆放无人清理', true],
    ['翠湖苑5号楼电梯经常故障', '翠湖苑2号楼电梯停运困人', true],
    ['阳光花园垃圾无人清理', '阳光花园夜间施工噪音扰民', false],
    ['幸福路路灯不亮', '幸福路井盖缺失', false],
  ])('%s ~ %s: %s', (a, b, same) => {
    expect(overlap(problemWords(a), problemWords(b)) >= 0.5).toBe(same);
  });
});

const DAY = 86_400_000;
const now = new Date('2026-11-20T02:00:00Z');
const t = (
  number: string,
  text: string,
  daysAgo: number,
  unitId = 'u1',
  category: string | null = null,
): PlacedTicket => ({
  number,
  place: placeKey(text) ?? '',
  category,
  problem: problemWords(text),
  words: contentWords(text),
  at: new Date(now.getTime() - daysAgo * DAY),
  unitId,
  street: null,
});
const rules = { minSize: 3, windowDays: 30, similarity: 0.5, mergeSimilarity: 0.9 };

describe('clusters', () => {
  it('three of one place and problem in the window make one; other places and problems do not join', () => {
    const g = findGroups(
      [
        t('A1', '阳光花园小区垃圾长期无人清理', 20),
        t('A2', '阳光花园3栋楼下垃圾堆放', 10),
        t('A3', '阳光花园垃圾清理不及时', 1),
        t('B1', '阳光花园夜间施工噪音扰民', 2),
        t('C1', '翠湖苑垃圾无人清理', 2),
        t('A0', '阳光花园垃圾无人清理', 40),
      ],
      rules,
      now,
    );
    expect(g.map((x) => x.map((y) => y.number))).toEqual([['A1', 'A2', 'A3']]);
  });

  it('two are not a cluster; a fourth outside the window does not count', () => {
    const g = findGroups(
      [t('A1', '阳光花园垃圾无人清理', 5), t('A2', '阳光花园垃圾堆放', 3), t('A0', '阳光花园垃圾清理', 31)],
      rules,
      now,
    );
    expect(g).toEqual([]);
  });

  it('suggests 并单 for near-identical requests', () => {
    const g = [
      t('A1', '阳光花园3栋楼下垃圾长期无人清理', 5),
      t('A2', '阳光花园3栋楼下垃圾长期无人清理', 3),
      t('A3', '阳光花园垃圾堆放发臭', 1),
      t('A4', '阳光花园5栋楼下垃圾长期无人清理', 1),
    ];
    expect(mergePairs(g, rules)).toEqual([['A1', 'A2']]);
    // Only pairs with a ticket not yet in a warning: told once.
    expect(mergePairs(g, rules, new Set(['A3', 'A4']))).toEqual([]);
    expect(mergePairs(g, rules, new Set(['A2']))).toEqual([['A1', 'A2']]);
  });

  it.each([
    [3, 0, null, true],
    [3, 3, null, false],
    [4, 3, null, true],
    [4, 3, 3, false],
    [5, 3, 3, true],
    [2, 0, null, false],
  ])('size %i warned %i dismissed %s: warn %s', (size, warned, dismissed, warn) => {
    expect(shouldWarn(size, warned, dismissed, { minSize: 3, regrow: 2 })).toBe(warn);
  });
});

describe('忽略 C12', () => {
  it.each([
    ['忽略 C12', 'C12'],
    ['忽略C3', 'C3'],
    ['忽略预警 c7。', 'C7'],
    ['忽略 C3，已核实为同一诉求', 'C3'],
    ['忽略c3 已核实', 'C3'],
    ['c3 忽略', 'C3'],
    ['C3忽略。', 'C3'],
    ['C3，忽略', 'C3'],
    ['预警C3忽略', 'C3'],
    ['不再预警 C5', 'C5'],
    ['忽略 这个', null],
    ['不要忽略 C12', null],
    ['C12 已处理', null],
    ['忽略 C12C', null],
    ['请问C3怎么忽略', null],
  ])('%s → %s', (text, code) => {
    expect(parseDismiss(text)).toBe(code);
  });
});

describe('keys: address first, category, the start of the content only', () => {
  it('a place in the address comes before one in the content', () => {
    const k = ticketKeys({
      title: '',
      content: '市民反映翠湖苑门口垃圾长期无人清理',
      address: '城东街道阳光花园小区3栋2单元',
    });
    expect(k.place).toBe('阳光花园');
    expect(k.problem).toContain('垃圾');
  });

  it('an address naming no place leaves the place of the content', () => {
    expect(ticketKeys({ title: '', content: '翠湖苑电梯经常故障', address: '城东街道' }).place).toBe('翠湖苑');
    expect(ticketKeys({ title: '', content: '翠湖苑电梯经常故障', address: '  ' }).place).toBe('翠湖苑');
    expect(ticketKeys({ title: '', content: '翠湖苑电梯经常故障', address: null }).place).toBe('翠湖苑');
  });

  it('an address alone gives the place when the content names none', () => {
    expect(ticketKeys({ title: '楼道灯不亮', content: '楼道灯坏了，请尽快修理', address: '幸福路12号' }).place).toBe(
      '幸福路',
    );
  });

  it('the category is kept as compared (spaces dropped; empty is none)', () => {
    expect(ticketKeys({ title: '', content: '阳光花园垃圾', category: ' 城乡建设 / 物业管理 ' }).category).toBe(
      '城乡建设/物业管理',
    );
    expect(ticketKeys({ title: '', content: '阳光花园垃圾', category: '' }).category).toBeNull();
  });

  it('only the title and the first characters of the content are read', () => {
    const far = `${'市民反映情况较多。'.repeat(30)}阳光花园垃圾无人清理`;
    expect(far.indexOf('阳光花园')).toBeGreaterThan(CONTENT_CHARS);
    expect(ticketKeys({ title: '', content: far }).place).toBeNull();
    expect(ticketKeys({ title: '阳光花园垃圾无人清理', content: far }).place).toBe('阳光花园');
    // A change past them changes nothing: the same keys, not cut again at a re-import.
    expect(keySource({ title: 'x', content: far })).toBe(keySource({ title: 'x', content: `${far}（补充）` }));
    expect(keySource({ title: 'x', content: far })).not.toBe(
      keySource({ title: 'x', content: far, address: '幸福路' }),
    );
  });

  it('a ticket naming no place has no problem words (it is never in a cluster)', () => {
    expect(ticketKeys({ title: '', content: '楼道灯坏了，请尽快修理' })).toEqual({
      place: null,
      category: null,
      problem: [],
    });
  });
});

describe('linking', () => {
  it('the same category at one place is the same problem, whatever the wording', () => {
    const g = findGroups(
      [
        t('A1', '阳光花园垃圾长期无人清理', 9, 'u1', '物业管理'),
        t('A2', '阳光花园电梯经常故障', 6, 'u1', '物业管理'),
        t('A3', '阳光花园夜间施工噪音扰民', 3, 'u1', '物业管理'),
        t('B1', '翠湖苑电梯经常故障', 3, 'u1', '物业管理'),
        t('A4', '阳光花园路灯不亮', 2, 'u1', '市政设施'),
      ],
      rules,
      now,
    );
    expect(g.map((x) => x.map((y) => y.number))).toEqual([['A1', 'A2', 'A3']]);
  });

  it('close wording links tickets of different categories, and tickets without one', () => {
    const g = findGroups(
      [
        t('A1', '阳光花园垃圾长期无人清理', 9, 'u1', '物业管理'),
        t('A2', '阳光花园垃圾堆放发臭', 6, 'u1', '环境卫生'),
        t('A3', '阳光花园垃圾清运不及时', 3),
      ],
      rules,
      now,
    );
    expect(g.map((x) => x.map((y) => y.number))).toEqual([['A1', 'A2', 'A3']]);
  });

  it('gives the same groups as comparing every pair', () => {
    // Random problem sets over a small vocabulary: the word index must find every linked pair.
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const vocab = ['垃圾', '清理', '噪音', '施工', '电梯', '故障', '路灯', '停车', '油烟', '积水', '井盖', '绿化'];
    for (let round = 0; round < 20; round++) {
      const list: LinkedTicket[] = Array.from({ length: 40 }, (_, i) => ({
        number: `T${String(i).padStart(2, '0')}`,
        place: 'P',
        category: rnd() < 0.2 ? `K${Math.floor(rnd() * 3)}` : null,
        problem: [
          ...new Set(Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => vocab[Math.floor(rnd() * 12)] as string)),
        ].sort(),
        at: new Date(now.getTime() - i * 3_600_000),
      }));
      const parent = list.map((_, i) => i);
      const root = (i: number): number => (parent[i] === i ? i : root(parent[i] as number));
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i] as LinkedTicket;
          const b = list[j] as LinkedTicket;
          if ((a.category !== null && a.category === b.category) || overlap(a.problem, b.problem) >= 0.5)
            parent[root(j)] = root(i);
        }
      const brute = new Map<number, string[]>();
      list.forEach((x, i) => brute.set(root(i), [...(brute.get(root(i)) ?? []), x.number]));
      const expected = [...brute.values()]
        .filter((g) => g.length >= 2)
        .map((g) => g.sort().join(','))
        .sort();
      const got = linkPlace(list, 0.5)
        .map((g) =>
          g
            .map((x) => x.number)
            .sort()
            .join(','),
        )
        .sort();
      expect(got).toEqual(expected);
    }
  });
});

describe('matching groups to known clusters', () => {
  const lt = (number: string, place = 'P'): LinkedTicket => ({ number, place, category: null, problem: [], at: now });
  it('a group holding a member grows its cluster, whatever its size; a new group needs minSize', () => {
    const m = matchClusters(
      [
        [lt('A3'), lt('A4')],
        [lt('B1'), lt('B2'), lt('B3')],
        [lt('D1'), lt('D2')],
      ],
      [{ id: 1, place: 'P', members: ['A1', 'A2', 'A3'] }],
      3,
    );
    expect([...m.grown]).toEqual([[1, ['A4']]]);
    expect(m.fresh).toEqual([['B1', 'B2', 'B3']]);
  });

  it('a group spanning two clusters joins the oldest; nothing is added twice', () => {
    const m = matchClusters(
      [
        [lt('A2'), lt('B2'), lt('N1')],
        [lt('A1'), lt('N1')],
      ],
      [
        { id: 7, place: 'P', members: ['B1', 'B2'] },
        { id: 3, place: 'P', members: ['A1', 'A2'] },
      ],
      3,
    );
    expect([...m.grown]).toEqual([[3, ['B2', 'N1']]]);
    expect(m.fresh).toEqual([]);
  });

  it('a cluster of another place is not matched', () => {
    const m = matchClusters([[lt('A1', 'Q'), lt('A9', 'Q')]], [{ id: 1, place: 'P', members: ['A1'] }], 3);
    expect(m.grown.size).toBe(0);
  });
});
