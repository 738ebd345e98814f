import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { parseVisitRecord } from '../src/domain/visits/record.js';
import { newReasons, type VisitTicket, visitDueDay, visitReasons, visitStep } from '../src/domain/visits/triggers.js';

const base: VisitTicket = { title: '路灯', content: '路灯不亮', status: '办理中', rating: null, reopenCount: 0 };
const tk = (p: Partial<VisitTicket>): VisitTicket => ({ ...base, ...p });

describe('四个必到: which tickets call for a leader visit (pure)', () => {
  it.each([
    ['nothing', tk({}), []],
    ['asks to meet (面对面)', tk({ content: '希望相关部门负责人面对面沟通' }), ['meet']],
    ['asks for a home visit (上门)', tk({ content: '请单位领导上门了解情况' }), ['meet']],
    ['asks to see someone (见面, in the title)', tk({ title: '要求见面反映噪音' }), ['meet']],
    ['reopened once: not yet', tk({ reopenCount: 1 }), []],
    ['reopened twice', tk({ reopenCount: 2 }), ['reopened']],
    ['reopened three times', tk({ reopenCount: 3 }), ['reopened']],
    ['不满意', tk({ rating: '不满意', status: '已办结' }), ['unsatisfied']],
    ['满意 / 基本满意: no', tk({ rating: '基本满意' }), []],
    ['extension asked (延期申请)', tk({ status: '延期申请' }), ['prolonged']],
    ['extension under way (延时中)', tk({ status: '延时中' }), ['prolonged']],
    ['the unit says long-term (短期内无法解决)', tk({ status: '短期内无法解决' }), ['prolonged']],
    [
      'all four',
      tk({ content: '要求上门', reopenCount: 2, rating: '不满意', status: '申请延期' }),
      ['meet', 'reopened', 'unsatisfied', 'prolonged'],
    ],
  ])('%s', (_name, t, want) => {
    expect(visitReasons(t)).toEqual(want);
  });

  it('reopened: the threshold is a rule', () => {
    expect(visitReasons(tk({ reopenCount: 1 }), { reopenTimes: 1 })).toEqual(['reopened']);
  });

  it.each([
    ['first time', ['meet', 'unsatisfied'], [], ['meet', 'unsatisfied']],
    ['same again: nothing', ['meet'], [['meet']], []],
    ['a new reason only', ['meet', 'unsatisfied'], [['meet']], ['unsatisfied']],
    ['covered by two items', ['meet', 'reopened'], [['meet'], ['reopened', 'prolonged']], []],
  ] as const)('new reasons: %s', (_n, reasons, opened, want) => {
    expect(newReasons(reasons, opened)).toEqual(want);
  });
});

describe('四个必到: due day and ladder steps on working days (pure)', () => {
  const cal = new WorkCalendar();
  it('five working days after a Friday is the next Friday', () => {
    expect(visitDueDay('2026-11-20', cal, { dueWorkdays: 5 })).toBe('2026-11-27');
  });
  it.each([
    ['three working days before', '2026-11-24', null],
    ['the working day before', '2026-11-26', 'remind'],
    ['the due day', '2026-11-27', 'remind'],
    ['past due', '2026-11-30', 'escalate'],
  ] as const)('%s', (_n, today, want) => {
    expect(visitStep('2026-11-27', today, cal)).toBe(want);
  });
  it('the working day before a Monday due day is the Friday before', () => {
    expect(visitStep('2026-11-30', '2026-11-27', cal)).toBe('remind');
    expect(visitStep('2026-11-30', '2026-11-26', cal)).toBe(null);
  });
});

describe('四个必到: the visit record (pure)', () => {
  const today = '2026-11-25';
  it.each([
    [
      'V7 已上门 11月20日 王局长 已与群众达成整改协议',
      { code: 'V7', day: '2026-11-20', person: '王局长', agreed: '已与群众达成整改协议' },
    ],
    [
      'v7已上门，王局长，已与群众达成整改协议',
      { code: 'V7', day: null, person: '王局长', agreed: '已与群众达成整改协议' },
    ],
    ['V12 已走访 今天 已向群众解释政策', { code: 'V12', day: today, person: null, agreed: '已向群众解释政策' }],
    [
      'V3 已见面 昨天 李明 双方约定月底前完成维修',
      { code: 'V3', day: '2026-11-24', person: '李明', agreed: '双方约定月底前完成维修' },
    ],
    [
      'V3 已到现场 2026-11-23 张主任 现场查看并答复',
      { code: 'V3', day: '2026-11-23', person: '张主任', agreed: '现场查看并答复' },
    ],
    ['V5 已上门走访 11月24号', { code: 'V5', day: '2026-11-24', person: null, agreed: '' }],
    ['V9：已经上门 群众表示理解', { code: 'V9', day: null, person: null, agreed: '群众表示理解' }],
    ['V4 已走访 12月30日 陈书记 已落实', { code: 'V4', day: '2025-12-30', person: '陈书记', agreed: '已落实' }],
  ])('%s', (text, want) => {
    expect(parseVisitRecord(text, today)).toEqual(want);
  });
  it.each(['V7 什么时候上门', '王局长已上门', 'D7 已上门', '已上门 V7', 'SP7 已上门'])('not a record: %s', (text) => {
    expect(parseVisitRecord(text, today)).toBeNull();
  });
});
