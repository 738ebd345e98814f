/**
 * A QA day (Tuesday 2026-12-08) as the district's people typed it (replay, Wechaty and WeCom):
 * - a day report in everyday words ending in a plan (接了5个，处理完4个，剩1个明天回访) from a unit with an unsigned
 *   ticket digest is its report, never the digest's 签收 (was: 已签收，督办记录已更新。 and the report lost);
 * - one 收到 signs all of the unit's unsigned digests (09:00 and 15:00): a second 收到 is not answered again;
 * - a 收到 after the 17:30 reminder that signs a digest also says the report is due, once (never two answers);
 * - privately, a unit's 收到 when its items are all signed but unanswered is told so (D1 … 已签收，无需重复签收),
 *   never asked 是否签收 D1？.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isPlanOnly, isSoftAck } from '../src/domain/language/intent.js';
import { type ReplayRun, runReplay } from './replay-run.js';

interface Out {
  at: string;
  to: string;
  text: string;
  mentions?: string[];
}

const LIU = 'wxid_sup_liu';
const WANG = 'wxid_leader_wang';
const LI = 'wxid_leader_li';
const SUN = 'wxid_jiaoyu_sun';
const ZHENG = 'wxid_shengtai_zheng';
const SHEN = 'wxid_jiaotong_shen';
const CHU = 'wxid_chengguan_chu';
const LV = 'wxid_shuanghe_lv';
const QIN = 'wxid_chengxi_qin';
const DAY = '2026-12-08';

function scenario(wecom: boolean): object[] {
  const say = (hhmm: string, from: string, text: string, to?: 'bot', mentions?: string[]) => {
    if (to) return { at: `${DAY} ${hhmm}`, from, text, to };
    const o: Record<string, unknown> = { at: `${DAY} ${hhmm}`, from, text: wecom ? `@督办助手 ${text}` : text };
    if (mentions) o.mentions = mentions;
    return o;
  };
  return [
    { at: `${DAY} 08:35`, from: LIU, file: 'test/fixtures/qa4/tickets-1208.csv', to: wecom ? 'bot' : 'group' },
    { at: `${DAY} 09:00`, run: 'ticket-nag' },
    say('09:15', WANG, '@吕镇长 西村流浪狗的事下周一前拿个方案', undefined, [LV]),
    say('09:16', LV, '好的王主任'),
    say('10:00', LV, '收到', 'bot'),
    say('10:20', LV, '收到，马上安排', 'bot'),
    say('10:30', QIN, 'SP2 签收'),
    say('10:35', LI, '@秦主任 锦绣路占道经营的事明天反馈', undefined, [QIN]),
    say('10:36', QIN, 'D2 收到'),
    say('10:37', WANG, '@秦主任 城西菜场噪音周五前拿方案', undefined, [QIN]),
    say('10:38', QIN, 'D3 收到'),
    say('10:40', QIN, '收到', 'bot'),
    say('11:00', QIN, '好的，收到', 'bot'),
    { at: `${DAY} 15:00`, run: 'ticket-nag' },
    say('16:55', SUN, '教育局今天接了5个，处理完4个，剩1个明天回访'),
    say('16:58', ZHENG, '生态环境分局今天收了3个，办完2个，剩1个明天去现场'),
    { at: `${DAY} 17:30`, run: 'report-reminder' },
    say('17:31', SHEN, '收到'),
    say('17:32', SHEN, '收到收到'),
    say('17:33', CHU, '好的'),
    say('17:34', CHU, '好的'),
  ];
}

describe('acknowledgement or report (pure)', () => {
  it.each([
    '教育局今天接了5个，处理完4个，剩1个明天回访',
    '生态环境分局今天收了3个，办完2个，剩1个明天去现场',
    '今天收了4件，结了3件，还有1件明天上门',
  ])('a report with a plan at its end is no acknowledgement: %s', (text) => {
    expect(isPlanOnly(text)).toBe(false);
    expect(isSoftAck(text)).toBe(false);
  });

  it.each(['收到，明天去现场', '好的，明天上午安排人员核查', '收到，明天安排3个人去现场'])(
    'still a plan: %s',
    (text) => {
      expect(isSoftAck(text)).toBe(true);
    },
  );
});

for (const channel of ['wechaty', 'wecom'] as const) {
  describe(`signing and reporting in the district's words (${channel})`, () => {
    let run: ReplayRun<Out> = { out: [], stderr: '', status: null };
    beforeAll(() => {
      run = runReplay<Out>(scenario(channel === 'wecom'), channel === 'wecom' ? { channel } : {});
    }, 180_000);
    /** What the person was told at that minute: privately, or in the group @-mentioning them. */
    const told = (who: string, hhmm: string) =>
      run.out
        .filter(
          (o) =>
            o.at.startsWith(`${DAY}T${hhmm}`) &&
            o.text &&
            (o.to === who || (o.to === 'group' && (o.mentions ?? []).length === 1 && o.mentions?.[0] === who)),
        )
        .map((o) => o.text);

    it('runs', () => {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/line \d+:/);
    });

    it('a report ending in a plan is the day report, never the digest signed', () => {
      expect(told(SUN, '16:55')).toEqual(['已收到区教育局12月8日日报：受理5件、办结4件、在办1件。']);
      expect(told(ZHENG, '16:58')).toEqual(['已收到区生态环境分局12月8日日报：受理3件、办结2件、在办1件。']);
    });

    it('one 收到 after the 17:30 reminder signs the digests and says the report is due, once', () => {
      expect(told(SHEN, '17:31').join('\n')).toMatch(/已签收，督办记录已更新。请于18:00前报送区交通运输局今日日报。$/);
      expect(told(SHEN, '17:32')).toEqual([]);
      expect(told(CHU, '17:33').join('\n')).toMatch(/^(@褚局长 )?已签收.*请于18:00前报送区城市管理局今日日报。$/);
      // The second 好的 signs what the first answer said was still unsigned (SP2), never the digest again.
      expect(told(CHU, '17:34').join('\n')).not.toContain('督办记录已更新');
    });

    it('privately, 收到 with everything signed says so and what is due', () => {
      expect(told(LV, '09:16').join('\n')).toContain('已登记签收 D1');
      for (const [who, at] of [
        [LV, '10:00'],
        [LV, '10:20'],
        [QIN, '10:40'],
        [QIN, '11:00'],
      ] as const) {
        const said = told(who, at).join('\n');
        expect(said, `${who} ${at}`).toContain('已签收');
        expect(said, `${who} ${at}`).not.toContain('是否签收');
      }
      expect(told(QIN, '10:40')).toEqual([
        '贵单位以下 2 件事项均已签收，无需重复签收：\nD2 调度“锦绣路占道经营的事明天反馈”\n' +
          'D3 调度“城西菜场噪音周五前拿方案”\n办理完成后请回复编号加办理结果，例如：D2 已到现场处置……',
      ]);
    });
  });
}
