import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { isCorrection, neverAReport } from '../src/domain/report/correction.js';
import type { ReportFigures } from '../src/domain/report/figures.js';
import { applyMode, applyReport, foldVersions } from '../src/domain/report/merge.js';
import { parseReport } from '../src/domain/report/parse.js';
import { Roster } from '../src/domain/roster.js';
import { describeChange } from '../src/domain/texts/report-corrections.js';
import { REPO } from './helpers.js';

const none: ReportFigures = {
  received: null,
  completed: null,
  inProgress: null,
  overdue: null,
  reopened: null,
  unsatisfied: null,
  returned: null,
  onTimeRate: null,
  satisfactionRate: null,
};
const f = (o: Partial<ReportFigures>): ReportFigures => ({ ...none, ...o });
const full = f({ received: 5, completed: 4, inProgress: 1, overdue: 0, satisfactionRate: 98 });

describe('merge or replace (pure)', () => {
  it('the first report replaces; a correction or a shorter report merges; the full set again replaces', () => {
    expect(applyMode(null, f({ received: 7 }), true)).toBe('replace');
    expect(applyMode(full, f({ received: 7 }), true)).toBe('merge');
    expect(applyMode(full, f({ received: 7 }), false)).toBe('merge');
    expect(applyMode(full, f({ received: 6, completed: 5, inProgress: 1, overdue: 0, onTimeRate: 100 }), false)).toBe(
      'replace',
    );
    expect(applyMode(full, f({ received: 6, completed: 5, inProgress: 1, overdue: 0, onTimeRate: 100 }), true)).toBe(
      'merge',
    );
  });

  it('keeps what the correction does not name and lists what it changed', () => {
    const a = applyReport(full, f({ received: 7 }), true);
    expect(a.figures).toEqual({ ...full, received: 7 });
    expect(a.changed.map(describeChange)).toEqual(['受理 5→7件']);
    const b = applyReport(full, f({ satisfactionRate: 95, returned: 1 }), true);
    expect(b.changed.map(describeChange)).toEqual(['退办/不再办理 未填报→1件', '满意率 98%→95%']);
    const c = applyReport(full, f({ received: 9, completed: 8, inProgress: 1, overdue: 0, onTimeRate: 99 }), false);
    expect(c.changed.map(describeChange)).toEqual([
      '受理 5→9件',
      '办结 4→8件',
      '按时办结率 未填报→99%',
      '满意率 98%→未填报',
    ]);
    expect(applyReport(full, f({ received: 5 }), true).changed).toEqual([]);
  });

  it('folds versions in order, leaving withdrawn ones out', () => {
    const v = [
      { mode: 'replace' as const, figures: full, withdrawn: false },
      { mode: 'merge' as const, figures: f({ received: 7 }), withdrawn: false },
      { mode: 'merge' as const, figures: f({ completed: 6 }), withdrawn: false },
    ];
    expect(foldVersions(v)).toEqual({ ...full, received: 7, completed: 6 });
    expect(foldVersions(v.map((x, i) => ({ ...x, withdrawn: i === 1 })))).toEqual({ ...full, completed: 6 });
    // With the first withdrawn, the next one stands on its own.
    expect(foldVersions(v.map((x, i) => ({ ...x, withdrawn: i === 0 })))).toEqual(f({ received: 7, completed: 6 }));
    expect(foldVersions(v.map((x) => ({ ...x, withdrawn: true })))).toBeNull();
  });
});

describe('corrections and never-reports as people type them', () => {
  it('hears a correction', () => {
    for (const s of [
      '更正：受理数应为7件',
      '刚才报错了，办结是6件',
      '补充一下：满意率98%',
      '不好意思，超期是1件',
      '另外满意率98%',
      '更新一下👍 办结11件',
      '受理改为10件🙏',
      '办结应该是3件',
      '数字打错了 受理是8件不是6件',
      'sorry 在办2件',
    ]) {
      expect(isCorrection(s), s).toBe(true);
    }
    for (const s of [
      '【区住建局】今日受理工单5件，办结4件，在办1件，无超期，满意率98%。',
      '城东街道：今日受理8件，办结7件',
    ])
      expect(isCorrection(s), s).toBe(false);
  });

  it('an acknowledgement or a case code is never a report; a report opening with 收到 still is', () => {
    expect(neverAReport('D9 收到')).toBe('code');
    expect(neverAReport('d12收到！')).toBe('code');
    expect(neverAReport('SP3 已阅')).toBe('code');
    expect(neverAReport('好的收到1')).toBe('ack');
    expect(neverAReport('收到👌')).toBe('ack');
    expect(neverAReport('收到，今日受理5件，办结4件')).toBeNull();
    expect(neverAReport('城东街道：今日受理8件，办结7件')).toBeNull();
    expect(neverAReport('GD2026112000123 已办结；今日受理8件')).toBeNull();
    // A whole report that names a case it answered stays a report.
    expect(neverAReport('【区住建局】今日受理5件，办结4件，SP2已答复', 2)).toBeNull();
    expect(neverAReport('D9 收到', 1)).toBe('code');
  });

  it(
    'the parser agrees (parse-report): an acknowledgement or a code with one figure is no report, a report ' +
      'naming a case is',
    () => {
      const roster = Roster.fromConfig(loadDistrictFile(join(REPO, 'config/district.example.yaml')));
      const at = '2026-11-30T17:30:00+08:00';
      for (const text of ['D9 收到', '好的收到1', 'd12收到！', 'SP3 收到，今天去现场1次']) {
        expect(parseReport({ text, sentAt: at }, roster).isReport, text).toBe(false);
      }
      for (const text of [
        '【区住建局】今日受理5件，办结4件，SP2已答复。',
        '区住建局日报：受理6件，办结6件，D3已按要求整改',
      ]) {
        const p = parseReport({ text, sentAt: at }, roster);
        expect(p.isReport, text).toBe(true);
        expect(p.completed, text).toBeGreaterThanOrEqual(4);
      }
    },
  );
});
