import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { Roster } from '../src/domain/roster.js';
import { columnAliases, FIELD_LABELS, mapHeader, missingRequired } from '../src/domain/tickets/columns.js';
import { parseTicketCommand } from '../src/domain/tickets/commands.js';
import { fromExcelSerial, parseTicketDate } from '../src/domain/tickets/dates.js';
import { effectiveDue, standardDeadlines, workdaysOverdue } from '../src/domain/tickets/deadline.js';
import { diffTicket } from '../src/domain/tickets/diff.js';
import {
  classify,
  cutDigest,
  inQuietHours,
  type LadderStep,
  type NagItem,
  nagCycle,
  nextStep,
  orderForDigest,
} from '../src/domain/tickets/digest.js';
import { normalizeRow, resolveUnit } from '../src/domain/tickets/row.js';
import { decodeCsv } from '../src/lib/sheet-files.js';
import { rosterConfig } from './helpers.js';

const TZ = 'Asia/Shanghai';
const cal = new WorkCalendar();
const config = rosterConfig();
const roster = Roster.fromConfig(config);
const at = (s: string) => new Date(s);

describe('ticket dates', () => {
  it.each([
    ['2026-11-20 09:00', '2026-11-20T01:00:00.000Z', true],
    ['2026/11/20 9:00', '2026-11-20T01:00:00.000Z', true],
    ['2026/11/20 9:05:30', '2026-11-20T01:05:30.000Z', true],
    ['2026年11月20日 9时', '2026-11-20T01:00:00.000Z', true],
    ['2026年11月20日', '2026-11-19T16:00:00.000Z', false],
    ['2026.11.20', '2026-11-19T16:00:00.000Z', false],
    ['20261120', '2026-11-19T16:00:00.000Z', false],
    ['2026-11-20T09:00:00+08:00', '2026-11-20T01:00:00.000Z', true],
    ['2026-11-20T01:00:00Z', '2026-11-20T01:00:00.000Z', true],
    ['46346.375', '2026-11-20T01:00:00.000Z', true],
  ])('%s', (text, iso, hasTime) => {
    const d = parseTicketDate(text, TZ);
    expect(d?.at.toISOString()).toBe(iso);
    expect(d?.hasTime).toBe(hasTime);
  });

  it('reads Excel serials (numbers) and exceljs Date cells as local wall clock', () => {
    expect(fromExcelSerial(46346.375, TZ)?.at.toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(parseTicketDate(46346, TZ)).toEqual({ at: at('2026-11-19T16:00:00.000Z'), hasTime: false });
    expect(parseTicketDate(new Date(Date.UTC(2026, 10, 20, 9, 0)), TZ)?.at.toISOString()).toBe(
      '2026-11-20T01:00:00.000Z',
    );
  });

  it.each(['昨天下午', '2026-13-01', '2026-02-30', '12', '', 'abc', '1234567'])('rejects %j', (text) => {
    expect(parseTicketDate(text, TZ)).toBeNull();
  });
});

describe('deadlines: 一日受理、两日办结、三日反馈 on working days', () => {
  it('counts working days from 派单时间, skipping the weekend', () => {
    // Thursday 2026-11-19 15:00: accept by Fri, finish by Mon, feedback by Tue (end of day).
    const d = standardDeadlines(at('2026-11-19T15:00:00+08:00'), cal, TZ);
    expect(d.accept.toISOString()).toBe(at('2026-11-21T00:00:00+08:00').toISOString());
    expect(d.finish.toISOString()).toBe(at('2026-11-24T00:00:00+08:00').toISOString());
    expect(d.feedback.toISOString()).toBe(at('2026-11-25T00:00:00+08:00').toISOString());
  });

  it('skips the National Day holiday and counts the 调休 Saturday as a working day', () => {
    // 2026-09-30 (Wed) assignment; 10-01..10-07 off; 2026-10-10 (Sat) is a make-up working day.
    const d = standardDeadlines(at('2026-09-30T10:00:00+08:00'), cal, TZ);
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(d.accept.toISOString()).toBe(at('2026-10-09T00:00:00+08:00').toISOString());
    expect(cal.isWorkday('2026-10-10')).toBe(true);
    expect(d.finish.toISOString()).toBe(at('2026-10-10T00:00:00+08:00').toISOString());
  });

  it("a ticket's own 办理时限 wins; a date without time means the end of that day", () => {
    const assigned = at('2026-11-16T09:00:00+08:00');
    expect(effectiveDue(assigned, parseTicketDate('2026-11-30 17:00', TZ), cal, TZ)?.toISOString()).toBe(
      at('2026-11-30T17:00:00+08:00').toISOString(),
    );
    expect(effectiveDue(assigned, parseTicketDate('2026-11-30', TZ), cal, TZ)?.toISOString()).toBe(
      at('2026-12-01T00:00:00+08:00').toISOString(),
    );
    expect(effectiveDue(assigned, null, cal, TZ)?.toISOString()).toBe(at('2026-11-19T00:00:00+08:00').toISOString());
    expect(effectiveDue(null, null, cal, TZ)).toBeNull();
  });

  it('counts working days overdue across a weekend', () => {
    const due = at('2026-11-20T00:00:00+08:00'); // end of Thu 11-19
    expect(workdaysOverdue(due, at('2026-11-19T15:00:00+08:00'), cal, TZ)).toBe(-1);
    expect(workdaysOverdue(due, at('2026-11-20T09:00:00+08:00'), cal, TZ)).toBe(1);
    expect(workdaysOverdue(due, at('2026-11-22T09:00:00+08:00'), cal, TZ)).toBe(1);
    expect(workdaysOverdue(due, at('2026-11-23T09:00:00+08:00'), cal, TZ)).toBe(2);
    expect(workdaysOverdue(at('2026-11-20T09:00:00+08:00'), at('2026-11-20T15:00:00+08:00'), cal, TZ)).toBe(0);
  });
});

describe('header mapping', () => {
  const cols = columnAliases(config.tickets.columns);
  it('finds the platform headers in any order, with notes and blanks', () => {
    const m = mapHeader(
      [
        '序号',
        '工单编号',
        ' 标 题 ',
        '诉求内容',
        '承办单位（主办）',
        '属地镇街',
        '网格',
        '派单时间',
        '办理时限',
        '工单状态',
        '满意度',
        '重办次数',
      ],
      cols,
    );
    expect(m).toEqual({
      number: 1,
      title: 2,
      content: 3,
      unit: 4,
      street: 5,
      grid: 6,
      assignedAt: 7,
      deadline: 8,
      status: 9,
      rating: 10,
      reopenCount: 11,
    });
    expect(missingRequired(m)).toEqual([]);
  });
  it('prefers an exact header over one containing the alias', () => {
    const m = mapHeader(['网格编号', '工单编号', '承办单位', '派单时间'], cols);
    expect(m.number).toBe(1);
    expect(m.grid).toBe(0);
  });
  it('a configurable mapping', () => {
    const m = mapHeader(['单号', '责任部门', '下发日期'], {
      ...cols,
      number: ['单号'],
      unit: ['责任部门'],
      assignedAt: ['下发日期'],
    });
    expect(missingRequired(m)).toEqual([]);
  });
  it('names what a non-ticket table lacks', () => {
    const m = mapHeader(['单位', '受理', '办结', '满意率'], cols);
    expect(missingRequired(m).map((f) => FIELD_LABELS[f])).toEqual(['工单编号', '承办单位', '派单时间']);
  });
});

describe('rows', () => {
  const ctx = { roster, calendar: cal, tz: TZ, doneStatuses: config.tickets.doneStatuses };
  it('resolves units through aliases and longer texts', () => {
    expect(resolveUnit(roster, '住建局')).toBe('zhujian');
    expect(resolveUnit(roster, '区城市管理局（执法大队）')).toBe('chengguan');
    expect(resolveUnit(roster, '火星局')).toBeNull();
  });
  it('rejects with a reason, never throws', () => {
    expect(normalizeRow({ unit: '住建局' }, ctx)).toMatchObject({ ok: false, reason: '缺少工单编号' });
    expect(normalizeRow({ number: 'A1', unit: '火星局', assignedAt: '2026-11-16 09:00' }, ctx)).toMatchObject({
      ok: false,
      reason: '承办单位「火星局」不在名册中',
    });
    expect(normalizeRow({ number: 'A1', unit: '住建局', assignedAt: '昨天' }, ctx)).toMatchObject({
      ok: false,
      reason: '派单时间「昨天」无法识别',
    });
    expect(normalizeRow({ number: 'A1', unit: '住建局' }, ctx)).toMatchObject({
      ok: false,
      reason: '缺少派单时间和办理时限',
    });
    expect(
      normalizeRow(
        {
          number: { richText: [{ text: 'A1' }] },
          unit: '住建局',
          assignedAt: 46346.375,
          status: '未办结',
          rating: '不满意',
          reopenCount: 2,
        },
        ctx,
      ),
    ).toMatchObject({
      ok: true,
      ticket: { number: 'A1', unitId: 'zhujian', done: false, rating: '不满意', reopenCount: 2 },
    });
    expect(
      normalizeRow({ number: 'A2', unit: '住建局', assignedAt: '2026-11-16', status: '已办结' }, ctx),
    ).toMatchObject({ ok: true, ticket: { done: true } });
  });
  it('diffs into events', () => {
    const r = normalizeRow({ number: 'A1', unit: '住建局', assignedAt: '2026-11-16 09:00', status: '办理中' }, ctx);
    if (!r.ok) throw new Error('bad');
    expect(diffTicket(undefined, r.ticket).outcome).toBe('new');
    expect(diffTicket(r.ticket, { ...r.ticket }).outcome).toBe('unchanged');
    const d = diffTicket(r.ticket, { ...r.ticket, status: '重办', reopenCount: 1, rating: '不满意' });
    expect(d.events.map((e) => e.kind)).toEqual(['status', 'reopened', 'rating']);
  });
});

describe('digest ordering and cut, the ladder, cycles', () => {
  const now = at('2026-11-23T09:00:00+08:00');
  const item = (number: string, due: string, reopenCount = 0) => ({
    number,
    title: `T${number}`,
    unitId: 'zhujian',
    dueAt: at(due),
    reopenCount,
  });
  it('classifies and orders: longest overdue first, then due today, then reopened', () => {
    const items = classify(
      [
        item('a', '2026-11-21T00:00:00+08:00'),
        item('b', '2026-11-17T00:00:00+08:00'),
        item('c', '2026-11-23T18:00:00+08:00'),
        item('d', '2026-12-10T00:00:00+08:00', 1),
        item('e', '2026-12-10T00:00:00+08:00'),
        item('f', '2026-11-23T08:00:00+08:00'),
      ],
      now,
      cal,
      TZ,
    );
    expect(orderForDigest(items).map((i) => [i.number, i.daysOverdue])).toEqual([
      ['b', 5],
      ['a', 1],
      ['f', 0],
      ['c', -1],
      ['d', -1],
    ]);
    const cut = cutDigest(orderForDigest(items), 2);
    expect(cut.shown.map((i: NagItem) => i.number)).toEqual(['b', 'a']);
    expect(cut.more).toBe(3);
  });
  it('climbs one step per run, each later step on a later day', () => {
    const ladder = { written: 1, onSite: 2, referral: 3 };
    const taken = new Map<LadderStep, string>();
    expect(nextStep(-1, ladder, taken, '2026-11-20')).toBeNull();
    expect(nextStep(5, ladder, taken, '2026-11-20')).toBe('immediate');
    taken.set('immediate', '2026-11-20');
    expect(nextStep(5, ladder, taken, '2026-11-20')).toBeNull();
    expect(nextStep(5, ladder, taken, '2026-11-23')).toBe('written');
    taken.set('written', '2026-11-23');
    expect(nextStep(1, ladder, taken, '2026-11-24')).toBeNull();
    expect(nextStep(2, ladder, taken, '2026-11-24')).toBe('onsite');
  });
  it('cycles and quiet hours', () => {
    expect(nagCycle(at('2026-11-23T09:10:00+08:00'), ['09:00', '15:00'], TZ)).toBe('2026-11-23@09:00');
    expect(nagCycle(at('2026-11-23T16:00:00+08:00'), ['09:00', '15:00'], TZ)).toBe('2026-11-23@15:00');
    expect(nagCycle(at('2026-11-23T08:00:00+08:00'), ['09:00', '15:00'], TZ)).toBe('2026-11-23@00:00');
    const q = { start: '22:00', end: '07:30' };
    expect(inQuietHours(at('2026-11-23T23:00:00+08:00'), q, TZ)).toBe(true);
    expect(inQuietHours(at('2026-11-23T07:00:00+08:00'), q, TZ)).toBe(true);
    expect(inQuietHours(at('2026-11-23T09:00:00+08:00'), q, TZ)).toBe(false);
  });
});

describe('commands', () => {
  it.each([
    ['签收', { kind: 'ack' }],
    [
      '申请退办 2026112000123 不属于本单位职责',
      { kind: 'request', type: '退办', number: '2026112000123', reason: '不属于本单位职责' },
    ],
    ['申请不再办理：A-77，诉求人已撤诉', { kind: 'request', type: '不再办理', number: 'A-77', reason: '诉求人已撤诉' }],
    ['同意 TB001', { kind: 'decide', approve: true, code: 'TB001', note: '' }],
    ['不同意 tb002 请继续协调', { kind: 'decide', approve: false, code: 'TB002', note: '请继续协调' }],
    [
      'TB001 同意，请农业局与双河镇做好交接',
      { kind: 'decide', approve: true, code: 'TB001', note: '请农业局与双河镇做好交接' },
    ],
    ['TB001同意。', { kind: 'decide', approve: true, code: 'TB001', note: '' }],
    ['同意TB001，请做好交接', { kind: 'decide', approve: true, code: 'TB001', note: '请做好交接' }],
    ['TB001 可以，同意', { kind: 'decide', approve: true, code: 'TB001', note: '' }],
    ['TB001 不同意（理由不充分）', { kind: 'decide', approve: false, code: 'TB001', note: '理由不充分' }],
    ['TB001 可以，不同意 再核实', { kind: 'decide', approve: false, code: 'TB001', note: '再核实' }],
    ['批准TB003', { kind: 'decide', approve: true, code: 'TB003', note: '' }],
    ['TB004 驳回 情况不属实', { kind: 'decide', approve: false, code: 'TB004', note: '情况不属实' }],
    ['2026112000123 已办结 路灯已修复', { kind: 'reported-done', number: '2026112000123', note: '路灯已修复' }],
  ])('%s', (text, want) => {
    expect(parseTicketCommand(text)).toEqual(want);
  });
  it('leaves other texts alone', () => {
    expect(parseTicketCommand('同意')).toBeNull();
    expect(parseTicketCommand('TB001 怎么样了')).toBeNull();
    expect(parseTicketCommand('今日受理12件，已办结10件')).toBeNull();
  });
});

describe('CSV decoding', () => {
  const text = '工单编号,承办单位\nA1,区住建局\n';
  it('UTF-8, UTF-8 with BOM, GB18030', () => {
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(text);
    expect(decodeCsv(iconv.encode(text, 'gb18030'))).toBe(text);
  });
});
