import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterConfig, unmarked } from './helpers.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const MON = '2026-11-16';
const THU = '2026-11-19';
const FRI = '2026-11-20';
const ZJ = 'wxid_zhujian_zhang';
const CD = 'wxid_chengdong_zhu';
const CX = 'wxid_chengxi_qin';
const SUPERVISORS = ['wxid_sup_liu', 'wxid_sup_chen'];
const LEADERS = ['wxid_leader_li', 'wxid_leader_wang'];
const DISCIPLINE = 'wxid_disc_zhao';
const SUP = 'wxid_sup_liu';

const row = (
  n: string,
  title: string,
  unit: string,
  street: string,
  grid: string,
  status: string,
  rating: string,
  reopen: number,
) => [n, title, `${title}，请尽快处理`, unit, street, grid, '2026-11-10 09:00', '', status, rating, reopen];

describe('双派单 – 双倒查 – 双问责 (real pipeline, BullMQ flow per round)', () => {
  let s: Scenario;
  const dir = tempDir();
  const imp = async (at: string, name: string, rows: unknown[][]) =>
    s.play({ at, from: SUP, file: await writeXlsx(join(dir, name), [HEADER, ...rows]), to: 'group' });
  beforeAll(async () => {
    const base = rosterConfig();
    s = await Scenario.open({ ...base, tickets: { ...base.tickets, ladder: { written: 1, onSite: 2, referral: 3 } } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'an unsatisfied ticket imported → one round, two point-to-point deliveries (承办单位 and 属地镇街 with the ' +
      'grid); a street that is its own 承办单位 → one delivery',
    async () => {
      const out = await imp(t(MON, '10:00'), 'a.xlsx', [
        row('S001', '小区路灯不亮', '区住建局', '城东街道', '东一网格', '已回访', '不满意', 0),
        row('S002', '背街小巷垃圾', '城西街道', '城西街道', '西三网格', '重办', '', 1),
        row('S003', '噪音扰民', '区城市管理局', '湖滨街道', '', '已办结', '满意', 0),
      ]);
      expect(out[0]?.text).toContain('新增3条');
      const deliveries = out.filter((o) => unmarked(o.text).startsWith('【双派单'));
      expect(deliveries.map((o) => o.to).sort()).toEqual([CD, CX, ZJ].sort());
      const zj = deliveries.find((o) => o.to === ZJ)?.text ?? '';
      expect(zj).toMatch(/^【双派单 SP\d+】工单 S001（群众不满意）同步派发区住房和城乡建设局（承办单位）/);
      expect(zj).toContain('同时派发：城东街道');
      expect(zj).toContain('答复时限：11月18日（星期三）18:00前');
      expect(deliveries.find((o) => o.to === CD)?.text).toContain('城东街道（属地镇街，东一网格）');
      expect(deliveries.find((o) => o.to === CX)?.text).toContain('既是承办单位又是属地镇街，本轮只派发一次');
      const rounds = await s.h.app.db.query<{
        code: string;
        ticket_number: string;
        same_unit: boolean;
        dispatched: boolean;
        sides: number;
        delivered: number;
      }>(
        `select r.code, r.ticket_number, r.same_unit, r.dispatched_at is not null as dispatched, count(d.*)::int ` +
          `as sides, count(d.delivered_at)::int as delivered
       from dual_rounds r join dual_sides d on d.round_id = r.id group by r.id order by r.ticket_number`,
      );
      expect(rounds).toEqual([
        { code: 'SP1', ticket_number: 'S001', same_unit: false, dispatched: true, sides: 2, delivered: 2 },
        { code: 'SP2', ticket_number: 'S002', same_unit: true, dispatched: true, sides: 1, delivered: 1 },
      ]);
      // The same list again: no new round, nothing sent but the import answer.
      const again = await imp(t(MON, '10:30'), 'a2.xlsx', [
        row('S001', '小区路灯不亮', '区住建局', '城东街道', '东一网格', '已回访', '不满意', 0),
      ]);
      expect(again).toHaveLength(1);
      expect(again[0]?.text).toContain('工单清单');
    },
  );

  it(
    'one side signs and answers; the other is late → the ladder climbs for it and the group sees who holds it up,' +
      ' once a day',
    async () => {
      const ack = await s.play(say(t(MON, '11:00'), ZJ, 'SP1 签收'));
      expect(ack).toEqual([
        expect.objectContaining({
          to: 'group',
          text: '@张局长 已登记签收 SP1，请于11月18日（星期三）18:00前答复办理情况。',
          mentions: [ZJ],
        }),
      ]);
      const ans = await s.play(say(t('2026-11-17', '16:00'), ZJ, 'SP1 已组织维修，路灯已恢复照明', { to: 'bot' }));
      expect(ans).toEqual([
        expect.objectContaining({ to: ZJ, text: expect.stringContaining('已收到贵单位对 SP1 的答复') }),
      ]);
      // Before the deadline: nothing late (the 签收 reminder for the unsigned sides only).
      const wed = await s.play(run(t('2026-11-18', '17:00'), 'dual-check'));
      expect(wed.map((o) => o.to).sort()).toEqual([CD, CX].sort());
      expect(wed.every((o) => o.text.includes('尚未签收'))).toBe(true);
      const thu = await s.play(run(t(THU, '09:00'), 'dual-check'));
      const immediate = thu.filter((o) => unmarked(o.text).startsWith('【即时督办 SP'));
      expect(immediate.map((o) => o.to).sort()).toEqual([CD, CX].sort());
      const holdup = thu.filter((o) => o.to === 'group');
      expect(holdup).toHaveLength(1);
      expect(holdup[0]?.text).toMatch(
        /^@朱主任 【红色督办】【双派单 SP1】工单 S001「小区路灯不亮」：区住房和城乡建设局已答复，城东街道尚未答复/,
      );
      expect(holdup[0]?.mentions).toEqual([CD]);
      expect(await s.play(run(t(THU, '10:00'), 'dual-check'))).toEqual([]);
      const fri = await s.play(run(t(FRI, '09:00'), 'dual-check'));
      expect(
        fri
          .filter((o) => unmarked(o.text).startsWith('【书面督办通知'))
          .map((o) => o.to)
          .sort(),
      ).toEqual([CD, CX].sort());
      expect(fri.filter((o) => o.to === 'group')).toHaveLength(1);
      const steps = await s.h.app.db.query<{ side: string; step: string; day: string }>(
        'select side, step, day from dual_escalations where round_id = 1 order by taken_at',
      );
      expect(steps).toEqual([
        { side: 'street', step: 'immediate', day: THU },
        { side: 'street', step: 'written', day: FRI },
      ]);
    },
  );

  it(
    'both answered → each side is asked the two back-check ' + 'questions; their answers are kept with the round',
    async () => {
      const ans = await s.play(say(t(FRI, '10:00'), CD, '已督促网格员现场处理，路灯已修复', { to: 'bot' }));
      // One message to the answering head: the confirmation opens the back-check questions (no separate "稍后" note).
      const questions = ans.filter((o) => o.text.startsWith('【双倒查 SP1】'));
      expect(questions.map((o) => o.to).sort()).toEqual([CD, ZJ].sort());
      expect(ans).toHaveLength(2);
      expect(ans.find((o) => o.to === CD)?.text).toMatch(
        /^【双倒查 SP1】已收到贵单位对 SP1 的答复。工单 S001 两方均已答复，请城东街道如实回答：/,
      );
      expect(ans.find((o) => o.to === ZJ)?.text).toMatch(
        /^【双倒查 SP1】工单 S001 两方均已答复，请区住房和城乡建设局如实回答：/,
      );
      expect(questions[0]?.text).toContain('提前掌握');
      expect(questions[0]?.text).toContain('举一反三');
      await s.play(say(t(FRI, '11:00'), ZJ, 'SP1 倒查 1. 未提前掌握；2. 已排查同类路灯5处并修复'));
      const last = await s.play(
        say(t(FRI, '11:05'), CD, 'SP1 倒查：一是网格巡查已发现但未及时上报。二是已在全街道开展路灯排查', { to: 'bot' }),
      );
      expect(last[0]?.text).toContain('已记录贵单位对 SP1 的双倒查答复');
      const sides = await s.h.app.db.query<{ side: string; prior_known: string; like_cases: string }>(
        'select side, prior_known, like_cases from dual_sides where round_id = 1 order by side',
      );
      expect(sides).toEqual([
        { side: 'street', prior_known: '网格巡查已发现但未及时上报', like_cases: '已在全街道开展路灯排查' },
        { side: 'unit', prior_known: '未提前掌握', like_cases: '已排查同类路灯5处并修复' },
      ]);
      const [r] = await s.h.app.db.query<{ status: string }>('select status from dual_rounds where id = 1');
      expect(r?.status).toBe('closed');
    },
  );

  it('a single side late past the last ladder step → 双问责 (现场 to supervisors, 提请 to leaders first)', async () => {
    const mon = await s.play(run(t('2026-11-23', '09:00'), 'dual-check'));
    expect(
      mon
        .filter((o) => unmarked(o.text).startsWith('【现场督办 SP2'))
        .map((o) => o.to)
        .sort(),
    ).toEqual([...SUPERVISORS].sort());
    const tue = await s.play(run(t('2026-11-24', '09:00'), 'dual-check'));
    expect(
      tue
        .filter((o) => unmarked(o.text).startsWith('【提请督办 SP2'))
        .map((o) => o.to)
        .sort(),
    ).toEqual([...LEADERS].sort());
    const acc = tue.filter((o) => o.text.startsWith('【双问责 SP2】'));
    expect(acc.map((o) => o.to).sort()).toEqual([...SUPERVISORS, DISCIPLINE].sort());
    expect(acc[0]?.text).toContain('两方均超过答复时限');
    expect(
      tue
        .filter((o) => o.file?.endsWith('.xlsx'))
        .map((o) => o.to)
        .sort(),
    ).toEqual([...SUPERVISORS, DISCIPLINE].sort());
    expect(await s.play(run(t('2026-11-24', '10:00'), 'dual-check'))).toEqual([]);
  });

  it(
    'reopened again → a new round linked to the earlier one; reopened while a round is open → noted, no second ' +
      'open round; the third round → 双问责 with the evidence pack as Excel',
    async () => {
      const r2 = await imp(t('2026-11-24', '10:00'), 'b.xlsx', [
        row('S001', '小区路灯不亮', '区住建局', '城东街道', '东一网格', '重办', '不满意', 1),
      ]);
      expect(
        r2
          .filter((o) => unmarked(o.text).startsWith('【双派单 SP3】工单 S001（重办，第2轮）'))
          .map((o) => o.to)
          .sort(),
      ).toEqual([CD, ZJ].sort());
      const noted = await imp(t('2026-11-24', '11:00'), 'c.xlsx', [
        row('S001', '小区路灯不亮', '区住建局', '城东街道', '东一网格', '重办', '不满意', 2),
      ]);
      expect(noted.filter((o) => unmarked(o.text).startsWith('【双派单'))).toEqual([]);
      await expect(
        s.h.app.db.query(
          'insert into dual_rounds (id, code, ticket_number, seq, reason, created_at, deadline) values (99, ' +
            "'SP99', 'S001', 9, 'reopened', now(), now())",
        ),
      ).rejects.toThrow();
      await s.play(say(t('2026-11-24', '15:00'), ZJ, 'S001 已再次维修并回访'));
      await s.play(say(t('2026-11-24', '15:10'), CD, 'SP3 网格员已现场核实'));
      const r3 = await imp(t('2026-11-25', '10:00'), 'd.xlsx', [
        row('S001', '小区路灯不亮', '区住建局', '城东街道', '东一网格', '重办', '不满意', 3),
      ]);
      expect(r3.filter((o) => unmarked(o.text).startsWith('【双派单 SP4】工单 S001（重办，第3轮）'))).toHaveLength(2);
      const acc = r3.filter((o) => o.text.startsWith('【双问责 SP4】'));
      expect(acc.map((o) => o.to).sort()).toEqual([...SUPERVISORS, DISCIPLINE].sort());
      const text = acc[0]?.text ?? '';
      expect(text).toContain('第3轮双派单');
      expect(text).toMatch(/SP1 区住房和城乡建设局（承办单位）点对点送达（张局长）/);
      expect(text).toMatch(/SP1 城东街道（属地镇街）书面督办（朱主任）/);
      expect(text).toMatch(/SP3 区住房和城乡建设局（承办单位）答复（张局长）：S001 已再次维修并回访/);
      const files = r3.filter((o) => o.file);
      expect(files.map((o) => o.to).sort()).toEqual([...SUPERVISORS, DISCIPLINE].sort());
      const [round] = await s.h.app.db.query<{ previous_id: number; seq: number; accountability_reason: string }>(
        "select previous_id, seq, accountability_reason from dual_rounds where code = 'SP4'",
      );
      expect(round).toEqual({ previous_id: 3, seq: 3, accountability_reason: 'third-round' });
      const path = join(s.h.app.ctx.dataDir as string, 'dual', files[0]?.file ?? '');
      expect(existsSync(path)).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      const ev = wb.getWorksheet('证据链');
      const whats = (ev?.getColumn(4).values ?? []).map(String);
      expect(whats).toEqual(
        expect.arrayContaining(['点对点送达', '签收', '答复', '书面督办', '双倒查答复', '工单重办']),
      );
    },
  );
});
