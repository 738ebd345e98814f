import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { parseReport, type ReportParse } from '../src/domain/report/parse.js';
import { Roster } from '../src/domain/roster.js';
import { OWN_CASES } from './report-cases.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const roster = Roster.fromConfig(loadDistrictFile(join(FIXTURES, 'roster.json')));
const FIELDS = [
  'isReport',
  'unit',
  'date',
  'received',
  'completed',
  'inProgress',
  'overdue',
  'reopened',
  'unsatisfied',
  'returned',
  'onTimeRate',
  'satisfactionRate',
] as const;

interface Item {
  input: { id: string; text: string; sentAt: string; from?: string };
  expect: Partial<ReportParse>;
}

function same(field: string, want: unknown, got: unknown): boolean {
  if ((field === 'onTimeRate' || field === 'satisfactionRate') && typeof want === 'number' && typeof got === 'number') {
    return Math.abs(want - got) <= 1e-9;
  }
  return want === got;
}

describe('parseReport on the shared fixtures', () => {
  const items = readFileSync(join(FIXTURES, 'reports.sample.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Item);

  it('reaches >= 98% on every field', () => {
    const tally = new Map<string, { ok: number; n: number }>();
    const misses: string[] = [];
    for (const it of items) {
      const got = parseReport(it.input, roster);
      const fields = it.expect.isReport === false ? (['isReport'] as const) : FIELDS.filter((f) => f in it.expect);
      for (const f of fields) {
        const t = tally.get(f) ?? { ok: 0, n: 0 };
        t.n++;
        if (same(f, it.expect[f], got[f])) t.ok++;
        else misses.push(`${it.input.id} ${f}: want ${JSON.stringify(it.expect[f])} got ${JSON.stringify(got[f])}`);
        tally.set(f, t);
      }
    }
    for (const [f, t] of tally) expect((100 * t.ok) / t.n, `${f}\n${misses.join('\n')}`).toBeGreaterThanOrEqual(98);
    expect(tally.get('received')?.n).toBeGreaterThan(30);
    expect(items.length).toBe(40);
  });

  it('returns the full object with every field', () => {
    const got = parseReport({ text: '收到', sentAt: '2026-11-20T18:00:00+08:00' }, roster);
    expect(Object.keys(got).sort()).toEqual([...FIELDS].sort());
    expect(got.isReport).toBe(false);
  });
});

describe('parseReport on hand-written cases from the contract', () => {
  it('has at least 40 own cases', () => {
    expect(OWN_CASES.length).toBeGreaterThanOrEqual(40);
  });
  for (const c of OWN_CASES) {
    it(c.name, () => {
      const got = parseReport(
        {
          text: c.text,
          sentAt: c.sentAt ?? '2026-11-20T17:40:00+08:00',
          ...(c.from !== undefined ? { from: c.from } : {}),
        },
        roster,
      );
      const picked = Object.fromEntries(Object.keys(c.expect).map((k) => [k, got[k as keyof ReportParse]]));
      expect(picked).toEqual(c.expect);
    });
  }
  it('reports default to the sent day and isReport defaults to true with figures', () => {
    const got = parseReport({ text: '城东街道：受理3件，办结3件。', sentAt: '2026-11-20T17:40:00+08:00' }, roster);
    expect(got).toMatchObject({ isReport: true, date: '2026-11-20', unit: '城东街道' });
  });
  it('interprets sentAt in the given zone', () => {
    // 2026-11-20T20:30Z is 04:30 on the 21st in Shanghai: before 06:00, so the 20th.
    const sh = parseReport({ text: '城东街道受理3件，办结3件。', sentAt: '2026-11-20T20:30:00Z' }, roster);
    expect(sh.date).toBe('2026-11-20');
    const utc = parseReport({ text: '城东街道受理3件，办结3件。', sentAt: '2026-11-20T20:30:00Z' }, roster, 'UTC');
    expect(utc.date).toBe('2026-11-20');
    const late = parseReport({ text: '城东街道受理3件，办结3件。', sentAt: '2026-11-20T23:30:00Z' }, roster);
    expect(late.date).toBe('2026-11-21');
  });
});
