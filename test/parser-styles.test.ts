/**
 * Issue 15 part 2, styles the parsers used to miss: the styles corpora (test/fixtures/*.styles.jsonl,
 * also scored by `npm run -s eval:reports` / `eval:dispatches`) in process, and the pieces
 * behind them: traditional characters (converted only when present), roster names either way,
 * tables, brackets, rates in words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { WorkCalendar } from '../src/domain/calendar.js';
import { parseDispatch } from '../src/domain/dispatch/parse.js';
import { hasTraditional, toSimplified } from '../src/domain/language/traditional.js';
import { parseReport } from '../src/domain/report/parse.js';
import { readTables } from '../src/domain/report/table.js';
import { Roster } from '../src/domain/roster.js';
import { ROSTER_PATH } from './helpers.js';

const config = loadDistrictFile(ROSTER_PATH);
const roster = Roster.fromConfig(config);
const calendar = new WorkCalendar(config.calendar);

interface Item {
  input: { id: string; text: string; sentAt: string; from?: string; mentions?: string[] };
  expect: Record<string, unknown>;
  style: string;
}
const corpus = (name: string): Item[] =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Item);

describe('styles corpora', () => {
  const reports = corpus('reports.styles.jsonl');
  const dispatches = corpus('dispatches.styles.jsonl');

  it('has at least five cases of each style', () => {
    for (const items of [reports, dispatches]) {
      const n = new Map<string, number>();
      for (const it of items) n.set(it.style, (n.get(it.style) ?? 0) + 1);
      for (const [style, count] of n) expect(count, style).toBeGreaterThanOrEqual(5);
    }
  });

  for (const it0 of reports) {
    it(`report ${it0.input.id}: ${it0.input.text.slice(0, 24).replace(/\n/g, ' ')}`, () => {
      const got = parseReport(it0.input, roster);
      const want = it0.expect.isReport === false ? { isReport: false } : it0.expect;
      expect(got).toMatchObject(want);
    });
  }

  for (const it0 of dispatches) {
    it(`dispatch ${it0.input.id}: ${it0.input.text.slice(0, 24)}`, () => {
      const got = parseDispatch(it0.input, roster, calendar);
      expect(got.isDispatch).toBe(it0.expect.isDispatch);
      if (it0.expect.isDispatch === true) {
        expect(got.targets).toEqual(it0.expect.targets);
        expect(got.urgent).toBe(it0.expect.urgent);
        expect(got.deadline === null ? null : Date.parse(got.deadline)).toBe(
          it0.expect.deadline === null ? null : Date.parse(it0.expect.deadline as string),
        );
      }
    });
  }
});

describe('traditional characters', () => {
  it('are found and converted; simplified text is left alone (no converter for it)', () => {
    expect(hasTraditional('城东街道今日受理12件，办结10件，群众满意率100%，著名、显著、群众、才')).toBe(false);
    expect(hasTraditional('辦結')).toBe(true);
    expect(toSimplified('區衛生健康局：辦結10件，無超期，鎮')).toBe('区卫生健康局：办结10件，无超期，镇');
    const plain = '城东街道今日受理12件';
    expect(toSimplified(plain)).toBe(plain);
  });

  it('a unit written in traditional characters in the district file matches either way', () => {
    const units = config.units.map((u) => (u.id === 'xingang' ? { ...u, name: '新港鎮', aliases: ['新港鎮政府'] } : u));
    const r = Roster.fromConfig({ units, people: config.people });
    expect(parseReport({ text: '新港镇今日受理5件，办结5件', sentAt: '2026-11-20T17:40:00+08:00' }, r)).toMatchObject({
      isReport: true,
      unit: '新港鎮',
      received: 5,
    });
    expect(
      parseReport({ text: '新港鎮政府今日受理5件，辦結5件', sentAt: '2026-11-20T17:40:00+08:00' }, r),
    ).toMatchObject({ unit: '新港鎮', completed: 5 });
    expect(r.unitByName('新港镇')?.id).toBe('xingang');
  });
});

describe('tables typed in the chat', () => {
  it('rewrites a header and value row, keeps prose as it is', () => {
    expect(readTables('受理 | 办结 | 在办\n12 | 10 | 2')).toBe('受理：12，办结：10，在办：2。');
    expect(readTables('受理\t12\n办结\t10')).toBe('受理：12\n办结：10');
    const prose = '今日受理 办结情况良好\n请各单位注意';
    expect(readTables(prose)).toBe(prose);
    // A row that is not values: not a table.
    expect(readTables('受理 办结\n情况 良好')).toBe('受理 办结\n情况 良好');
  });

  it('several value rows of different units are a bulletin, not one report', () => {
    const text = '单位 受理 办结\n城东街道 12 10\n城西街道 8 8';
    expect(parseReport({ text, sentAt: '2026-11-20T17:40:00+08:00', from: 'wxid_sup_liu' }, roster).isReport).toBe(
      false,
    );
  });
});

describe('digits split by a blank', () => {
  const at = '2026-11-20T17:40:00+08:00';
  it('are one number after a keyword, two in a 分别 list', () => {
    expect(parseReport({ text: '双河镇今日受理 1 2 件 办结 1 1 件', sentAt: at }, roster)).toMatchObject({
      received: 12,
      completed: 11,
    });
    expect(parseReport({ text: '城东街道今日受理、办结工单分别是12 10件', sentAt: at }, roster)).toMatchObject({
      received: 12,
      completed: 10,
    });
    expect(parseReport({ text: '城东街道今日受理、办结、在办工单分别为12 10 2件', sentAt: at }, roster)).toMatchObject({
      received: 12,
      completed: 10,
      inProgress: 2,
    });
  });
});
