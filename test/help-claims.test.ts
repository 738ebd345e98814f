/**
 * Help per role says only what the bot does: 赵书记 (discipline) was told 未按时报送、逾期未办的事项会
 * 点对点提请您督办, but the 18:30 提请 goes to the supervision team only. And no text promises
 * what nothing in the code does (倒查结果将与相关负责人考核挂钩).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backcheckQuestionText } from '../src/domain/texts/dual.js';
import { run, Scenario, say } from './scenario.js';

const D = '2026-11-30';
const t = (hhmm: string) => `${D}T${hhmm}:00+08:00`;
const ZHAO = 'wxid_disc_zhao';
const LIU = 'wxid_sup_liu';
const LI = 'wxid_leader_li';
const ZHU = 'wxid_chengdong_zhu';

describe('help per role is true to what the bot sends', () => {
  let s: Scenario;
  const helps = new Map<string, string>();
  let escalation: string[] = [];
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('08:00'));
    // Each asks the way people do: plain, with a question mark, @-mentioning the bot, 菜单.
    const asks: Array<[string, string, Record<string, unknown>]> = [
      [ZHAO, '帮助', { to: 'bot' }],
      [LIU, '？', { to: 'bot' }],
      [LI, '@督办助手 帮助', { mentions: [] }],
      [ZHU, '菜单', { to: 'bot' }],
    ];
    for (const [k, [who, text, extra]] of asks.entries()) {
      const out = await s.play(say(t(`09:0${k}`), who, text, extra));
      helps.set(who, out[0]?.text ?? '');
    }
    escalation = (await s.play(run(t('18:30'), 'report-escalation'))).map((o) => o.to);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the 18:30 提请 goes to the supervision team, and only their help promises it', () => {
    expect(escalation.length).toBeGreaterThan(0);
    for (const [who, text] of helps) {
      const promised = /18:30仍未报送日报/.test(text);
      expect(promised, `${who}: ${text}`).toBe(escalation.includes(who));
    }
  });

  it('赵书记 (discipline) is told only about 双问责 cases, with the configured round; no 督办 promise', () => {
    const zhao = helps.get(ZHAO) ?? '';
    expect(zhao).toContain('双派单达到第3轮');
    expect(zhao).toContain('双问责案件及证据链点对点发送给您');
    expect(zhao).not.toMatch(/未按时报送|逾期未办|提请您督办/);
  });

  it(
    'the leader is told of the ticket 提请督办 and the summaries;' + ' approvals with a real code, no angle brackets',
    () => {
      const li = helps.get(LI) ?? '';
      expect(li).toContain('工单经即时、书面、现场督办仍未办结的，我会点对点提请您督办');
      expect(li).toContain('“同意 TB001”或“不同意 TB001 理由”');
      for (const text of helps.values()) expect(text).not.toMatch(/[<>‹›]/);
      expect(helps.get(ZHU)).toContain('“工单编号 已办结 说明”');
    },
  );

  it('a unit is told what the three colours mean (blue 1 working day ahead) and that 书面督办 comes in writing', () => {
    expect(helps.get(ZHU)).toContain(
      '· 督办提醒按三色标注：到期前一个工作日【蓝色提醒】，到期当日【黄色预警】，' +
        '超期或多次延期、多次不满意【红色督办】；书面督办另附《催办通知书》，请按通知要求书面反馈。',
    );
    expect(helps.get(LI)).toContain('提请您督办（附《督办函》）');
    expect(helps.get(ZHAO)).not.toContain('三色');
  });

  it('the back-check questions promise nothing the bot does not do (no 考核挂钩)', () => {
    for (const o of [{}, { oneSide: true }, { received: true }]) {
      expect(backcheckQuestionText('SP2', '2026112300411', '城西街道', o)).not.toMatch(/考核|挂钩|问责|通报/);
    }
  });
});
