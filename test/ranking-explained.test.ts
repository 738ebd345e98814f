/**
 * The first 月评比 as the QA saw it: `17. 凤凰镇 20.00分` above `18. 双河镇 50.00分` with no reason,
 * and `区民政局 …日报 0%` for a unit that reported, only late. The rule is stated, the unit that
 * sent nothing is marked, and the column says 按时报送 with the late days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Out, run, Scenario, say } from './scenario.js';

const D1 = '2026-11-30';
const t = (hhmm: string, day = D1) => `${day}T${hhmm}:00+08:00`;

describe.each([
  {
    name: 'plain',
    minzheng: '民政局11.30：受理3，办结3，满意率100%🙏',
    fenghuang: '抱歉，凤凰镇今日受理4件，办结4件，满意率100%',
  },
  {
    name: 'full-width and emoji',
    minzheng: '区民政局：今日受理3件，办结3件。',
    fenghuang: '凤凰镇 受理4 办结4 在办0👍',
  },
  {
    name: 'short forms',
    minzheng: '民政局 受理3件 办结3件 满意100%',
    fenghuang: '凤凰镇今日受理4件办结4件，不好意思晚了',
  },
])('月评比 on 12-01 after one day ($name)', (c) => {
  let s: Scenario;
  let out: Out[] = [];
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('08:00'));
    await s.play(
      say(t('17:05'), 'wxid_zhujian_zhang', '【区住建局】今日受理12件，办结10件，在办2件，无超期，满意率98.5%'),
      say(t('18:20'), 'wxid_minzheng_jiang', c.minzheng),
      say(t('18:45'), 'wxid_fenghuang_he', c.fenghuang),
    );
    out = await s.play(run(t('09:00', '2026-12-01'), 'monthly-review'));
  });
  afterAll(async () => {
    await s?.close();
  });

  const table = () => out.find((o) => o.to === 'wxid_leader_li' && o.text.startsWith('【月评比·试运行】'))?.text ?? '';
  const line = (unit: string) =>
    table()
      .split('\n')
      .find((l) => l.includes(` ${unit} `)) ?? '';

  it('a unit that reported late reads 按时报送 0%，迟报1天 — never 日报 0%', () => {
    expect(line('区民政局')).toContain('按时报送 0%，迟报1天）');
    expect(line('凤凰镇')).toContain('按时报送 0%，迟报1天）');
    expect(table()).not.toMatch(/日报 \d/);
    expect(line('区住房和城乡建设局')).toContain('按时报送 100%）');
  });

  it('a unit that sent nothing is marked and the rule explains why it is below higher scores', () => {
    expect(line('双河镇')).toContain('按时报送 0%，未报送日报）');
    expect(table()).toContain('未报送日报的单位排在已报送单位之后（不论得分）。');
    const rank = (unit: string) => Number(/^(\d+)\./.exec(line(unit))?.[1]);
    expect(rank('双河镇')).toBeGreaterThan(rank('凤凰镇'));
    expect(table()).toMatch(/本月\d+个工作日中，督办助手运行了1天/);
  });
});
