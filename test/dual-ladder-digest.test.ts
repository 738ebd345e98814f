/**
 * Several 双派单 rounds late together climb the ladder on the same days: a person owed the
 * same step for several of them (a head's 即时/书面督办, the supervision team's 现场督办, the
 * leaders' 提请督办) gets ONE message listing them; a person owed one keeps today's message.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterConfig, unmarked } from './helpers.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const ZJ = 'wxid_zhujian_zhang';
const CD = 'wxid_chengdong_zhu';
const CX = 'wxid_chengxi_qin';
const SUPERVISORS = ['wxid_sup_liu', 'wxid_sup_chen'];
const LEADERS = ['wxid_leader_li', 'wxid_leader_wang'];
const SUP = 'wxid_sup_liu';

const row = (
  n: string,
  title: string,
  unit: string,
  street: string,
  status: string,
  rating: string,
  reopen: number,
) => [n, title, `${title}，请尽快处理`, unit, street, '', '2026-11-10 09:00', '', status, rating, reopen];

describe('双派单 rounds late together: one ladder message per person and step (replay)', () => {
  let s: Scenario;
  const dir = tempDir();
  beforeAll(async () => {
    const base = rosterConfig();
    s = await Scenario.open({ ...base, tickets: { ...base.tickets, ladder: { written: 1, onSite: 2, referral: 3 } } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('four rounds dispatched on Monday; the 承办单位 answers its two, the streets do not', async () => {
    const file = await writeXlsx(join(dir, 'a.xlsx'), [
      HEADER,
      row('S101', '小区路灯不亮', '区住建局', '城东街道', '已回访', '不满意', 0),
      row('S102', '背街小巷垃圾堆积', '城西街道', '城西街道', '重办', '', 1),
      row('S103', '农贸市场周边占道经营', '城西街道', '城西街道', '已回访', '不满意', 0),
      row('S104', '人行道井盖破损', '区住建局', '城东街道', '重办', '', 1),
    ]);
    const out = await s.play({ at: t('2026-11-16', '10:00'), from: SUP, file, to: 'group' });
    expect(
      out
        .filter((o) => unmarked(o.text).startsWith('【双派单'))
        .map((o) => o.to)
        .sort(),
    ).toEqual([CD, CD, CX, CX, ZJ, ZJ].sort());
    // The 承办单位 answers both of its rounds before the deadline; the street does not.
    await s.play(
      say(t('2026-11-17', '16:00'), ZJ, 'SP1 已组织维修，路灯已恢复照明', { to: 'bot' }),
      say(t('2026-11-17', '16:10'), ZJ, 'SP4 井盖已更换，现场已恢复通行', { to: 'bot' }),
    );
  });

  it('即时督办: each street late in two rounds gets one list; the group one note on who holds rounds up', async () => {
    const thu = await s.play(run(t('2026-11-19', '09:00'), 'dual-check'));
    const toCx = thu.filter((o) => o.to === CX && unmarked(o.text).startsWith('【即时督办'));
    expect(toCx).toHaveLength(1);
    expect(toCx[0]?.text).toMatch(/^【红色督办】【即时督办】以下2件双派单已超过答复时限仍未答复/);
    expect(toCx[0]?.text).toContain('SP2 工单 S102「背街小巷垃圾堆积」：城西街道');
    expect(toCx[0]?.text).toContain('SP3 工单 S103「农贸市场周边占道经营」：城西街道');
    const toCd = thu.filter((o) => o.to === CD && unmarked(o.text).startsWith('【即时督办'));
    expect(toCd).toHaveLength(1);
    expect(toCd[0]?.text).toMatch(/^【红色督办】【即时督办】以下2件双派单/);
    expect(thu.some((o) => o.to === ZJ)).toBe(false);
    // Who holds the two-sided rounds up: one note in the group for both, once a day.
    const group = thu.filter((o) => o.to === 'group');
    expect(group).toHaveLength(1);
    expect(group[0]?.text).toMatch(/^@朱主任 【红色督办】【双派单】以下2件双派单已过答复时限，仍有单位未答复/);
    expect(group[0]?.text).toContain('SP1 工单 S101「小区路灯不亮」：区住房和城乡建设局已答复，城东街道尚未答复');
    expect(group[0]?.text).toContain('SP4 工单 S104「人行道井盖破损」：区住房和城乡建设局已答复，城东街道尚未答复');
    expect(group[0]?.mentions).toEqual([CD]);
    expect(
      await s.play(run(t('2026-11-19', '09:00'), 'dual-check'), run(t('2026-11-19', '10:00'), 'dual-check')),
    ).toEqual([]);
  });

  it(
    '现场督办 and 提请督办: one message to each member of the ' + 'team and to each leader, listing every late side',
    async () => {
      await s.play(run(t('2026-11-20', '09:00'), 'dual-check'));
      const mon = await s.play(run(t('2026-11-23', '09:00'), 'dual-check'));
      for (const sup of SUPERVISORS) {
        const onsite = mon.filter((o) => o.to === sup && unmarked(o.text).startsWith('【现场督办'));
        expect(onsite, sup).toHaveLength(1);
        expect(onsite[0]?.text).toMatch(
          /^【红色督办】【现场督办】以下4件双派单超期仍未答复，已书面督办，请督导专班安排现场督办：/,
        );
        for (const part of [
          'SP1 工单 S101「小区路灯不亮」：城东街道（属地镇街）',
          'SP2 工单 S102',
          'SP3 工单 S103',
          'SP4 工单 S104「人行道井盖破损」：城东街道（属地镇街）',
        ])
          expect(onsite[0]?.text).toContain(part);
      }
      expect(await s.play(run(t('2026-11-23', '10:00'), 'dual-check'))).toEqual([]);
      const tue = await s.play(run(t('2026-11-24', '09:00'), 'dual-check'));
      for (const leader of LEADERS) {
        // One message listing them, then its 《督办函》 (issue 18 §4): one document for the four sides.
        const referral = tue.filter((o) => o.to === leader);
        expect(referral, leader).toHaveLength(2);
        expect(referral[1]?.file).toMatch(/^督办函-督〔2026〕\d+号\.docx$/);
        expect(referral[0]?.text).toMatch(
          new RegExp(
            '^【红色督办】【提请督办】以下4件双派单超期仍未答复，经即时、书面、现场督办未果，' +
              '提请领导督办（督〔2026〕\\d+号《督办函》附后）：',
          ),
        );
      }
      const steps = await s.h.app.db.query<{ n: number }>(
        "select count(*)::int as n from dual_escalations where step in ('onsite', 'referral')",
      );
      expect(steps[0]?.n).toBe(8);
      // 双问责 still follows for each round whose every side is late past the ladder: SP2 and SP3 (× 2 supervisors and
      // the discipline office).
      expect(
        tue
          .filter((o) => o.text.startsWith('【双问责 SP'))
          .map((o) => o.text.slice(0, 9))
          .sort(),
      ).toEqual([
        '【双问责 SP2】',
        '【双问责 SP2】',
        '【双问责 SP2】',
        '【双问责 SP3】',
        '【双问责 SP3】',
        '【双问责 SP3】',
      ]);
      expect(await s.play(run(t('2026-11-24', '10:00'), 'dual-check'))).toEqual([]);
    },
  );
});
