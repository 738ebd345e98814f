/**
 * Which open item a unit's message without a code is about (QA day 12月3日, findings 4, 5, 6 and 8), through `cli
 * replay` on Wechaty and WeCom:
 * - a statement about the whole day's tickets (今日工单已全部办结 / 今天的件都办完了 / 工单均已按时办结) answers,
 *   signs and closes nothing: the sender hears privately that it was not recorded and how to answer what waits;
 * - 是否作为 SPn 的办理情况？ only when the message's words name SPn's ticket (滨江花园电梯 → 小区电梯长期停运); words
 *   naming the unit's tickets instead (烧烤店的事情…) get those tickets; naming nothing, what waits is listed;
 * - a ticket said done without its number (学位那件…已办结), in the group or privately, is asked about privately over
 *   all the unit's open tickets (是否指工单 N（标题）？), and 是的 records it;
 * - 好的李主任，… signs the one item 李主任 issued.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isDayTicketsStatement } from '../src/domain/tickets/day-statement.js';
import { ticketsNamedByTitle, topicMatches } from '../src/domain/tickets/title-match.js';
import { type ReplayRun, runReplay } from './replay-run.js';

interface Out {
  at: string;
  to: string;
  text: string;
}

const DAY = '2026-12-03';
const LI = 'wxid_leader_li';
const WANG = 'wxid_leader_wang';
const CHU = 'wxid_chengguan_chu';
const QIN = 'wxid_chengxi_qin';
const YOU = 'wxid_hubin_you';
const ZHANG = 'wxid_zhujian_zhang';
const SUN = 'wxid_jiaoyu_sun';
const SHEN = 'wxid_jiaotong_shen';
const LV = 'wxid_shuanghe_lv';

describe('day statements and topics (pure)', () => {
  it.each([
    '今日工单已全部办结',
    '今天的件都办完了',
    '工单均已按时办结',
    '我局今天的工单都已办结',
    '报告领导，今日12345工单均已按期办结。',
    '本单位今日诉求全部办结😊',
    '今天的单子都办完了',
  ])('a statement about the day: %s', (text) => {
    expect(isDayTicketsStatement(text)).toBe(true);
  });

  it.each([
    '学位那件已办结',
    '烧烤店的工单都办完了',
    '今日受理5件，全部办结',
    '这件已办结',
    '今天的工单都办结了吗？',
    '收到',
  ])('no statement about the day: %s', (text) => {
    expect(isDayTicketsStatement(text)).toBe(false);
  });

  it('a title word names a ticket; a dispatch or 诉求 needs two', () => {
    const tickets = [
      { number: '1', title: '噪音扰民' },
      { number: '2', title: '烧烤店噪音' },
      { number: '3', title: '烧烤噪音扰民' },
      { number: '4', title: '学位申请咨询' },
    ];
    expect(ticketsNamedByTitle('烧烤店的事情已经处理完了', tickets).map((t) => t.number)).toEqual(['2', '3']);
    expect(ticketsNamedByTitle('学位那件已经电话回复市民了，已办结', tickets).map((t) => t.number)).toEqual(['4']);
    expect(ticketsNamedByTitle('今天的件都办完了', tickets)).toEqual([]);
    expect(topicMatches('滨江花园电梯那个今天维保单位已经进场了', { title: '小区电梯长期停运' })).toBe(true);
    expect(
      topicMatches('烧烤店的事情已经处理完了', { title: '夜市油烟扰民', body: '市民反映湖滨路夜市摊点油烟大' }),
    ).toBe(false);
    expect(topicMatches('烧烤店已责令整改', { body: '锦绣小区烧烤店噪音扰民这周已经第三次反映了' })).toBe(true);
    expect(topicMatches('已到现场处置', { body: '锦绣小区烧烤店噪音扰民这周已经第三次反映了' })).toBe(false);
    // A ticket number both name is the item's topic; another number is not.
    expect(topicMatches('GD20261123104搞定了，摊贩已清理', { body: 'gd20261123104 那个事要盯紧' })).toBe(true);
    expect(topicMatches('2026120100051 已办结', { body: '请核实2026120100051的处置情况' })).toBe(true);
    expect(topicMatches('2026120100052 已办结', { body: '请核实2026120100051的处置情况' })).toBe(false);
  });
});

function scenario(wecom: boolean): object[] {
  const at = (hhmm: string) => `${DAY} ${hhmm}`;
  const say = (hhmm: string, from: string, text: string, mentions?: string[]) => ({
    at: at(hhmm),
    from,
    text: wecom ? `@督办助手 ${text}` : text,
    ...(mentions ? { mentions } : {}),
  });
  const dm = (hhmm: string, from: string, text: string) => ({ at: at(hhmm), from, text, to: 'bot' });
  return [
    { at: at('08:36'), from: 'wxid_sup_liu', file: 'test/fixtures/qa3/tickets-1203.csv', to: wecom ? 'bot' : 'group' },
    say(
      '08:45',
      LI,
      '@褚局长 @秦主任 锦绣小区烧烤店噪音扰民这周已经第三次反映了，请城管局牵头、城西街道配合，明天下班前把结果报我',
      [CHU, QIN],
    ),
    say('08:46', LI, '@尤主任 湖滨路夜市摊点占道经营，请本周内整治到位', [YOU]),
    say('08:47', WANG, '@吕镇长 东村垃圾点的问题周五前拿出一个彻底解决的方案', [LV]),
    say('08:48', LI, '@吕镇长 双河镇敬老院消防通道堵塞，请明天下班前整改', [LV]),
    // 4: statements about the day's tickets, privately and in the group.
    dm('09:00', CHU, '今日工单已全部办结'),
    say('09:01', CHU, '工单均已按时办结'),
    dm('09:02', YOU, '今天的件都办完了'),
    say('09:03', YOU, '报告领导，今日12345工单均已按期办结。'),
    dm('09:04', ZHANG, '我局今天的工单都已办结'),
    // 8: an acknowledgement naming the leader signs that leader's one item.
    dm('09:10', CHU, '好的李主任，马上安排执法中队过去'),
    say('09:11', YOU, '收到李主任，今天就组织城管和网格员上路'),
    dm('09:12', LV, '好的王主任，今天就去现场看'),
    // 5: the one item a message's words name, else what they name, else what waits.
    say('09:20', YOU, '滨江花园3栋电梯已经修好了，今天恢复运行'),
    dm('09:21', YOU, '湖滨路夜市的油烟已经现场劝导整改，排烟罩装上了'),
    say('09:22', CHU, '已到现场，烧烤店已责令整改，晚上十点后停止外摆'),
    say('09:30', CHU, '烧烤店的事情已经处理完了，详见秦主任上面的回复'),
    dm('09:31', CHU, '烧烤店那边已经处置好了，居民反映安静了'),
    dm('09:32', CHU, '已安排执法人员加强巡查，发现一起处理一起'),
    // 6: a ticket said done without its number, in the group and privately.
    say('10:00', SUN, '学位那件已经电话回复市民了，已办结'),
    dm('10:05', SUN, '插班入学的咨询已经答复家长了，办结了'),
    dm('10:06', SUN, '是的'),
    say('10:10', SHEN, '停车收费那个已经答复市民，办结了'),
    dm('10:15', CHU, '路灯那件已经修好了，可以办结'),
  ];
}

for (const channel of ['wechaty', 'wecom'] as const) {
  describe(`which item a message without a code is about (${channel})`, () => {
    let run: ReplayRun<Out> = { out: [], stderr: '', status: null };
    beforeAll(() => {
      run = runReplay<Out>(scenario(channel === 'wecom'), {
        config: 'config/district.example.yaml',
        ...(channel === 'wecom' ? { channel } : {}),
      });
    }, 180_000);
    const at = (hhmm: string) => run.out.filter((o) => o.at.startsWith(`${DAY}T${hhmm}`) && o.text);
    const to = (who: string, hhmm: string) =>
      at(hhmm)
        .filter((o) => o.to === who)
        .map((o) => o.text)
        .join('\n');

    it('runs', () => {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/line \d+:/);
    });

    it('4: a statement about the day answers nothing, closes nothing; the sender hears how to answer', () => {
      for (const [who, hhmm] of [
        [CHU, '09:00'],
        [CHU, '09:01'],
        [YOU, '09:02'],
        [YOU, '09:03'],
      ] as const) {
        const said = at(hhmm);
        expect(
          said.map((o) => o.to),
          hhmm,
        ).toEqual([who]);
        expect(said[0]?.text, hhmm).toMatch(
          /^您好，这条消息是对今日工单情况的总体说明，未作为任何事项的答复记录。贵单位目前有 \d 件事项待答复：/,
        );
        expect(said[0]?.text, hhmm).toContain('SP2 双派单，工单 2026112100088「夜市油烟扰民」');
      }
      expect(to(ZHANG, '09:04')).toBe(
        '您好，这条消息是对今日工单情况的总体说明，未作为 SP1（双派单，工单 2026112000153「小区电梯长期停运」）的答复' +
          '记录。如需答复 SP1，请回复“SP1”加办理情况，例如：SP1 已到现场处置……',
      );
      for (const hhmm of ['09:00', '09:01', '09:02', '09:03', '09:04']) {
        expect(to(LI, hhmm), hhmm).toBe('');
        expect(
          at(hhmm)
            .map((o) => o.text)
            .join('\n'),
          hhmm,
        ).not.toMatch(/已收到贵单位对|已登记签收/);
      }
    });

    it('8: 好的李主任 / 收到李主任 / 好的王主任 sign the one item that leader issued', () => {
      expect(to(CHU, '09:10')).toBe('已登记签收 D1，办理时限12月4日（星期五）18:00，办理后请回复结果。');
      expect(to(YOU, '09:11')).toMatch(/^已登记签收 D2，/);
      expect(to(LV, '09:12')).toMatch(/^已登记签收 D3，/);
    });

    it('5: 是否作为 SPn only when the words name its ticket; else what they name; else what waits', () => {
      expect(to(YOU, '09:20')).toMatch(
        /^是否作为 SP1（双派单，工单 2026112000153「小区电梯长期停运」）的办理情况？回复“SP1”加内容即可/,
      );
      // 湖滨路夜市 names SP2's ticket and 李主任's 夜市 dispatch (D2): both offered, SP1 left as still waiting.
      const night = to(YOU, '09:21');
      expect(night).toMatch(/^您好，这条消息未作为答复记录。消息所说的事项可能是：\nSP2 双派单，工单 2026112100088/);
      expect(night).toContain('\nD2 调度“湖滨路夜市摊点占道经营');
      expect(night).not.toContain('\nSP1 ');
      // The dispatch its words name takes it (烧烤店 → D1).
      expect(to(LI, '09:22')).toMatch(/^【调度反馈 D1】区城市管理局（褚局长）：\n已到现场，烧烤店已责令整改/);
      // D1 answered, SP2 (夜市油烟扰民) waits: 烧烤店 names the 烧烤店 tickets, never SP2.
      for (const hhmm of ['09:30', '09:31']) {
        const said = at(hhmm);
        expect(
          said.map((o) => o.to),
          hhmm,
        ).toEqual([CHU]);
        expect(said[0]?.text, hhmm).toContain('2026120100051');
        expect(said[0]?.text, hhmm).toContain('2026120200013');
        expect(said[0]?.text, hhmm).not.toContain('是否作为 SP2');
      }
      // Naming nothing: what waits is listed, nothing guessed.
      expect(to(CHU, '09:32')).toMatch(/^您好，这条消息未作为答复记录。贵单位目前有 1 件事项待答复：\nSP2 /);
      expect(run.out.some((o) => o.text.includes('已收到贵单位对 SP'))).toBe(false);
    });

    it('6: a ticket said done without its number: 是否指工单 N（标题）？ privately; 是的 records it', () => {
      const ask = '是否指工单 2026120200078（学位申请咨询）？如是报告该工单已办结，请回复“是”确认；';
      expect(at('10:00').map((o) => o.to)).toEqual([SUN]);
      expect(to(SUN, '10:00')).toMatch(new RegExp(`^${ask}`));
      expect(to(SUN, '10:05')).toMatch(new RegExp(`^${ask}`));
      expect(to(SUN, '10:06')).toBe('已记录工单 2026120200078 的办结情况，最终以 12345 平台状态为准。');
      expect(at('10:10').map((o) => o.to)).toEqual([SHEN]);
      expect(to(SHEN, '10:10')).toMatch(/^是否指工单 2026113000027（停车收费咨询）？/);
      expect(to(CHU, '10:15')).toMatch(/^是否指工单 2026112800062（路灯不亮）？/);
    });
  });
}
