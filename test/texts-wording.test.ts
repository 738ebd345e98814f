/** Issue 12, item 18 (reports and help): texts as a government office writes them, no stray spaces. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../src/domain/roster.js';
import { CONSOLE_NEED_LOGIN } from '../src/domain/texts/console.js';
import { helpText } from '../src/domain/texts/help.js';
import * as R from '../src/domain/texts/reports.js';
import { run, Scenario, say } from './scenario.js';

const CJK_SPACE =
  /[\u4e00-\u9fff\uff0c\u3002\uff1a\uff1b] +[\u4e00-\u9fff]|[\u4e00-\u9fff] +[\u4e00-\u9fff\uff0c\u3002]/;
const D = '2026-11-30';
const t = (hhmm: string) => `${D}T${hhmm}:00+08:00`;

describe('report and help texts', () => {
  const person = (roles: Person['roles'], unit?: string): Person =>
    ({ id: 'x', name: '某某', roles, ...(unit ? { unit } : {}) }) as Person;

  it('has no stray spaces between Chinese words', () => {
    const missing = [
      { unit: '城东街道', heads: ['朱主任'] },
      { unit: '凤凰镇', heads: [] },
    ];
    const texts = [
      R.reportReminderText(D, '18:00', ['城东街道', '凤凰镇']),
      R.reportRollCallText(D, '18:00', 16, 18, missing),
      R.reportEscalationText(D, '18:30', missing),
      R.reportWrongUnitText('双河镇'),
      R.reportNoUnitText(),
      R.reportNotRecognisedText('general', '城东街道'),
      R.reportNotRecognisedText('question', '城东街道'),
      R.reportNotRecognisedText('evaluative', '城东街道'),
      R.calendarMissingText(2027),
      ...(['head', 'leader', 'supervisor', 'discipline'] as const).map((r) =>
        helpText(person([r], r === 'head' ? 'chengdong' : undefined)),
      ),
      CONSOLE_NEED_LOGIN,
    ];
    // Command examples in quotes (“转办 单位：事项”) keep their spaces.
    for (const text of texts) expect(text.replace(/“[^”]*”/g, '“”'), text).not.toMatch(CJK_SPACE);
  });

  it('the escalation reads as a 督办提请 with the time of the check', () => {
    expect(
      R.reportEscalationText(D, '18:30', [
        { unit: '城东街道', heads: ['朱主任'] },
        { unit: '凤凰镇', heads: [] },
      ]),
    ).toBe('督办提请：截至11月30日18:30，以下2个单位尚未报送当日日报：城东街道（朱主任）、凤凰镇。请予跟进督办。');
  });

  it('the console asks to message the bot privately, not "in the group privately"', () => {
    expect(CONSOLE_NEED_LOGIN).toBe('请私聊督办助手发送“控制台”获取登录链接。');
  });
});

describe('help and escalation in the group (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('help, however asked, does not end by telling the reader to ask for help', async () => {
    const asks = [
      say(t('09:00'), 'wxid_chengdong_zhu', '帮助'),
      say(t('09:01'), 'wxid_leader_li', '@督办助手 帮助', { mentions: [] }),
      say(t('09:02'), 'wxid_sup_liu', '？', { to: 'bot' }),
      say(t('09:03'), 'wxid_zhujian_xu', '菜单', { to: 'bot' }),
    ];
    const out = await s.play(...asks);
    expect(out).toHaveLength(4);
    for (const o of out) {
      expect(o.text).toContain('我是督办助手');
      expect(o.text).not.toMatch(/如需帮助|请发送“帮助”/);
      expect(
        o.text
          .split('\n')
          .slice(1)
          .every((l) => l.startsWith('· ') && l.endsWith('。')),
      ).toBe(true);
    }
    expect(out[0]?.text).toContain('发送“我的待办”可查看本单位');
  });

  it('the 18:30 escalation to the supervision team', async () => {
    await s.play(say(t('17:00'), 'wxid_chengdong_zhu', '城东街道今日受理8件，办结8件。'));
    const out = await s.play(run(t('18:30'), 'report-escalation'));
    expect(out.map((o) => o.to).sort()).toEqual(['wxid_sup_chen', 'wxid_sup_liu']);
    expect(out[0]?.text).toMatch(
      /^督办提请：截至11月30日18:30，以下17个单位尚未报送当日日报：区住房和城乡建设局（张局长）、/,
    );
    expect(out[0]?.text).not.toContain('城东街道');
    expect(out[0]?.text).toMatch(/。请予跟进督办。$/);
  });
});
