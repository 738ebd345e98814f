import { describe, expect, it } from 'vitest';
import { dualTriggersOf, roundsToOpen, triggerReasons } from '../src/domain/dual/triggers.js';
import type { TicketInput } from '../src/domain/tickets/row.js';

const base: TicketInput = {
  number: 'T1',
  title: '路灯',
  content: '路灯不亮',
  unitId: 'zhujian',
  street: '城东街道',
  grid: null,
  assignedAt: new Date('2026-11-10T01:00:00Z'),
  deadlineAt: null,
  dueAt: new Date('2026-11-13T10:00:00Z'),
  status: '办理中',
  done: false,
  rating: null,
  reopenCount: 0,
};
const tk = (p: Partial<TicketInput>): TicketInput => ({ ...base, ...p });

describe('which ticket changes open a 双派单 round (pure, as the old database trigger)', () => {
  it.each([
    ['new, no rating, not reopened', undefined, tk({}), []],
    ['new, 满意', undefined, tk({ rating: '满意' }), []],
    ['new, 不满意', undefined, tk({ rating: '不满意' }), [{ event: 'new', reason: 'unsatisfied' }]],
    ['new, reopened once', undefined, tk({ reopenCount: 1 }), [{ event: 'new', reason: 'reopened' }]],
    [
      'new, 不满意 and reopened',
      undefined,
      tk({ rating: '不满意', reopenCount: 2 }),
      [
        { event: 'new', reason: 'unsatisfied' },
        { event: 'new', reason: 'reopened' },
      ],
    ],
    ['unchanged 不满意 (re-import)', tk({ rating: '不满意' }), tk({ rating: '不满意' }), []],
    ['unchanged reopened (re-import)', tk({ reopenCount: 1 }), tk({ reopenCount: 1 }), []],
    ['rating none → 不满意', tk({}), tk({ rating: '不满意' }), [{ event: 'rating', reason: 'unsatisfied' }]],
    [
      'rating 满意 → 不满意',
      tk({ rating: '满意' }),
      tk({ rating: '不满意' }),
      [{ event: 'rating', reason: 'unsatisfied' }],
    ],
    ['rating 不满意 → 满意', tk({ rating: '不满意' }), tk({ rating: '满意' }), []],
    ['rating 不满意 → none', tk({ rating: '不满意' }), tk({ rating: null }), []],
    ['rating none → 基本满意', tk({}), tk({ rating: '基本满意' }), []],
    ['reopen 0 → 1', tk({}), tk({ reopenCount: 1 }), [{ event: 'reopened', reason: 'reopened' }]],
    ['reopen 1 → 3', tk({ reopenCount: 1 }), tk({ reopenCount: 3 }), [{ event: 'reopened', reason: 'reopened' }]],
    ['reopen 2 → 1 (a correction, not a reopening)', tk({ reopenCount: 2 }), tk({ reopenCount: 1 }), []],
    [
      'reopened and rated 不满意 at once',
      tk({ rating: '满意' }),
      tk({ rating: '不满意', reopenCount: 1 }),
      [
        { event: 'reopened', reason: 'reopened' },
        { event: 'rating', reason: 'unsatisfied' },
      ],
    ],
    [
      'status only, already 不满意',
      tk({ rating: '不满意' }),
      tk({ rating: '不满意', status: '已办结', done: true }),
      [],
    ],
    ['unit changed, already reopened', tk({ reopenCount: 1 }), tk({ reopenCount: 1, unitId: 'chengdong' }), []],
  ] as const)('%s', (_name, before, after, rounds) => {
    expect(roundsToOpen(before, after)).toEqual(rounds);
  });

  it('a new event is judged by the ticket as written (a number twice in one batch: its last row)', () => {
    expect(triggerReasons({ kind: 'new', detail: {} }, { rating: '不满意', reopenCount: 0 })).toEqual(['unsatisfied']);
    expect(triggerReasons({ kind: 'new', detail: {} }, undefined)).toEqual([]);
    expect(triggerReasons({ kind: 'reported-done', detail: {} }, { rating: '不满意', reopenCount: 3 })).toEqual([]);
    const at = new Date('2026-11-16T02:00:00Z');
    const events = [
      { id: '7', ticketNumber: 'F1', kind: 'new', detail: { unit: 'zhujian' }, at },
      { id: '8', ticketNumber: 'F1', kind: 'rating', detail: { from: '满意', to: '不满意' }, at },
      { id: '9', ticketNumber: 'G1', kind: 'status', detail: { from: 'a', to: 'b' }, at },
    ];
    const stored = new Map([
      ['F1', { rating: '不满意', reopenCount: 0 }],
      ['G1', { rating: '不满意', reopenCount: 1 }],
    ]);
    expect(dualTriggersOf(events, (n) => stored.get(n))).toEqual([
      { eventId: '7', ticketNumber: 'F1', reason: 'unsatisfied', at },
      { eventId: '8', ticketNumber: 'F1', reason: 'unsatisfied', at },
    ]);
  });
});
