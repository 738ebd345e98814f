/**
 * The QA day 12月8日–9日, findings 7, 9, 10 and 11, in the district's words (replay, Wechaty and WeCom):
 * - 7: a leader's question about the units' work in general (今天各单位工单办理情况怎么样？/ 全区工单办得怎么样了 /
 *   各单位今天情况如何？/ 今天的工单情况怎么样) gets the district picture (where reporting stands, the overdue and
 *   reopened tickets), never a failed dispatch look-up; a question naming a dispatch (湖滨路那件调度怎么样了, D2 进展)
 *   is still a dispatch progress query;
 * - 9: a unit's words naming several waiting things at once (a dispatch, a 双派单 round, tickets) are asked about on
 *   both channels, never recorded as the dispatch's answer on one and asked on the other; a message saying it is
 *   (to be) reported to a leader (…结果出来后报李主任 / 情况报王主任 / 方案明天向王主任汇报) with that leader's
 *   dispatch open is that dispatch's answer;
 * - 10: a group 收到 / 收到，马上安排 / 好的 within half an hour of a leader's dispatch @-mentioning the sender is
 *   that dispatch's 签收 (an older one still leaves the bot asking which);
 * - 11: privately, 收到 / 收到了 / 好的，收到 on a 双派单 round already signed says when it was signed (one line),
 *   never 已登记签收 again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addressingOf } from '../src/domain/dispatch/addressing.js';
import { progressQueryOf } from '../src/domain/leader/questions.js';
import { reportStatusQuestionOf } from '../src/domain/report/status-question.js';
import { type ReplayRun, runReplay } from './replay-run.js';

interface Out {
  at: string;
  to: string;
  text: string;
  mentions?: string[];
}

const LI = 'wxid_leader_li';
const WANG = 'wxid_leader_wang';
const LIU = 'wxid_sup_liu';
const ZHANG = 'wxid_zhujian_zhang';
const ZHU = 'wxid_chengdong_zhu';
const QIN = 'wxid_chengxi_qin';
const CHU = 'wxid_chengguan_chu';
const LV = 'wxid_shuanghe_lv';
const A = '2026-12-08';
const B = '2026-12-09';
const CONFIG = 'config/district.example.yaml';

function scenario(wecom: boolean): object[] {
  const g = (day: string, hhmm: string, from: string, text: string, mentions?: string[]) => {
    const o: Record<string, unknown> = { at: `${day} ${hhmm}`, from, text: wecom ? `@督办助手 ${text}` : text };
    if (mentions) o.mentions = mentions;
    return o;
  };
  const p = (day: string, hhmm: string, from: string, text: string) => ({
    at: `${day} ${hhmm}`,
    from,
    text,
    to: 'bot',
  });
  return [
    { at: `${A} 08:35`, from: LIU, file: 'test/fixtures/qa4/tickets-1208.csv', to: wecom ? 'bot' : 'group' },
    g(A, '08:40', WANG, '@吕镇长 西村流浪狗的事下周一前拿个方案', [LV]),
    g(A, '08:45', LI, '@张局长 @朱主任 阳光苑小区供水问题反复投诉，住建局牵头、城东街道配合，周四中午前报处理方案', [
      ZHANG,
      ZHU,
    ]),
    g(A, '08:47', ZHU, '收到'),
    g(A, '08:50', WANG, '@秦主任 锦绣路占道经营的事明天反馈', [QIN]),
    g(A, '08:52', QIN, '收到，马上安排'),
    g(A, '09:20', LI, '@吕镇长 西村垃圾站的事周五前报方案', [LV]),
    g(A, '09:22', LV, '好的'),
    g(A, '09:30', ZHANG, '收到'),
    p(A, '10:00', CHU, 'SP2 签收'),
    p(A, '10:05', CHU, '收到'),
    p(A, '10:10', CHU, '收到了'),
    p(A, '10:15', CHU, '好的，收到'),
    g(A, '11:00', LI, '今天各单位工单办理情况怎么样？'),
    g(A, '11:02', LI, '全区工单办得怎么样了'),
    g(A, '11:04', WANG, '各单位今天情况如何？'),
    p(A, '11:06', LI, '今天的工单情况怎么样'),
    g(A, '11:08', LI, '湖滨路那件调度怎么样了'),
    g(A, '11:10', LI, 'D2 进展'),
    g(A, '14:00', ZHANG, '阳光苑供水已经排查完了，是二次供水箱清洗不及时，已责令物业今天清洗'),
    g(A, '14:05', ZHANG, '阳光苑二次供水问题已经查清楚了，是水箱没有按时清洗'),
    p(A, '14:10', ZHANG, '阳光苑供水的问题已经排查完毕，物业正在清洗水箱'),
    g(B, '08:35', ZHANG, '阳光苑水箱昨晚已清洗完毕，水质已送检，结果出来后报李主任'),
    g(B, '08:40', QIN, '锦绣路占道经营已经清理完了，明天再巡查一次，情况报王主任'),
    g(B, '08:45', LV, '西村流浪狗已经联系收容站抓捕，方案明天向王主任汇报'),
  ];
}

describe('a question about the units in general, and who a message is reported to (pure)', () => {
  it.each(['今天各单位工单办理情况怎么样？', '全区工单办得怎么样了', '各单位今天情况如何？', '今天的工单情况怎么样'])(
    'the district picture: %s',
    (text) => {
      expect(reportStatusQuestionOf(text)).toEqual({ kind: 'overview', yesterday: false });
    },
  );

  it.each(['湖滨路那件调度怎么样了', 'D2 进展', '阳光苑那个事怎么样了', '西村流浪狗的事办得怎么样'])(
    'a named item stays a progress query: %s',
    (text) => {
      expect(reportStatusQuestionOf(text)).toBeNull();
      expect(progressQueryOf(text)).not.toBeNull();
    },
  );

  it.each([
    ['阳光苑水箱昨晚已清洗完毕，水质已送检，结果出来后报李主任', 'L'],
    ['锦绣路占道经营已经清理完了，明天再巡查一次，情况报王主任', 'W'],
    ['西村流浪狗已经联系收容站抓捕，方案明天向王主任汇报', 'W'],
    ['已报告李主任，物业今天清洗水箱', 'L'],
  ])('reported to a leader: %s', (text, who) => {
    const leaders = [
      { id: 'L', name: '李主任' },
      { id: 'W', name: '王副主任' },
    ];
    expect(addressingOf(text, [], leaders).leaderIds).toEqual([who]);
  });

  it.each(['李主任说的那个事我们在办', '王主任好，我们今天去现场'])('no report to anyone: %s', (text) => {
    const said = `材料已经交了，现场也去过了，${text}`;
    expect(addressingOf(said, [], [{ id: 'L', name: '李主任' }]).leaderIds).toEqual([]);
  });
});

for (const channel of ['wechaty', 'wecom'] as const) {
  describe(`qa4 findings 7, 9, 10, 11 (${channel})`, () => {
    let run: ReplayRun<Out> = { out: [], stderr: '', status: null };
    beforeAll(() => {
      run = runReplay<Out>(scenario(channel === 'wecom'), {
        config: CONFIG,
        ...(channel === 'wecom' ? { channel } : {}),
      });
    }, 180_000);
    /** What the person was told at that minute: privately, or in the group @-mentioning them. */
    const told = (who: string, day: string, hhmm: string) =>
      run.out
        .filter(
          (o) =>
            o.at.startsWith(`${day}T${hhmm}`) &&
            o.text &&
            (o.to === who || (o.to === 'group' && (o.mentions ?? []).length === 1 && o.mentions?.[0] === who)),
        )
        .map((o) => o.text.replace(/^@\S+ /, ''));
    const forwards = (day: string) => run.out.filter((o) => o.at.startsWith(day) && /^【调度反馈/.test(o.text ?? ''));

    it('runs', () => {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/line \d+:/);
    });

    it('10: a group 收到 just after a leader @-mentioned the sender signs that dispatch', () => {
      expect(told(ZHU, A, '08:47')).toEqual([expect.stringMatching(/^已登记签收 D2，/)]);
      expect(told(QIN, A, '08:52')).toEqual([expect.stringMatching(/^已登记签收 D3，/)]);
      // 吕镇长's D1 (08:40) is older than half an hour: D4, the one just @-mentioning him.
      expect(told(LV, A, '09:22')).toEqual([expect.stringMatching(/^已登记签收 D4，/)]);
      // 45 minutes on, nothing decides it: asked which (SP1 or D2).
      const zhang = told(ZHANG, A, '09:30').join('\n');
      expect(zhang).toMatch(/^贵单位目前有 2 件事项待签收/);
      expect(zhang).toContain('SP1');
      expect(zhang).toContain('D2');
    });

    it('11: 收到 on a round already signed says so, never signs it again', () => {
      expect(told(CHU, A, '10:00')).toEqual([expect.stringMatching(/^已登记签收 SP2，/)]);
      for (const at of ['10:05', '10:10', '10:15']) {
        expect(told(CHU, A, at), at).toEqual(['SP2 贵单位已于12月8日10:00签收，办理完成后请回复“SP2”加办理结果。']);
      }
    });

    it('7: a question about the units in general: the district picture; one naming a dispatch: its progress', () => {
      for (const [who, at] of [
        [LI, '11:00'],
        [LI, '11:02'],
        [WANG, '11:04'],
        [LI, '11:06'],
      ] as const) {
        const said = told(who, A, at).join('\n');
        expect(said, at).toContain(`截至${at}，12月8日日报`);
        expect(said, at).toContain('目前全区超期未办结工单');
        expect(said, at).not.toContain('调度');
      }
      expect(told(LI, A, '11:08').join('\n')).toContain('没有找到与“湖滨路”相关的调度');
      expect(told(LI, A, '11:10').join('\n')).toMatch(/^【D2】李主任于12月8日08:45交办/);
    });

    it('9: words naming several waiting things are asked about on both channels, never recorded', () => {
      for (const at of ['14:00', '14:05', '14:10']) {
        const said = told(ZHANG, A, at).join('\n');
        expect(said, at).toContain('D2');
        expect(said, at).toMatch(/可能是|吗？/);
      }
      expect(forwards(A)).toEqual([]);
    });

    it('9: reported to the leader whose dispatch is open: that dispatch’s answer', () => {
      expect(told(ZHANG, B, '08:35')).toEqual(['已收到贵单位对 D2 的反馈，已转报李主任。谢谢！']);
      expect(told(QIN, B, '08:40')).toEqual(['已收到贵单位对 D3 的反馈，已转报王副主任。谢谢！']);
      expect(told(LV, B, '08:45')).toEqual(['已收到贵单位对 D1 的反馈，已转报王副主任。谢谢！']);
      expect(forwards(B).map((o) => [o.to, o.text.split('\n')[0]])).toEqual([
        [LI, '【调度反馈 D2】区住房和城乡建设局（张局长）：'],
        [WANG, '【调度反馈 D3】城西街道（秦主任）：'],
        [WANG, '【调度反馈 D1】双河镇（吕镇长）：'],
      ]);
    });
  });
}
