/** The pure parts of a ticket import: which files are lists, where the header is, what a list without one lacks. */
import { describe, expect, it } from 'vitest';
import { rowUnreadable } from '../src/domain/texts/tickets.js';
import { columnAliases } from '../src/domain/tickets/columns.js';
import { looksLikeTicketFile, ticketFileKind } from '../src/domain/tickets/file-kind.js';
import { findListHeader, isBlank } from '../src/domain/tickets/import.js';

describe('ticket import (pure)', () => {
  it.each([
    ['清单.xlsx', 'xlsx', true],
    ['清单.XLSM', 'xlsx', true],
    ['清单.csv', 'csv', true],
    ['清单.txt', 'csv', false],
    ['清单.xls', 'unsupported', true],
    ['清单.et', 'unsupported', true],
    ['照片.jpg', 'unsupported', false],
    ['.xlsx', 'unsupported', true],
    ['无扩展名', 'unsupported', false],
    ['dir.v2/清单.CSV', 'csv', true],
  ])('%s → %s (answered: %s)', (name, kind, answered) => {
    expect(ticketFileKind(name)).toBe(kind);
    expect(looksLikeTicketFile(name)).toBe(answered);
  });

  const aliases = columnAliases();
  it('finds the header after a title row; a list without one names what it lacks', () => {
    const found = findListHeader([['12345工单清单'], ['工单编号', '标题', '承办单位', '派单时间', '状态']], aliases);
    expect(found.header?.first).toBe(1);
    const none = findListHeader(
      [
        ['姓名', '电话'],
        ['张三', '123'],
      ],
      aliases,
    );
    expect(none.header).toBeNull();
    if (none.header === null) {
      expect(none.notAList.kind).toBe('not-a-list');
      expect(none.notAList.missing).toEqual(['工单编号', '承办单位', '派单时间或办理时限']);
      expect(none.notAList.lookedFor?.map((m) => m.field)).toEqual(['number', 'unit', 'assignedAt', 'deadline']);
    }
  });

  it('reads a header in 繁體', () => {
    expect(findListHeader([['工單編號', '承辦單位', '派單時間']], aliases).header).not.toBeNull();
  });

  it('blank rows and the unreadable-row reason', () => {
    expect(isBlank(['', null, undefined, '  '])).toBe(true);
    expect(isBlank(['', 'x'])).toBe(false);
    expect(rowUnreadable('x'.repeat(50))).toBe(`无法读取（${'x'.repeat(40)}）`);
  });
});
