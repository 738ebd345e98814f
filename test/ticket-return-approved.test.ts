/** A ticket whose 退办 / 不再办理 a leader approved waits for the platform: never chased again, never asked again. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planLookback } from '../src/domain/tickets/lookback.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (hhmm: string, day = '2026-11-30') => `${day}T${hhmm}:00+08:00`;
const HAN = 'wxid_nongye_han';
const ZHOU = 'wxid_weijian_zhou';
const LEADERS = ['wxid_leader_li', 'wxid_leader_wang'];

describe('approved 退办 (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
    const path = await writeXlsx(join(tempDir(), 'list.xlsx'), [
      HEADER,
      [
        'GD20261122103',
        '农村垃圾清运',
        '柳树村垃圾堆放未清运',
        '农业农村局',
        '',
        '',
        '2026-11-22 09:00',
        '2026-11-27 18:00',
        '办理中',
        '',
        0,
      ],
      [
        'GD20261122104',
        '农机补贴咨询',
        '农机补贴发放进度咨询',
        '农业农村局',
        '',
        '',
        '2026-11-22 09:00',
        '2026-11-27 18:00',
        '办理中',
        '',
        0,
      ],
      [
        'GD20261124105',
        '医保报销',
        '异地医保报销',
        '卫健局',
        '',
        '',
        '2026-11-22 09:00',
        '2026-11-27 18:00',
        '办理中',
        '',
        0,
      ],
    ]);
    await s.play({ at: t('08:30'), from: 'wxid_sup_liu', file: path, to: 'group' });
    await s.play(
      say(t('09:40'), HAN, '柳树村垃圾那个单子不是我们农业农村局的事，GD20261122103 请求退回，应由双河镇环卫所负责'),
    );
    await s.play(say(t('09:45'), 'wxid_leader_wang', 'TB001 同意。双河镇要尽快接手，今天内清运完', { to: 'bot' }));
  });
  afterAll(async () => {
    await s?.close();
  });

  it("is left out of the 即时督办 and never escalated; the unit's other tickets still are", async () => {
    const nag = await s.play(run(t('15:00'), 'ticket-nag'));
    const all = nag.map((o) => o.text).join('\n');
    expect(all).not.toContain('GD20261122103');
    expect(all).toContain('GD20261122104');
    const next = await s.play(run(t('09:00', '2026-12-01'), 'ticket-nag'));
    const text = next.map((o) => o.text).join('\n');
    expect(text).not.toContain('GD20261122103');
    expect(text).toContain('GD20261122104');
  });

  it.each([['我的待办'], ['我们还有几件超期'], ['查一下我们局还有几件超期工单？']])(
    '我的待办 marks it: %s',
    async (text) => {
      const out = await s.play(say(t('10:00', '2026-12-01'), HAN, text, { to: 'bot' }));
      expect(out).toHaveLength(1);
      expect(out[0]?.text).toContain('GD20261122103（农村垃圾清运）（退办已获批准，待平台处理）');
      expect(out[0]?.text).toMatch(/GD20261122104（农机补贴咨询）(?!（退办)/);
    },
  );

  it.each([
    ['退办 GD20261122103 已获批准'],
    ['申请退办 GD20261122103 不属于我局职责，应由双河镇负责'],
    ['GD20261122103 不归我们管，申请退回😅'],
  ])('asking again gets the earlier approval, no new request: %s', async (text) => {
    const before = await s.h.app.db.query<{ n: number }>('select count(*)::int as n from ticket_approvals');
    const out = await s.play(say(t('10:05', '2026-12-01'), HAN, text, { to: 'bot' }));
    expect(out).toHaveLength(1);
    expect(out[0]?.text).toBe('该工单的退办申请 TB001 已于11月30日09:45获王副主任同意，无需重复申请。');
    const after = await s.play(run(t('16:00', '2026-12-01'), 'ticket-approval-resend'));
    expect(after).toEqual([]);
    expect(await s.h.app.db.query<{ n: number }>('select count(*)::int as n from ticket_approvals')).toEqual(before);
  });

  it('a pending request asked again is named, not duplicated', async () => {
    await s.play(say(t('16:30'), ZHOU, '申请退办 GD20261124105 属医保局职责'));
    for (const text of [
      '申请退办 GD20261124105 医保不归卫健局',
      'GD20261124105 不属于我们，请求退回',
      '退办 GD20261124105',
    ]) {
      const out = await s.play(say(t('16:40'), ZHOU, text, { to: 'bot' }));
      expect(out).toHaveLength(1);
      expect(out[0]?.text).toContain('TB002');
      expect(out[0]?.text).toContain('待审批');
    }
  });

  it('the re-send waits for working hours: not at 21:00, at the next working morning', async () => {
    expect(await s.play(run(t('21:00'), 'ticket-approval-resend'))).toEqual([]);
    expect(await s.play(run(t('07:30', '2026-12-01'), 'ticket-approval-resend'))).toEqual([]);
    const resent = await s.play(run(t('09:00', '2026-12-01'), 'ticket-approval-resend'));
    expect(resent.map((o) => o.to).sort()).toEqual([...LEADERS].sort());
    expect(resent[0]?.text).toContain('【退办申请·再次提请】TB002');
  });
});

describe('回头看 leaves an approved 退办 out, counted apart (pure)', () => {
  it('is not re-dispatched nor counted as nagged', () => {
    const base = { title: 'x', unitId: 'nongye', done: false, rating: null, reportedDone: false, dualCode: null };
    for (const nagRuns of [true, false]) {
      const plan = planLookback(
        [
          { ...base, number: 'A1', returnApproved: true },
          { ...base, number: 'A2' },
        ],
        nagRuns,
      );
      expect(plan.returned.get('nongye')).toEqual(['A1']);
      expect([...plan.redispatch.values()].flat().map((l) => l.number)).not.toContain('A1');
      expect([...plan.nagged.values()].flat()).not.toContain('A1');
    }
  });
});

describe('回头看 on 12-01 after a 退办 was approved (replay)', () => {
  let s: Scenario;
  const d = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
  beforeAll(async () => {
    s = await Scenario.open(undefined, d('2026-11-02', '08:00'));
    const path = await writeXlsx(join(tempDir(), 'nov.xlsx'), [
      HEADER,
      ['L001', '小区路灯不亮', '', '区住建局', '', '', '2026-11-16 09:00', '2026-11-18 18:00', '办理中', '', 0],
      ['L002', '楼道渗水', '', '区住建局', '', '', '2026-11-16 09:00', '2026-11-18 18:00', '办理中', '', 0],
    ]);
    await s.play({ at: d('2026-11-30', '08:30'), from: 'wxid_sup_liu', file: path, to: 'group' });
    await s.play(say(d('2026-11-30', '09:00'), 'wxid_zhujian_zhang', '申请退办 L001 路灯归供电公司管，不属于我局职责'));
    await s.play(say(d('2026-11-30', '09:30'), 'wxid_leader_li', '同意 TB001', { to: 'bot' }));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the approved one is counted apart, not re-dispatched nor counted as nagged', async () => {
    const out = await s.play(run(d('2026-12-01', '09:00'), 'monthly-review'));
    const sum = out.find((o) => o.to === 'wxid_leader_li' && o.text.startsWith('【回头看】11月份'))?.text ?? '';
    expect(sum).toContain('共2件');
    expect(sum).toContain('超期未办结1件已在每日工单督办中跟进，不重复交办（区住房和城乡建设局1件）');
    expect(sum).toContain('退办已获批准、待平台处理1件，不重复交办（区住房和城乡建设局1件）');
    expect(out.some((o) => o.text.startsWith('【回头看】区住房和城乡建设局') && o.text.includes('L001'))).toBe(false);
  });
});
