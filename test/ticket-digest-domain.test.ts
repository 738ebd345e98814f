import { describe, expect, it } from 'vitest';
import { nagDigest, nagGroupDigest } from '../src/domain/texts/tickets.js';
import { type NagItem, nagCounts, orderForDigest } from '../src/domain/tickets/digest.js';

const item = (number: string, o: Partial<NagItem> = {}): NagItem => ({
  number,
  title: `诉求${number}`,
  unitId: 'zhujian',
  dueAt: new Date('2026-11-18T16:00:00Z'),
  reopenCount: 0,
  daysOverdue: 2,
  dueToday: false,
  reopened: false,
  ...o,
});
const now = new Date('2026-11-20T01:00:00Z');

describe('nag digests (pure)', () => {
  it('tickets the unit reported done come last, marked, and are counted apart', () => {
    const items = orderForDigest([
      item('A', { reportedDone: true, daysOverdue: 5 }),
      item('B', { daysOverdue: 1 }),
      item('C', { daysOverdue: -1, dueToday: true }),
    ]);
    expect(items.map((i) => i.number)).toEqual(['B', 'C', 'A']);
    expect(nagCounts(items)).toEqual({
      overdue: 2,
      dueToday: 1,
      reopened: 0,
      reportedDone: 1,
      total: 3,
      reopenedAlso: 0,
      extended: 0,
      unsatisfiedTwice: 0,
    });
    const text = nagDigest('区住房和城乡建设局', now, 'Asia/Shanghai', items, 0, items);
    expect(text).toContain('本单位工单3件（超期2件、今日到期1件；其中1件单位已报办结，待平台确认），请抓紧办理：');
    expect(text).toContain('3. A 诉求A（超期5个工作日）（单位已报办结，待平台确认）');
    expect(text).toContain('1. B 诉求B（超期1个工作日）\n');
  });

  it('the group digest: one line per unit with its people and counts, no ticket list', () => {
    const text = nagGroupDigest(now, 'Asia/Shanghai', [
      {
        unitName: '区住房和城乡建设局',
        people: ['张局长'],
        counts: { overdue: 2, dueToday: 0, reopened: 1, reportedDone: 1 },
      },
      { unitName: '城东街道', people: [], counts: { overdue: 0, dueToday: 1, reopened: 0, reportedDone: 0 } },
    ]);
    expect(text.split('\n')).toEqual([
      '【即时督办】截至11月20日09:00，以下2个单位有超期、今日到期或重办工单，工单明细已私信发送各单位负责同志，' +
        '请抓紧办理：',
      '1. 区住房和城乡建设局（张局长）：3件（超期2件、重办1件；其中1件单位已报办结，待平台确认）',
      '2. 城东街道：今日到期1件',
      '请收到明细后回复“签收”；办结后可回复“工单编号 已办结 说明”。',
    ]);
  });

  it(
    'a unit whose listed tickets are all reported done ' + 'is asked to close them on the platform, not to 抓紧办理',
    () => {
      const items = [item('E', { reportedDone: true }), item('F', { reportedDone: true, daysOverdue: 3 })];
      const text = nagDigest('区城市管理局', now, 'Asia/Shanghai', orderForDigest(items), 0, items);
      expect(text).toContain('以下工单本单位已报办结，12345平台尚未确认办结，请及时在平台办结：');
      expect(text).not.toContain('抓紧办理');
      expect(text).toContain('（单位已报办结，待平台确认）');
    },
  );

  it('a ticket without a title shows its number alone', () => {
    expect(
      nagDigest('区教育局', now, 'Asia/Shanghai', [item('D', { title: '' })], 0, [item('D', { title: '' })]),
    ).toContain('1. D（超期2个工作日）');
  });
});

describe('a reopened ticket that is overdue or due today is one ticket, not two (pure)', () => {
  it.each([
    [
      [item('R', { daysOverdue: -1, dueToday: true, reopened: true, reopenCount: 2 })],
      '今日到期1件（其中重办1件）',
      '本单位今日到期工单1件（其中重办1件），请抓紧办理：',
    ],
    [
      [item('S', { reopened: true, reopenCount: 1 })],
      '超期1件（其中重办1件）',
      '本单位超期工单1件（其中重办1件），请抓紧办理：',
    ],
    [
      [
        item('T', { reopened: true, reopenCount: 1 }),
        item('U'),
        item('V', { daysOverdue: -1, reopened: true, reopenCount: 1 }),
      ],
      '3件（超期2件、未到期重办1件；其中重办2件）',
      '本单位工单3件（超期2件、未到期重办1件；其中重办2件），请抓紧办理：',
    ],
    [
      [item('W'), item('X', { daysOverdue: -1, reopened: true, reopenCount: 1 })],
      '2件（超期1件、重办1件）',
      '本单位工单2件（超期1件、重办1件），请抓紧办理：',
    ],
  ])('%#', (items, group, header) => {
    const c = nagCounts(items);
    expect(
      nagGroupDigest(now, 'Asia/Shanghai', [{ unitName: '区人力资源和社会保障局', people: ['吴局长'], counts: c }]),
    ).toContain(`区人力资源和社会保障局（吴局长）：${group}\n`);
    expect(nagDigest('区人力资源和社会保障局', now, 'Asia/Shanghai', items, 0, items)).toContain(header);
  });
});
