import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (hhmm: string, day = '2026-11-20') => `${day}T${hhmm}:00+08:00`;
const ZJ = 'wxid_zhujian_zhang';
const CG = 'wxid_chengguan_chu';
const LEADERS = ['wxid_leader_li', 'wxid_leader_wang'];

describe('退办 / 不再办理 approvals (real pipeline)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
    const path = await writeXlsx(join(tempDir(), 'list.xlsx'), [
      HEADER,
      ['A001', '物业纠纷', '', '区住建局', '', '', '2026-11-18 09:00', '', '办理中', '', 0],
      ['A002', '商铺油烟', '', '城管局', '', '', '2026-11-18 09:00', '', '办理中', '', 0],
      ['A003', '违建', '', '城管局', '', '', '2026-11-18 09:00', '', '办理中', '', 0],
    ]);
    await s.play({ at: t('08:30'), from: 'wxid_sup_liu', file: path, to: 'group' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'a head asks; each leader gets the request point-to-point ' + 'with a code; a leader approves; the head is told',
    async () => {
      const ask = await s.play(say(t('09:00'), ZJ, '申请退办 A001 属物业合同纠纷，不属于本单位职责'));
      const toLeaders = ask.filter((o) => LEADERS.includes(o.to));
      expect(toLeaders.map((o) => o.to).sort()).toEqual([...LEADERS].sort());
      expect(toLeaders[0]?.text).toContain('【退办申请】TB001');
      expect(toLeaders[0]?.text).toContain('理由：属物业合同纠纷，不属于本单位职责');
      expect(ask.find((o) => o.to === 'group')?.text).toContain('已提交领导审批，编号 TB001');
      const ok = await s.play(say(t('09:30'), 'wxid_leader_li', '同意 TB001', { to: 'bot' }));
      expect(ok.find((o) => o.to === ZJ)?.text).toContain('您的退办申请（TB001，工单 A001）已获李主任同意');
      expect(ok.find((o) => o.to === 'wxid_leader_li')?.text).toContain('已记录：同意 TB001');
      const again = await s.play(say(t('09:31'), 'wxid_leader_wang', '不同意 TB001 再议', { to: 'bot' }));
      expect(again).toHaveLength(1);
      expect(again[0]?.text).toBe('TB001 已由李主任于11月20日09:30同意，无需重复审批。');
    },
  );

  it('a leader refuses with a reason; the head is told the reason', async () => {
    await s.play(say(t('10:00'), CG, '申请不再办理 A002 诉求人已自行解决'));
    const no = await s.play(say(t('10:10'), 'wxid_leader_wang', '不同意 TB002 请先回访核实', { to: 'bot' }));
    expect(no.find((o) => o.to === CG)?.text).toContain('未获王副主任同意，意见：请先回访核实');
    const rows = await s.h.app.db.query<{ decision: string; decided_by: string }>(
      "select decision, decided_by from ticket_approvals where code = 'TB002'",
    );
    expect(rows).toEqual([{ decision: 'refused', decided_by: 'wxid_leader_wang' }]);
  });

  it(
    'a decision by a non-leader is refused and recorded; the request stays open and is re-sent once after the ' +
      'configured hours',
    async () => {
      await s.play(say(t('11:00'), CG, '申请退办 A003 属规划审批事项'));
      const sup = await s.play(say(t('11:05'), 'wxid_sup_liu', '同意 TB003'));
      expect(sup).toHaveLength(1);
      expect(sup[0]?.text).toContain('仅由区管委领导审批');
      const head = await s.play(say(t('11:06'), ZJ, '同意 TB003'));
      expect(head[0]?.text).toContain('仅由区管委领导审批');
      const rows = await s.h.app.db.query<{ decision: string | null }>(
        "select decision from ticket_approvals where code = 'TB003'",
      );
      expect(rows).toEqual([{ decision: null }]);
      const ev = await s.h.app.db.query<{ n: number }>(
        "select count(*)::int as n from ticket_events where ticket_number = 'A003' and kind = " +
          "'approval-decision-refused'",
      );
      expect(ev[0]?.n).toBe(2);
      expect(await s.play(run(t('13:00'), 'ticket-approval-resend'))).toEqual([]);
      const resent = await s.play(run(t('15:30'), 'ticket-approval-resend'));
      expect(resent.map((o) => o.to).sort()).toEqual([...LEADERS].sort());
      expect(resent[0]?.text).toContain('【退办申请·再次提请】TB003');
      expect(await s.play(run(t('16:30'), 'ticket-approval-resend'))).toEqual([]);
    },
  );

  it('asks for a reason, checks the ticket and the unit', async () => {
    expect((await s.play(say(t('16:40'), ZJ, '申请退办 A001')))[0]?.text).toContain('无需重复申请');
    expect((await s.play(say(t('16:40'), CG, '申请退办 A002')))[0]?.text).toContain('请写明理由');
    expect((await s.play(say(t('16:41'), ZJ, '申请退办 ZZZZ 不是我们的')))[0]?.text).toContain('未找到工单 ZZZZ');
    expect((await s.play(say(t('16:42'), ZJ, '申请退办 A003 不是我们的')))[0]?.text).toContain(
      '承办单位为区城市管理局',
    );
  });
});

describe('a leader writes the approval code first (TB001 同意 …): the decision, the rest its remark', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
    const rows: unknown[][] = [HEADER];
    for (let i = 1; i <= 6; i++)
      rows.push([`B00${i}`, `事项${i}`, '', '城管局', '', '', '2026-11-18 09:00', '', '办理中', '', 0]);
    const path = await writeXlsx(join(tempDir(), 'list.xlsx'), rows);
    await s.play({ at: t('08:30'), from: 'wxid_sup_liu', file: path, to: 'group' });
    for (let i = 1; i <= 6; i++) await s.play(say(t(`09:0${i}`), CG, `申请退办 B00${i} 属镇街职责，非我局职能`));
  });
  afterAll(async () => {
    await s?.close();
  });

  const decided = async (code: string) =>
    (
      await s.h.app.db.query<{ decision: string | null; note: string | null }>(
        'select decision, decision_note as note from ticket_approvals where code = $1',
        [code],
      )
    )[0];

  it.each([
    ['TB001 同意，请农业局与双河镇做好交接', 'TB001', true, '请农业局与双河镇做好交接'],
    ['TB002同意', 'TB002', true, ''],
    ['同意TB003，请尽快与属地交接👍', 'TB003', true, '请尽快与属地交接👍'],
    ['TB004 可以，同意', 'TB004', true, ''],
    ['TB005 不同意（职责已明确，由城管局继续办理）', 'TB005', false, '职责已明确，由城管局继续办理'],
    ['tb006：不同意，先回访核实再说', 'TB006', false, '先回访核实再说'],
  ])('%s', async (text, code, approve, note) => {
    const out = await s.play(say(t('10:00'), 'wxid_leader_wang', text, { to: 'bot' }));
    const toLeader = out.find((o) => o.to === 'wxid_leader_wang')?.text ?? '';
    expect(toLeader).toBe(`已记录：${approve ? '同意' : '不同意'} ${code}，已通知申请单位。`);
    expect(out.some((o) => o.text.includes('转办'))).toBe(false);
    const toUnit = out.find((o) => o.to === CG)?.text ?? '';
    expect(toUnit).toContain(approve ? '已获王副主任同意' : '未获王副主任同意');
    if (note) expect(toUnit).toContain(`意见：${note}`);
    else expect(toUnit).not.toContain('意见');
    expect(await decided(code)).toEqual({
      decision: approve ? 'approved' : 'refused',
      note: note || expect.anything(),
    });
  });
});
