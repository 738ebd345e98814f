import { describe, expect, it } from 'vitest';
import { type DispatchParse, parseDispatch } from '../src/domain/dispatch/parse.js';
import { calendar, roster } from './dispatch-helpers.js';
import { seededRandom } from './helpers.js';

const SENT = '2026-09-30T17:30:00+08:00';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const NAMES = new Set(roster.units.map((u) => u.name));

function wellFormed(r: DispatchParse): void {
  expect(Object.keys(r).sort()).toEqual(['deadline', 'isDispatch', 'targets', 'urgent']);
  expect(typeof r.isDispatch).toBe('boolean');
  expect(typeof r.urgent).toBe('boolean');
  expect(Array.isArray(r.targets)).toBe(true);
  for (const t of r.targets) expect(NAMES.has(t)).toBe(true);
  expect([...new Set(r.targets)].sort()).toEqual(r.targets);
  if (r.deadline !== null) {
    expect(r.deadline).toMatch(ISO);
    expect(Number.isFinite(Date.parse(r.deadline))).toBe(true);
  }
  if (!r.isDispatch) {
    expect(r.targets).toEqual([]);
    expect(r.deadline).toBeNull();
  }
}

const PIECES = [
  '请',
  '要求',
  '：',
  ':',
  '，',
  '、',
  '和',
  '与',
  '@',
  '@张局长 ',
  '明天',
  '明早',
  '今晚',
  '后天',
  '今天',
  '当天',
  '周',
  '星期',
  '下周',
  '本周',
  '这周',
  '一',
  '二',
  '三',
  '五',
  '日',
  '天',
  '号',
  '月',
  '年',
  '个',
  '工作日',
  '内',
  '之内',
  '小时',
  '点',
  '时',
  '半',
  '分',
  '前',
  '上午',
  '中午',
  '下午',
  '晚上',
  '下班',
  '第一时间',
  '立即',
  '马上',
  '尽快',
  '火速',
  '即刻',
  '及时',
  '抓紧',
  '牵头',
  '配合',
  '单位',
  '城管局',
  '住建局',
  '区住建局',
  '湖滨街道',
  '新港镇',
  '燃气公司',
  '督导专班',
  '收到',
  '感谢',
  '辛苦了',
  '？',
  '。',
  '！',
  '\n',
  ' ',
  '0',
  '1',
  '2',
  '9',
  '12',
  '24',
  '31',
  '99',
  '2026',
  '１２',
  '：３０',
  '十',
  '十二',
  '两',
  '零',
  '〇',
  '😀',
  '👍🏻',
  '\u2005',
  '\u0000',
  '\ud800',
];

function randomText(next: () => number): string {
  const n = Math.floor(next() * 40);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = next();
    if (r < 0.8) s += PIECES[Math.floor(next() * PIECES.length)];
    else if (r < 0.9) s += String.fromCharCode(0x4e00 + Math.floor(next() * 0x5000));
    else s += String.fromCharCode(Math.floor(next() * 0x10000));
  }
  return s;
}

describe('parseDispatch fuzz', () => {
  it('handles empty and blank text', () => {
    for (const text of ['', ' ', '\n\n', '@', '：', '请'])
      wellFormed(parseDispatch({ text, sentAt: SENT }, roster, calendar));
    expect(parseDispatch({ text: '', sentAt: SENT }, roster, calendar)).toEqual({
      isDispatch: false,
      targets: [],
      deadline: null,
      urgent: false,
    });
  });

  it('handles emoji and odd code points', () => {
    for (const text of [
      '👍👍👍',
      '@张局长 😀请明天😀前反馈😀',
      '\ud83d',
      '城管局：\u0000请明天反馈',
      '🇨🇳'.repeat(500),
    ]) {
      wellFormed(parseDispatch({ text, sentAt: SENT, mentions: ['wxid_zhujian_zhang'] }, roster, calendar));
    }
  });

  it('parses 100 KB texts (their time: scripts/abuse/parser-time.ts)', () => {
    const texts = [
      '城管局、湖滨街道：请明天下午3点前反馈，'.repeat(5000).slice(0, 100_000),
      '1'.repeat(100_000),
      '一'.repeat(100_000),
      '@'.repeat(100_000),
      '城管局，'.repeat(25_000),
      '请'.repeat(50_000) + '城管局' + '：'.repeat(50_000),
      '下午3点'.repeat(20_000),
    ];
    for (const text of texts) {
      wellFormed(parseDispatch({ text, sentAt: SENT, mentions: [] }, roster, calendar));
    }
  });

  it('ignores mentions of unknown ids and odd mention values', () => {
    const r = parseDispatch(
      { text: '@某某 请明天反馈', sentAt: SENT, mentions: ['wxid_nobody', '', 'wxid_leader_li'] },
      roster,
      calendar,
    );
    wellFormed(r);
    expect(r.targets).toEqual([]);
    const odd = parseDispatch(
      { text: '请城管局明天反馈', sentAt: SENT, mentions: [42, null] as unknown as string[] },
      roster,
      calendar,
    );
    wellFormed(odd);
    expect(odd.targets).toEqual(['区城市管理局']);
  });

  it('2,000 seeded random strings: no throw, well-formed output', () => {
    const next = seededRandom(12345);
    const ids = ['wxid_zhujian_zhang', 'wxid_sup_liu', 'wxid_leader_li', 'wxid_ghost', 'wxid_hubin_you'];
    for (let i = 0; i < 2000; i++) {
      const text = randomText(next);
      const mentions = ids.filter(() => next() < 0.2);
      const day = 1 + Math.floor(next() * 28);
      const sentAt =
        `2026-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}` +
        `T${String(Math.floor(next() * 24)).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}` +
        `:00+08:00`;
      let r: DispatchParse | undefined;
      expect(() => {
        r = parseDispatch(
          { text, sentAt, mentions, from: next() < 0.5 ? 'wxid_leader_li' : 'wxid_zhujian_zhang' },
          roster,
          calendar,
        );
      }, JSON.stringify({ text, sentAt })).not.toThrow();
      wellFormed(r as DispatchParse);
    }
  });
});
