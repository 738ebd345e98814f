/**
 * What the third played working day (play3) showed: replies that point back to a held message,
 * acknowledgements and thanks while something waits or nothing does, leaders' decisions
 * without a code.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

// 2026-11-30 is a Monday.
const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const MON = '2026-11-30';
const WANG = 'wxid_leader_wang';
const SUP = 'wxid_sup_liu';

const row = (n: string, title: string, unit: string, street: string, status: string, rating: string, reopen: number) =>
  [n, title, `${title}，请尽快处理`, unit, street, '', '2026-11-25 09:00', '', status, rating, reopen];

describe('play3 7: a leader\'s 同意吧 / 可以 / 不行，… with a request waiting names it and the exact reply', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('never 未能识别, never decided without the code', async () => {
    const ticket = join(tempDir(), 'tb.xlsx');
    await writeXlsx(ticket, [HEADER, row('2026113000019', '垃圾清运不及时', '双河镇', '双河镇', '办理中', '', 0)]);
    await s.play({ at: t(MON, '10:10'), from: SUP, file: ticket, to: 'group' });
    const req = await s.play(say(t(MON, '10:11'), 'wxid_shuanghe_lv', '申请退办 2026113000019 该垃圾点属县环卫公司管理，不属于本镇职责', { to: 'bot' }));
    const code = /TB\d+/.exec(req.find((o) => o.to === WANG)?.text ?? '')?.[0] ?? '';
    expect(code).toMatch(/^TB\d+$/);
    const cases: Array<[string, string]> = [
      ['同意吧', `回复“同意 ${code}”即可。`],
      ['可以。', `回复“同意 ${code}”即可。`],
      ['行，让双河镇尽快接手', `回复“同意 ${code}”即可。`],
      ['不行，医保局不在我们区，镇里要兜底', `回复“不同意 ${code} 理由”即可。`],
      ['不可以！', `回复“不同意 ${code} 理由”即可。`],
    ];
    for (const [text, want] of cases) {
      const out = await s.play(say(t(MON, '10:12'), WANG, text, { to: 'bot' }));
      expect(out, text).toHaveLength(1);
      expect(out[0]?.text, text).toContain(want);
      expect(out[0]?.text, text).not.toContain('未能识别');
    }
    const [a] = await s.h.app.db.query<{ decision: string | null }>('select decision from ticket_approvals where code = $1', [code]);
    expect(a?.decision).toBeNull();
  });
});
