/**
 * 本周热点 (issue 18 §1) on the real pipeline (PGlite, Redis, the mock chat): five weeks of tickets
 * with 问题分类 and 事发地址 imported, the week counts by category and place, the weekly summary's
 * section and its chart card (a real PNG), and what is said without enough weeks before.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketInput } from '../src/domain/tickets/row.js';
import { localIso } from '../src/domain/time.js';
import { ticketsByWeekAndCategory } from '../src/store/hotspots.js';
import { hotspotSectionText, hotspotWeek, risingSections } from '../src/usecases/hotspots.js';
import { upsertTickets } from '../src/usecases/ticket-changes.js';
import { importTicketFile } from '../src/usecases/ticket-import.js';
import { HOTSPOT_HEADER, hotspotRows, SUMMARY_DAY } from './hotspot-fixture.js';
import { run, Scenario } from './scenario.js';
import { tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

/** Width and height from a PNG's IHDR chunk (after the 8-byte signature and the chunk's length and type). */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('本周热点 with the weekly summary', () => {
  let s: Scenario;
  const dir = tempDir();

  beforeAll(async () => {
    s = await Scenario.open(undefined, '2026-10-01T00:00:00Z');
    const ctx = s.h.app.ctx;
    s.clock.set(t(SUMMARY_DAY, '09:00'));
    const file = await writeXlsx(join(dir, '12345工单明细.xlsx'), [HOTSPOT_HEADER, ...hotspotRows()]);
    const r = await importTicketFile(
      file,
      '12345工单明细.xlsx',
      { db: ctx.db, roster: ctx.roster, calendar: ctx.calendar, config: ctx.config, now: ctx.clock.now() },
      { source: 'test' },
    );
    expect(r.kind === 'imported' && r.counts).toMatchObject({ created: 48, rejected: 0 });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('counts the weeks by category and by place and finds what rose', async () => {
    const w = await hotspotWeek(s.h.app.ctx.db, s.h.app.ctx.config, SUMMARY_DAY);
    expect(w).toMatchObject({ from: '2026-11-21', to: '2026-11-27' });
    const sections = risingSections(w);
    expect(sections.map((x) => x.kind)).toEqual(['categories', 'places']);
    expect(sections[0]?.items.map((k) => [k.label, k.weeks])).toEqual([
      ['物业管理', [3, 4, 3, 4, 9]],
      ['噪声污染', [0, 0, 0, 0, 5]],
    ]);
    expect(sections[1]?.items.map((k) => [k.label, k.weeks])).toEqual([['阳光花园', [1, 1, 1, 1, 5]]]);
  });

  it('sends each leader the summary with the section, then the chart card', async () => {
    const out = await s.play(run(t(SUMMARY_DAY, '17:00'), 'weekly-summary'));
    const li = out.filter((o) => o.to === 'wxid_leader_li');
    // The summary; the chart's caption and the picture (the chat sends a file's caption on its own).
    expect(li.length).toBe(3);
    const text = li[0]?.text ?? '';
    expect(text).toMatch(/^【每周汇总】/);
    expect(text).toContain(
      [
        '【本周热点】11月21日至11月27日与前四周相比，工单上升较多的：',
        '问题分类：',
        '· 物业管理 9件（前四周平均3.5件）',
        '· 噪声污染 5件（前四周未出现）',
        '地点：',
        '· 阳光花园 5件（前四周平均1件）',
        '（判断标准：近7天不少于3件，比前四周平均多3件以上，且增幅不低于50%。）',
      ].join('\n'),
    );
    expect(li[1]?.text).toBe('本周热点图表（11月21日至11月27日）：');
    expect(li[2]).toMatchObject({ text: '', file: '本周热点-2026-11-27.png' });
    expect(out.filter((o) => o.to === 'wxid_leader_wang').map((o) => o.file ?? 'text')).toEqual([
      'text',
      'text',
      '本周热点-2026-11-27.png',
    ]);
    expect(out.filter((o) => o.to === 'group')).toEqual([]);
  });

  it('the chart card is a real PNG of a sensible size', () => {
    const path = join(s.h.app.ctx.dataDir as string, 'cards', 'hotspots-2026-11-27.png');
    const png = readFileSync(path);
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const { width, height } = pngSize(png);
    expect(width).toBe(960);
    // Header, two charts (two bars, one bar) and the footer.
    expect(height).toBeGreaterThan(300);
    expect(height).toBeLessThan(900);
    expect(statSync(path).size).toBeGreaterThan(10_000);
    expect(statSync(path).size).toBeLessThan(1_000_000);
  });

  it('the same run again sends nothing more', async () => {
    expect(await s.play(run(t(SUMMARY_DAY, '17:05'), 'weekly-summary'))).toEqual([]);
  });

  it('without four weeks before, it says the data is not enough and lists nothing', async () => {
    const ctx = s.h.app.ctx;
    // 11-06: the weeks before reach back to 10-03, before the first ticket (10-22).
    const early = await hotspotWeek(ctx.db, ctx.config, '2026-11-06');
    expect(risingSections(early)).toEqual([]);
    expect(hotspotSectionText(early)).toBe('【本周热点】前四周已导入工单的问题分类、地点数据不全，暂不作热点比较。');
    // Before any ticket: no section at all.
    expect(hotspotSectionText(await hotspotWeek(ctx.db, ctx.config, '2026-10-10'))).toBe('');
  });

  it('puts a ticket in the week of its 派单时间, whole local days, the end of the day looked at excluded', async () => {
    const ctx = s.h.app.ctx;
    const until = new Date(localIso('2026-12-12', 0, 0, ctx.config.timezone)); // the end of 12-11
    const at = (ms: number) => new Date(until.getTime() + ms);
    const DAY = 86_400_000;
    const cases: Array<[string, Date]> = [
      ['B-last-moment', at(-1)],
      ['B-first-moment', at(-7 * DAY)],
      ['B-week-before', at(-7 * DAY - 1)],
      ['B-oldest', at(-35 * DAY)],
      ['B-too-old', at(-35 * DAY - 1)],
      ['B-next-day', at(0)],
    ];
    const tickets: TicketInput[] = cases.map(([n, when]) => ({
      number: n,
      title: '',
      content: '',
      unitId: 'zhujian',
      street: null,
      grid: null,
      assignedAt: when,
      deadlineAt: null,
      dueAt: until,
      status: '已办结',
      done: true,
      rating: null,
      reopenCount: 0,
      category: `边界-${n}`,
    }));
    await upsertTickets(ctx.db, tickets, 'test', until);
    const rows = await ticketsByWeekAndCategory(ctx.db, until, 4);
    const week = new Map(rows.filter((r) => r.key?.startsWith('边界-')).map((r) => [r.key, r.week]));
    expect(Object.fromEntries(week)).toEqual({
      '边界-B-last-moment': 0,
      '边界-B-first-moment': 0,
      '边界-B-week-before': 1,
      '边界-B-oldest': 4,
    });
  });
});
