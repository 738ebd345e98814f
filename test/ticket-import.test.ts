import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTicket } from '../src/store/tickets.js';
import { run, Scenario } from './scenario.js';
import { excelSerial, HEADER, tempDir, writeCsv, writeXlsx } from './ticket-helpers.js';

const SUP = 'wxid_sup_liu';
const t = (hhmm: string, day = '2026-11-20') => `${day}T${hhmm}:00+08:00`;
const file = (at: string, from: string, path: string, to: 'group' | 'bot' = 'group') => ({ at, from, file: path, to });

describe('ticket import through the chat (real pipeline)', () => {
  let s: Scenario;
  const dir = tempDir();
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'imports an xlsx with good and bad rows sent by a supervisor in the group, and answers with counts and ' +
      'reasons',
    async () => {
      const path = await writeXlsx(
        join(dir, '工单清单.xlsx'),
        [
          HEADER,
          [
            'X001',
            '小区路灯不亮',
            '某小区3号楼路灯',
            '区住建局',
            '城东街道',
            '网格1',
            '2026-11-16 09:00',
            '',
            '办理中',
            '',
            0,
          ],
          [
            'X002',
            '占道经营',
            '夜市占道',
            '城管局',
            '城西街道',
            '网格2',
            excelSerial(2026, 11, 17, 10, 30),
            excelSerial(2026, 11, 30),
            '办理中',
            '',
            0,
          ],
          ['X003', '噪音扰民', '', '火星局', '', '', '2026-11-17 09:00', '', '办理中', '', 0],
          ['', '无编号', '', '区住建局', '', '', '2026-11-17 09:00', '', '', '', 0],
          ['X005', '垃圾清运', '', '城管局', '', '', '昨天下午', '', '', '', 0],
          [],
          ['X006', '学校门口拥堵', '', '教育局', '湖滨街道', '', '2026/11/18 9:00', '', '已办结', '满意', 0],
          ['X007', '医保报销', '', '卫健局', '', '', new Date(Date.UTC(2026, 10, 18, 14, 0)), '', '办理中', '', 1],
        ],
        { title: ['示范区12345工单导出（2026年11月20日）'] },
      );
      const all = await s.play(file(t('10:00'), SUP, path));
      // X007 (reopened once) also goes out at once as a 双派单 (issue 6): only the answer here.
      expect(all.filter((o) => !o.text.includes('新增')).map((o) => o.to)).toEqual(['wxid_weijian_zhou']);
      const out = all.filter((o) => o.text.includes('新增'));
      expect(out).toHaveLength(1);
      expect(out[0]?.to).toBe('group');
      expect(out[0]?.mentions).toEqual([SUP]);
      expect(out[0]?.text).toContain('新增4条，更新0条，无变化0条，未导入3条');
      expect(out[0]?.text).toContain('第5行（X003）：承办单位「火星局」不在名册中');
      expect(out[0]?.text).toContain('第6行：缺少工单编号');
      expect(out[0]?.text).toContain('第7行（X005）：派单时间「昨天下午」无法识别');
      const x2 = await getTicket(s.h.app.db, 'X002');
      expect(x2?.unitId).toBe('chengguan');
      expect(x2?.assignedAt?.toISOString()).toBe(new Date('2026-11-17T10:30:00+08:00').toISOString());
      // A date-only 办理时限 and the 两日办结 fallback both end with the day's work (18:00).
      expect(x2?.dueAt.toISOString()).toBe(new Date('2026-11-30T18:00:00+08:00').toISOString());
      const x1 = await getTicket(s.h.app.db, 'X001');
      expect(x1?.dueAt.toISOString()).toBe(new Date('2026-11-18T18:00:00+08:00').toISOString());
      expect((await getTicket(s.h.app.db, 'X007'))?.assignedAt?.toISOString()).toBe(
        new Date('2026-11-18T14:00:00+08:00').toISOString(),
      );
      const imports = await s.h.app.db.query<{ created: number; rejected: number; sender_id: string }>(
        'select created, rejected, sender_id from ticket_imports',
      );
      expect(imports).toEqual([{ created: 4, rejected: 3, sender_id: SUP }]);
    },
  );

  it(
    'upserts by 工单编号: the same list again is unchanged;' + ' a reopened ticket and a status change are events',
    async () => {
      const rows = [
        HEADER,
        [
          'X001',
          '小区路灯不亮',
          '某小区3号楼路灯',
          '区住建局',
          '城东街道',
          '网格1',
          '2026-11-16 09:00',
          '',
          '办理中',
          '',
          0,
        ],
        ['X006', '学校门口拥堵', '', '教育局', '湖滨街道', '', '2026/11/18 9:00', '', '重办', '不满意', 1],
      ];
      const all = await s.play(file(t('11:00'), 'wxid_leader_li', writeCsv(join(dir, 'a.csv'), rows, 'utf8'), 'bot'));
      // X006 now reopened and unsatisfied: a 双派单 to its department and its street (issue 6).
      expect(
        all
          .filter((o) => o.text.startsWith('【双派单'))
          .map((o) => o.to)
          .sort(),
      ).toEqual(['wxid_hubin_you', 'wxid_jiaoyu_sun']);
      // … and, 不满意, a 四个必到 visit for the department's head (issue 18 §2).
      expect(all.filter((o) => o.text.startsWith('【四个必到】')).map((o) => o.to)).toEqual(['wxid_jiaoyu_sun']);
      expect(all.filter((o) => !o.text.startsWith('【'))).toHaveLength(1);
      const out = all.filter((o) => o.text.includes('新增'));
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ to: 'wxid_leader_li', mentions: [] });
      expect(out[0]?.text).toContain('新增0条，更新1条，无变化1条，未导入0条');
      const x6 = await getTicket(s.h.app.db, 'X006');
      expect(x6).toMatchObject({ done: false, reopenCount: 1, rating: '不满意' });
      const ev = await s.h.app.db.query<{ kind: string; source: string }>(
        "select kind, source from ticket_events where ticket_number = 'X006' order by id",
      );
      expect(ev.map((e) => e.kind)).toEqual(['new', 'status', 'reopened', 'rating']);
      expect(ev[1]?.source).toBe('file:a.csv by wxid_leader_li');
    },
  );

  it('reads CSV in UTF-8 with BOM and in GB18030 (Excel on Chinese Windows)', async () => {
    const rows = [HEADER, ['G001', '井盖缺失', '', '区城市管理局', '', '', '2026-11-19 08:00', '', '办理中', '', 0]];
    const bom = await s.play(file(t('11:10'), SUP, writeCsv(join(dir, 'bom.csv'), rows, 'utf8-bom')));
    expect(bom[0]?.text).toContain('新增1条');
    rows.push(['G002', '供暖不热', '', '区住建局', '', '', '2026-11-19 08:00', '', '办理中', '', 0]);
    const gbk = await s.play(file(t('11:20'), SUP, writeCsv(join(dir, 'gbk.csv'), rows, 'gb18030')));
    expect(gbk[0]?.text).toContain('新增1条，更新0条，无变化1条');
    expect((await getTicket(s.h.app.db, 'G002'))?.title).toBe('供暖不热');
  });

  it('answers clearly when the file is not a ticket list, or an old .xls', async () => {
    const path = await writeXlsx(join(dir, '日报汇总.xlsx'), [
      ['单位', '受理', '办结', '满意率'],
      ['区住建局', 12, 10, '98%'],
    ]);
    const out = await s.play(file(t('11:30'), SUP, path));
    expect(out[0]?.text).toMatch(/不是工单清单：未找到“工单编号”、“承办单位”、“派单时间或办理时限”列/);
    const xls = join(dir, 'old.xls');
    writeCsv(xls, [['x']], 'utf8');
    expect((await s.play(file(t('11:31'), SUP, xls)))[0]?.text).toContain('另存为 .xlsx 或 .csv');
  });

  it(
    "ignores a stranger's file; a head's file is not " + 'imported and the head is told privately who imports',
    async () => {
      const path = await writeXlsx(join(dir, 'stranger.xlsx'), [
        HEADER,
        ['S001', '伪造', '', '区住建局', '', '', '2026-11-19 08:00', '', '', '', 0],
      ]);
      expect(await s.play(file(t('12:00'), 'wxid_stranger', path))).toEqual([]);
      const inGroup = await s.play(file(t('12:01'), 'wxid_zhujian_zhang', path));
      expect(inGroup.map((o) => o.to)).toEqual(['wxid_zhujian_zhang']);
      expect(await getTicket(s.h.app.db, 'S001')).toBeUndefined();
      const handled = await s.h.app.db.query<{ handler: string }>(
        "select handler from inbound_messages where file_name = 'stranger.xlsx' order by sent_at",
      );
      expect(handled.map((r) => r.handler)).toEqual(['ignored-stranger', 'ticket-import']);
      const priv = await s.play(file(t('12:02'), 'wxid_zhujian_zhang', path, 'bot'));
      expect(priv).toHaveLength(1);
      expect(priv[0]?.text).toContain('工单清单由区领导和督导专班导入');
    },
  );

  it('replays the nag routine by name (no open overdue tickets on a weekend: nothing)', async () => {
    expect(await s.play(run(t('09:00', '2026-11-21'), 'ticket-nag'))).toEqual([]);
  });
});
