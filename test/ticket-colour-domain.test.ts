import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { blueReminder } from '../src/domain/texts/tickets.js';
import { type ColourInput, colourOf, DEFAULT_COLOUR_THRESHOLDS } from '../src/domain/tickets/colour.js';

const cal = new WorkCalendar();
const tz = 'Asia/Shanghai';
/** A local (UTC+8) time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);

describe('三色督办 colour on the working-day clock (pure)', () => {
  // Due Monday 2026-11-23 18:00, across an ordinary weekend.
  const mon = { dueAt: at('2026-11-23T18:00:00') };
  it.each([
    ['Thursday, two working days before', '2026-11-19T09:00:00', null],
    ['Friday, the last working day before', '2026-11-20T09:00:00', 'blue'],
    ['Saturday (rest day): still blue', '2026-11-21T09:00:00', 'blue'],
    ['Sunday (rest day): still blue', '2026-11-22T20:00:00', 'blue'],
    ['Monday morning, the deadline day', '2026-11-23T09:00:00', 'yellow'],
    ['Monday 18:00, the deadline itself', '2026-11-23T18:00:00', 'red'],
    ['Tuesday, overdue', '2026-11-24T09:00:00', 'red'],
  ])('weekend: %s → %s', (_why, now, want) => {
    expect(colourOf(mon, at(now), cal, tz)).toBe(want);
  });

  // Due Monday 2026-10-12 (end of day): Saturday 10-10 is a 调休 working day, Sunday 10-11 a rest day.
  const afterNationalDay = { dueAt: at('2026-10-13T00:00:00') };
  it.each([
    ['Friday 10-09: two working days before (Sat 10-10 works)', '2026-10-09T09:00:00', null],
    ['调休 Saturday 10-10: the last working day before', '2026-10-10T09:00:00', 'blue'],
    ['Sunday 10-11', '2026-10-11T09:00:00', 'blue'],
    ['Monday 10-12, the deadline day', '2026-10-12T23:00:00', 'yellow'],
    ['Tuesday 10-13, overdue', '2026-10-13T08:00:00', 'red'],
  ])('调休 Saturday: %s → %s', (_why, now, want) => {
    expect(colourOf(afterNationalDay, at(now), cal, tz)).toBe(want);
  });

  // Due Tuesday 2026-02-24 after the Spring Festival: Saturday 02-14 (调休) is the last working day before it.
  const afterSpring = { dueAt: at('2026-02-24T18:00:00') };
  it.each([
    ['Friday 02-13', '2026-02-13T09:00:00', null],
    ['调休 Saturday 02-14', '2026-02-14T09:00:00', 'blue'],
    ['in the holiday, 02-18', '2026-02-18T09:00:00', 'blue'],
    ['Tuesday 02-24', '2026-02-24T09:00:00', 'yellow'],
  ])('Spring Festival: %s → %s', (_why, now, want) => {
    expect(colourOf(afterSpring, at(now), cal, tz)).toBe(want);
  });

  const th = DEFAULT_COLOUR_THRESHOLDS;
  const far = at('2026-12-31T18:00:00');
  const now = at('2026-11-20T09:00:00');
  it.each<[string, ColourInput, typeof th, string | null]>([
    ['far from its deadline', { dueAt: far }, th, null],
    ['done', { dueAt: at('2026-11-01T18:00:00'), done: true }, th, null],
    ['extended once', { dueAt: far, extensions: 1 }, th, null],
    ['extended twice', { dueAt: far, extensions: 2 }, th, 'red'],
    ['不满意 twice', { dueAt: far, unsatisfied: 2 }, th, 'red'],
    ['不满意 once, threshold 1', { dueAt: far, unsatisfied: 1 }, { ...th, redUnsatisfied: 1 }, 'red'],
    ['progress late', { dueAt: far, progressLate: true }, th, 'yellow'],
    ['no deadline', { dueAt: null }, th, null],
    ['Friday for a Monday deadline', { dueAt: at('2026-11-23T18:00:00') }, th, 'blue'],
    ['lead 0: never blue', { dueAt: at('2026-11-23T18:00:00') }, { ...th, blueLeadWorkdays: 0 }, null],
  ])('%s', (_why, x, t, want) => {
    expect(colourOf(x, now, cal, tz, t)).toBe(want);
  });

  it('a lead of 2 working days reaches over the weekend', () => {
    const t = { ...th, blueLeadWorkdays: 2 };
    expect(colourOf(mon, at('2026-11-19T09:00:00'), cal, tz, t)).toBe('blue');
    expect(colourOf(mon, at('2026-11-18T09:00:00'), cal, tz, t)).toBe(null);
  });
});

describe('蓝色提醒 text (pure)', () => {
  it('lists each ticket with its deadline and weekday (the day alone at 24:00), cut with a count', () => {
    const items = [
      { number: 'X1', title: '路灯不亮', dueAt: new Date('2026-11-23T16:00:00Z') },
      { number: 'X2', title: '井盖缺失', dueAt: new Date('2026-11-23T10:00:00Z') },
      { number: 'X3', title: '占道经营', dueAt: new Date('2026-11-23T10:00:00Z') },
    ];
    expect(blueReminder('区城市管理局', items, 2, 'Asia/Shanghai')).toBe(
      [
        '【蓝色提醒】区城市管理局：以下3件工单即将到期，请合理安排，按时办结：',
        '1. X1 路灯不亮（11月23日（星期一）到期）',
        '2. X2 井盖缺失（11月23日（星期一）18:00到期）',
        '……另有1件，请登录平台查看。',
        '办结后可回复“工单编号 已办结 说明”。',
      ].join('\n'),
    );
  });
});
