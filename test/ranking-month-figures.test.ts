/** 月评比 figures from the store's counts (pure): the arithmetic that used to sit in the store's monthData. */
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import {
  type MonthInputs,
  monthBounds,
  monthFigures,
  reportDays,
  reportDeadlineOf,
  workdaysBetween,
} from '../src/domain/ranking.js';

const TZ = 'Asia/Shanghai';
const t = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const cal = new WorkCalendar();

describe('月评比 month figures (pure)', () => {
  it.each([
    ['2026-11', '2026-11-01', '2026-11-30', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    ['2026-12', '2026-12-01', '2026-12-31', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2026-02', '2026-02-01', '2026-02-28', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
  ])('monthBounds(%s)', (month, first, last, from, to) => {
    const b = monthBounds(month, TZ);
    expect({ first: b.first, last: b.last, from: b.from.toISOString(), to: b.to.toISOString() }).toEqual({
      first,
      last,
      from,
      to,
    });
  });

  it('working days of a month, report deadlines and the days whose deadline has passed', () => {
    const days = workdaysBetween('2026-11-01', '2026-11-30', (d) => cal.isWorkday(d));
    expect(days).toHaveLength(21);
    expect(days[0]).toBe('2026-11-02');
    const deadlineOf = reportDeadlineOf('17:30', TZ);
    expect(deadlineOf('2026-11-02').toISOString()).toBe('2026-11-02T09:30:00.000Z');
    expect(reportDays(days, deadlineOf, t('2026-11-04', '17:30'))).toEqual(['2026-11-02', '2026-11-03', '2026-11-04']);
    expect(reportDays(days, deadlineOf, t('2026-11-04', '17:29'))).toEqual(['2026-11-02', '2026-11-03']);
  });

  const base = (): MonthInputs => {
    const monthDays = workdaysBetween('2026-11-01', '2026-11-30', (d) => cal.isWorkday(d));
    return {
      units: [
        { id: 'a', name: '甲局', reports: true },
        { id: 'b', name: '乙街道', reports: true },
        { id: 'c', name: '丙中心', reports: false },
      ],
      monthDays,
      deadlineOf: reportDeadlineOf('17:30', TZ),
      until: t('2026-11-06', '20:00'), // Mon 2 … Fri 6: five days passed
      startedAt: t('2026-11-03', '08:00'), // running from Tue 3: four days counted
      unitsSince: new Map([['b', t('2026-11-05', '08:00')]]), // b on the roster from Thu 5
      minCoverage: 0.5,
      tickets: new Map([['a', { tickets: 10, due: 8, onTime: 6, rated: 5, satisfied: 4, reopened: 1 }]]),
      acks: [
        { unitId: 'a', delivered: 3, inTime: 2 },
        { unitId: 'b', delivered: 1, inTime: 1 },
        { unitId: 'a', delivered: 2, inTime: 2 },
      ],
      reports: new Map([
        [
          'a',
          new Map([
            ['2026-11-02', false],
            ['2026-11-03', false],
            ['2026-11-04', true],
            ['2026-11-06', false],
          ]),
        ],
        [
          'b',
          new Map([
            ['2026-11-04', false],
            ['2026-11-05', true],
          ]),
        ],
      ]),
    };
  };

  it(
    'counts per unit: tickets as read, deliveries summed over dispatches and 双派单 sides, reports over the ' +
      'counted days',
    () => {
      const m = monthFigures(base());
      expect(m.coverage).toEqual({ workdays: 5, counted: 4, share: 0.8, trial: false });
      expect(m.figures).toEqual([
        {
          unitId: 'a',
          unitName: '甲局',
          ticketsDue: 8,
          ticketsOnTime: 6,
          rated: 5,
          satisfied: 4,
          tickets: 10,
          reopened: 1,
          delivered: 5,
          ackedInTime: 4,
          workdays: 4,
          reportsOnTime: 2,
          reportsFiled: 3,
        },
        {
          unitId: 'b',
          unitName: '乙街道',
          ticketsDue: 0,
          ticketsOnTime: 0,
          rated: 0,
          satisfied: 0,
          tickets: 0,
          reopened: 0,
          delivered: 1,
          ackedInTime: 1,
          workdays: 2,
          reportsOnTime: 0,
          reportsFiled: 1,
        },
        {
          unitId: 'c',
          unitName: '丙中心',
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
          reportsFiled: 0,
        },
      ]);
    },
  );

  it.each([
    [
      'no deployment record: every passed day counts',
      { startedAt: null },
      { workdays: 5, counted: 5, share: 1, trial: false },
    ],
    [
      'started on the last day: a trial',
      { startedAt: t('2026-11-06', '08:00') },
      { workdays: 5, counted: 1, share: 0.2, trial: true },
    ],
    ['nothing passed yet', { until: t('2026-11-02', '09:00') }, { workdays: 0, counted: 0, share: 0, trial: true }],
  ] as const)('coverage: %s', (_name, over, coverage) => {
    expect(monthFigures({ ...base(), ...over }).coverage).toEqual(coverage);
  });
});
