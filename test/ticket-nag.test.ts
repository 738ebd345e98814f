import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterConfig } from './helpers.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const FRI = '2026-11-20';
const SAT = '2026-11-21';
const MON = '2026-11-23';
const TUE = '2026-11-24';
const WED = '2026-11-25';
const HEADS = {
  zhujian: 'wxid_zhujian_zhang',
  chengguan: 'wxid_chengguan_chu',
  jiaoyu: 'wxid_jiaoyu_sun',
  chengdong: 'wxid_chengdong_zhu',
};
const SUPERVISORS = ['wxid_sup_liu', 'wxid_sup_chen'];
const LEADERS = ['wxid_leader_li', 'wxid_leader_wang'];

describe('ticket-nag: one digest per unit, the escalation ladder over working days (real pipeline)', () => {
  let s: Scenario;
  const dir = tempDir();
  beforeAll(async () => {
    const base = rosterConfig();
    s = await Scenario.open({ ...base, tickets: { ...base.tickets, ladder: { written: 1, onSite: 2, referral: 3 } } });
    const path = await writeXlsx(join(dir, 'list.xlsx'), [
      HEADER,
      ['N001', '小区路灯不亮', '', '区住建局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
      ['N002', '楼道渗水', '', '住建局', '', '', '2026-11-17 10:00', '', '办理中', '', 0],
      ['N003', '占道经营', '', '城管局', '', '', '2026-11-17 10:00', '2026-11-20 18:00', '办理中', '', 0],
      ['N004', '校车接送', '', '教育局', '', '', '2026-11-19 09:00', '', '重办', '不满意', 1],
      ['N005', '医保报销', '', '卫健局', '', '', '2026-11-16 09:00', '', '已办结', '满意', 0],
      ['N006', '垃圾堆放', '', '城东街道', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
    ]);
    const out = await s.play({ at: t('2026-11-19', '10:00'), from: 'wxid_sup_liu', file: path, to: 'group' });
    expect(out[0]?.text).toContain('新增6条');
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    "Friday 09:00: ONE group digest @-mentioning every head concerned (a line per unit), each unit's list " +
      'privately, longest overdue first',
    async () => {
      const out = await s.play(run(t(FRI, '09:00'), 'ticket-nag'));
      const group = out.filter((o) => o.to === 'group');
      expect(group).toHaveLength(1);
      expect([...(group[0]?.mentions ?? [])].sort()).toEqual(Object.values(HEADS).sort());
      const g = group[0]?.text ?? '';
      expect(g).toContain(
        '【即时督办】截至11月20日09:00，以下4个单位有超期、今日到期或重办工单，工单明细已私信发送各单位负责同志',
      );
      expect(g).toContain('区住房和城乡建设局（张局长）：超期2件');
      expect(g).toContain('区城市管理局（褚局长）：今日到期1件');
      expect(g).toContain('区教育局（孙局长）：重办1件');
      expect(g).toContain('城东街道（朱主任）：超期1件');
      expect(g).not.toContain('N001');
      const priv = out.filter((o) => o.to !== 'group');
      expect(priv.map((o) => o.to).sort()).toEqual(Object.values(HEADS).sort());
      const zj = priv.find((o) => o.to === HEADS.zhujian)?.text ?? '';
      expect(zj).toMatch(/^【即时督办】区住房和城乡建设局：截至11月20日09:00，本单位超期工单2件，请抓紧办理/);
      expect(zj.indexOf('N001')).toBeLessThan(zj.indexOf('N002'));
      expect(zj).toContain('1. N001 小区路灯不亮（超期2个工作日）');
      expect(zj).toContain('2. N002 楼道渗水（超期1个工作日）');
      expect(priv.find((o) => o.to === HEADS.chengguan)?.text).toContain('N003 占道经营（今日到期）');
      expect(priv.find((o) => o.to === HEADS.jiaoyu)?.text).toContain('N004 校车接送（待办理，重办）');
      expect(out.some((o) => o.text.includes('N005'))).toBe(false);
    },
  );

  it('the same cycle again sends nothing; quiet hours and the weekend send nothing', async () => {
    expect(await s.play(run(t(FRI, '09:30'), 'ticket-nag'))).toEqual([]);
    expect(await s.play(run(t(FRI, '23:00'), 'ticket-nag'))).toEqual([]);
    expect(await s.play(run(t(SAT, '09:00'), 'ticket-nag'))).toEqual([]);
  });

  it('a head acknowledges the digest and reports a ticket done (recorded; the platform stays the truth)', async () => {
    const ack = await s.play(say(t(FRI, '09:40'), HEADS.zhujian, '签收'));
    expect(ack).toHaveLength(1);
    expect(ack[0]?.text).toContain('已签收');
    const done = await s.play(say(t(FRI, '09:41'), HEADS.zhujian, 'N002 已办结 已修复渗水点'));
    expect(done[0]?.text).toContain('已记录工单 N002 的办结情况');
    const rows = await s.h.app.db.query<{ acked_by: string }>(
      "select acked_by from ticket_digests where unit_id = 'zhujian'",
    );
    expect(rows).toEqual([{ acked_by: HEADS.zhujian }]);
    const ev = await s.h.app.db.query<{ detail: { note: string } }>(
      "select detail from ticket_events where ticket_number = 'N002' and kind = 'reported-done'",
    );
    expect(ev[0]?.detail.note).toBe('已修复渗水点');
  });

  it('the ladder climbs one step per working day across the weekend: 即时→书面→现场→提请, each once', async () => {
    const fri15 = await s.play(run(t(FRI, '15:00'), 'ticket-nag'));
    expect(fri15).toHaveLength(5); // next cycle: the group digest and the 4 lists again, no new step the same day
    expect(fri15.filter((o) => o.to === 'group')).toHaveLength(1);
    // N002 was reported done: still listed, marked, and not escalated while the platform confirms.
    expect(fri15.find((o) => o.to === HEADS.zhujian)?.text).toContain(
      'N002 楼道渗水（超期1个工作日）（单位已报办结，待平台确认）',
    );
    const mon = await s.play(run(t(MON, '09:00'), 'ticket-nag'));
    const written = mon.filter((o) => o.text.includes('【书面督办通知】'));
    expect(written.map((o) => o.to).sort()).toEqual([HEADS.chengdong, HEADS.zhujian].sort());
    expect(written.find((o) => o.to === HEADS.zhujian)?.text).toContain('N001');
    expect(written.find((o) => o.to === HEADS.zhujian)?.text).not.toContain('N002');
    // 张局长 signed Friday's digest: the written step says so.
    expect(written.find((o) => o.to === HEADS.zhujian)?.text).toContain(
      'N001 小区路灯不亮（超期3个工作日，已于11月20日签收）',
    );
    expect(written.find((o) => o.to === HEADS.chengdong)?.text).not.toContain('签收）');
    // One message per ticket per cycle: N006 (城东, its only ticket) is in the written notice only;
    // 住建局's 即时 list keeps N002 (reported done) and leaves N001 to the written notice.
    // (the 书面督办 text is followed by its 催办通知书 as a Word file: issue 18 §4)
    expect(mon.filter((o) => o.to === HEADS.chengdong).map((o) => o.file ?? o.text.slice(0, 8))).toEqual([
      '【书面督办通知】',
      expect.stringMatching(/^催办通知书-督〔2026〕\d+号\.docx$/),
    ]);
    const zjList = mon.find((o) => o.to === HEADS.zhujian && o.text.startsWith('【即时督办】'))?.text ?? '';
    expect(zjList).toContain('N002');
    expect(zjList).not.toContain('N001');
    expect(mon.filter((o) => !o.file)).toHaveLength(6);
    const tue = await s.play(run(t(TUE, '09:00'), 'ticket-nag'));
    const onsite = tue.filter((o) => o.text.includes('【现场督办】'));
    expect(onsite.map((o) => o.to).sort()).toEqual([...SUPERVISORS].sort());
    expect(onsite[0]?.text).toMatch(/区住房和城乡建设局1件：N001（超期4个工作日，单位已于11月20日签收）/);
    expect(onsite[0]?.text).toMatch(/N006（超期\d个工作日，单位未签收）/);
    expect(onsite[0]?.text).not.toContain('N002');
    expect(tue.filter((o) => o.text.includes('【书面督办通知】')).map((o) => o.to)).toEqual([HEADS.chengguan]);
    const wed = await s.play(run(t(WED, '09:00'), 'ticket-nag'));
    const referral = wed.filter((o) => o.text.includes('【提请督办】'));
    expect(referral.map((o) => o.to).sort()).toEqual([...LEADERS].sort());
    expect(referral[0]?.text).toContain('N001');
    expect(referral[0]?.text).not.toContain('N003');
    const steps = await s.h.app.db.query<{ ticket_number: string; step: string; day: string; recipients: string[] }>(
      "select ticket_number, step, day, recipients from ticket_escalations where ticket_number = 'N001' order " +
        'by taken_at',
    );
    expect(steps).toEqual([
      { ticket_number: 'N001', step: 'immediate', day: FRI, recipients: ['group', HEADS.zhujian] },
      { ticket_number: 'N001', step: 'written', day: MON, recipients: [HEADS.zhujian] },
      { ticket_number: 'N001', step: 'onsite', day: TUE, recipients: SUPERVISORS },
      { ticket_number: 'N001', step: 'referral', day: WED, recipients: LEADERS },
    ]);
    const counts = await s.h.app.db.query<{ n: number }>(
      'select count(*)::int as n from ticket_escalations group by ticket_number, step having count(*) > 1',
    );
    expect(counts).toEqual([]);
  });

  it('a ticket reopened in a later list appears in the next digest', async () => {
    const path = await writeXlsx(join(dir, 'reopen.xlsx'), [
      HEADER,
      ['N005', '医保报销', '', '卫健局', '', '', '2026-11-16 09:00', '2026-12-04', '重办', '不满意', 1],
    ]);
    const imp = await s.play({ at: t(WED, '10:00'), from: 'wxid_sup_liu', file: path, to: 'group' });
    expect(imp[0]?.text).toContain('更新1条');
    const out = await s.play(run(t(WED, '15:00'), 'ticket-nag'));
    const wj = out.find((o) => o.to === 'wxid_weijian_zhou');
    expect(wj?.text).toContain('N005 医保报销（待办理，重办）');
    const group = out.filter((o) => o.to === 'group');
    expect(group).toHaveLength(1);
    expect(group[0]?.mentions).toContain('wxid_weijian_zhou');
    expect(group[0]?.text).toContain('以下5个单位');
  });
});
