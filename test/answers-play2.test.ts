import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scenario, say } from './scenario.js';

// Issue 12, the second played working day (play2): how units, leaders and supervisors answer.
// 2026-11-30 is a Monday.
const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const MON = '2026-11-30';
const LI = 'wxid_leader_li';
const ZHENG = 'wxid_shengtai_zheng';

async function target(s: Scenario, code: string, unitId: string): Promise<{ acked: boolean; answered: boolean; ackText: string | null }> {
  const [r] = await s.h.app.db.query<{ acked: boolean; answered: boolean; ack_text: string | null }>(
    `select t.acked_at is not null as acked, t.answered_at is not null as answered, null::text as ack_text
       from dispatch_targets t join dispatches d on d.id = t.dispatch_id where d.code = $1 and t.unit_id = $2`,
    [code, unitId],
  );
  return { acked: r?.acked ?? false, answered: r?.answered ?? false, ackText: r?.ack_text ?? null };
}

async function lastCode(s: Scenario): Promise<string> {
  const [r] = await s.h.app.db.query<{ code: string }>('select code from dispatches order by id desc limit 1');
  return r?.code ?? '';
}

const forwarded = (out: Array<{ text: string }>) => out.some((o) => o.text.includes('【调度反馈'));

describe('play2 1: a reply that only states a plan signs the dispatch, never closes it', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  const plans = [
    '李主任，锦绣小区烧烤店我们今天晚上去夜查，周五前反馈',
    '@李主任 收到，明天一早安排执法队去锦绣小区，处理结果周五前报您👌',
    '报告李主任：该问题我局将于本周四组织联合检查，结果稍后反馈。',
  ];
  for (const [i, plan] of plans.entries()) {
    it(`"${plan}" is a 签收 with the plan; the dispatch stays open and a real answer closes it`, async () => {
      const hh = String(9 + i * 3).padStart(2, '0');
      await s.play(say(t(MON, `${hh}:00`), LI, `@郑局长 锦绣小区${i + 1}号楼烧烤店油烟扰民，请本周五前查处并反馈。`, { mentions: [ZHENG] }));
      const code = await lastCode(s);
      const out = await s.play(say(t(MON, `${hh}:10`), ZHENG, plan, { mentions: plan.startsWith('@') ? [LI] : [] }));
      expect(forwarded(out)).toBe(false);
      expect(out.some((o) => o.text.includes('各单位均已反馈'))).toBe(false);
      const st = await target(s, code, 'shengtai');
      expect(st).toMatchObject({ acked: true, answered: false });
      // The leader asking later hears it is still open, not 办结.
      const progress = await s.play(say(t(MON, `${hh}:30`), LI, '锦绣小区烧烤店那个现在啥进展', { to: 'bot' }));
      expect(progress.map((o) => o.text).join('\n')).not.toContain('均已办结');
      // The answer with findings closes it.
      const done = await s.play(say(t(MON, `${hh}:50`), ZHENG, '李主任，锦绣小区烧烤店经夜查，已责令店主停业整改，油烟净化器已安装。'));
      expect(forwarded(done)).toBe(true);
      expect((await target(s, code, 'shengtai')).answered).toBe(true);
    });
  }
});
