import { describe, expect, it } from 'vitest';
import { parseDismiss } from '../src/domain/clusters/commands.js';
import { findGroups, mergePairs, type PlacedTicket, shouldWarn } from '../src/domain/clusters/group.js';
import { contentWords, overlap, placeKey, problemWords } from '../src/domain/clusters/keys.js';

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
  ])('%s → %s', (text, key) => {
    expect(placeKey(text)).toBe(key);
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
const t = (number: string, text: string, daysAgo: number, unitId = 'u1'): PlacedTicket => ({
  number,
  place: placeKey(text) ?? '',
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

  it.each([
    ['忽略 C12', 'C12'],
    ['忽略C3', 'C3'],
    ['忽略预警 c7。', 'C7'],
    ['忽略 这个', null],
    ['不要忽略 C12', null],
  ])('%s → %s', (text, code) => {
    expect(parseDismiss(text)).toBe(code);
  });
});
