/**
 * Issue 18: a ticket's 问题分类 and 事发地址, read from the columns real exports name them by, stored
 * on import (a re-import filling them in is no change that starts anything), and lists without
 * them still imported as before.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { Roster } from '../src/domain/roster.js';
import { categoryLevels, normalizeCategory } from '../src/domain/tickets/category.js';
import { columnAliases, mapHeader } from '../src/domain/tickets/columns.js';
import { describeMapping, detectHeader } from '../src/domain/tickets/header.js';
import { normalizeRow, pickFields } from '../src/domain/tickets/row.js';
import { type Db, openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { getTicket } from '../src/store/tickets.js';
import { importTicketFile } from '../src/usecases/ticket-import.js';
import { rosterConfig } from './helpers.js';
import { tempDir, writeCsv, writeXlsx } from './ticket-helpers.js';

const aliases = columnAliases();
const config = rosterConfig();
const roster = Roster.fromConfig(config);
const calendar = new WorkCalendar(config.calendar);
const ctx = { roster, calendar, tz: config.timezone, doneStatuses: config.tickets.doneStatuses, dayEnd: '18:00' };

/** The field each named column is read as (only the category and address fields). */
function placeFields(header: string[]): Record<string, string> {
  const map = mapHeader(header, aliases);
  const out: Record<string, string> = {};
  for (const f of ['category', 'subcategory', 'address'] as const)
    if (map[f] !== undefined) out[f] = header[map[f]] as string;
  return out;
}

describe('category and address columns as exports name them', () => {
  it.each([
    [
      '12345 诉求 list (诉求分类, 事发地址详情, beside 业务类型 咨询/投诉 and the caller)',
      [
        '工单编号',
        '受理时间',
        '受理渠道',
        '诉求等级',
        '业务类型',
        '诉求标题',
        '诉求内容',
        '诉求分类',
        '事项状态',
        '办理时限',
        '诉求人姓名',
        '联系电话',
        '事发地址详情',
        '承办单位',
      ],
      { category: '诉求分类', address: '事发地址详情' },
    ],
    [
      'levels in columns of their own (事项分类一级 … 三级), 诉求地址 and the caller’s 联系地址',
      [
        '工单编号',
        '受理时间',
        '事项分类一级',
        '事项分类二级',
        '事项分类三级',
        '市民诉求',
        '承办单位',
        '联系地址',
        '诉求地址',
      ],
      { category: '事项分类一级', subcategory: '事项分类二级', address: '诉求地址' },
    ],
    [
      '数字城管 case list (大类名称 / 小类名称, 事发地址)',
      [
        '任务号',
        '问题来源',
        '大类名称',
        '小类名称',
        '问题描述',
        '所属街道',
        '事发地址',
        '处置部门',
        '派遣时间',
        '处置时限',
      ],
      { category: '大类名称', subcategory: '小类名称', address: '事发地址' },
    ],
    [
      'Jinan-style list with 问题分类 and 发生地址（详细）',
      ['工单号', '来电时间', '问题分类', '发生地址（详细）', '承办单位', '办理时限', '回访满意度'],
      { category: '问题分类', address: '发生地址（详细）' },
    ],
    [
      'a one-word 地址 and 类别 (exact names)',
      ['工单编号', '类别', '地址', '承办单位', '派单时间'],
      { category: '类别', address: '地址' },
    ],
    [
      'only the caller’s address and the call type: neither is read as the place or the category',
      ['工单编号', '承办单位', '派单时间', '来电人地址', '居住地址', '来电类别', '诉求人类别', '工单类型'],
      {},
    ],
    [
      'an old list without either column',
      [
        '工单编号',
        '标题',
        '诉求内容',
        '承办单位',
        '属地镇街',
        '网格',
        '派单时间',
        '办理时限',
        '状态',
        '满意度',
        '重办次数',
      ],
      {},
    ],
  ])('%s', (_name, header, expected) => {
    expect(placeFields(header)).toEqual(expected);
  });

  it('says in the answer which columns were read as 问题分类 and 事发地址', () => {
    const upper = ['工单编号', '诉求信息', null, null, '办理情况', null];
    const lower = [null, '受理时间', '诉求分类', '诉求地址', '承办单位', '办理时限'];
    const { header } = detectHeader(
      [upper, lower, ['A1', '2026-11-20', '城乡建设-物业管理', '锦绣小区5栋', '住建局', '2026-11-25']],
      aliases,
    );
    const m = describeMapping(header as NonNullable<typeof header>, [1, 2, 3]);
    expect(m.used.map((u) => `${u.field}←${u.column}`)).toEqual([
      'number←工单编号',
      'unit←承办单位',
      'assignedAt←受理时间',
      'deadline←办理时限',
      'category←诉求分类',
      'address←诉求地址',
    ]);
  });
});

describe('category paths and addresses', () => {
  it.each([
    ['城乡建设-物业管理-物业服务', '', '城乡建设-物业管理-物业服务'],
    ['城乡建设/物业管理/物业服务', '', '城乡建设-物业管理-物业服务'],
    ['城乡建设 > 物业管理', '', '城乡建设-物业管理'],
    ['城乡建设－物业管理｜电梯', '', '城乡建设-物业管理-电梯'],
    ['城乡建设', '物业管理', '城乡建设-物业管理'],
    ['城乡建设-物业管理', '物业管理', '城乡建设-物业管理'],
    ['', '物业管理', '物业管理'],
    ['  市容环卫  ', '', '市容环卫'],
  ])('%s + %s → %s', (main, sub, path) => {
    expect(normalizeCategory(main, sub)).toBe(path);
  });

  it('has no category for empty cells, and levels top first', () => {
    expect(normalizeCategory('', '')).toBeUndefined();
    expect(normalizeCategory(' / ', '')).toBeUndefined();
    expect(categoryLevels('城乡建设-物业管理-物业服务')).toEqual(['城乡建设', '物业管理', '物业服务']);
  });

  it('reads a row with category levels and an address; a row without them has neither key', () => {
    const header = ['工单编号', '承办单位', '派单时间', '一级分类', '二级分类', '事发地址'];
    const map = mapHeader(header, aliases);
    const r = normalizeRow(
      pickFields(['A1', '住建局', '2026-11-20 09:00', '城乡建设', '物业管理', ' 锦绣小区  5栋 '], map),
      ctx,
    );
    expect(r.ok && r.ticket).toMatchObject({ category: '城乡建设-物业管理', address: '锦绣小区 5栋' });
    const old = normalizeRow(
      pickFields(['A2', '住建局', '2026-11-20 09:00'], mapHeader(['工单编号', '承办单位', '派单时间'], aliases)),
      ctx,
    );
    expect(old.ok).toBe(true);
    if (old.ok) {
      expect('category' in old.ticket).toBe(false);
      expect('address' in old.ticket).toBe(false);
    }
  });
});

describe('category and address stored on import', () => {
  let db: Db;
  const dir = tempDir();
  const deps = (now: string) => ({ db, roster, calendar, config, now: new Date(now) });
  const events = async (n: string) =>
    (await db.query<{ kind: string }>('select kind from ticket_events where ticket_number = $1 order by id', [n])).map(
      (e) => e.kind,
    );
  const triggers = async () =>
    (await db.query<{ n: number }>('select count(*)::int as n from dual_triggers'))[0]?.n ?? -1;

  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory' });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  const OLD = ['工单编号', '标题', '诉求内容', '承办单位', '属地镇街', '派单时间', '办理时限', '状态', '满意度'];
  const NEW = ['工单编号', '诉求标题', '诉求内容', '承办单位', '属地镇街', '派单时间', '办理时限', '状态', '满意度'];
  const row = (rating = '') => [
    '2026112000153',
    '小区电梯长期停运',
    '滨江花园3栋电梯停运两周',
    '区住建局',
    '湖滨街道',
    '2026-11-20 09:12',
    '2026-11-25 18:00',
    '办理中',
    rating,
  ];

  it('an old list without the columns imports as before; a later export fills them in quietly', async () => {
    const first = await importTicketFile(
      writeCsv(join(dir, '旧清单.csv'), [OLD, row()], 'utf8-bom'),
      '旧清单.csv',
      deps('2026-11-20T10:00:00+08:00'),
      { source: 'test' },
    );
    expect(first.kind === 'imported' && first.counts).toMatchObject({ created: 1, rejected: 0 });
    const before = await getTicket(db, '2026112000153');
    expect(before && 'category' in before).toBe(false);

    // The platform's fuller export: same ticket, now with 问题分类 (levels split) and 事发地址.
    const second = await importTicketFile(
      await writeXlsx(join(dir, '新清单.xlsx'), [
        [...NEW, '问题分类', '二级分类', '事发地址', '联系地址'],
        [...row(), '城乡建设', '物业管理', '滨江花园3栋', '城西街道幸福路1号'],
      ]),
      '新清单.xlsx',
      deps('2026-11-21T10:00:00+08:00'),
      { source: 'test' },
    );
    expect(second.kind === 'imported' && second.counts).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(second.kind === 'imported' && second.mapping?.used.map((u) => u.field)).toEqual(
      expect.arrayContaining(['category', 'subcategory', 'address']),
    );
    expect(await getTicket(db, '2026112000153')).toMatchObject({
      category: '城乡建设-物业管理',
      address: '滨江花园3栋',
    });
    expect(await events('2026112000153')).toEqual(['new']);
    expect(await triggers()).toBe(0);
  });

  it('the old list again keeps them; a rating change with a new category is one rating event', async () => {
    const again = await importTicketFile(
      writeCsv(join(dir, '旧清单2.csv'), [OLD, row()], 'gb18030'),
      '旧清单2.csv',
      deps('2026-11-22T10:00:00+08:00'),
      { source: 'test' },
    );
    expect(again.kind === 'imported' && again.counts).toMatchObject({ unchanged: 1 });
    expect(await getTicket(db, '2026112000153')).toMatchObject({ category: '城乡建设-物业管理' });

    const rated = await importTicketFile(
      writeCsv(
        join(dir, '回访.csv'),
        [
          [...NEW, '诉求分类', '诉求地址'],
          [...row('不满意'), '城乡建设/物业管理/电梯维修', '滨江花园3栋2单元'],
        ],
        'utf8',
      ),
      '回访.csv',
      deps('2026-11-23T10:00:00+08:00'),
      { source: 'test' },
    );
    expect(rated.kind === 'imported' && rated.counts).toMatchObject({ updated: 1 });
    expect(await getTicket(db, '2026112000153')).toMatchObject({
      category: '城乡建设-物业管理-电梯维修',
      address: '滨江花园3栋2单元',
      rating: '不满意',
    });
    expect(await events('2026112000153')).toEqual(['new', 'rating']);
    expect(await triggers()).toBe(1);
  });
});
