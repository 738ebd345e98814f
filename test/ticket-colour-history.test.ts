/**
 * 三色督办, red by history (issue 18 §3): a ticket whose deadline re-imports extend twice is red and listed in the
 * 即时督办 although its deadline is days away (and gets no 蓝色提醒 before it: it is red already); a ticket rated
 * 不满意 twice (first seen so, rated again after its 重办) is red; a deadline moved later by a reopen is not a 延期,
 * an earlier one is not either. The counts come from the store's set-based scan of the history events.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicketsRedByHistory } from '../src/store/tickets.js';
import { rosterConfig } from './helpers.js';
import { type Out, run, Scenario } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const ZHANG = 'wxid_zhujian_zhang';
const group = (o: Out[]) => o.find((m) => m.to === 'group' && m.text.includes('【即时督办】'))?.text ?? '';
const mine = (o: Out[]) => o.find((m) => m.to === ZHANG && m.text.startsWith('【即时督办】'))?.text ?? '';

/** One export of the platform: (number, 办理时限, 状态, 满意度, 重办次数) of 区住建局's four tickets. */
const list = (rows: ReadonlyArray<[string, string, string, string, number]>) =>
  writeXlsx(join(tempDir(), 'list.xlsx'), [
    HEADER,
    ...rows.map(([n, due, status, rating, reopen]) => [
      n,
      TITLES[n] ?? n,
      '',
      '区住建局',
      '',
      '',
      '2026-11-16 09:00',
      due,
      status,
      rating,
      reopen,
    ]),
  ]);
const TITLES: Record<string, string> = {
  H001: '老旧小区加装电梯进度',
  H002: '楼道污水外溢',
  H003: '小区围墙破损',
  H004: '井盖缺失',
};

describe('三色督办: red by history', () => {
  let s: Scenario;
  let wed: Out[] = [];
  const imp = async (at: string, rows: Parameters<typeof list>[0]) => {
    const out = await s.play({ at, from: 'wxid_sup_liu', to: 'group', file: await list(rows) });
    expect(out[0]?.text).toMatch(/导入/);
  };
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig(), t('2026-11-16', '08:00'));
    // Monday: H002 comes rated 不满意 and reopened once; H003 and H004 are ordinary.
    await imp(t('2026-11-16', '10:00'), [
      ['H001', '2026-11-18 18:00', '办理中', '', 0],
      ['H002', '2026-11-27 18:00', '办理中', '不满意', 1],
      ['H003', '2026-11-25 18:00', '办理中', '', 0],
      ['H004', '2026-11-27 18:00', '办理中', '', 0],
    ]);
    // Tuesday: H001 extended once; H002 handled again (its rating cleared); H003 moved earlier (not a 延期).
    await imp(t('2026-11-17', '10:00'), [
      ['H001', '2026-11-20 18:00', '已延期', '', 0],
      ['H002', '2026-11-27 18:00', '办理中', '', 1],
      ['H003', '2026-11-24 18:00', '办理中', '', 0],
      ['H004', '2026-11-27 18:00', '办理中', '', 0],
    ]);
    // Wednesday: H001 extended a second time; H002 rated 不满意 again; H004 reopened with a new 办理时限 (not a 延期).
    await imp(t('2026-11-18', '10:00'), [
      ['H001', '2026-11-25 18:00', '已延期', '', 0],
      ['H002', '2026-11-27 18:00', '办理中', '不满意', 2],
      ['H003', '2026-11-24 18:00', '办理中', '', 0],
      ['H004', '2026-12-04 18:00', '办理中', '', 1],
    ]);
    wed = await s.play(run(t('2026-11-18', '15:00'), 'ticket-nag'));
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('the store counts extensions and 不满意 from the history events', async () => {
    const red = await openTicketsRedByHistory(s.h.app.db, { extensions: 2, unsatisfied: 2 });
    expect([...red.entries()].sort()).toEqual([
      ['H001', { extensions: 2, unsatisfied: 0 }],
      ['H002', { extensions: 0, unsatisfied: 2 }],
    ]);
    // With lower thresholds the others show what they hold: H004's reopen and H003's earlier deadline are no 延期.
    const all = await openTicketsRedByHistory(s.h.app.db, { extensions: 1, unsatisfied: 1 });
    expect(all.get('H003')).toBeUndefined();
    expect(all.get('H004')).toBeUndefined();
  });

  it('extended twice: listed red with its 延期 count although due next week', () => {
    expect(mine(wed)).toMatch(/\d\. H001 老旧小区加装电梯进度（待办理，延期2次）【红色督办】/);
  });

  it('rated 不满意 twice: red on its 重办 line', () => {
    expect(mine(wed)).toMatch(/\d\. H002 楼道污水外溢（待办理，重办，不满意2次）【红色督办】/);
    // H004 is listed as reopened, with no colour: its deadline is far and its history clean.
    expect(mine(wed)).toMatch(/\d\. H004 井盖缺失（待办理，重办）\n/);
    expect(mine(wed)).not.toContain('H003');
  });

  it('the group line counts it apart and carries the red mark', () => {
    expect(group(wed)).toContain('以下1个单位有超期、今日到期、重办或多次延期工单');
    expect(group(wed)).toContain('区住房和城乡建设局（张局长）：3件（重办2件、多次延期1件）【红色督办】');
  });

  it('no 蓝色提醒 for a ticket red already: the working day before its deadline it stays in the red list', async () => {
    const out = await s.play(run(t('2026-11-24', '09:00'), 'ticket-nag'));
    const blue = out.filter((m) => m.text.startsWith('【蓝色提醒】'));
    // H003 (due 11-24, today: yellow) had its 蓝色提醒 on Monday; H001 (due 11-25) is red, not blue.
    expect(blue.map((m) => m.text).join('\n')).not.toContain('H001');
    expect(mine(out)).toMatch(/H001 老旧小区加装电梯进度（待办理，延期2次）【红色督办】/);
    expect(mine(out)).toMatch(/H003 小区围墙破损（今日到期）【黄色预警】/);
  });
});
