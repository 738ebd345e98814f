import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import {
  checkPatterns,
  type DispatchView,
  defaultDeadline,
  inWorkingHours,
  owedSteps,
  policyFor,
  targetStatus,
} from '../src/domain/dispatch/flow.js';
import { classifyReply, findCodes, linkReply } from '../src/domain/dispatch/flow-answer.js';
import { rosterConfig } from './helpers.js';

const cfg = rosterConfig().dispatch;
const cal = new WorkCalendar();
const TZ = 'Asia/Shanghai';
const at = (s: string) => new Date(s);

describe('dispatch config defaults', () => {
  it('has the documented defaults', () => {
    expect(cfg).toEqual({
      defaultAnswerWorkdays: 1,
      urgentAnswerHours: 2,
      ackWithinMinutes: 60,
      urgentAckWithinMinutes: 15,
      remindBeforeDeadlineMinutes: 60,
      urgentRemindBeforeDeadlineMinutes: 30,
      workingHours: { start: '08:30', end: '18:00' },
    });
  });
});

describe('defaultDeadline', () => {
  it('is the end of the next working day, skipping the weekend', () => {
    expect(defaultDeadline('2026-11-20T19:00:00+08:00', false, cfg, cal, TZ)).toBe('2026-11-23T10:00:00.000Z');
  });
  it('skips holidays and counts make-up working days (2026 National Day)', () => {
    // 2026-09-30 (Wed) → next working day after the 10-01..10-07 holiday is 10-08 (Thu).
    expect(defaultDeadline('2026-09-30T20:00:00+08:00', false, cfg, cal, TZ)).toBe(
      new Date('2026-10-08T18:00:00+08:00').toISOString(),
    );
  });
  it('is a few hours for an urgent dispatch', () => {
    expect(defaultDeadline('2026-11-20T21:05:00+08:00', true, cfg, cal, TZ)).toBe(
      new Date('2026-11-20T23:05:00+08:00').toISOString(),
    );
  });
});

describe('working hours and cron', () => {
  it('acts on working days within the hours, both ends included', () => {
    expect(inWorkingHours(at('2026-11-20T08:30:00+08:00'), cfg, cal, TZ)).toBe(true);
    expect(inWorkingHours(at('2026-11-20T18:00:00+08:00'), cfg, cal, TZ)).toBe(true);
    expect(inWorkingHours(at('2026-11-20T08:29:00+08:00'), cfg, cal, TZ)).toBe(false);
    expect(inWorkingHours(at('2026-11-20T18:01:00+08:00'), cfg, cal, TZ)).toBe(false);
    expect(inWorkingHours(at('2026-11-21T10:00:00+08:00'), cfg, cal, TZ)).toBe(false); // Saturday
    expect(inWorkingHours(at('2026-10-02T10:00:00+08:00'), cfg, cal, TZ)).toBe(false); // National Day
  });
  it('runs every N minutes through the working hours', () => {
    expect(checkPatterns(30, cfg)).toEqual(['*/30 8-18 * * *']);
    expect(checkPatterns(120, cfg)).toEqual(['0 8-18/2 * * *']);
  });
});

describe('owedSteps', () => {
  const base = (over: Partial<DispatchView['targets'][number]> = {}): DispatchView => ({
    code: 'D1',
    createdAt: at('2026-11-19T19:30:00+08:00'),
    deadline: at('2026-11-24T18:00:00+08:00'),
    urgent: false,
    targets: [
      {
        unitId: 'u',
        deliveredAt: at('2026-11-19T19:30:00+08:00'),
        ackedAt: null,
        answeredAt: null,
        ackRemindedAt: null,
        dueRemindedAt: null,
        lateAt: null,
        ...over,
      },
    ],
  });
  const p = policyFor(cfg, false);
  it('owes the ack reminder after the window, once', () => {
    expect(owedSteps(base(), at('2026-11-19T20:00:00+08:00'), p)).toEqual([]);
    expect(owedSteps(base(), at('2026-11-19T20:30:00+08:00'), p)).toEqual([{ unitId: 'u', step: 'ack-reminder' }]);
    expect(
      owedSteps(base({ ackRemindedAt: at('2026-11-20T08:30:00+08:00') }), at('2026-11-20T09:00:00+08:00'), p),
    ).toEqual([]);
    expect(owedSteps(base({ ackedAt: at('2026-11-19T19:50:00+08:00') }), at('2026-11-20T09:00:00+08:00'), p)).toEqual(
      [],
    );
  });
  it('owes the pre-deadline reminder in the last hour (acknowledged or not) and it wins over the ack reminder', () => {
    expect(owedSteps(base(), at('2026-11-24T17:00:00+08:00'), p)).toEqual([{ unitId: 'u', step: 'due-reminder' }]);
    expect(owedSteps(base({ ackedAt: at('2026-11-20T09:00:00+08:00') }), at('2026-11-24T17:30:00+08:00'), p)).toEqual([
      { unitId: 'u', step: 'due-reminder' },
    ]);
    expect(
      owedSteps(base({ dueRemindedAt: at('2026-11-24T17:00:00+08:00') }), at('2026-11-24T17:30:00+08:00'), p),
    ).toEqual([]);
  });
  it('owes the late step at the deadline, once, and nothing for an answered unit', () => {
    expect(owedSteps(base(), at('2026-11-24T18:00:00+08:00'), p)).toEqual([{ unitId: 'u', step: 'late' }]);
    expect(owedSteps(base({ lateAt: at('2026-11-24T18:00:00+08:00') }), at('2026-11-25T09:00:00+08:00'), p)).toEqual(
      [],
    );
    expect(
      owedSteps(base({ answeredAt: at('2026-11-23T10:00:00+08:00') }), at('2026-11-25T09:00:00+08:00'), p),
    ).toEqual([]);
  });
  it('skips the pre-deadline reminder for a dispatch given inside the last hour', () => {
    const d = {
      ...base(),
      createdAt: at('2026-11-24T17:20:00+08:00'),
      targets: [{ ...base().targets[0]!, deliveredAt: at('2026-11-24T17:20:00+08:00') }],
    };
    expect(owedSteps(d, at('2026-11-24T17:30:00+08:00'), p)).toEqual([]);
  });
  it('states: delivered / acknowledged / answered, late', () => {
    const d = base();
    expect(targetStatus(d.targets[0]!, d.deadline, at('2026-11-20T09:00:00+08:00'))).toEqual({
      state: 'delivered',
      late: false,
    });
    expect(
      targetStatus(
        { ...d.targets[0]!, ackedAt: at('2026-11-20T09:00:00+08:00') },
        d.deadline,
        at('2026-11-25T09:00:00+08:00'),
      ),
    ).toEqual({ state: 'acknowledged', late: true });
    expect(
      targetStatus(
        { ...d.targets[0]!, answeredAt: at('2026-11-23T09:00:00+08:00') },
        d.deadline,
        at('2026-11-25T09:00:00+08:00'),
      ),
    ).toEqual({ state: 'answered', late: false });
  });
});

describe('replies', () => {
  const g = { chat: 'group' as const, mentionsBot: false };
  const pv = { chat: 'private' as const, mentionsBot: false };
  it('finds codes', () => {
    expect(findCodes('关于D12和编号 d3 的反馈，D12号')).toEqual(['D12', 'D3']);
    expect(findCodes('ID12 HD3 2D4')).toEqual([]);
  });
  it('收到 / 签收 / 已阅, also with a short promise, acknowledge', () => {
    for (const s of [
      '收到',
      '收到！',
      '签收',
      '已阅',
      '@李主任 收到',
      '收到，马上安排执法中队到场。',
      '已收到，立即落实',
    ]) {
      expect(classifyReply(s, g)?.kind, s).toBe('ack');
    }
  });
  it('handling reported, a code, the bot mentioned or a private message are answers', () => {
    expect(classifyReply('已到现场处置完毕，管道已疏通。', g)?.kind).toBe('answer');
    expect(classifyReply('收到，已安排人员到场处置完毕，群众表示满意。', g)?.kind).toBe('answer');
    expect(classifyReply('D3 油烟净化器今天装好', g)).toEqual({ kind: 'answer', codes: ['D3'], codeOnly: false });
    expect(classifyReply('油烟净化器今天装好', { chat: 'group', mentionsBot: true })?.kind).toBe('answer');
    expect(classifyReply('油烟净化器今天装好', pv)?.kind).toBe('answer');
    expect(classifyReply('D3', pv)).toEqual({ kind: 'answer', codes: ['D3'], codeOnly: true });
    expect(classifyReply('是D3的', g)?.codeOnly).toBe(true);
  });
  it('group chit-chat and other commands are not replies', () => {
    for (const s of ['今天降温了，大家注意保暖', '好的', '明天会议几点开始？', ''])
      expect(classifyReply(s, g), s).toBeNull();
    expect(classifyReply('申请退办 2026112000123 非我单位职责', pv)).toBeNull();
    expect(classifyReply('帮助', pv)).toBeNull();
  });
  it('links by code, else the only open one, else asks; an ack goes to the only unacknowledged one', () => {
    const two = [
      { code: 'D1', acked: false, answered: false },
      { code: 'D2', acked: false, answered: false },
    ];
    expect(linkReply('answer', ['D2'], two)).toEqual({ kind: 'linked', code: 'D2' });
    expect(linkReply('answer', ['D9'], two)).toEqual({ kind: 'none' });
    expect(linkReply('answer', [], two)).toEqual({ kind: 'ask', codes: ['D1', 'D2'] });
    expect(linkReply('ack', [], two)).toEqual({ kind: 'ask', codes: ['D1', 'D2'] });
    expect(linkReply('ack', [], [{ ...two[0]!, acked: true }, two[1]!])).toEqual({ kind: 'linked', code: 'D2' });
    expect(linkReply('answer', [], [{ ...two[0]!, answered: true }, two[1]!])).toEqual({ kind: 'linked', code: 'D2' });
    expect(linkReply('answer', [], [])).toEqual({ kind: 'none' });
  });
});
