/** Issue 12, item 11: a unit's own open items on request, and a fallback that names what waits. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMyItemsRequest } from '../src/domain/my-items/request.js';
import { privateFallbackText, waitingCodes } from '../src/domain/texts/my-items.js';
import { Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const D = '2026-11-30'; // a Monday
const t = (hhmm: string, day = D) => `${day}T${hhmm}:00+08:00`;
const ZJ = 'wxid_zhujian_zhang';
const ZJ2 = 'wxid_zhujian_xu';
const LI = 'wxid_leader_li';
const SUP = 'wxid_sup_liu';

const row = (n: string, title: string, status: string, rating: string, reopen: number, unit = '区住建局') => [
  n,
  title,
  `${title}，请尽快处理`,
  unit,
  '城东街道',
  '东一网格',
  '2026-11-10 09:00',
  '',
  status,
  rating,
  reopen,
];

describe('isMyItemsRequest', () => {
  it.each([
    '我的待办',
    '待办',
    '待办事项',
    '查超期',
    '超期工单',
    '查一下我们局还有几件超期工单',
    '我们还有几件超期',
    '还有哪些没办',
    '还有哪些没办的？',
    '@督办助手 我的待办',
    '看一下超期工单[抱拳]',
    '请问我们街道还有多少未办结的',
    '有哪些待答复的？',
    '本单位待办',
    '我们局 还 有 几件逾期 工单',
    '帮我查下重办工单',
  ])('asks: %s', (text) => expect(isMyItemsRequest(text)).toBe(true));
  it.each([
    '收到，我们马上去现场看',
    '超期的我们马上安排整改',
    '收到',
    '好的👌',
    '城东街道今日受理8件，办结8件，超期0件',
    'D3 还有哪些没办？',
    '工单2026113000123超期了吗',
    '今天超期1件已办结',
    '超期工单已全部签收',
    '明天上午开会讨论超期工单的问题，请各单位准时参加',
    '我们正在办理超期的那件',
    '',
  ])('does not ask: %s', (text) => expect(isMyItemsRequest(text)).toBe(false));
});

describe('我的待办 and the private fallback (replay)', () => {
  let s: Scenario;
  const dir = tempDir();
  beforeAll(async () => {
    s = await Scenario.open();
    const rows = [
      row('Z001', '小区路灯不亮', '已回访', '不满意', 0),
      row('Z002', '楼道堆物', '已回访', '不满意', 0),
      row('Z003', '电梯故障', '已回访', '不满意', 0),
      ...['井盖缺失', '围挡破损', '工地夜间施工', '老旧小区漏水', '雨污管网堵塞', '违规搭建', '小区绿化'].map(
        (title, i) => row(`Z10${i}`, title, '办理中', '', 0),
      ),
      row('Z200', '物业收费争议', '办理中', '', 2),
      row('C001', '占道经营', '办理中', '', 0, '区城管局'),
    ];
    await s.play({
      at: t('09:00'),
      from: SUP,
      file: await writeXlsx(join(dir, 'list.xlsx'), [HEADER, ...rows]),
      to: 'group',
    });
    await s.play(say(t('09:30'), LI, '@张局长 建设路井盖破损，请明天下午5点前处理并反馈。', { mentions: [ZJ] }));
  });
  afterAll(async () => {
    await s?.close();
  });

  it("answers 我的待办 / 查超期 / 还有几件 / 哪些没办 with the unit's codes and counts, the lists capped", async () => {
    const asks: Array<[string, string, 'group' | 'bot']> = [
      [ZJ, '我的待办', 'bot'],
      [ZJ2, '查一下我们局还有几件超期工单', 'group'],
      [ZJ, '还有哪些没办的？', 'bot'],
      [ZJ2, '超期工单 看一下[抱拳]', 'bot'],
    ];
    for (const [i, [from, text, to]] of asks.entries()) {
      const out = await s.play(say(t(`10:0${i}`), from, text, { to }));
      expect(out, text).toHaveLength(1);
      const o = out[0];
      expect(o?.to).toBe(to === 'bot' ? from : 'group');
      if (to === 'group') expect(o?.mentions).toEqual([from]);
      const body = (o?.text ?? '').replace(/^@\S+\s+/, '');
      const lines = body.split('\n');
      expect(lines[0]).toBe(`区住房和城乡建设局待办事项（截至11月30日10:0${i}）：`);
      // 三色督办: each line ends with its most urgent colour (D1 is due tomorrow: blue; the rounds, due in two working
      // days: none; the overdue tickets: red).
      expect(lines[1]).toMatch(/^· 点对点调度1件：D1（未签收，12月1日（星期二）17:00前反馈）【蓝色提醒】$/);
      expect(lines[2]).toMatch(
        /^· 双派单4件：SP1（工单Z001，.*前答复）、SP2（工单Z002，.*）、SP3（工单Z003，.*）、SP4（工单Z200，.*）$/,
      );
      expect(lines[3]).toBe(
        '· 超期工单8件：Z100（井盖缺失）、Z101（围挡破损）、Z102（工地夜间施工）、Z103（老旧小区漏水）、' +
          'Z104（雨污管网堵塞）等（另有3件未列出）【红色督办】',
      );
      expect(body).toContain('答复调度或双派单时请带编号，如“D1 办理情况……”。');
      expect(body).not.toContain('C001');
    }
  });

  it('the private fallback names the codes waiting for the unit and never says the message was taken up', async () => {
    const CD = 'wxid_chengdong_zhu'; // the street side of all four rounds
    const list =
      'SP1 双派单，工单 Z001「小区路灯不亮」\nSP2 双派单，工单 Z002「楼道堆物」\nSP3 双派单，工单 ' +
      'Z003「电梯故障」\nSP4 双派单，工单 Z200「物业收费争议」';
    const want: Array<[string, string]> = [
      // answer-clarify: nothing is recorded, the codes waiting are listed with what they are.
      ['在吗', `您好，我在。贵单位目前有 4 件事项待答复：\n${list}\n办理后请回复编号加办理情况。`],
      // unit-ack: four unsigned, so the bot asks which one the 好的 signs.
      [
        '好的[抱拳]',
        `贵单位目前有 4 件事项待签收，请问这条签收对应哪一件？请回复编号加“签收”，如“SP1 签收”：\n${list}`,
      ],
      ['谢谢🙏', `不客气！贵单位目前有 4 件事项待答复：\n${list}\n办理后请回复编号加办理情况。`],
    ];
    for (const [i, [text, reply]] of want.entries()) {
      const out = await s.play(say(t(`11:0${i}`), CD, text, { to: 'bot' }));
      expect(out).toEqual([{ at: t(`11:0${i}`), to: CD, mentions: [], text: reply }]);
    }
    const other = await s.play(say(t('11:10'), 'wxid_jiaoyu_sun', '在吗', { to: 'bot' }));
    expect(other).toEqual([
      {
        at: t('11:10'),
        to: 'wxid_jiaoyu_sun',
        mentions: [],
        // A greeting with nothing waiting: a short polite answer, never 未能识别.
        text: '您好！需要帮助可发送“帮助”，查看本单位待办可发送“我的待办”。',
      },
    ]);
    const leader = await s.play(say(t('11:11'), LI, '在吗', { to: 'bot' }));
    expect(leader[0]?.text).toBe('您好！需要帮助可发送“帮助”。');
    const unknown = await s.play(say(t('11:12'), LI, '这个怎么弄', { to: 'bot' }));
    expect(unknown[0]?.text).toBe('您好，这条消息未能识别为日报、答复或指令，未作处理。\n发送“帮助”可查看使用说明。');
  });

  it('the fallback text names dispatches before rounds and caps a long list', () => {
    expect(
      privateFallbackText(
        true,
        waitingCodes({
          dispatches: [{ code: 'D1', acked: false, deadline: new Date() }],
          rounds: [{ code: 'SP4', ticketNumber: 'x', backcheck: false, deadline: new Date() }],
        }),
      ),
    ).toContain('贵单位有 D1、SP4 待答复，回复时请带编号（如“D1 办理情况……”）。');
    expect(privateFallbackText(true, ['D1', 'D2', 'SP1', 'SP2', 'SP3', 'SP4', 'SP5', 'SP6'])).toContain(
      '贵单位有 D1、D2、SP1、SP2、SP3、SP4 等8件待答复',
    );
  });

  it('a unit with nothing open is told so', async () => {
    const out = await s.play(say(t('11:20'), 'wxid_jiaoyu_sun', '我们还有几件超期？', { to: 'bot' }));
    expect(out[0]?.text).toBe(
      '区教育局目前没有待办事项：没有待答复的点对点调度和双派单，' +
        '也没有超期、重办工单（工单以最近导入的平台清单为准）。',
    );
  });
});
