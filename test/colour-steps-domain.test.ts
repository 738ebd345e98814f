/**
 * 三色督办's steps for dispatches and 双派单 sides (pure): the blue step once on the last working day before the
 * deadline day (a weekend, a 调休 Saturday and a holiday between), never on the day the item was given; a side's
 * yellow step on the deadline day; the ack reminder not after either; a reminder card's title says the colour once.
 */
import { describe, expect, it } from 'vitest';
import { underTitle } from '../src/bot/wecom/outbound.js';
import { WorkCalendar } from '../src/domain/calendar.js';
import { type DispatchView, owedSteps, policyFor } from '../src/domain/dispatch/flow.js';
import { ackReminderDue, colourStepDue, type SideView } from '../src/domain/dual/rules.js';
import { blueStepDue } from '../src/domain/tickets/colour.js';
import { rosterConfig } from './helpers.js';

const cal = new WorkCalendar();
const tz = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);
const blue = (given: string, deadline: string, now: string) =>
  blueStepDue(at(given), at(deadline), at(now), cal, tz, 1);

describe('blueStepDue', () => {
  it.each([
    // Given Thursday, due Monday: Friday is the last working day before; the weekend is not.
    ['weekend: Thursday', '2026-11-19T10:00:00', '2026-11-23T18:00:00', '2026-11-19T15:00:00', false],
    ['weekend: Friday', '2026-11-19T10:00:00', '2026-11-23T18:00:00', '2026-11-20T08:30:00', true],
    ['weekend: Saturday (rest)', '2026-11-19T10:00:00', '2026-11-23T18:00:00', '2026-11-21T10:00:00', false],
    [
      'weekend: Monday (deadline day: yellow)',
      '2026-11-19T10:00:00',
      '2026-11-23T18:00:00',
      '2026-11-23T08:30:00',
      false,
    ],
    // Due Monday 10-12: Saturday 10-10 works (调休) and is the last working day before; Friday 10-09 is two before.
    ['调休: Friday 10-09', '2026-10-08T10:00:00', '2026-10-12T18:00:00', '2026-10-09T08:30:00', false],
    ['调休: Saturday 10-10', '2026-10-08T10:00:00', '2026-10-12T18:00:00', '2026-10-10T08:30:00', true],
    // Due Thursday 10-08, the first working day after National Day: blue on Wednesday 09-30, before the holiday.
    ['holiday: Tuesday 09-29', '2026-09-28T10:00:00', '2026-10-08T18:00:00', '2026-09-29T08:30:00', false],
    ['holiday: Wednesday 09-30', '2026-09-28T10:00:00', '2026-10-08T18:00:00', '2026-09-30T08:30:00', true],
    ['holiday: Friday 10-02 (holiday)', '2026-09-28T10:00:00', '2026-10-08T18:00:00', '2026-10-02T10:00:00', false],
    // Given on the blue day itself: the delivery told the deadline, no second message that day.
    ['given that day', '2026-11-20T10:00:00', '2026-11-23T18:00:00', '2026-11-20T15:00:00', false],
  ])('%s', (_why, given, deadline, now, want) => {
    expect(blue(given, deadline, now)).toBe(want);
  });
  it('a lead of 0 turns it off', () => {
    expect(
      blueStepDue(at('2026-11-19T10:00:00'), at('2026-11-23T18:00:00'), at('2026-11-20T08:30:00'), cal, tz, 0),
    ).toBe(false);
  });
});

describe('a dispatch owes its blue step once, and it stands for the ack reminder', () => {
  const cfg = rosterConfig().dispatch;
  const rule = { calendar: cal, tz, leadWorkdays: 1 };
  const d = (over: Partial<DispatchView['targets'][number]> = {}): DispatchView => ({
    code: 'D1',
    createdAt: at('2026-11-19T17:30:00'),
    deadline: at('2026-11-23T18:00:00'),
    urgent: false,
    targets: [
      {
        unitId: 'u',
        deliveredAt: at('2026-11-19T17:30:00'),
        ackedAt: null,
        answeredAt: null,
        ackRemindedAt: null,
        dueRemindedAt: null,
        blueRemindedAt: null,
        lateAt: null,
        ...over,
      },
    ],
  });
  const p = policyFor(cfg, false);
  it('Friday 08:30: the blue step wins over the ack reminder owed since Thursday evening', () => {
    expect(owedSteps(d(), at('2026-11-20T08:30:00'), p, rule)).toEqual([{ unitId: 'u', step: 'blue-reminder' }]);
    // Without the rule (as before 三色督办): the ack reminder.
    expect(owedSteps(d(), at('2026-11-20T08:30:00'), p)).toEqual([{ unitId: 'u', step: 'ack-reminder' }]);
  });
  it('after it, no ack reminder and no second blue; the yellow reminder before the deadline still comes', () => {
    const taken = d({ blueRemindedAt: at('2026-11-20T08:30:00') });
    expect(owedSteps(taken, at('2026-11-20T15:00:00'), p, rule)).toEqual([]);
    expect(owedSteps(taken, at('2026-11-23T17:00:00'), p, rule)).toEqual([{ unitId: 'u', step: 'due-reminder' }]);
  });
  it('a 签收 reminder owed within an hour of the reminder before the deadline: that one instead, not both', () => {
    // Given Friday 19:30, due Monday 10:00: at Monday 08:30 the 签收 reminder (owed since Friday 20:30) and the
    // reminder before the deadline (due at 09:00) would go half an hour apart.
    const late = { ...d(), createdAt: at('2026-11-20T19:30:00'), deadline: at('2026-11-23T10:00:00') };
    late.targets = [{ ...(d().targets[0] as DispatchView['targets'][number]), deliveredAt: at('2026-11-20T19:30:00') }];
    expect(owedSteps(late, at('2026-11-23T08:30:00'), p, rule)).toEqual([{ unitId: 'u', step: 'due-reminder' }]);
    // Far from the deadline, the 签收 reminder stays what it is.
    expect(owedSteps(d(), at('2026-11-19T18:30:00'), p, rule)).toEqual([{ unitId: 'u', step: 'ack-reminder' }]);
  });
  it('an answered unit owes none', () => {
    expect(owedSteps(d({ answeredAt: at('2026-11-20T08:00:00') }), at('2026-11-20T08:30:00'), p, rule)).toEqual([]);
  });
});

describe('a 双派单 side: blue the working day before, yellow on the deadline day, each once', () => {
  const side = (over: Partial<SideView> = {}): SideView => ({
    side: 'street',
    unitId: 'u',
    deliveredAt: at('2026-11-19T09:40:00'),
    ackedAt: null,
    ackRemindedAt: null,
    answeredAt: null,
    lateAt: null,
    ...over,
  });
  const deadline = at('2026-11-23T18:00:00');
  const step = (s: SideView, now: string) => colourStepDue(s, deadline, at(now), cal, tz, 1);
  it.each([
    ['Thursday, the day given', side(), '2026-11-19T14:00:00', null],
    ['Friday', side(), '2026-11-20T08:30:00', 'blue'],
    ['Friday, blue taken', side({ blueRemindedAt: at('2026-11-20T08:30:00') }), '2026-11-20T13:30:00', null],
    ['Monday morning', side({ blueRemindedAt: at('2026-11-20T08:30:00') }), '2026-11-23T08:30:00', 'yellow'],
    ['Monday, yellow taken', side({ yellowRemindedAt: at('2026-11-23T08:30:00') }), '2026-11-23T13:30:00', null],
    ['Monday 18:00: late (the ladder)', side(), '2026-11-23T18:00:00', null],
    ['answered', side({ answeredAt: at('2026-11-20T08:00:00') }), '2026-11-20T08:30:00', null],
  ])('%s → %s', (_why, s, now, want) => {
    expect(step(s, now)).toBe(want);
  });
  it('the 签收 reminder is not owed after a colour step (it asked for the 签收 too)', () => {
    expect(ackReminderDue(side(), at('2026-11-20T13:30:00'), 4)).toBe(true);
    expect(ackReminderDue(side({ blueRemindedAt: at('2026-11-20T08:30:00') }), at('2026-11-20T13:30:00'), 4)).toBe(
      false,
    );
  });
});

describe('a reminder card says its colour once', () => {
  it('the text under the title drops the mark the title opens with', () => {
    expect(underTitle('【黄色预警】点对点调度 D1', '【黄色预警】【调度提醒 D1】李主任交办的……')).toBe(
      '【调度提醒 D1】李主任交办的……',
    );
    expect(underTitle('点对点调度 D1', '【调度提醒 D1】李主任交办的……')).toBe('【调度提醒 D1】李主任交办的……');
    expect(underTitle('【蓝色提醒】双派单 SP1', '【双派单 SP1】……')).toBe('【双派单 SP1】……');
    // One heading with the code (【黄色预警 D1】): said in the title already.
    expect(underTitle('【黄色预警】点对点调度 D1', '【黄色预警 D1】李主任交办的……')).toBe('李主任交办的……');
    expect(underTitle('【蓝色提醒】双派单 SP1', '【蓝色提醒 SP1】工单……')).toBe('工单……');
    expect(underTitle('【蓝色提醒】双派单 SP1', '【蓝色提醒 SP2】工单……')).toBe('【蓝色提醒 SP2】工单……');
  });
});
