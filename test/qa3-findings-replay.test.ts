/**
 * The QA day 12月3日–4日, findings 7, 9, 10, 11 and 12, in the district's words (replay, Wechaty and WeCom):
 * - 7: a supervisor dismisses a repeat warning without its code (烧烤店那个预警忽略吧 / 锦绣小区那个预警不用管了 /
 *   预警取消吧): the open warnings the words name are looked up, one is asked about (是否忽略 C1（锦绣小区，3件）？),
 *   several listed, none said; never silence, never 未能识别; anyone else is told the supervision team decides;
 * - 9: every dispatch deadline carries its weekday (时限12月5日（星期六）18:00, from a leader's 周六前);
 * - 10: a greeting addressed to the bot (@督办助手 早 / 你好 / 在吗 / 早上好👋) gets a short polite answer, once a day
 *   per person; a greeting to the group (大家早上好, on Wechaty where the bot reads all) is left alone;
 * - 11: a unit's bare 收到 to the bot after the 17:30 reminder named it: when its report is due, that it has it, or
 *   that it is late (a 收到 in the Wechaty group not addressed to the bot stays unanswered);
 * - 12: a reminder has one heading (【蓝色提醒 D1】, never 【蓝色提醒】【调度提醒 D1】) and quotes the dispatch
 *   clipped.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDismiss, parseDismissByWords } from '../src/domain/clusters/commands.js';
import { warningsNamed } from '../src/domain/clusters/named.js';
import { courtesyOf } from '../src/domain/language/intent.js';
import { reminderHeading } from '../src/domain/texts/colours.js';
import { ackReminderText, formatDeadline } from '../src/domain/texts/dispatch.js';
import { REPO } from './helpers.js';
import { type ReplayRun, runReplay } from './replay-run.js';

interface Out {
  at: string;
  to: string;
  text: string;
  mentions?: string[];
  card?: { title: string };
}

const CONFIG = join(REPO, 'config/district.example.yaml');
const BOT = 'wxid_duban_bot';
const LI = 'wxid_leader_li';
const LIU = 'wxid_sup_liu';
const CHEN = 'wxid_sup_chen';
const CHU = 'wxid_chengguan_chu';
const ZHANG = 'wxid_zhujian_zhang';
const SUN = 'wxid_jiaoyu_sun';
const JIANG = 'wxid_minzheng_jiang';
const SHEN = 'wxid_jiaotong_shen';
const HAN = 'wxid_nongye_han';
const D1 = '2026-12-03';
const D2 = '2026-12-04';
/** 李主任's dispatch of the QA day (finding 12: quoted clipped in its reminder). */
const BBQ = '锦绣小区烧烤店噪音扰民这周已经第三次反映了，请城管局牵头、城西街道配合，明天下班前把处理结果报我';

describe('dismissing a warning in words (pure)', () => {
  it.each([
    ['烧烤店那个预警忽略吧，李主任已经点对点调度了', '烧烤店'],
    ['锦绣小区那个预警不用管了', '锦绣小区'],
    ['预警取消吧', ''],
    ['忽略锦绣小区的预警', '锦绣小区'],
    ['把烧烤店那个预警忽略掉', '烧烤店'],
    ['锦绣小区预警不用跟进了', '锦绣小区'],
    ['那个重复诉求预警可以忽略', ''],
    ['关于锦绣小区烧烤店的预警，李主任已经调度了，忽略吧', '锦绣小区烧烤店'],
    ['锦绣小区的预警，不用管了', '锦绣小区'],
    ['预警可以关了', ''],
  ])('%s → %s', (text, words) => {
    expect(parseDismissByWords(text)).toBe(words);
    expect(parseDismiss(text)).toBeNull();
  });

  it.each([
    '忽略 C1',
    '预警不要忽略',
    '烧烤店预警先别取消',
    '黄色预警那件不用管了',
    '收到预警，我们马上处理',
    '这个预警是什么情况？',
    '烧烤店预警，收到',
  ])('no dismissal in words: %s', (text) => {
    expect(parseDismissByWords(text)).toBeNull();
  });

  it('the words name the warnings whose place or tickets hold them; none: all of them', () => {
    const open = [
      { code: 'C1', place: '锦绣小区', size: 3, texts: ['烧烤店噪音', '锦绣小区门口烧烤店凌晨还在营业'] },
      { code: 'C2', place: '阳光花园', size: 3, texts: ['烧烤油烟扰民', '阳光花园小区南门烧烤摊油烟大'] },
    ];
    const codes = (words: string) => warningsNamed(words, open).map((w) => w.code);
    expect(codes('烧烤店')).toEqual(['C1']);
    expect(codes('锦绣小区')).toEqual(['C1']);
    expect(codes('烧烤')).toEqual(['C1', 'C2']);
    expect(codes('锦绣小区烧烤店')).toEqual(['C1']);
    expect(codes('夜市油烟')).toEqual([]);
    expect(codes('')).toEqual(['C1', 'C2']);
    // 小区 names every community: no more than no words.
    expect(codes('小区')).toEqual(['C1', 'C2']);
  });
});

describe('greetings, deadlines and reminder headings (pure)', () => {
  it.each(['早', '你好', '在吗', '早上好👋', '大家早上好', '各位好', '您好！', '早安', '王主任早上好'])(
    'a greeting: %s',
    (text) => {
      expect(courtesyOf(text)).toBe('greeting');
    },
  );

  it.each(['好', '好的', '收到', '王主任好', '好好'])('no greeting: %s', (text) => {
    expect(courtesyOf(text)).not.toBe('greeting');
  });

  it('a dispatch deadline carries its weekday', () => {
    expect(formatDeadline('2026-12-05T10:00:00Z', 'Asia/Shanghai')).toBe('12月5日（星期六）18:00');
    expect(formatDeadline('2026-12-03T16:00:00Z', 'Asia/Shanghai')).toBe('12月3日（星期四）24:00');
  });

  it('one heading per reminder, the dispatch quoted clipped', () => {
    expect(reminderHeading('blue', '调度提醒', 'D1')).toBe('【蓝色提醒 D1】');
    expect(reminderHeading(null, '调度提醒', 'D1')).toBe('【调度提醒 D1】');
    expect(reminderHeading('yellow', '双派单', 'SP2')).toBe('【黄色预警 SP2】');
    const text = ackReminderText({
      code: 'D1',
      leaderName: '李主任',
      text: `@褚局长 @秦主任 ${BBQ}`,
      deadline: '2026-12-04T10:00:00Z',
      tz: 'Asia/Shanghai',
      colour: 'blue',
    });
    expect(text).toBe(
      '【蓝色提醒 D1】李主任交办的“锦绣小区烧烤店噪音扰民这周已经第三次反映了…”尚未签收，请回复“收到”签收，' +
        '并于12月4日（星期五）18:00前反馈办理结果。',
    );
  });
});

/** Three tickets at 阳光花园 about 烧烤油烟: a second warning, C2, for the words that name both. */
function secondCluster(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qa3-findings-'));
  const path = join(dir, 'sunshine.csv');
  const rows = [
    '工单编号,标题,诉求内容,承办单位,属地镇街,网格,派单时间,办理时限,状态,满意度,重办次数',
    '2026120100301,烧烤油烟扰民,市民反映阳光花园小区南门烧烤摊油烟大。,区城市管理局,湖滨街道,湖滨一网格,' +
      '2026-12-01 09:00,2026-12-07 18:00,办理中,,0',
    '2026120100302,烧烤摊油烟,阳光花园小区南门烧烤摊每晚油烟扰民。,区城市管理局,湖滨街道,湖滨一网格,' +
      '2026-12-01 15:00,2026-12-07 18:00,办理中,,0',
    '2026120200303,油烟扰民,阳光花园小区烧烤摊油烟问题多次反映未解决。,区城市管理局,湖滨街道,湖滨一网格,' +
      '2026-12-02 09:00,2026-12-08 18:00,办理中,,0',
  ];
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

function scenario(wecom: boolean): object[] {
  const at = (day: string, hhmm: string) => `${day} ${hhmm}`;
  /** A group message: on WeCom every one @-mentions the bot; on Wechaty only those written `toBot`. */
  const g = (
    day: string,
    hhmm: string,
    from: string,
    text: string,
    o: { toBot?: boolean; mentions?: string[] } = {},
  ) =>
    wecom || o.toBot
      ? {
          at: at(day, hhmm),
          from,
          text: `@督办助手 ${text}`,
          mentions: [...(wecom ? [] : [BOT]), ...(o.mentions ?? [])],
        }
      : { at: at(day, hhmm), from, text, mentions: o.mentions ?? [] };
  const p = (day: string, hhmm: string, from: string, text: string) => ({ at: at(day, hhmm), from, text, to: 'bot' });
  const file = (hhmm: string, path: string) => ({
    at: at(D1, hhmm),
    from: LIU,
    file: path,
    to: wecom ? 'bot' : 'group',
  });
  return [
    // 10: greetings.
    g(D1, '08:20', ZHANG, '早', { toBot: true }),
    g(D1, '08:21', SUN, '你好', { toBot: true }),
    g(D1, '08:22', LI, '早上好👋', { toBot: true }),
    g(D1, '08:23', LIU, '大家早上好'),
    g(D1, '08:24', ZHANG, '在吗', { toBot: true }),
    p(D1, '08:25', ZHANG, '你好'),
    p(D1, '08:26', CHEN, '在吗'),
    file('08:36', 'test/fixtures/qa3/tickets-1203.csv'),
    // 9 and 12: the dispatch, its group line, delivery, 签收 and reminder.
    g(D1, '08:45', LI, `@褚局长 @秦主任 ${BBQ}`, { mentions: [CHU, 'wxid_chengxi_qin'] }),
    // 7: dismissing C1 without its code.
    g(D1, '09:40', LIU, '烧烤店那个预警忽略吧，李主任已经点对点调度了'),
    g(D1, '09:41', CHEN, '锦绣小区那个预警不用管了'),
    p(D1, '09:42', LIU, '预警取消吧'),
    g(D1, '09:43', LIU, '夜市油烟那个预警忽略吧'),
    g(D1, '09:44', CHU, '烧烤店那个预警忽略吧'),
    file('09:50', secondCluster()),
    g(D1, '09:51', LIU, '烧烤那个预警忽略吧'),
    g(D1, '09:52', CHEN, '阳光花园的预警不用跟进了'),
    g(D1, '09:53', LIU, '忽略 C1'),
    g(D1, '09:54', LIU, '锦绣小区那个预警不用管了'),
    { at: at(D1, '11:30'), run: 'dispatch-check' },
    // 11: the 17:30 reminder's 收到.
    { at: at(D1, '17:30'), run: 'report-reminder' },
    g(D1, '17:31', JIANG, '收到'),
    p(D1, '17:32', SHEN, '收到👌'),
    p(D1, '17:33', SHEN, '好的'),
    g(D1, '17:34', JIANG, '民政局今日受理1件，办结1件'),
    g(D1, '17:35', JIANG, '好的，收到', { toBot: true }),
    p(D1, '18:05', HAN, '收到'),
    // 9: a deadline on a Saturday.
    g(D2, '09:20', LI, '@张局长 滨江花园电梯的事周六前必须修好，修好后拍照发群里', { mentions: [ZHANG] }),
  ];
}

for (const channel of ['wechaty', 'wecom'] as const) {
  describe(`findings 7, 9, 10, 11, 12 in the district's words (${channel})`, () => {
    const wecom = channel === 'wecom';
    let run: ReplayRun<Out> = { out: [], stderr: '', status: null };
    beforeAll(() => {
      run = runReplay<Out>(scenario(wecom), { config: CONFIG, ...(wecom ? { channel } : {}) });
    }, 180_000);
    const when = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
    const at = (day: string, hhmm: string) => run.out.filter((o) => o.at === when(day, hhmm) && o.text);
    const texts = (day: string, hhmm: string, to?: string) =>
      at(day, hhmm)
        .filter((o) => to === undefined || o.to === to)
        .map((o) => o.text);

    it('runs', () => {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/line \d+:/);
      for (const o of run.out) expect(o.text ?? '', o.at).not.toMatch(/】【(?:调度提醒|双派单)/);
    });

    it('7: a warning named in words is asked about, listed, or said not found; never dismissed on a guess', () => {
      const ask = '是否忽略 C1（锦绣小区，3件）？请回复“忽略 C1”。';
      expect(texts(D1, '09:40')).toEqual([`@刘组长 ${ask}`]);
      expect(texts(D1, '09:41')).toEqual([`@陈科员 ${ask}`]);
      expect(texts(D1, '09:42', LIU)).toEqual([ask]);
      expect(texts(D1, '09:43')).toEqual([
        '@刘组长 未找到与“夜市油烟”相关的待跟进重复诉求预警，请核对后回复“忽略”加编号，如“忽略 C1”。',
      ]);
      // Not of the supervision team: the polite refusal, with no code to name.
      expect(texts(D1, '09:44')).toEqual(['@褚局长 抱歉，忽略预警需由督导专班确认。如认为无需跟进，请联系督导专班。']);
      expect(texts(D1, '09:51')).toEqual([
        '@刘组长 与“烧烤”相关的重复诉求预警有2处，请确认忽略哪一处，回复“忽略”加编号，如“忽略 C1”：\n' +
          'C1（锦绣小区，3件）\nC2（阳光花园，3件）',
      ]);
      expect(texts(D1, '09:52')).toEqual(['@陈科员 是否忽略 C2（阳光花园，3件）？请回复“忽略 C2”。']);
      expect(texts(D1, '09:53')).toEqual(['@刘组长 已忽略预警 C1。此后如再新增2件同类诉求，将重新提示。']);
      expect(texts(D1, '09:54')).toEqual(['@刘组长 预警 C1 此前已忽略，无需重复操作。']);
      for (const o of run.out) expect(o.text ?? '', o.at).not.toContain('未能识别');
    });

    it('9: the dispatch deadline with its weekday in the group line, the delivery, the 签收 and the reminder', () => {
      expect(texts(D1, '08:45', 'group')).toEqual([
        '已转办区城市管理局（褚局长）、城西街道（秦主任），时限12月4日（星期五）18:00，编号 D1',
      ]);
      expect(texts(D1, '08:45', CHU)[0]).toContain('办理时限：12月4日（星期五）18:00');
      expect(texts(D1, '11:30', CHU)[0]).toContain('并于12月4日（星期五）18:00前反馈办理结果');
      expect(texts(D2, '09:20', 'group')).toEqual([
        '已转办区住房和城乡建设局（张局长），时限12月5日（星期六）18:00，编号 D2',
      ]);
      expect(texts(D2, '09:20', ZHANG)[0]).toContain('办理时限：12月5日（星期六）18:00');
    });

    it('10: a greeting to the bot gets a short polite answer, once a day per person; one to the group none', () => {
      const unit = '您好！需要帮助可发送“帮助”，查看本单位待办可发送“我的待办”。';
      expect(texts(D1, '08:20')).toEqual([`@张局长 ${unit}`]);
      expect(texts(D1, '08:21')).toEqual([`@孙局长 ${unit}`]);
      expect(texts(D1, '08:22')).toEqual(['@李主任 您好！需要帮助可发送“帮助”。']);
      // 大家早上好: to the group on Wechaty (no answer); to the bot on WeCom, where it must be @-ed to be seen.
      expect(texts(D1, '08:23')).toEqual(wecom ? ['@刘组长 您好！需要帮助可发送“帮助”。'] : []);
      // The same person again, in the group or privately: no second answer that day.
      expect(texts(D1, '08:24')).toEqual([]);
      expect(texts(D1, '08:25')).toEqual([]);
      expect(texts(D1, '08:26', CHEN)).toEqual(['您好！需要帮助可发送“帮助”。']);
    });

    it('11: a bare 收到 after the reminder: due, reported or late; unaddressed on Wechaty, nothing', () => {
      expect(texts(D1, '17:31', JIANG)).toEqual(wecom ? ['好的，请于18:00前报送区民政局今日日报。'] : []);
      expect(texts(D1, '17:31', 'group')).toEqual([]);
      expect(texts(D1, '17:32', SHEN)).toEqual(['好的，请于18:00前报送区交通运输局今日日报。']);
      // Said again: nothing new to tell.
      expect(texts(D1, '17:33')).toEqual([]);
      expect(texts(D1, '17:35', JIANG)).toEqual(['好的。区民政局今日日报已收到，无需重复报送。']);
      expect(texts(D1, '18:05', HAN)).toEqual(['好的。区农业农村局今日日报尚未报送，已过18:00截止时间，请尽快报送。']);
    });

    it('12: the reminder has one heading and quotes the dispatch clipped', () => {
      const [reminder] = texts(D1, '11:30', CHU);
      // On WeCom the heading is the card's title (【蓝色提醒】点对点调度 D1): said once, there.
      expect(reminder).toBe(
        `${wecom ? '' : '【蓝色提醒 D1】'}李主任交办的“锦绣小区烧烤店噪音扰民这周已经第三次反映了…”尚未签收，${
          wecom ? '请点击卡片“签收”，或@督办助手 回复“收到”（也可私聊）' : '请回复“收到”签收'
        }，并于12月4日（星期五）18:00前反馈办理结果。`,
      );
      if (wecom) expect(at(D1, '11:30').find((o) => o.to === CHU)?.card?.title).toBe('【蓝色提醒】点对点调度 D1');
    });
  });
}
