/**
 * QA day 12月8日, findings 5, 6 and 8 (replay, Wechaty and WeCom):
 * - a ticket said done by its title in everyday words (已经答复市民了, 已经修好了, 已经上门处置了, 处理好了 …) is asked
 *   about (是否指工单 N（标题）？), never recorded on a guess; a denial (还没修好) is not;
 * - a head's count of today's 工单 in everyday words that is not a report (今天处理了9件工单，还有两件没办完) gets the
 *   未识别为日报 hint; 剩1个 / 还剩2件 reads as 在办;
 * - 帮我看看我们局有哪些单子 (privately) is 我的待办; @督办助手 早上好各位 is a greeting.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { courtesyOf } from '../src/domain/language/intent.js';
import { isMyItemsRequest } from '../src/domain/my-items/request.js';
import { explainReport } from '../src/domain/report/parse.js';
import { Roster } from '../src/domain/roster.js';
import { ROSTER_PATH } from './helpers.js';
import { type ReplayRun, runReplay } from './replay-run.js';

interface Out {
  at: string;
  to: string;
  text: string;
  mentions?: string[];
}

const SUN = 'wxid_jiaoyu_sun';
const SHEN = 'wxid_jiaotong_shen';
const FENG = 'wxid_gongan_feng';
const WEI = 'wxid_shijian_wei';
const JIANG = 'wxid_minzheng_jiang';
const ZHOU = 'wxid_weijian_zhou';
const HAN = 'wxid_nongye_han';
const DAY = '2026-12-08';

function scenario(wecom: boolean): object[] {
  const say = (hhmm: string, from: string, text: string, to?: 'bot') =>
    to
      ? { at: `${DAY} ${hhmm}`, from, text, to }
      : { at: `${DAY} ${hhmm}`, from, text: wecom ? `@督办助手 ${text}` : text };
  return [
    say('08:31', SHEN, '早上好各位'),
    say('08:32', SUN, '早上好，各位'),
    say('08:33', FENG, '早上好大家'),
    {
      at: `${DAY} 08:35`,
      from: 'wxid_sup_liu',
      file: 'test/fixtures/qa4/tickets-1208.csv',
      to: wecom ? 'bot' : 'group',
    },
    say('09:05', SUN, '幼儿园收费那件已经答复市民了'),
    say('09:08', SHEN, '公交站台的已经修好了'),
    say('09:12', WEI, '药店价格那个已经处理好了'),
    say('09:14', JIANG, '低保申请那件已经电话回复市民了'),
    say('09:16', ZHOU, '疫苗预约那件还没修好'),
    say('10:15', FENG, '电动车充电那件派出所已经上门处置了'),
    say('09:20', WEI, '帮我看看我们局有哪些单子', 'bot'),
    say('09:21', SUN, '我们单位现在有哪些工单？', 'bot'),
    say('09:22', SHEN, '查一下我局的工单', 'bot'),
    say('17:10', FENG, '公安分局今天处理了9件工单，还有两件没办完'),
    say('17:12', WEI, '市场监管局今天工单不多，就3件，都结了'),
    say('17:14', HAN, '农业农村局今天工单处理了5件，还有2件没弄完'),
  ].sort((a, b) => String(a.at).localeCompare(String(b.at)));
}

describe('everyday words (pure)', () => {
  it.each(['帮我看看我们局有哪些单子', '我们单位现在有哪些工单？', '查一下我局的工单', '看看我们有几个单子'])(
    '我的待办: %s',
    (text) => expect(isMyItemsRequest(text)).toBe(true),
  );
  it.each(['这个工单是什么意思', '我们局有哪些单子已经办完了'])('not 我的待办: %s', (text) =>
    expect(isMyItemsRequest(text)).toBe(false),
  );
  it.each(['早上好各位', '早上好，各位', '早上好大家', '各位早上好'])('a greeting: %s', (text) =>
    expect(courtesyOf(text)).toBe('greeting'),
  );
  it('早上好各位，今天开会 is no bare greeting', () => expect(courtesyOf('早上好各位，今天开会')).toBeNull());

  const cfg = loadDistrictFile(ROSTER_PATH);
  const roster = new Roster(cfg.units, cfg.people);
  const read = (text: string) =>
    explainReport({ text, sentAt: '2026-12-08T17:10:00+08:00' }, roster, cfg.timezone).parse;
  it.each([
    ['教育局今天接了5个，处理完4个，剩1个明天回访', 5, 4, 1],
    ['今天受理5件，办结3件，还剩2件', 5, 3, 2],
    ['今天收了3件，办完2件，剩下1件', 3, 2, 1],
  ] as const)('what is left is 在办: %s', (text, received, completed, inProgress) => {
    expect(read(text)).toMatchObject({ isReport: true, received, completed, inProgress });
  });
  it.each(['路灯修好了3个，剩2个明天弄', '公安分局今天处理了9件工单，还有两件没办完'])('no report: %s', (text) => {
    expect(read(text).isReport).toBe(false);
  });
});

for (const channel of ['wechaty', 'wecom'] as const) {
  describe(`QA day findings 5, 6, 8 (${channel})`, () => {
    let run: ReplayRun<Out> = { out: [], stderr: '', status: null };
    beforeAll(() => {
      run = runReplay<Out>(scenario(channel === 'wecom'), channel === 'wecom' ? { channel } : {});
    }, 180_000);
    const told = (who: string, hhmm: string) =>
      run.out
        .filter(
          (o) =>
            o.at.startsWith(`${DAY}T${hhmm}`) &&
            o.text &&
            (o.to === who || (o.to === 'group' && (o.mentions ?? []).length === 1 && o.mentions?.[0] === who)),
        )
        .map((o) => o.text.replace(/^@\S+\s+/, ''));

    it('runs', () => {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/line \d+:/);
    });

    it('a ticket said done by its title in everyday words is asked about, never recorded', () => {
      for (const [who, at, number, title] of [
        [SUN, '09:05', '2026120100102', '幼儿园收费咨询'],
        [SHEN, '09:08', '2026120300057', '公交站台破损'],
        [WEI, '09:12', '2026120700012', '药店价格虚高'],
        [JIANG, '09:14', '2026120700049', '低保申请咨询'],
        [FENG, '10:15', '2026120800005', '电动车违规充电'],
      ] as const) {
        const said = told(who, at);
        expect(said, `${who} ${at}`).toHaveLength(1);
        expect(said[0], `${who} ${at}`).toMatch(new RegExp(`^是否指工单 ${number}（${title}）？`));
      }
      expect(told(ZHOU, '09:16').join('\n')).not.toContain('是否指工单');
    });

    it('privately, what do we have is 我的待办', () => {
      for (const [who, at] of [
        [WEI, '09:20'],
        [SUN, '09:21'],
        [SHEN, '09:22'],
      ] as const) {
        const said = told(who, at).join('\n');
        expect(said, `${who} ${at}`).toMatch(/待办/);
        expect(said, `${who} ${at}`).not.toContain('未能识别');
      }
    });

    it('today’s tickets counted in everyday words get the 未识别为日报 hint', () => {
      for (const [who, at] of [
        [FENG, '17:10'],
        [WEI, '17:12'],
        [HAN, '17:14'],
      ] as const) {
        const said = told(who, at);
        expect(said, `${who} ${at}`).toHaveLength(1);
        expect(said[0], `${who} ${at}`).toMatch(/^未识别为日报/);
      }
    });

    it('a greeting to the bot with 各位 / 大家 is answered as one (WeCom); not addressed, none (Wechaty)', () => {
      for (const [who, at] of [
        [SHEN, '08:31'],
        [SUN, '08:32'],
        [FENG, '08:33'],
      ] as const) {
        expect(told(who, at), `${who} ${at}`).toEqual(
          channel === 'wecom' ? ['您好！需要帮助可发送“帮助”，查看本单位待办可发送“我的待办”。'] : [],
        );
      }
    });
  });
}
