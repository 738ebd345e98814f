import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { prolongedMentions } from '../src/domain/visits/prolonged.js';
import { parseVisitRecord, readVisitText } from '../src/domain/visits/record.js';
import { newReasons, type VisitTicket, visitDueDay, visitReasons, visitStep } from '../src/domain/visits/triggers.js';

const base: VisitTicket = { title: '路灯', content: '路灯不亮', status: '办理中', rating: null, reopenCount: 0 };
const tk = (p: Partial<VisitTicket>): VisitTicket => ({ ...base, ...p });

describe('四个必到: which tickets call for a leader visit (pure)', () => {
  it.each([
    ['nothing', tk({}), []],
    ['asks to meet (面对面)', tk({ content: '希望相关部门负责人面对面沟通' }), ['meet']],
    ['asks for a home visit (上门)', tk({ content: '请单位领导上门了解情况' }), ['meet']],
    ['asks to see someone (见面, in the title)', tk({ title: '要求见面反映噪音' }), ['meet']],
    ['asks the department to come (相关部门上门)', tk({ content: '多次反映无果，要求相关部门上门查看' }), ['meet']],
    ['asks to be told in person (当面解释)', tk({ content: '希望工作人员当面解释收费依据' }), ['meet']],
    ['a delivery at the door is no request (快递不送货上门)', tk({ content: '快递员不送货上门，要求处理' }), []],
    ['a repair at the door is no request (物业上门维修)', tk({ content: '要求物业上门维修水管' }), []],
    ['a refusal is no request (不需要上门)', tk({ content: '已电话沟通，不需要领导上门' }), []],
    ['refused one, asked another', tk({ content: '工作人员拒绝见面，要求领导面对面沟通' }), ['meet']],
    ['reopened once: not yet', tk({ reopenCount: 1 }), []],
    ['reopened twice', tk({ reopenCount: 2 }), ['reopened']],
    ['reopened three times', tk({ reopenCount: 3 }), ['reopened']],
    ['不满意', tk({ rating: '不满意', status: '已办结' }), ['unsatisfied']],
    ['满意 / 基本满意: no', tk({ rating: '基本满意' }), []],
    ['extension asked (延期申请)', tk({ status: '延期申请' }), ['prolonged']],
    ['extension under way (延时中)', tk({ status: '延时中' }), ['prolonged']],
    ['the unit says long-term (短期内无法解决)', tk({ status: '短期内无法解决' }), ['prolonged']],
    ['the deadline moved later on a later import', tk({ extended: true }), ['prolonged']],
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
  const rules = (remindWorkdaysBefore: number[], escalateWorkdaysAfter: number) => ({
    remindWorkdaysBefore,
    escalateWorkdaysAfter,
  });
  it('the steps are rules: reminders 3 and 1 working days before, escalation 2 working days after', () => {
    const r = rules([3, 1], 2);
    expect(visitStep('2026-11-27', '2026-11-24', cal, r)).toBe('remind');
    expect(visitStep('2026-11-27', '2026-11-25', cal, r)).toBe(null);
    expect(visitStep('2026-11-27', '2026-11-26', cal, r)).toBe('remind');
    expect(visitStep('2026-11-27', '2026-11-27', cal, r)).toBe(null);
    expect(visitStep('2026-11-27', '2026-11-30', cal, r)).toBe(null);
    expect(visitStep('2026-11-27', '2026-12-01', cal, r)).toBe('escalate');
    // A day the check did not run is caught up.
    expect(visitStep('2026-11-27', '2026-12-03', cal, r)).toBe('escalate');
  });
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

describe('四个必到: the visit record as heads type it (pure)', () => {
  const today = '2026-11-25';
  const rec = (code: string | null, day: string | null, person: string | null, agreed: string, mode = 'record') => ({
    kind: 'record',
    code,
    mode,
    day,
    person,
    agreed,
  });
  it.each([
    ['V7 已上门 11月20日 王局长 已与群众达成整改协议', rec('V7', '2026-11-20', '王局长', '已与群众达成整改协议')],
    ['v7 昨天下午王局长带队上门了，群众表示理解👍', rec('V7', '2026-11-24', '王局长', '群众表示理解')],
    ['V7已走访', rec('V7', null, null, '')],
    ['v7已上门，王局长，已与群众达成整改协议', rec('V7', null, '王局长', '已与群众达成整改协议')],
    ['V12 已走访 今天 已向群众解释政策', rec('V12', today, null, '已向群众解释政策')],
    ['V3 已见面 昨天 李明 双方约定月底前完成维修', rec('V3', '2026-11-24', '李明', '双方约定月底前完成维修')],
    ['V3 已到现场 2026-11-23 张主任 现场查看并答复', rec('V3', '2026-11-23', '张主任', '现场查看并答复')],
    ['V5 已上门走访 11月24号', rec('V5', '2026-11-24', null, '')],
    ['V9：已经上门 群众表示理解', rec('V9', null, null, '群众表示理解')],
    ['V4 已走访 12月30日 陈书记 已落实', rec('V4', '2025-12-30', '陈书记', '已落实')],
    ['v1已经去过了，群众表示满意[强]', rec('V1', null, null, '群众表示满意')],
    [
      'V7 11月20日上午，王局长一行到群众家中走访，双方约定12月底前完成维修',
      rec('V7', '2026-11-20', '王局长', '双方约定12月底前完成维修'),
    ],
    ['V8 王建国局长已于11月20日上门走访，群众表示满意', rec('V8', '2026-11-20', '王建国局长', '群众表示满意')],
    [
      'V7 群众对整改不满意，王局长已上门走访，将于下周再次沟通',
      rec('V7', null, '王局长', '群众对整改不满意，将于下周再次沟通'),
    ],
    ['V7 补充：群众已签字确认整改方案', rec('V7', null, null, '群众已签字确认整改方案', 'supplement')],
    ['V1 补充：已上门 昨天 张局长 已当面道歉', rec('V1', '2026-11-24', '张局长', '已当面道歉', 'supplement')],
    ['V7 更正：走访日期为11月19日', rec('V7', '2026-11-19', null, '', 'correct')],
    ['V7 更正：走访人为李副局长', rec('V7', null, '李副局长', '', 'correct')],
    ['王局长已上门走访，已与群众达成协议', rec(null, null, '王局长', '已与群众达成协议')],
    ['今天上午王局长带队上门走访了诉求人，现场答复了群众诉求', rec(null, today, '王局长', '现场答复了群众诉求')],
  ])('%s', (text, want) => {
    expect(readVisitText(text, today)).toEqual(want);
  });
  it.each([
    ['V7 什么时候上门', 'question'],
    ['V7 已上门了吗', 'question'],
    ['V7 还没上门', 'planned'],
    ['V7 明天上门', 'planned'],
    ['V7 王局长计划下周到群众家中走访', 'planned'],
    ['V7 已安排工作人员上门核实', 'delegated'],
  ])('not a record: %s (%s)', (text, kind) => {
    expect(readVisitText(text, today)).toEqual({ kind, code: 'V7' });
  });
  it.each(['V7 好的', '收到，马上安排', '王局长今天开会'])('no visit at all: %s', (text) => {
    expect(parseVisitRecord(text, today)).toBeNull();
  });
  it('a D or SP code is no V code', () => {
    expect(readVisitText('SP7 已上门', today)).toMatchObject({ kind: 'record', code: null });
    expect(readVisitText('D7 已上门', today)).toMatchObject({ kind: 'record', code: null });
  });
});

describe('四个必到: a unit saying a ticket cannot be solved soon (pure)', () => {
  it.each([
    ['工单2026113000004短期内无法解决', ['2026113000004'], []],
    ['工单2026113000004需要多部门协调，短期难以解决', ['2026113000004'], []],
    ['工单2026113000004属历史遗留问题，需长期协调推进', ['2026113000004'], []],
    ['2026113000004已办结；2026113000005涉及管网改造，短期内难以解决', ['2026113000005'], []],
    ['SP3 涉及历史遗留问题，短期内解决不了', [], ['SP3']],
    // No ticket and no round named: which of the unit's tickets is meant cannot be told.
    ['需要协调，短期难以解决', [], []],
    ['2026113000004并非短期内无法解决', [], []],
    ['2026113000004是否短期内无法解决？', [], []],
    ['收到，2026113000004正在办理', [], []],
  ])('%s', (text, numbers, rounds) => {
    expect(prolongedMentions(text)).toEqual({ numbers, rounds });
  });
});

describe('四个必到 in a ticket’s evidence (双问责): the visit and the unit’s words read as such', () => {
  it('names the events and says what they record', async () => {
    const { evidenceTicketDetail, evidenceTicketWhat } = await import('../src/domain/texts/dual.js');
    expect(evidenceTicketWhat('visit-recorded')).toBe('工单领导走访登记（四个必到）');
    expect(
      evidenceTicketDetail('visit-recorded', {
        code: 'V3',
        day: '2026-12-02',
        visitor: '周局长',
        agreed: '约定月底前恢复',
      }),
    ).toBe('V3 12月2日周局长上门走访，约定月底前恢复');
    expect(evidenceTicketWhat('prolonged-said')).toBe('工单单位反映短期内难以解决');
    expect(evidenceTicketDetail('prolonged-said', { note: '需要协调，短期内难以解决' })).toBe(
      '需要协调，短期内难以解决',
    );
  });
});
