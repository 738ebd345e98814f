/**
 * 三色督办 through the replay pipeline: a ticket turns blue on the last working day before its
 * deadline (one 蓝色提醒 to the unit, once), yellow on the deadline day, red once overdue — over
 * an ordinary weekend, over the 调休 Saturday after the 2026 National Day holiday, and over that holiday (blue on the
 * last working day before it, quiet through it, yellow on the first working day after).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterConfig } from './helpers.js';
import { type Out, run, Scenario } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const ZHANG = 'wxid_zhujian_zhang';
const blue = (o: Out[]) => o.filter((m) => m.text.startsWith('【蓝色提醒】'));
const group = (o: Out[]) => o.find((m) => m.to === 'group' && m.text.includes('【即时督办】'))?.text ?? '';
const mine = (o: Out[]) => o.find((m) => m.to === ZHANG && m.text.startsWith('【即时督办】'))?.text ?? '';

describe.each([
  {
    name: 'an ordinary weekend',
    importDay: '2026-11-19',
    due: '2026-11-23 18:00',
    dueWhen: '11月23日（星期一）18:00',
    before: [] as string[],
    blueDay: '2026-11-20',
    quiet: ['2026-11-20'],
    dueDay: '2026-11-23',
    after: '2026-11-24',
  },
  {
    name: 'the 调休 Saturday after National Day',
    importDay: '2026-10-08',
    due: '2026-10-12 18:00',
    dueWhen: '10月12日（星期一）18:00',
    // Friday 10-09 is two working days before the deadline: Saturday 10-10 works (调休).
    before: ['2026-10-09'],
    blueDay: '2026-10-10',
    // Sunday 10-11 is a rest day: no run sends anything.
    quiet: ['2026-10-11'],
    dueDay: '2026-10-12',
    after: '2026-10-13',
  },
  {
    name: 'the National Day holiday',
    importDay: '2026-09-28',
    due: '2026-10-08 18:00',
    dueWhen: '10月8日（星期四）18:00',
    // Tuesday 09-29 is two working days before Thursday 10-08 (09-30, 10-08): the holiday does not count.
    before: ['2026-09-29'],
    blueDay: '2026-09-30',
    // The holiday's weekdays and its weekend: no run sends anything.
    quiet: ['2026-10-01', '2026-10-02', '2026-10-04', '2026-10-05', '2026-10-07'],
    dueDay: '2026-10-08',
    after: '2026-10-09',
  },
])('三色督办 over $name', (c) => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig(), t(c.importDay, '08:00'));
    const out = await s.play({
      at: t(c.importDay, '10:00'),
      from: 'wxid_sup_liu',
      to: 'group',
      file: await writeXlsx(join(tempDir(), 'list.xlsx'), [
        HEADER,
        ['B001', '小区路灯不亮', '', '区住建局', '', '', `${c.importDay} 09:00`, c.due, '办理中', '', 0],
      ]),
    });
    expect(out[0]?.text).toContain('新增1条');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('no colour while the deadline is further than the last working day', async () => {
    for (const day of c.before) expect(await s.play(run(t(day, '09:00'), 'ticket-nag'))).toEqual([]);
  });

  it('blue on the last working day before the deadline: one 蓝色提醒 to the head, once', async () => {
    const out = await s.play(run(t(c.blueDay, '09:00'), 'ticket-nag'));
    expect(blue(out).map((m) => m.to)).toEqual([ZHANG]);
    expect(blue(out)[0]?.text).toBe(
      [
        '【蓝色提醒】区住房和城乡建设局：以下1件工单即将到期，请合理安排，按时办结：',
        `1. B001 小区路灯不亮（${c.dueWhen}到期）`,
        '办结后可回复“工单编号 已办结 说明”。',
      ].join('\n'),
    );
    // Nothing in the group: blue is a private heads-up, not yet a 督办.
    expect(group(out)).toBe('');
    expect(await s.play(run(t(c.blueDay, '15:00'), 'ticket-nag'))).toEqual([]);
    for (const day of c.quiet) expect(await s.play(run(t(day, '15:00'), 'ticket-nag'))).toEqual([]);
  });

  it('yellow on the deadline day, in the group line and in the unit list', async () => {
    const out = await s.play(run(t(c.dueDay, '09:00'), 'ticket-nag'));
    expect(blue(out)).toEqual([]);
    expect(group(out)).toContain('区住房和城乡建设局（张局长）：今日到期1件【黄色预警】');
    expect(mine(out)).toContain('1. B001 小区路灯不亮（今日到期）【黄色预警】');
  });

  it('red once overdue', async () => {
    const out = await s.play(run(t(c.after, '09:00'), 'ticket-nag'));
    expect(blue(out)).toEqual([]);
    expect(group(out)).toContain('区住房和城乡建设局（张局长）：超期1件【红色督办】');
    expect(mine(out)).toMatch(/1\. B001 小区路灯不亮（(已超期|超期1个工作日)）【红色督办】/);
  });
});
