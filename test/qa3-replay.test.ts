/**
 * A QA day (Thursday 2026-12-03) as the district's people typed it (replay, Wechaty and WeCom):
 * - a leader or supervisor asks who has not reported yet (今天还有哪些单位没报？/ 日报报齐了吗 / 报送情况怎么样) and
 *   gets the units still missing with their heads (was: silence in the group, 未能识别 privately); an instruction to
 *   the units (大家抓紧报送，务必报齐) is no question;
 * - a leader asks for the day's summary (今天的汇总发我看一下): before 18:40 where reporting stands and when the
 *   summary comes, after it the summary itself, privately;
 * - a report sent again after a recall (撤回) is the day's report, not an 已更新 with 未填报→3件 (Wechaty: WeCom has no
 *   recall).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { reportStatusQuestionOf } from '../src/domain/report/status-question.js';
import { type ReplayRun, runReplay } from './replay-run.js';

interface Out {
  at: string;
  to: string;
  text: string;
}

const LI = 'wxid_leader_li';
const WANG = 'wxid_leader_wang';
const LIU = 'wxid_sup_liu';
const CHEN = 'wxid_sup_chen';
const LV = 'wxid_shuanghe_lv';
const HE = 'wxid_fenghuang_he';
const DAY = '2026-12-03';

/** Every reporting unit's head but the two left missing (区自然资源和规划分局, 新港镇), as they report. */
const REPORTERS: Array<[string, string, 'bot'?]> = [
  // Privately, from units with an overdue ticket, saying 工单 … 办结: the day's report, not a ticket said done.
  ['wxid_zhujian_zhang', '住建局今日受理工单11件，已办结10件，在办1件', 'bot'],
  ['wxid_jiaoyu_sun', '教育局今日受理6件，办结5件'],
  ['wxid_weijian_zhou', '卫健局 受理4 办结4'],
  ['wxid_renshe_wu', '人社局今日受理7件，办结7件'],
  ['wxid_shengtai_zheng', '生态环境分局今天受理2件，办结2件'],
  ['wxid_gongan_feng', '今天的工单都办结了，受理8件办结8件', 'bot'],
  ['wxid_chengguan_chu', '城管局今日受理14件，办结11件'],
  ['wxid_shijian_wei', '市场监管局今日受理工单5件，均已办结，无超期', 'bot'],
  ['wxid_minzheng_jiang', '民政局今日受理1件，办结1件'],
  ['wxid_jiaotong_shen', '交通局今日受理2件，办结2件'],
  ['wxid_nongye_han', '农业局今日受理2件 办结2件'],
  ['wxid_chengdong_zhu', '城东街道今天受理6件，办结5件'],
  ['wxid_chengxi_qin', '城西街道今日受理9件，办结7件'],
  ['wxid_hubin_you', '湖滨街道今日受理10件，办结8件'],
];

function scenario(wecom: boolean): object[] {
  const say = (hhmm: string, from: string, text: string, to?: 'bot') =>
    to
      ? { at: `${DAY} ${hhmm}`, from, text, to }
      : { at: `${DAY} ${hhmm}`, from, text: wecom ? `@督办助手 ${text}` : text };
  const lines: object[] = [
    { at: `${DAY} 08:36`, from: LIU, file: 'test/fixtures/qa3/tickets-1203.csv', to: wecom ? 'bot' : 'group' },
    say('10:00', LI, '今天日报报了几个单位了？'),
    say('16:00', LIU, '日报报送情况', 'bot'),
    ...REPORTERS.map(([who, text, to], i) => say(`16:${String(10 + i).padStart(2, '0')}`, who, text, to)),
    say('17:00', LV, '双河镇今日受理3件，办结3件'),
  ];
  if (!wecom)
    lines.push(
      { at: `${DAY} 17:01`, from: LV, recall: true },
      say('17:02', LV, '双河镇今日受理3件，办结2件，在办1件（东村垃圾点）'),
      say('17:05', HE, '凤凰镇今日受理4件，办结3件'),
      { at: `${DAY} 17:06`, from: HE, recall: true },
      say('17:07', HE, '凤凰镇：今天受理4件，办结4件，满意率100%'),
    );
  else lines.push(say('17:05', HE, '凤凰镇今日受理4件，办结4件'));
  lines.push(
    // An instruction to the units, not a question to the bot.
    say('17:20', LI, '大家抓紧报送，今天的日报18点前务必报齐。'),
    say('17:40', WANG, '今天的汇总发我看一下', 'bot'),
    { at: `${DAY} 18:00`, run: 'report-deadline' },
    say('18:05', 'wxid_zigui_yang', '资规分局今日受理1件，办结1件'),
    say('18:12', LI, '今天还有哪些单位没报？'),
    say('18:15', CHEN, '还有谁没报日报', 'bot'),
    say('18:20', WANG, '日报都报齐了吗', 'bot'),
    { at: `${DAY} 18:40`, run: 'daily-summary' },
    say('19:00', WANG, '今天的汇总发我看一下', 'bot'),
    say('19:05', LI, '日报汇总再发我一下'),
    { at: '2026-12-04 08:40', from: LIU, text: wecom ? '@督办助手 昨天哪些单位没报' : '昨天哪些单位没报' },
  );
  return lines;
}

describe('report status questions (pure)', () => {
  it.each([
    ['今天还有哪些单位没报？', 'missing'],
    ['日报都报齐了吗', 'missing'],
    ['还有谁没报日报', 'missing'],
    ['今天报送情况怎么样？', 'missing'],
    ['小助手，今天还有哪些单位没报日报？', 'missing'],
    ['今天的汇总发我看一下', 'summary'],
    ['日报汇总', 'summary'],
    ['请问今天日报汇总出来了吗', 'summary'],
  ])('%s → %s', (text, kind) => {
    expect(reportStatusQuestionOf(text)?.kind).toBe(kind);
  });

  it.each([
    '大家抓紧报送，今天的日报18点前务必报齐。',
    '请各单位18点前报齐',
    '今天没报的单位要通报批评',
    '住建局今日受理12件，办结10件',
    '今天受理情况汇总：受理12件',
    '督促未报单位尽快报送',
  ])('not a question: %s', (text) => {
    expect(reportStatusQuestionOf(text)).toBeNull();
  });
});

for (const channel of ['wechaty', 'wecom'] as const) {
  describe(`report status and recall in the district's words (${channel})`, () => {
    let run: ReplayRun<Out> = { out: [], stderr: '', status: null };
    beforeAll(() => {
      run = runReplay<Out>(scenario(channel === 'wecom'), channel === 'wecom' ? { channel } : {});
    }, 180_000);
    const to = (who: string, at: string) =>
      run.out
        .filter((o) => o.to === who && o.at.startsWith(at.replace(' ', 'T')) && o.text)
        .map((o) => o.text)
        .join('\n');
    const group = (at: string) =>
      run.out
        .filter((o) => o.to === 'group' && o.at.startsWith(at.replace(' ', 'T')) && o.text)
        .map((o) => o.text)
        .join('\n');

    it('runs', () => {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/line \d+:/);
    });

    it('who has not reported: counted, the missing units named with their heads', () => {
      expect(group(`${DAY} 10:00`)).toContain('截至10:00，12月3日日报尚无单位报送（应报18个单位）。');
      expect(to(LIU, `${DAY} 16:00`)).toMatch(/^截至16:00，12月3日日报尚无单位报送/);
      const at1812 = group(`${DAY} 18:12`);
      expect(at1812).toContain(
        '截至18:12，12月3日日报应报18个单位，已报17个（其中迟报1个），尚未报送1个：新港镇（许镇长）。',
      );
      expect(at1812).not.toContain('报送截止时间');
      for (const [who, at] of [
        [CHEN, `${DAY} 18:15`],
        [WANG, `${DAY} 18:20`],
      ] as const) {
        expect(to(who, at), at).toContain('尚未报送1个：新港镇（许镇长）');
        expect(to(who, at), at).not.toContain('未能识别');
      }
      expect(group('2026-12-04 08:40')).toContain('截至12月4日08:40，12月3日日报应报18个单位，已报17个');
    });

    it('a private report saying 工单 … 办结 from a unit with an overdue ticket is its daily report', () => {
      for (const [who, at, unit] of [
        ['wxid_zhujian_zhang', '16:10', '区住房和城乡建设局'],
        ['wxid_gongan_feng', '16:15', '区公安分局'],
        ['wxid_shijian_wei', '16:17', '区市场监督管理局'],
      ] as const) {
        const reply = to(who, `${DAY} ${at}`);
        expect(reply, at).toMatch(new RegExp(`^已收到${unit}12月3日日报：受理`));
        expect(reply, at).not.toContain('是否指工单');
      }
    });

    it('an instruction to report is no question', () => {
      expect(group(`${DAY} 17:20`)).not.toContain('截至');
      expect(to(LI, `${DAY} 17:20`)).not.toContain('截至');
    });

    it('the summary asked for: before 18:40 when it comes, after it the summary privately', () => {
      const early = to(WANG, `${DAY} 17:40`);
      expect(early).toContain('尚未报送2个：区自然资源和规划分局（杨局长）、新港镇（许镇长）');
      expect(early).toContain('报送截止时间为18:00');
      expect(early).toContain('12月3日日报汇总将于18:40发出');
      expect(to(WANG, `${DAY} 19:00`)).toMatch(
        /^【12月3日 12345热线日报汇总】\n报送：17\/18个单位（迟报1个），未报1个。/,
      );
      // Asked in the group: the summary comes privately, not a second time in the group.
      expect(to(LI, `${DAY} 19:05`)).toMatch(/^【12月3日 12345热线日报汇总】/);
      expect(group(`${DAY} 19:05`)).toBe('');
    });

    if (channel === 'wechaty')
      it('a report sent again after a recall is the day report, with nothing compared to the recalled one', () => {
        for (const [who, at, unit] of [
          [LV, `${DAY} 17:02`, '双河镇'],
          [HE, `${DAY} 17:07`, '凤凰镇'],
        ] as const) {
          const reply = to(who, at);
          expect(reply, at).toMatch(new RegExp(`^已收到${unit}12月3日日报：受理`));
          expect(reply, at).not.toContain('已更新');
          expect(reply, at).not.toContain('未填报→');
          expect(reply, at).not.toContain('第2次报送');
        }
      });
  });
}
