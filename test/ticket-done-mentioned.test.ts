/**
 * A known ticket number with a done word anywhere in a unit person's message is recorded as reported done, besides
 * whatever else the message is.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doneTicketNumbers } from '../src/domain/tickets/done-mentions.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (hhmm: string, day = '2026-11-30') => `${day}T${hhmm}:00+08:00`;
const LI = 'wxid_leader_li';
const SUN = 'wxid_jiaoyu_sun';
const ZHENG = 'wxid_shengtai_zheng';

const row = (n: string, title: string, unit: string) => [
  n,
  title,
  title,
  unit,
  '',
  '',
  '2026-11-20 09:00',
  '2026-11-26 18:00',
  '办理中',
  '',
  0,
];

async function reported(s: Scenario, n: string): Promise<number> {
  const [r] = await s.h.app.db.query<{ n: number }>(
    "select count(*)::int as n from ticket_events where ticket_number = $1 and kind = 'reported-done'",
    [n],
  );
  return r?.n ?? 0;
}

describe('ticket done said inside other messages (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
    const path = await writeXlsx(join(tempDir(), 'list.xlsx'), [
      HEADER,
      row('GD20261123104', '学校周边摊贩', '教育局'),
      row('GD20261123105', '校车接送秩序', '教育局'),
      row('GD20261123106', '食堂卫生投诉', '教育局'),
      row('GD20261123107', '课后服务收费', '教育局'),
      row('GD20261123108', '校门口积水', '教育局'),
      row('GD20261123109', '操场灯光扰民', '教育局'),
      row('GD20261123110', '校园周边网吧', '教育局'),
      row('GD20261125106', '工地夜间施工噪音', '生态环境分局'),
      row('GD20261125107', '河道异味', '生态环境分局'),
      row('GD20261125108', '露天焚烧', '生态环境分局'),
      row('GD20261125200', '物业纠纷', '住建局'),
    ]);
    await s.play({ at: t('08:30'), from: 'wxid_sup_liu', file: path, to: 'group' });
  });
  afterAll(async () => {
    await s?.close();
  });

  const answers: Array<[string, string]> = [
    ['GD20261123104', 'GD20261123104搞定了，摊贩已清理，安排了护学岗'],
    ['GD20261123105', '报告李主任：GD20261123105 已经办结了，已回访市民满意'],
    ['GD20261123106', '李主任，GD20261123106那边办完了👌，食堂已全面消杀'],
    ['GD20261123110', 'GD20261123110 已办结，网吧已停业整改'],
  ];
  for (const [i, [n, text]] of answers.entries()) {
    it(`a dispatch answer that also says ${n} is done: both recorded`, async () => {
      const hh = String(9 + i).padStart(2, '0');
      await s.play(say(t(`${hh}:00`), LI, `@孙局长 ${n} 那个事要盯紧，明天下班前反馈`, { mentions: [SUN] }));
      const out = await s.play(say(t(`${hh}:10`), SUN, text));
      expect(out.some((o) => o.text.includes('【调度反馈'))).toBe(true);
      expect(out.map((o) => o.text).join('\n')).toContain(`另已记录工单 ${n} 的办结情况`);
      expect(await reported(s, n)).toBe(1);
    });
  }

  it.each([
    ['GD20261123107', '收到，书面督办已阅，GD20261123107昨天就办结了'],
    ['GD20261123108', '收到👌 GD20261123108 已解决，现场积水已抽排'],
    ['GD20261123109', '好的，收到。另外GD20261123109已办结'],
  ])('a 签收 that also says %s is done is recorded, once', async (n, text) => {
    await s.play(run(t('15:00'), 'ticket-nag'));
    const out = await s.play(say(t('15:10'), SUN, text));
    expect(out.map((o) => o.text).join('\n')).toContain(`工单 ${n} 的办结情况`);
    expect(await reported(s, n)).toBe(1);
    // Said again: recorded already, nothing added.
    const again = await s.play(say(t('15:20'), SUN, text));
    expect(again.map((o) => o.text).join('\n')).not.toContain(`工单 ${n} 的办结情况`);
    expect(await reported(s, n)).toBe(1);
  });

  it.each([
    ['GD20261125106', '生态环境分局今日受理3件，办结3件，满意度100%，另外GD20261125106已办结', '2026-11-30'],
    ['GD20261125107', '生态环境分局 今日受理5件 办结4件 在办1件。GD20261125107办结了，河道已清淤', '2026-12-01'],
    ['GD20261125108', '今天受理2件，办结2件；GD20261125108 搞定了', '2026-12-02'],
  ])('a daily report that also says %s is done: report stored and ticket recorded', async (n, text, day) => {
    const out = await s.play(say(t('17:00', day), ZHENG, text, { to: 'bot' }));
    const said = out.map((o) => o.text).join('\n');
    expect(said).toContain('日报');
    expect(said).toContain(`另已记录工单 ${n} 的办结情况`);
    expect(await reported(s, n)).toBe(1);
  });

  it("leaves alone another unit's ticket, unknown numbers and what is not done", async () => {
    await s.play(say(t('10:00', '2026-12-03'), ZHENG, '收到，GD20261125200已办结', { to: 'bot' }));
    expect(await reported(s, 'GD20261125200')).toBe(0);
    await s.play(say(t('10:01', '2026-12-03'), SUN, '收到，GD20991231999已办结'));
    expect(await reported(s, 'GD20991231999')).toBe(0);
  });
});

describe('doneTicketNumbers (pure)', () => {
  it('finds numbers said done anywhere, not negated nor asked', () => {
    expect(doneTicketNumbers('收到，书面督办已阅，GD20261123104昨天就办结了')).toEqual(['GD20261123104']);
    expect(doneTicketNumbers('今日受理3件，办结3件，另外GD20261125106已办结')).toEqual(['GD20261125106']);
    expect(doneTicketNumbers('GD20261125106正在办理，GD20261125107办完了')).toEqual(['GD20261125107']);
    expect(doneTicketNumbers('GD20261125106还没办结')).toEqual([]);
    expect(doneTicketNumbers('GD20261125106办结了吗？')).toEqual([]);
    expect(doneTicketNumbers('GD20261125106 尚未解决')).toEqual([]);
    expect(doneTicketNumbers('TB001 同意，D3 已办结')).toEqual([]);
  });
});
