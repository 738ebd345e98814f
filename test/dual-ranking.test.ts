import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { monthlyDay, previousMonth, weeklyDay } from '../src/domain/dual/periods.js';
import { namedTickets, parseDualReply, planSides, splitBackcheck } from '../src/domain/dual/sides.js';
import { bestAndLast, rankUnits, scoreOf, type UnitMonthFigures, unitRates } from '../src/domain/ranking.js';
import { Roster } from '../src/domain/roster.js';
import { rosterConfig } from './helpers.js';

const fig = (unitId: string, o: Partial<UnitMonthFigures> = {}): UnitMonthFigures => {
  const f = {
    unitId,
    unitName: unitId,
    ticketsDue: 0,
    ticketsOnTime: 0,
    rated: 0,
    satisfied: 0,
    tickets: 0,
    reopened: 0,
    delivered: 0,
    ackedInTime: 0,
    workdays: null,
    reportsOnTime: 0,
    ...o,
  };
  return { ...f, reportsFiled: o.reportsFiled ?? f.reportsOnTime };
};

describe('月评比 method (pure)', () => {
  it('rates are numerator ÷ denominator in percent, null with nothing to measure', () => {
    expect(
      unitRates(
        fig('a', {
          ticketsDue: 4,
          ticketsOnTime: 2,
          rated: 3,
          satisfied: 2,
          tickets: 4,
          reopened: 1,
          delivered: 2,
          ackedInTime: 1,
          workdays: 22,
          reportsOnTime: 20,
        }),
      ),
    ).toEqual({
      onTimeRate: 50,
      satisfactionRate: (100 * 2) / 3,
      reopenRate: 25,
      ackRate: 50,
      punctuality: (100 * 20) / 22,
    });
    expect(unitRates(fig('b'))).toEqual({
      onTimeRate: null,
      satisfactionRate: null,
      reopenRate: null,
      ackRate: null,
      punctuality: null,
    });
  });

  it(
    'the score weighs 30/30/15/10/15 with 100 − 重办率; a ' + 'missing rate is left out and the other weights scale up',
    () => {
      // 0.3×50 + 0.3×66.67 + 0.15×75 + 0.1×50 + 0.15×90.91 = 15 + 20 + 11.25 + 5 + 13.64 = 64.89
      expect(
        scoreOf({ onTimeRate: 50, satisfactionRate: 200 / 3, reopenRate: 25, ackRate: 50, punctuality: 2000 / 22 }),
      ).toBe(64.89);
      // (30 + 30 + 15 + 0.15×95.45) ÷ 0.9 = 99.24
      expect(
        scoreOf({ onTimeRate: 100, satisfactionRate: 100, reopenRate: 0, ackRate: null, punctuality: 2100 / 22 }),
      ).toBe(99.24);
      expect(
        scoreOf({ onTimeRate: null, satisfactionRate: null, reopenRate: null, ackRate: null, punctuality: null }),
      ).toBeNull();
      expect(
        scoreOf({ onTimeRate: null, satisfactionRate: null, reopenRate: 100, ackRate: null, punctuality: null }),
      ).toBe(0);
    },
  );

  it(
    'ranks by score; equal scores share a rank (1, 1, 3) in ' + 'roster order; units without any figure are left out',
    () => {
      const rows = rankUnits([
        fig('a', { workdays: 10, reportsOnTime: 5 }),
        fig('b', { workdays: 10, reportsOnTime: 10 }),
        fig('c'),
        fig('d', { workdays: 10, reportsOnTime: 10 }),
        fig('e', { workdays: 10, reportsOnTime: 0 }),
      ]);
      expect(rows.map((r) => [r.unitId, r.score, r.rank])).toEqual([
        ['b', 100, 1],
        ['d', 100, 1],
        ['a', 50, 3],
        ['e', 0, 4],
      ]);
      expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
        [
          'ackRate',
          'onTimeRate',
          'punctuality',
          'rank',
          'reopenRate',
          'reports',
          'satisfactionRate',
          'score',
          'silent',
          'unitId',
          'unitName',
        ].sort(),
      );
    },
  );

  it(
    'a month with no report, ticket or delivery has no ranking; a unit that had to report and sent nothing ranks ' +
      'after those that did',
    () => {
      expect(rankUnits([fig('a', { workdays: 10 }), fig('b', { workdays: 10 })])).toEqual([]);
      const rows = rankUnits([
        fig('silent', {
          workdays: 10,
          reportsOnTime: 0,
          tickets: 5,
          ticketsDue: 5,
          ticketsOnTime: 5,
          rated: 5,
          satisfied: 5,
        }),
        fig('late', { workdays: 10, reportsOnTime: 0, reportsFiled: 10 }),
        fig('ok', { workdays: 10, reportsOnTime: 8 }),
      ]);
      expect(rows.map((r) => [r.unitId, r.rank])).toEqual([
        ['ok', 1],
        ['late', 2],
        ['silent', 3],
      ]);
      expect(rows[2]?.score).toBeGreaterThan(rows[0]?.score ?? 0);
    },
  );

  it('best three and last three never overlap', () => {
    const rows = rankUnits(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((u, i) => fig(u, { workdays: 10, reportsOnTime: 10 - i })),
    );
    const { best, last } = bestAndLast(rows);
    expect(best.map((r) => r.unitId)).toEqual(['a', 'b', 'c']);
    expect(last.map((r) => r.unitId)).toEqual(['g', 'f', 'e']);
    const four = bestAndLast(rows.slice(0, 4));
    expect([four.best.length, four.last.length]).toEqual([2, 2]);
    expect(bestAndLast(rows.slice(0, 1)).best).toHaveLength(1);
  });
});

describe('双派单 pure rules', () => {
  const roster = Roster.fromConfig(rosterConfig());
  it(
    'sides: department + street with its grid; a street that is its own 承办单位 is one side; an unknown street ' +
      'leaves the 承办单位 alone',
    () => {
      expect(planSides({ unitId: 'zhujian', street: '城东街道办事处', grid: '东一网格' }, roster)).toEqual({
        sides: [
          { side: 'unit', unitId: 'zhujian', grid: null },
          { side: 'street', unitId: 'chengdong', grid: '东一网格' },
        ],
        sameUnit: false,
        streetUnknown: false,
      });
      expect(planSides({ unitId: 'chengxi', street: '城西街道', grid: null }, roster).sides).toEqual([
        { side: 'both', unitId: 'chengxi', grid: null },
      ]);
      expect(planSides({ unitId: 'chengxi', street: null, grid: null }, roster).sameUnit).toBe(true);
      expect(planSides({ unitId: 'zhujian', street: '某某社区', grid: null }, roster)).toMatchObject({
        streetUnknown: true,
        sides: [{ side: 'unit' }],
      });
    },
  );

  it('replies: round codes, 签收, ticket numbers as whole words, numbered back-check answers', () => {
    expect(parseDualReply('SP3 签收')).toEqual({ codes: ['SP3'], kind: 'ack', body: '签收' });
    expect(parseDualReply('sp12：已安排人员现场处理')).toEqual({
      codes: ['SP12'],
      kind: 'answer',
      body: '已安排人员现场处理',
    });
    expect(parseDualReply('DSP3 不是编号').codes).toEqual([]);
    expect(namedTickets('关于S001的办理情况', ['S001', 'S0011'])).toEqual(['S001']);
    expect(namedTickets('S0011 已办结', ['S001'])).toEqual([]);
    expect(splitBackcheck('倒查 1. 未提前掌握；2. 已排查同类5处')).toEqual({
      priorKnown: '未提前掌握',
      likeCases: '已排查同类5处',
    });
    expect(splitBackcheck('已掌握并整改')).toEqual({ priorKnown: '已掌握并整改', likeCases: '已掌握并整改' });
  });

  it('when the weekly summary and the monthly review run, holidays included', () => {
    const cal = new WorkCalendar();
    expect(weeklyDay('2026-11-18', 5, cal)).toBe('2026-11-20');
    // National Day week 2026: Friday 10-02 is a holiday, the last working day before it is Wednesday 09-30.
    expect(weeklyDay('2026-09-30', 5, cal)).toBe('2026-09-30');
    // The week of 10-05: every day up to Friday 10-09 … 10-08 and 10-09 are working days.
    expect(weeklyDay('2026-10-08', 5, cal)).toBe('2026-10-09');
    expect(monthlyDay('2026-10-20', cal)).toBe('2026-10-08');
    expect(monthlyDay('2026-11-15', cal)).toBe('2026-11-02');
    expect(previousMonth('2026-01-05')).toBe('2025-12');
  });
});
