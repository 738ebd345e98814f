import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { parseReport, type ReportParse } from '../src/domain/report/parse.js';
import { Roster } from '../src/domain/roster.js';
import { seededRandom } from './helpers.js';

const roster = Roster.fromConfig(loadDistrictFile(join(import.meta.dirname, 'fixtures/roster.json')));
const SENT = '2026-11-20T17:40:00+08:00';
const COUNT_FIELDS = ['received', 'completed', 'inProgress', 'overdue', 'reopened', 'unsatisfied', 'returned'] as const;
const RATE_FIELDS = ['onTimeRate', 'satisfactionRate'] as const;

function wellFormed(r: ReportParse): void {
  expect(typeof r.isReport).toBe('boolean');
  expect(r.unit === null || roster.unitByName(r.unit)?.name === r.unit).toBe(true);
  expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  for (const f of COUNT_FIELDS) {
    const v = r[f];
    expect(v === null || (Number.isInteger(v) && v >= 0), `${f}=${v}`).toBe(true);
  }
  for (const f of RATE_FIELDS) {
    const v = r[f];
    expect(v === null || (Number.isFinite(v) && v >= 0 && v <= 100), `${f}=${v}`).toBe(true);
  }
}

const PIECES = [
  '受理',
  '办结',
  '在办',
  '超期',
  '逾期',
  '重办',
  '不满意',
  '退办',
  '不再办理',
  '满意率',
  '按时办结率',
  '办结率',
  '累计',
  '本月',
  '今日',
  '昨日',
  '无',
  '没有',
  '零',
  '均',
  '各',
  '分别',
  '其中',
  '件',
  '个',
  '单',
  '%',
  '％',
  '，',
  '。',
  '；',
  '、',
  '：',
  '\n',
  ' ',
  '（',
  '）',
  '12345',
  '18:00',
  '11月20日',
  '20日',
  '9.8',
  '11/20',
  '2026.11.20',
  '十二',
  '两',
  '一百零五',
  '百分之',
  '百',
  '点',
  '城东街道',
  '住建局',
  '会同',
  '按照',
  '我局',
  '【',
  '】',
  '✅',
  '📌',
  '🙏',
  '请问',
  '？',
  '收到',
  '新增',
  '学位',
  '人次',
  '场',
  '条',
  '率',
  '达',
  '为',
  '清零',
  '均为0',
  '各1件',
  '0',
  '1',
  '2',
  '7',
  '10',
  '99.5',
  '１２',
  '\uE000',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '𠀀',
];

function randomText(next: () => number, maxPieces: number): string {
  const n = Math.floor(next() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = next();
    if (r < 0.7) s += PIECES[Math.floor(next() * PIECES.length)] as string;
    else if (r < 0.85) s += String(Math.floor(next() * 1000));
    else if (r < 0.95) s += String.fromCharCode(0x4e00 + Math.floor(next() * 0x5000));
    else s += String.fromCharCode(Math.floor(next() * 0xffff));
  }
  return s;
}

describe('parseReport fuzz', () => {
  it('handles the empty string', () => {
    const r = parseReport({ text: '', sentAt: SENT }, roster);
    wellFormed(r);
    expect(r.isReport).toBe(false);
    expect(r.date).toBe('2026-11-20');
  });

  it('handles whitespace, emoji only and a lone surrogate', () => {
    for (const text of ['   \n\t ', '👍👍🙏🎉', '\uD83D', '\u0000\u0001', '％％％', '。。。；；；，，，']) {
      const r = parseReport({ text, sentAt: SENT }, roster);
      wellFormed(r);
      expect(r.isReport).toBe(false);
    }
  });

  it('survives an invalid sentAt without throwing', () => {
    wellFormed(parseReport({ text: '城东街道受理3件', sentAt: 'not a date' }, roster));
  });

  it('parses a 100 KB report (its time: scripts/abuse/parser-time.ts, "report lines")', () => {
    const line =
      '城东街道：今日受理工单12件，办结10件，在办2件，无超期、重办工单；本月累计受理120件；满意率98.5%。' +
      '会同城管局清理杂物17处。\n';
    const text = line.repeat(Math.ceil(100_000 / line.length)).slice(0, 100_000);
    const r = parseReport({ text, sentAt: SENT }, roster);
    wellFormed(r);
    expect(r).toMatchObject({
      received: 12,
      completed: 10,
      inProgress: 2,
      overdue: 0,
      reopened: 0,
      satisfactionRate: 98.5,
    });
  });

  it('parses 100 KB of adversarial repetition (how its time grows: scripts/abuse/parser-time.ts)', () => {
    for (const unit of [
      '率',
      '无',
      '1',
      '受理',
      '、',
      '.',
      '年月日',
      '十',
      '百分之',
      '会同',
      '12345',
      '1.',
      '（',
      '零',
      '城东街道很好',
      '城东街道受理1件',
      '住建局、',
      '1月1日',
      '城东街道攻坚进展1',
    ]) {
      wellFormed(parseReport({ text: unit.repeat(Math.ceil(100_000 / unit.length)), sentAt: SENT }, roster));
    }
  });

  it('handles deep nesting of keywords and brackets', () => {
    const nested = `${'（受理（办结（在办（超期【重办「不满意'.repeat(500)}1件${'」】）））'.repeat(500)}`;
    const chain = '无超期、'.repeat(5000) + '重办工单';
    const keywords = '受理办结在办超期重办不满意退办不再办理满意率按时办结率'.repeat(1000);
    for (const text of [nested, chain, keywords]) wellFormed(parseReport({ text, sentAt: SENT }, roster));
  });

  it('2,000 seeded random inputs mixing CJK, digits and punctuation', () => {
    const next = seededRandom(20261120);
    let reports = 0;
    for (let i = 0; i < 2000; i++) {
      const text = randomText(next, 60);
      const r = parseReport({ text, sentAt: SENT, ...(i % 3 === 0 ? { from: 'wxid_chengdong_zhu' } : {}) }, roster);
      wellFormed(r);
      if (r.isReport) reports++;
    }
    expect(reports).toBeGreaterThan(0);
  });

  it('random bytes decoded as UTF-8', () => {
    const next = seededRandom(7);
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.alloc(Math.floor(next() * 400));
      for (let k = 0; k < bytes.length; k++) bytes[k] = Math.floor(next() * 256);
      wellFormed(parseReport({ text: bytes.toString('utf8'), sentAt: SENT }, roster));
    }
  });

  it('is deterministic', () => {
    const next = seededRandom(42);
    for (let i = 0; i < 200; i++) {
      const text = randomText(next, 40);
      expect(parseReport({ text, sentAt: SENT }, roster)).toEqual(parseReport({ text, sentAt: SENT }, roster));
    }
  });
});
