import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { rosterConfig } from './helpers.js';
import { run, Scenario } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const LEADERS = ['wxid_leader_li', 'wxid_leader_wang'];
const SUPERVISORS = ['wxid_sup_liu', 'wxid_sup_chen'];
const ZJ = 'wxid_zhujian_zhang';

/** Inserts a day's report directly (the figures do not matter here, only on time / late). */
async function report(s: Scenario, unit: string, day: string, late = false): Promise<void> {
  await s.h.app.db.query(
    `insert into reports (unit_id, day, late, version, message_id, sender_id, received_at) values ($1,$2,$3,1,` +
      `$4,'x',$5)`,
    [unit, day, late, `m-${unit}-${day}`, new Date(t(day, late ? '18:20' : '17:00'))],
  );
}

describe('weekly-summary: the National Day week (Friday 10-02 is a holiday → Wednesday 09-30 17:00)', () => {
  let s: Scenario;
  const dir = tempDir();
  beforeAll(async () => {
    s = await Scenario.open();
    const row = (n: string, unit: string, street: string, status: string, rating: string, reopen: number) => [
      n,
      n,
      '',
      unit,
      street,
      '',
      '2026-09-20 09:00',
      '',
      status,
      rating,
      reopen,
    ];
    // Last week (Thursday 09-24): a round for 城管局 + 湖滨街道 that nobody answers (due 09-29).
    await s.play({
      at: t('2026-09-24', '10:00'),
      from: 'wxid_sup_liu',
      file: await writeXlsx(join(dir, 'w0.xlsx'), [
        HEADER,
        row('W0', '区城市管理局', '湖滨街道', '办理中', '不满意', 0),
      ]),
    });
    // This week: W1 不满意 (closed), W2 重办 (open), W3 不满意 and 重办 (open).
    await s.play({
      at: t('2026-09-28', '10:00'),
      from: 'wxid_sup_liu',
      file: await writeXlsx(join(dir, 'w1.xlsx'), [
        HEADER,
        row('W1', '区住建局', '城东街道', '已回访', '不满意', 0),
        row('W2', '区住建局', '', '重办', '', 1),
        row('W3', '区城市管理局', '', '重办', '不满意', 1),
      ]),
    });
    const units = rosterConfig().units.map((u) => u.id);
    for (const u of units) {
      if (u !== 'jiaoyu') await report(s, u, '2026-09-28');
      await report(s, u, '2026-09-29', u === 'zhujian');
    }
    await s.play(run(t('2026-09-30', '09:00'), 'dual-check'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'not on Tuesday, not on the holiday Friday; on Wednesday 17:00 to each leader, with the figures of the ' +
      'fixture',
    async () => {
      expect(await s.play(run(t('2026-09-29', '17:00'), 'weekly-summary'))).toEqual([]);
      const out = await s.play(run(t('2026-09-30', '17:00'), 'weekly-summary'));
      expect(out.map((o) => o.to).sort()).toEqual([...LEADERS].sort());
      expect(out[0]?.text).toBe(
        [
          '【每周汇总】9月28日至9月30日，群众不满意和重办工单3件：已办结1件，未办结2件；双派单3轮，两方均已答复0轮。',
          '按单位：',
          '· 区城市管理局：不满意1件、重办1件，已办结0件，未办结1件（W3）',
          '· 区住房和城乡建设局：不满意1件、重办1件，已办结1件，未办结1件（W2）',
          '迟报、漏报和双派单超时：',
          '· 区住房和城乡建设局：日报迟报1天',
          '· 区教育局：漏报1天',
          '· 区城市管理局：双派单超时1件',
          '· 湖滨街道：双派单超时1件',
          '',
          '【四个必到】领导走访情况：',
          '· 区城市管理局：待走访2件，本周已走访0件',
          '· 区住房和城乡建设局：待走访1件，本周已走访0件',
        ].join('\n'),
      );
      expect(await s.play(run(t('2026-09-30', '17:30'), 'weekly-summary'))).toEqual([]);
      expect(await s.play(run(t('2026-10-02', '17:00'), 'weekly-summary'))).toEqual([]);
    },
  );
});

describe(
  'monthly-review: September 2026 reviewed on the first ' + 'working day of October (10-08, after the holiday)',
  () => {
    let s: Scenario;
    beforeAll(async () => {
      s = await Scenario.open();
      const db = s.h.app.db;
      const ins = (
        n: string,
        unit: string,
        assigned: string,
        due: string,
        done: boolean,
        rating: string | null,
        reopen: number,
      ) =>
        db.query(
          `insert into tickets (number, title, unit_id, assigned_at, due_at, status, done, rating, reopen_count, ` +
            `first_seen_at, updated_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$4,$4)`,
          [n, `工单${n}`, unit, new Date(assigned), new Date(due), done ? '已办结' : '办理中', done, rating, reopen],
        );
      await ins('Z1', 'zhujian', t('2026-09-02', '09:00'), t('2026-09-05', '00:00'), true, '满意', 0);
      await ins('Z2', 'zhujian', t('2026-09-10', '09:00'), t('2026-09-13', '00:00'), true, '不满意', 1);
      await ins('Z3', 'zhujian', t('2026-09-28', '09:00'), t('2026-10-01', '00:00'), false, null, 0);
      await ins('Z4', 'zhujian', t('2026-09-15', '09:00'), t('2026-09-18', '00:00'), true, '基本满意', 0);
      await ins('X0', 'zhujian', t('2026-08-20', '09:00'), t('2026-08-23', '00:00'), false, null, 0);
      await ins('J1', 'jiaoyu', t('2026-09-03', '09:00'), t('2026-09-06', '00:00'), true, '满意', 0);
      await ins('J2', 'jiaoyu', t('2026-09-30', '09:00'), t('2026-10-09', '00:00'), true, '满意', 0);
      // Z4 was overdue once (the nag's 即时督办 for its deadline): done, but not on time.
      await db.query(
        `insert into ticket_escalations (ticket_number, due_at, step, unit_id, days_overdue, day, cycle, ` +
          `taken_at, recipients) values ('Z4',$1,'immediate','zhujian',1,'2026-09-21','x',$2,'[]')`,
        [new Date(t('2026-09-18', '00:00')), new Date(t('2026-09-21', '09:00'))],
      );
      // Dispatches to 住建局 in September: two deliveries, one signed before its reminder.
      await db.query(
        `insert into dispatches (id, code, leader_id, chat, text, deadline, deadline_given, created_at) values ` +
          `(501,'D501','wxid_leader_li','group','x',$1,false,$1)`,
        [new Date(t('2026-09-10', '10:00'))],
      );
      await db.query(
        `insert into dispatch_targets (dispatch_id, unit_id, delivered_at, acked_at) values (501,'zhujian',$1,$2)`,
        [new Date(t('2026-09-10', '10:00')), new Date(t('2026-09-10', '10:20'))],
      );
      await db.query(
        `insert into dispatches (id, code, leader_id, chat, text, deadline, deadline_given, created_at) values ` +
          `(502,'D502','wxid_leader_li','group','x',$1,false,$1)`,
        [new Date(t('2026-09-11', '10:00'))],
      );
      await db.query(
        `insert into dispatch_targets (dispatch_id, unit_id, delivered_at, acked_at, ack_reminded_at) values ` +
          `(502,'zhujian',$1,$2,$2)`,
        [new Date(t('2026-09-11', '10:00')), new Date(t('2026-09-11', '11:30'))],
      );
      // Reports: 住建局 every working day, two of them late; 教育局 all but one; 卫健局 all on time.
      const cal = new WorkCalendar();
      const days: string[] = [];
      for (let d = 1; d <= 30; d++)
        if (cal.isWorkday(`2026-09-${String(d).padStart(2, '0')}`)) days.push(`2026-09-${String(d).padStart(2, '0')}`);
      expect(days).toHaveLength(22); // 09-20 (Sunday) is a 调休 working day, 09-25 (中秋) a holiday
      for (const [i, d] of days.entries()) {
        await report(s, 'zhujian', d, i < 2);
        if (i !== 5) await report(s, 'jiaoyu', d);
        await report(s, 'weijian', d);
      }
    });
    afterAll(async () => {
      await s?.close();
    });

    it(
      'nothing on 10-01 … 10-07 (holidays); on 10-08 09:00: 回头看 to the units and the oversight, 月评比 in the ' +
        'group and as Excel',
      async () => {
        expect(await s.play(run(t('2026-10-01', '09:00'), 'monthly-review'))).toEqual([]);
        expect(await s.play(run(t('2026-10-07', '09:00'), 'monthly-review'))).toEqual([]);
        const out = await s.play(run(t('2026-10-08', '09:00'), 'monthly-review'));
        const look = out.filter((o) => o.text.startsWith('【回头看】区住房和城乡建设局'));
        expect(look.map((o) => o.to)).toEqual([ZJ]);
        expect(look[0]?.text).toContain('1. Z2 工单Z2（不满意）');
        // Z3 (open, overdue) is the daily nag's: not re-dispatched, counted for the oversight.
        expect(look[0]?.text).not.toContain('Z3');
        expect(look[0]?.text).not.toContain('X0');
        const sums = out.filter((o) => o.text.startsWith('【回头看】9月份未解决和不满意工单共2件'));
        expect(sums.map((o) => o.to).sort()).toEqual([...LEADERS, ...SUPERVISORS].sort());
        expect(sums[0]?.text).toBe(
          '【回头看】9月份未解决和不满意工单共2件：已重新交办1件（区住房和城乡建设局1件）；' +
            '超期未办结1件已在每日工单督办中跟进，不重复交办（区住房和城乡建设局1件）。',
        );

        const group = out.filter((o) => o.to === 'group');
        expect(group).toHaveLength(1);
        const g = group[0]?.text ?? '';
        expect(g).toContain('【月评比】9月共18个单位参加评比。');
        expect(g).toContain(
          '亮亮相（前三名）：第1名 区卫生健康局（100.00分）；第2名 区教育局（99.24分）；第3名 ' +
            '区住房和城乡建设局（64.89分）。',
        );
        expect(g).toContain(
          '红红脸、出出汗（后三名）：第4名 双河镇（0.00分，未报送日报）；第4名 凤凰镇（0.00分，未报送日报）；第4名 ' +
            '新港镇（0.00分，未报送日报）。',
        );
        expect(g).toContain('未报送日报的单位排在已报送单位之后（不论得分）。');
        expect(g).toContain('评比口径：得分 = 按时办结率×30%');

        const files = out.filter((o) => o.file === '月评比-2026-09.xlsx');
        expect(files.map((o) => o.to).sort()).toEqual([...LEADERS, ...SUPERVISORS].sort());
        const table = out.find((o) => o.text.startsWith('【月评比】9月全区评比结果'))?.text ?? '';
        expect(table).toContain(
          '3. 区住房和城乡建设局 64.89分（按时办结 50%，满意 66.7%，重办 25%，签收 50%，按时报送 90.9%，迟报2天）',
        );
        expect(table).toContain('2. 区教育局 99.24分（按时办结 100%，满意 100%，重办 0%，签收 —，按时报送 95.5%）');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(join(s.h.app.ctx.dataDir as string, 'ranking', '月评比-2026-09.xlsx'));
        const ws = wb.worksheets[0];
        expect(ws?.getRow(2).values).toEqual([undefined, 1, '区卫生健康局', 100, '—', '—', '—', '—', 100, 0]);
        expect(ws?.getRow(4).values).toEqual([undefined, 3, '区住房和城乡建设局', 64.89, 50, 66.7, 25, 50, 90.9, 2]);
        expect(await s.play(run(t('2026-10-08', '09:30'), 'monthly-review'))).toEqual([]);
      },
    );

    it('with images on (reports.summaryFormat), the ranking also goes to the group as a card, once', async () => {
      s.h.app.config.reports.summaryFormat = 'both';
      const out = await s.play(
        run(t('2026-10-08', '09:40'), 'monthly-review'),
        run(t('2026-10-08', '09:50'), 'monthly-review'),
      );
      const cards = out.filter((o) => o.file === '月评比-2026-09.png');
      expect(cards.map((o) => o.to)).toEqual(['group']);
      expect(out.filter((o) => o.to === 'group' && o.text.includes('2026年9月月评比一览'))).toHaveLength(1);
      const png = readFileSync(join(s.h.app.ctx.dataDir as string, 'cards', 'ranking-2026-09.png'));
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    });
  },
);
