import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';
import { type ReplayRun, runReplay } from './replay-run.js';
import { HEADER, TICKET_ROWS, tempDir, writeXlsx } from './ticket-helpers.js';

type Line = {
  at: string;
  to: string;
  text?: string;
  mentions?: string[];
  file?: string;
  card?: { key: string; title: string; buttons: string[] };
  cardUpdate?: { title: string; text?: string; for: string[] | 'all' };
};

function replay(lines: object[], channel?: string): ReplayRun<Line> {
  return runReplay<Line>(lines, channel ? { channel } : {});
}

const wecom = (lines: object[]) => replay(lines, 'wecom');
const at = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`;
const BOT = 'wxid_duban_bot';
const LI = 'wxid_leader_li';
const WANG = 'wxid_leader_wang';
const LIU = 'wxid_sup_liu';
const ZHANG = 'wxid_zhujian_zhang';
const XU = 'wxid_zhujian_xu';
const SUN = 'wxid_jiaoyu_sun';
const ZHOU = 'wxid_weijian_zhou';
const WU = 'wxid_renshe_wu';
const ZHENG = 'wxid_shengtai_zheng';
const FENG = 'wxid_gongan_feng';
const CHU = 'wxid_chengguan_chu';
const YOU = 'wxid_hubin_you';
const JIANG = 'wxid_minzheng_jiang';

describe('cli replay --channel', () => {
  it('refuses an unknown channel with the usage', () => {
    const r = replay([], 'qq');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--channel wechaty|wecom');
  });
});

describe('replay on WeCom: daily reports in the group (with and without @) and privately', () => {
  let out: Line[] = [];
  let stderr = '';
  beforeAll(() => {
    const r = wecom([
      { at: at('17:05'), from: ZHANG, text: '@督办助手 今日受理12件，办结10件' },
      // Not @-mentioning the bot: WeCom does not show these to the bot.
      { at: at('17:06'), from: SUN, text: '【区教育局】今日受理8件，办结8件' },
      { at: at('17:06'), from: WU, text: '区人社局：受理6件，办结6件 @李主任', mentions: [LI] },
      { at: at('17:07'), from: ZHOU, text: '今日受理5件，办结5件', to: 'bot' },
      // The bot among the mentions (a scenario written for Wechaty): @督办助手 is typed in front.
      { at: at('17:08'), from: ZHENG, text: '区生态环境分局 受理3件 办结3件', mentions: [BOT] },
      { at: at('17:09'), from: FENG, text: '@督办助手\n区公安分局日报\n受理4件，办结4件，在办0件' },
      { at: at('17:10'), from: CHU, text: '城管局今天受理9件办结7件 @督办助手' },
      // The liaison's private report is the unit's (a correction of the head's).
      { at: at('17:11'), from: XU, text: '住建局日报：受理12件，办结11件', to: 'bot' },
      { at: at('17:30'), run: 'report-reminder' },
    ]);
    expect(r.status).toBe(0);
    out = r.out;
    stderr = r.stderr;
  }, 120_000);

  it('takes the @-messages and the private ones as the units’ reports, each confirmed', () => {
    expect(stderr).toBe('');
    const confirmed = out.filter((l) => l.at < at('17:30'));
    expect(confirmed.map((l) => l.to)).toEqual([ZHANG, ZHOU, ZHENG, FENG, CHU, XU]);
    expect(confirmed[0]?.text).toMatch(/^已收到区住房和城乡建设局11月30日日报：受理12件、办结10件/);
    expect(confirmed[1]?.text).toContain('区卫生健康局');
    expect(confirmed[2]?.text).toContain('区生态环境分局');
    expect(confirmed[3]?.text).toContain('受理4件、办结4件、在办0件');
    expect(confirmed[4]?.text).toContain('区城市管理局');
    expect(confirmed[5]?.text).toMatch(/^已更新区住房和城乡建设局11月30日日报（第2次报送/);
  });

  it('did not see the group messages without @督办助手: the 17:30 reminder still names those units', () => {
    const reminder = out.filter((l) => l.at === at('17:30'));
    expect(reminder).toHaveLength(1);
    expect(reminder[0]?.to).toBe('group');
    const text = reminder[0]?.text ?? '';
    expect(text).toMatch(/尚未报送：.*区教育局/);
    expect(text).toContain('区人力资源和社会保障局');
    for (const reported of ['区住房和城乡建设局', '区卫生健康局', '区生态环境分局', '区公安分局', '区城市管理局'])
      expect(text).not.toContain(reported);
    expect(reminder[0]?.mentions).toEqual(expect.arrayContaining([SUN, WU, JIANG]));
    expect(reminder[0]?.mentions).not.toContain(ZHANG);
    // Markdown mentions (`<@userid>`) are printed as @名字.
    expect(text).toMatch(/^@孙局长 @吴局长 /);
  });

  it('cards: the reminder says how to report on this channel (@督办助手 or privately)', () => {
    const text = out.find((l) => l.at === at('17:30'))?.text ?? '';
    expect(text).toContain('@督办助手');
    expect(text).toContain('私聊');
  });
});

describe('replay on WeCom: a leader’s dispatch, typed and pressed 签收', () => {
  let out: Line[] = [];
  let stderr = '';
  beforeAll(() => {
    const r = wecom([
      { at: at('09:00'), from: WANG, text: '请住建局今天18点前反馈湖滨路井盖缺失的处置情况。' },
      { at: at('09:01'), from: WANG, text: '@督办助手 请住建局、教育局今天18点前反馈湖滨路井盖缺失的处置情况。' },
      {
        at: at('09:02'),
        from: LI,
        text: '@督办助手 @尤主任 环海路小区污水外溢，请三个工作日内到现场处置并反馈。',
        mentions: [YOU],
      },
      { at: at('09:10'), from: SUN, text: 'D1 收到', to: 'bot' },
      // Cards: the head presses 签收 on the card delivered to him; the liaison on his, later.
      { at: at('09:20'), from: ZHANG, press: '签收' },
      { at: at('09:21'), from: XU, press: '签收' },
      { at: at('09:22'), from: ZHANG, press: '签收' },
      { at: at('09:23'), from: YOU, press: '签收' },
    ]);
    expect(r.status).toBe(0);
    out = r.out;
    stderr = r.stderr;
  }, 120_000);

  const textOf = (l: Line | undefined) => l?.text ?? '';

  it('a dispatch without @督办助手 is not seen; with it, the units named get it privately', () => {
    expect(out.filter((l) => l.at === at('09:00'))).toEqual([]);
    const d1 = out.filter((l) => l.at === at('09:01') && l.text);
    expect(d1.find((l) => l.to === 'group')?.text).toMatch(
      /^已转办区住房和城乡建设局（张局长）、区教育局（孙局长）.*D1/,
    );
    for (const [who, unit] of [
      [ZHANG, '区住房和城乡建设局'],
      [XU, '区住房和城乡建设局'],
      [SUN, '区教育局'],
    ] as const)
      expect(textOf(d1.find((l) => l.to === who))).toMatch(new RegExp(`^【点对点调度 D1】王副主任交办${unit}`));
    const d2 = out.filter((l) => l.at === at('09:02') && l.text);
    expect(textOf(d2.find((l) => l.to === YOU))).toMatch(/^【点对点调度 D2】李主任交办湖滨街道/);
  });

  it('a typed “D1 收到” sent privately signs the unit’s delivery', () => {
    const acked = out.filter((l) => l.at === at('09:10'));
    expect(acked).toEqual([expect.objectContaining({ to: SUN, text: expect.stringMatching(/^已登记签收 D1/) })]);
  });

  describe('cards', () => {
    it('each delivery carries a 签收 card', () => {
      for (const [who, code] of [
        [ZHANG, 'D1'],
        [XU, 'D1'],
        [SUN, 'D1'],
        [YOU, 'D2'],
      ] as const)
        expect(out.find((l) => l.to === who && l.card)?.card).toMatchObject({
          title: `点对点调度 ${code}`,
          buttons: ['签收'],
        });
      expect(out.filter((l) => l.to === 'group' && l.card)).toEqual([]);
    });

    it('the head presses 签收: the card reads 已签收 for all; the liaison’s later press shows the head’s', () => {
      expect(out.filter((l) => l.at === at('09:20'))).toEqual([
        {
          at: at('09:20'),
          to: ZHANG,
          cardUpdate: { title: '点对点调度 D1', status: '已签收', text: expect.stringContaining('张局长'), for: 'all' },
        },
      ]);
      // Signed before: the liaison's card shows who signed and when; no message.
      expect(out.filter((l) => l.at === at('09:21'))).toEqual([
        {
          at: at('09:21'),
          to: XU,
          cardUpdate: {
            title: '点对点调度 D1',
            status: '已签收',
            text: '此前已签收（张局长 11月30日09:20）',
            for: 'all',
          },
        },
      ]);
      // Pressed already: nothing to press (said on stderr), nothing sent.
      expect(out.filter((l) => l.at === at('09:22'))).toEqual([]);
      expect(stderr).toMatch(/line 7: wxid_zhujian_zhang already pressed every card with a "签收" button/);
      expect(out.filter((l) => l.at === at('09:23'))).toEqual([
        expect.objectContaining({ to: YOU, cardUpdate: expect.objectContaining({ status: '已签收', for: 'all' }) }),
      ]);
    });
  });
});

const ROWS = [HEADER, TICKET_ROWS.gonganOverdue, TICKET_ROWS.rensheOverdue, TICKET_ROWS.chengguanOverdue];

describe('replay on WeCom: a ticket list sent privately (not seen in the group), its digest, 签收 on it', () => {
  let out: Line[] = [];
  let stderr = '';
  beforeAll(async () => {
    const file = await writeXlsx(join(tempDir(), '工单导出.xlsx'), ROWS);
    const r = wecom([
      { at: at('09:40'), from: LIU, file, to: 'group' },
      { at: at('09:41'), from: LIU, file, to: 'bot' },
      { at: at('10:00'), from: CHU, text: '@督办助手 2026112100088 已办结，已集中整治' },
      { at: at('15:00'), run: 'ticket-nag' },
      // Cards: a head whose unit the group digest does not name presses it: refused, only he sees it.
      { at: at('15:05'), from: JIANG, press: '签收' },
      { at: at('15:06'), from: FENG, press: '签收' },
    ]);
    expect(r.status).toBe(0);
    out = r.out;
    stderr = r.stderr;
  }, 120_000);

  it('the file sent in the group is not seen; sent privately it is imported, the result told privately', () => {
    expect(out.filter((l) => l.at === at('09:40'))).toEqual([]);
    const imported = out.filter((l) => l.at === at('09:41'));
    expect(imported[0]).toMatchObject({
      to: LIU,
      text: expect.stringMatching(/^工单清单「工单导出.xlsx」已导入：新增3条/),
    });
  });

  it('the 15:00 digest names the units with overdue tickets in the group, @-mentioning their heads', () => {
    const digest = out.filter((l) => l.at === at('15:00') && l.to === 'group' && l.text);
    expect(digest).toHaveLength(1);
    expect(digest[0]?.mentions).toEqual(expect.arrayContaining([FENG, WU]));
    expect(digest[0]?.mentions).not.toContain(CHU);
  });

  describe('cards', () => {
    it('the group digest carries a 签收 card', () => {
      expect(out.find((l) => l.at === at('15:00') && l.to === 'group' && l.card)?.card).toMatchObject({
        buttons: ['签收'],
      });
    });

    it('another unit’s head pressing it is refused (only he sees that); the named unit’s head signs', () => {
      expect(stderr).toBe('');
      expect(out.filter((l) => l.at === at('15:05'))).toEqual([
        {
          at: at('15:05'),
          to: 'group',
          cardUpdate: {
            title: '【红色督办】即时督办',
            status: '无需您签收',
            text: expect.stringContaining('不计为签收'),
            for: [JIANG],
          },
        },
      ]);
      const signed = out.filter((l) => l.at === at('15:06'));
      expect(signed).toEqual([
        expect.objectContaining({
          cardUpdate: expect.objectContaining({ status: '已签收', text: expect.stringContaining('冯局长') }),
        }),
      ]);
    });
  });
});

/**
 * A press on an item the unit had signed before (typed, or a colleague's press), on all three
 * kinds: the card shows the 签收 that stands (who, when), and nothing is sent.
 */
describe('replay on WeCom: cards pressed after the unit signed (QA 05, 05b)', () => {
  const TICKETS = join(REPO, 'test/fixtures/qa-day-tickets-morning.csv');
  const QIN = 'wxid_chengxi_qin';
  const signed = (to: string, hhmm: string, text: string, forWhom: string[] | 'all' = 'all') => ({
    at: at(hhmm),
    to,
    cardUpdate: { title: expect.any(String), status: '已签收', text, for: forWhom },
  });

  describe('as the QA wrote it', () => {
    let out: Line[] = [];
    let stderr = '';
    beforeAll(() => {
      const r = wecom([
        { at: at('08:32'), from: LIU, file: TICKETS, to: 'bot' },
        { at: at('08:40'), from: ZHANG, press: '签收' },
        { at: at('08:41'), from: QIN, text: 'SP1 签收', to: 'bot' },
        { at: at('08:42'), from: QIN, press: '签收' },
        { at: at('09:00'), run: 'ticket-nag' },
        { at: at('09:02'), from: FENG, text: '@督办助手 收到', to: 'group' },
        { at: at('09:03'), from: FENG, press: '签收' },
        { at: at('09:04'), from: XU, press: '签收' },
        { at: at('09:06'), from: ZHANG, press: '签收' },
        { at: at('09:07'), from: CHU, press: '签收' },
      ]);
      expect(r.status).toBe(0);
      out = r.out;
      stderr = r.stderr;
    }, 120_000);
    const during = (from: string, to: string) => out.filter((l) => l.at >= at(from) && l.at <= at(to));

    it('a 双派单 side signed by typing, then pressed: the card shows the typed 签收 (08:41), nothing more', () => {
      expect(stderr).toBe('');
      expect(during('08:40', '08:42')).toEqual([
        signed(ZHANG, '08:40', '已签收（张局长 11月30日08:40）'),
        expect.objectContaining({ at: at('08:41'), to: QIN, text: expect.stringMatching(/^已登记签收 SP1/) }),
        signed(QIN, '08:42', '此前已签收（秦主任 11月30日08:41）'),
      ]);
    });

    it('a digest signed by an @-message, then pressed: the card shows it (09:02), no “signed already” message', () => {
      expect(during('09:02', '09:03')).toEqual([
        expect.objectContaining({ at: at('09:02'), to: 'group', text: expect.stringContaining('已签收') }),
        signed(FENG, '09:03', '此前已签收（冯局长 11月30日09:02）'),
      ]);
    });

    it('the liaison presses the group card, the head his own later: the liaison’s 签收 (09:04) stands', () => {
      expect(during('09:04', '09:07')).toEqual([
        signed('group', '09:04', '区住房和城乡建设局已签收（徐科长 11月30日09:04）', [XU]),
        signed(ZHANG, '09:06', '此前已签收（徐科长 11月30日09:04）'),
        // A unit that had not signed: its press signs, as before.
        signed(CHU, '09:07', '已签收（褚局长 11月30日09:07）'),
      ]);
    });
  });

  describe('said another way (the @-message in the group, a liaison typing, the head first)', () => {
    let out: Line[] = [];
    let stderr = '';
    beforeAll(() => {
      const r = wecom([
        { at: at('08:32'), from: LIU, file: TICKETS, to: 'bot' },
        {
          at: at('08:35'),
          from: LI,
          text: '@督办助手 @张局长 小区电梯长期停运请今天派人到现场核实并反馈。',
          mentions: [ZHANG],
        },
        { at: at('08:41'), from: QIN, text: '@督办助手 SP1收到，马上安排网格员去现场', to: 'group' },
        { at: at('08:42'), from: QIN, press: '签收' },
        { at: at('08:50'), from: XU, text: 'D1收到，我们马上安排', to: 'bot' },
        { at: at('08:51'), from: ZHANG, press: '签收' },
        { at: at('09:00'), run: 'ticket-nag' },
        { at: at('09:02'), from: FENG, text: '收到，马上办理', to: 'bot' },
        { at: at('09:03'), from: FENG, press: '签收' },
        { at: at('09:04'), from: ZHANG, press: '签收' },
        { at: at('09:06'), from: XU, press: '签收' },
      ]);
      expect(r.status).toBe(0);
      out = r.out;
      stderr = r.stderr;
    }, 120_000);
    const cardsAndAnswers = () => out.filter((l) => l.at > at('08:35') && !l.card && l.at !== at('09:00'));

    it('each press after a 签收 shows that 签收; a press on an unsigned item signs; nothing else is sent', () => {
      expect(stderr).toBe('');
      expect(cardsAndAnswers()).toEqual([
        expect.objectContaining({ at: at('08:41'), to: 'group', text: expect.stringContaining('已登记签收 SP1') }),
        signed(QIN, '08:42', '此前已签收（秦主任 11月30日08:41）'),
        expect.objectContaining({ at: at('08:50'), to: XU, text: expect.stringMatching(/^已登记签收 D1/) }),
        signed(ZHANG, '08:51', '此前已签收（徐科长 11月30日08:50）'),
        expect.objectContaining({ at: at('09:02'), to: FENG, text: expect.stringContaining('已签收') }),
        signed(FENG, '09:03', '此前已签收（冯局长 11月30日09:02）'),
        signed(ZHANG, '09:04', '已签收（张局长 11月30日09:04）'),
        signed('group', '09:06', '区住房和城乡建设局此前已签收（张局长 11月30日09:04）', [XU]),
      ]);
    });
  });
});
