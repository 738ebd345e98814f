import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDistrict } from '../src/config/load.js';
import { WorkCalendar } from '../src/domain/calendar.js';
import { Roster } from '../src/domain/roster.js';
import { columnAliases, mapHeader } from '../src/domain/tickets/columns.js';
import { parseTicketDate } from '../src/domain/tickets/dates.js';
import { dueFromDuration, effectiveDue } from '../src/domain/tickets/deadline.js';
import { describeMapping, detectHeader, isNoteRow } from '../src/domain/tickets/header.js';
import { loadTraditional, normalizeLabel } from '../src/domain/tickets/labels.js';
import { resolveUnit } from '../src/domain/tickets/row.js';
import { normalizeRating, ticketState } from '../src/domain/tickets/status.js';
import { ROSTER_PATH } from './helpers.js';

const TZ = 'Asia/Shanghai';
const cal = new WorkCalendar();
const aliases = columnAliases();
// Lists in 繁體 load the converter when their header needs it; these tests read 繁體 cells directly.
beforeAll(() => loadTraditional());

describe('header detection', () => {
  it('survives holes and empty cells in the rows before the header (it used to throw: 文件可能已损坏)', () => {
    const title: unknown[] = [];
    title[3] = '示范区12345工单导出';
    const sparse: string[] = [];
    sparse[2] = '工单编号';
    sparse[5] = '承办单位';
    sparse[7] = '派单时间';
    expect(() => mapHeader(sparse, aliases)).not.toThrow();
    expect(mapHeader(sparse, aliases)).toMatchObject({ number: 2, unit: 5, assignedAt: 7 });
    const { header } = detectHeader(
      [title, [], sparse, ['A1', null, null, '区住建局', null, null, null, '2026-11-20 09:00']],
      aliases,
    );
    expect(header).toMatchObject({ first: 2, last: 2, map: { number: 2, unit: 5, assignedAt: 7 } });
  });

  it('combines a merged group row with the names under it, and names merged down over both rows', () => {
    const upper = ['序号', '受理编号', '诉求信息', null, null, '办理情况', null, null];
    const lower = [null, null, '投诉时间', '投诉内容', '所属街道', '责任部门', '要求办结时间', '办理状态'];
    const { header } = detectHeader(
      [['某区12345诉求清单'], upper, lower, [1, 'A1', '2026-11-20', 'x', '城东街道', '住建局', '2026-11-22', '办理中']],
      aliases,
    );
    expect(header).toMatchObject({ first: 1, last: 2 });
    const m = describeMapping(header as NonNullable<typeof header>, [1, 2, 3, 4]);
    expect(m.used.map((u) => `${u.field}←${u.column}`)).toEqual([
      'number←受理编号',
      'unit←责任部门',
      'assignedAt←投诉时间',
      'deadline←要求办结时间',
      'status←办理状态',
      'content←投诉内容',
      'street←所属街道',
    ]);
    expect(m.ignored).toEqual(['序号']);
    expect(m.headerRows).toEqual([2, 3]);
  });

  it('prefers the one-row header when a second row adds nothing (never takes data for a header)', () => {
    const { header } = detectHeader(
      [
        ['工单编号', '承办单位', '派单时间', '街道'],
        ['A1', '住建局', '2026-11-20 09:00', '城东街道办事处'],
      ],
      aliases,
    );
    expect(header).toMatchObject({ first: 0, last: 0 });
  });

  it('a title line of two cells is no group row: its words never name a column', () => {
    const { header } = detectHeader(
      [
        ['工单状态统计', '导出时间：2026-11-20'],
        ['序号', '工单编号', '承办单位', '派单时间'],
        [1, 'A1', '住建局', '2026-11-20 09:00'],
      ],
      aliases,
    );
    expect(header).toMatchObject({ first: 1, last: 1, map: { number: 1, unit: 2, assignedAt: 3 } });
    expect(header?.map.status).toBeUndefined();
  });

  it('normalises full width, blanks, a trailing note and 繁體', async () => {
    expect(normalizeLabel(' 派单时间（必填）')).toBe('派单时间');
    expect(normalizeLabel('承办单位（单位）')).toBe('承办单位');
    expect(normalizeLabel('工单编号：')).toBe('工单编号');
    expect(mapHeader(['ＩＤ', '工 单 编 号', '承办单位【主办】', '派单时间*'], aliases)).toMatchObject({
      number: 1,
      unit: 2,
      assignedAt: 3,
    });
    await loadTraditional();
    expect(mapHeader(['工單編號', '承辦單位', '派單時間', '辦理狀態'], aliases)).toEqual({
      number: 0,
      unit: 1,
      assignedAt: 2,
      status: 3,
    });
  });

  it('never reads 网格编号 as 工单编号, 办结时间 as 办理时限 or 回复内容 as 诉求内容', () => {
    const m = mapHeader(
      ['网格编号', '单号', '回复内容', '主要内容', '办结时间', '处理时限', '承办单位', '交办时间'],
      aliases,
    );
    expect(m).toMatchObject({ number: 1, content: 3, deadline: 5, unit: 6, assignedAt: 7 });
    expect(Object.values(m)).not.toContain(4);
  });

  it('passes over totals and notes, not a ticket with an empty number', () => {
    const { header } = detectHeader([['工单编号', '承办单位', '派单时间', '诉求内容']], aliases);
    const h = header as NonNullable<typeof header>;
    for (const row of [
      ['合计', '', '', ''],
      ['', '', '总计：35件', ''],
      ['制表人：张三  审核：李四'],
      ['', '注：本表截至11月20日'],
      ['工单编号', '承办单位', '派单时间', '诉求内容'],
      ['導出時間：2026-11-20'],
    ]) {
      expect(isNoteRow(row, h), JSON.stringify(row)).toBe(true);
    }
    expect(isNoteRow(['', '区住建局', '2026-11-20 09:00', '路灯不亮'], h)).toBe(false);
    expect(isNoteRow(['A1', '区住建局', '2026-11-20 09:00', '合计'], h)).toBe(false);
  });
});

describe('status and rating words', () => {
  it.each([
    ['办结', 'done'],
    ['已办结', 'done'],
    ['完结', 'done'],
    ['回复完成', 'done'],
    ['已处置', 'done'],
    ['已反馈', 'done'],
    ['已回访', 'done'],
    ['待回访', 'done'],
    ['已歸檔', 'done'],
    ['是', 'done'],
    ['未办结', 'open'],
    ['办理中', 'open'],
    ['退回重办', 'open'],
    ['重办', 'open'],
    ['超时', 'open'],
    ['否', 'open'],
    ['', 'open'],
    ['待签收', 'unsigned'],
    ['代签收', 'unsigned'],
    ['退单', 'returned'],
    ['申请退单', 'returned'],
    ['延时申请', 'extension'],
    ['申请延期', 'extension'],
    ['挂起', 'suspended'],
    ['暂停', 'suspended'],
  ])('%s → %s', (status, state) => {
    expect(ticketState(status)).toBe(state);
  });

  it('adds the district’s own done words', () => {
    expect(ticketState('已销号')).toBe('open');
    expect(ticketState('已销号', ['销号'])).toBe('done');
  });

  it.each([
    ['满意', '满意'],
    ['非常满意', '满意'],
    ['是', '满意'],
    ['基本满意', '基本满意'],
    ['比较满意', '基本满意'],
    ['理解', '基本满意'],
    ['不满意', '不满意'],
    ['非常不满意', '不满意'],
    ['否', '不满意'],
    ['未评价', null],
    ['联系不上', null],
    ['拒评', null],
    ['', null],
    ['滿意', '满意'],
  ])('%s → %s', (text, rating) => {
    expect(normalizeRating(text)).toBe(rating);
  });
});

describe('deadlines as platforms write them', () => {
  const assigned = new Date('2026-11-19T15:00:00+08:00'); // Thursday
  it('a date only, or 00:00, ends with the day’s work; the fallback too', () => {
    expect(effectiveDue(assigned, parseTicketDate('2026-11-23', TZ), cal, TZ, '18:00')?.toISOString()).toBe(
      new Date('2026-11-23T18:00:00+08:00').toISOString(),
    );
    expect(effectiveDue(assigned, parseTicketDate('2026-11-23 00:00:00', TZ), cal, TZ, '18:00')?.toISOString()).toBe(
      new Date('2026-11-23T18:00:00+08:00').toISOString(),
    );
    expect(effectiveDue(assigned, parseTicketDate(46349, TZ), cal, TZ, '18:00')?.toISOString()).toBe(
      new Date('2026-11-23T18:00:00+08:00').toISOString(),
    );
    expect(effectiveDue(assigned, parseTicketDate('2026-11-23 17:30', TZ), cal, TZ, '18:00')?.toISOString()).toBe(
      new Date('2026-11-23T17:30:00+08:00').toISOString(),
    );
    expect(effectiveDue(assigned, null, cal, TZ, '18:00')?.toISOString()).toBe(
      new Date('2026-11-23T18:00:00+08:00').toISOString(),
    );
  });

  it('a duration counts from 派单时间', () => {
    expect(dueFromDuration('3个工作日', assigned, cal, TZ, '18:00')?.toISOString()).toBe(
      new Date('2026-11-24T18:00:00+08:00').toISOString(),
    );
    expect(dueFromDuration('5天', assigned, cal, TZ, '18:00')?.toISOString()).toBe(
      new Date('2026-11-24T18:00:00+08:00').toISOString(),
    );
    expect(dueFromDuration('24小时', assigned, cal, TZ, '18:00')?.toISOString()).toBe(
      new Date('2026-11-20T15:00:00+08:00').toISOString(),
    );
    expect(dueFromDuration('尽快', assigned, cal, TZ, '18:00')).toBeNull();
  });
});

describe("a district's own column names", () => {
  const raw = JSON.parse(readFileSync(ROSTER_PATH, 'utf8')) as Record<string, unknown>;
  it('are tried before the built-in ones, from the district file', () => {
    const config = parseDistrict({ ...raw, tickets: { columns: { number: ['督办编号'], unit: ['责任科室名称'] } } });
    const own = columnAliases(config.tickets.columns);
    expect(own.number[0]).toBe('督办编号');
    expect(mapHeader(['工单编号', '督办编号', '责任科室名称', '交办时间'], own)).toMatchObject({
      number: 1,
      unit: 2,
      assignedAt: 3,
    });
    // Without them the built-in names still read the list.
    expect(mapHeader(['工单编号', '督办编号', '责任科室名称', '交办时间'], columnAliases())).toMatchObject({
      number: 0,
      assignedAt: 3,
    });
  });

  it('a misspelt field is refused at start with its name', () => {
    expect(() => parseDistrict({ ...raw, tickets: { columns: { unitt: ['责任科室'] } } })).toThrow(/unitt/);
  });
});

describe('units as platforms name them', () => {
  const roster = Roster.fromConfig(parseDistrict(JSON.parse(readFileSync(ROSTER_PATH, 'utf8'))));
  it('a list of units is the first one’s (the 主办); two units in one name stay unknown', () => {
    expect(resolveUnit(roster, '区住建局、城东街道')).toBe('zhujian');
    expect(resolveUnit(roster, '城管局,湖滨街道办事处')).toBe('chengguan');
    expect(resolveUnit(roster, '住建局城管局联合')).toBeNull();
  });
});
