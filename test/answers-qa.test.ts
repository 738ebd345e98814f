/**
 * What the QA's working day in the simulator showed (issue 12, second pass): acknowledgements
 * and promises taken as results, silence to unit people, acks asked about as results, the bot
 * repeating a clarification instead of linking the answer, leaders' natural questions.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

// 2026-11-30 is a Monday.
const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const MON = '2026-11-30';
const TUE = '2026-12-01';
const LI = 'wxid_leader_li';
const WANG = 'wxid_leader_wang';
const SUP = 'wxid_sup_liu';
const CD = 'wxid_chengdong_zhu';
const ZHENG = 'wxid_shengtai_zheng';
const CHU = 'wxid_chengguan_chu';
const YOU = 'wxid_hubin_you';
const ZJ = 'wxid_zhujian_zhang';
const HE = 'wxid_fenghuang_he';
const QIN = 'wxid_chengxi_qin';
const JIANG = 'wxid_minzheng_jiang';
const FENG = 'wxid_gongan_feng';
const SHEN = 'wxid_jiaotong_shen';

const row = (
  n: string,
  title: string,
  unit: string,
  street: string,
  status: string,
  rating: string,
  reopen: number,
) => [n, title, `${title}，请尽快处理`, unit, street, '', '2026-11-25 09:00', '', status, rating, reopen];

async function target(s: Scenario, code: string, unit: string): Promise<{ acked: boolean; answered: boolean }> {
  const [r] = await s.h.app.db.query<{ acked: boolean; answered: boolean }>(
    'select t.acked_at is not null as acked, t.answered_at is not null as answered from dispatch_targets t ' +
      'join dispatches d on d.id = t.dispatch_id where d.code = $1 and t.unit_id = $2',
    [code, unit],
  );
  return r ?? { acked: false, answered: false };
}

async function side(s: Scenario, code: string, unit: string): Promise<{ acked: boolean; answered: boolean }> {
  const [r] = await s.h.app.db.query<{ acked: boolean; answered: boolean }>(
    'select s.acked_at is not null as acked, s.answered_at is not null as answered from dual_sides s join ' +
      'dual_rounds r on r.id = s.round_id where r.code = $1 and s.unit_id = $2',
    [code, unit],
  );
  return r ?? { acked: false, answered: false };
}

async function roundCode(s: Scenario, ticket: string): Promise<string> {
  const [r] = await s.h.app.db.query<{ code: string }>(
    'select code from dual_rounds where ticket_number = $1 order by id desc limit 1',
    [ticket],
  );
  return r?.code ?? '';
}

async function lastCode(s: Scenario): Promise<string> {
  const [r] = await s.h.app.db.query<{ code: string }>('select code from dispatches order by id desc limit 1');
  return r?.code ?? '';
}

describe("QA 1: an acknowledgement or a promise is a 签收, never the unit's result", () => {
  let s: Scenario;
  let n = 0;
  const give = async (leader: string, who: string, text: string) => {
    n += 1;
    await s.play(say(t(MON, `09:${String(n).padStart(2, '0')}`), leader, text, { mentions: [who] }));
    return lastCode(s);
  };
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    '报告王主任，…收到，全力配合 / 好的王主任，马上安排…今晚过去 / 收到，正在… : signed, the leader hears ' +
      'nothing, the dispatch stays open',
    async () => {
      const cases: Array<[string, string, string, Record<string, unknown>]> = [
        [CD, 'chengdong', '报告王主任，城东街道收到，全力配合公安分局。', {}],
        [ZHENG, 'shengtai', '好的王主任，马上安排执法人员今晚过去', {}],
        [CD, 'chengdong', '@王副主任 收到👌 我们马上组织网格员去现场看看', { mentions: [WANG] }],
        [ZHENG, 'shengtai', '明白，立即安排人员前往处置，结果随后报您', { to: 'bot' }],
        [CD, 'chengdong', '王主任，收到，正在协调住建局一起处理', {}],
      ];
      // Five different matters: the same instruction again within minutes is one dispatch (play4 4).
      const places = ['实验小学', '第二中学', '人民医院', '汽车站', '农贸市场'];
      for (const [i, [who, unit, text, extra]] of cases.entries()) {
        const code = await give(
          WANG,
          who,
          `@${who === CD ? '朱主任' : '郑局长'} ${places[i]}门口车辆乱停，请今天下班前处置并反馈`,
        );
        const out = await s.play(say(t(MON, `10:${String(n).padStart(2, '0')}`), who, text, extra));
        expect(
          out.some((o) => o.to === WANG),
          text,
        ).toBe(false);
        expect(
          out.map((o) => o.to),
          text,
        ).toEqual([who]);
        expect(out[0]?.text, text).toMatch(new RegExp(`^已登记签收 ${code}，办理时限`));
        expect(await target(s, code, unit), text).toEqual({ acked: true, answered: false });
      }
    },
  );

  it('what was done or found is the answer: 已安排人员到场处置，目前已清理… / 经核实… / 现场查看发现…', async () => {
    const cases: Array<[string, string, string, string]> = [
      [CHU, 'chengguan', '褚局长', '报告王主任，已安排人员到场处置，目前已清理乱停车辆，设置了隔离栏'],
      [FENG, 'gongan', '冯局长', '好的王主任，经核实该路段早晚高峰车流集中，已安排警力值守'],
      [SHEN, 'jiaotong', '沈局长', '报告王主任，现场查看发现校门口缺少停车位，已协调交警早晚高峰值守'],
    ];
    for (const [who, unit, name, text] of cases) {
      const code = await give(WANG, who, `@${name} 学校门口车辆乱停，请今天下班前处置并反馈`);
      const out = await s.play(say(t(MON, `11:${String(n).padStart(2, '0')}`), who, text));
      expect(out.find((o) => o.to === WANG)?.text, text).toMatch(new RegExp(`^【调度反馈 ${code}】`));
      expect((await target(s, code, unit)).answered, text).toBe(true);
    }
  });
});

describe('QA 2/3: acknowledgements from unit people are never met with silence nor asked about as results', () => {
  let s: Scenario;
  let sp1 = '';
  let sp2 = '';
  beforeAll(async () => {
    s = await Scenario.open();
    const file = await writeXlsx(join(tempDir(), 'qa.xlsx'), [
      HEADER,
      row('Q001', '道路积水', '区住建局', '凤凰镇', '重办中', '', 1),
      row('Q002', '噪音扰民', '区生态环境分局', '城西街道', '已办结', '不满意', 0),
    ]);
    await s.play({ at: t(MON, '09:40'), from: SUP, file, to: 'group' });
    sp1 = await roundCode(s, 'Q001');
    sp2 = await roundCode(s, 'Q002');
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    '收到 privately, 👌 / 收到 in the group: the one unsigned item (round or dispatch) is signed and confirmed ' +
      'privately',
    async () => {
      // 张局长 has a dispatch signed and SP1 unsigned: 收到 signs SP1.
      await s.play(say(t(MON, '09:41'), LI, '@张局长 人民路积水，请今天拿个方案报我', { mentions: [ZJ] }));
      const d = await lastCode(s);
      await s.play(say(t(MON, '09:42'), ZJ, `${d} 收到`, { to: 'bot' }));
      const zj = await s.play(say(t(MON, '09:43'), ZJ, '收到', { to: 'bot' }));
      expect(zj.map((o) => [o.to, o.text])).toEqual([
        [ZJ, `已登记签收 ${sp1}，请于12月2日（星期三）18:00前答复办理情况。`],
      ]);
      expect(await side(s, sp1, 'zhujian')).toEqual({ acked: true, answered: false });
      // 何镇长 in the group at 17:30 with SP1 unsigned.
      const he = await s.play(say(t(MON, '17:30'), HE, '收到'));
      expect(he.map((o) => [o.to, o.text])).toEqual([
        [HE, `已登记签收 ${sp1}，请于12月2日（星期三）18:00前答复办理情况。`],
      ]);
      // 尤主任 👌 in the group for a new dispatch.
      await s.play(
        say(t(MON, '10:00'), WANG, '@尤主任 湖滨路夜市占道经营，请今天下午5点前处置并反馈', { mentions: [YOU] }),
      );
      const d2 = await lastCode(s);
      const you = await s.play(say(t(MON, '10:01'), YOU, '👌'));
      expect(you.map((o) => o.to)).toEqual([YOU]);
      expect(you[0]?.text).toMatch(new RegExp(`^已登记签收 ${d2}，`));
      // 👌 / 好的 privately with one unsigned dispatch: signed, never asked about as its result.
      await s.play(say(t(MON, '10:05'), LI, '@蒋局长 困难老人冬季走访，请今天下班前报上来', { mentions: [JIANG] }));
      const d3 = await lastCode(s);
      const jiang = await s.play(say(t(MON, '10:06'), JIANG, '👌', { to: 'bot' }));
      expect(jiang.map((o) => o.text)).toEqual([expect.stringMatching(new RegExp(`^已登记签收 ${d3}，`))]);
      expect(jiang[0]?.text).not.toContain('是否作为');
    },
  );

  it('with several unsigned, the bot asks which one, privately', async () => {
    await s.play(say(t(MON, '11:00'), LI, '@秦主任 锦绣小区路灯不亮，请明天下班前反馈', { mentions: [QIN] }));
    for (const [i, text] of ['好的', 'OK'].entries()) {
      const out = await s.play(say(t(MON, `11:0${i + 1}`), QIN, text, { to: 'bot' }));
      expect(
        out.map((o) => o.to),
        text,
      ).toEqual([QIN]);
      expect(out[0]?.text, text).toMatch(/^贵单位目前有 2 件事项待签收，请问这条签收对应哪一件？/);
      expect(out[0]?.text, text).toContain(sp2);
    }
    // In the group, 收到 minutes after the leader's @ of the sender: that dispatch's 签收 (qa4 finding 10), not SP2's.
    const group = await s.play(say(t(MON, '11:03'), QIN, '收到👍'));
    expect(group.map((o) => o.to)).toEqual([QIN]);
    expect(group[0]?.text).toMatch(/^已登记签收 D\d+，/);
    expect(await side(s, sp2, 'chengxi')).toEqual({ acked: false, answered: false });
  });

  it(
    '谢谢 / 辛苦了 / 在吗 with nothing to sign: a short polite reply naming what waits, no question about ' +
      '办理情况',
    async () => {
      await s.play(say(t(MON, '11:10'), QIN, `${sp2} 签收`, { to: 'bot' }));
      await s.play(say(t(MON, '11:11'), QIN, 'D4 收到', { to: 'bot' }));
      for (const [text, start] of [
        ['谢谢', '不客气！'],
        ['辛苦了🙏', '不客气！'],
        ['在吗', '您好，我在。'],
        ['好的', '好的。'],
      ] as const) {
        const out = await s.play(say(t(MON, '11:20'), QIN, text, { to: 'bot' }));
        expect(out).toHaveLength(1);
        expect(out[0]?.text, text).toMatch(new RegExp(`^${start}贵单位目前有 2 件事项待答复：`));
        expect(out[0]?.text, text).not.toContain('是否作为');
        expect(out[0]?.text, text).not.toContain('未作为答复记录');
      }
    },
  );

  it(
    'a substantive group message with no code while only a round waits: asked privately, then the code makes it ' +
      'the answer',
    async () => {
      // 何镇长: SP1 signed above, no dispatch open.
      const texts = [
        '人民路积水已会同住建局疏通管网，本周完工后回访群众',
        '报告李主任，人民路积水点经现场查看发现雨水口堵塞，已组织清掏',
        '人民路那边积水已经排干了，明天再去回访一下',
      ];
      for (const [i, text] of texts.entries()) {
        const out = await s.play(say(t(MON, `15:0${i}`), HE, text));
        expect(
          out.map((o) => o.to),
          text,
        ).toEqual([HE]);
        expect(out[0]?.text, text).toMatch(new RegExp(`^是否作为 ${sp1}（双派单，工单 Q001「道路积水」）的办理情况？`));
        expect((await side(s, sp1, 'fenghuang')).answered, text).toBe(false);
      }
      const yes = await s.play(say(t(MON, '15:10'), HE, `是${sp1}的`));
      expect(yes.some((o) => o.text.includes(`已收到贵单位对 ${sp1} 的答复`))).toBe(true);
      const [ev] = await s.h.app.db.query<{ text: string }>(
        'select s.answer as text from dual_sides s join dual_rounds r on r.id = s.round_id where r.code = $1 and ' +
          "s.unit_id = 'fenghuang'",
        [sp1],
      );
      expect(ev?.text).toBe(texts[2]);
    },
  );
});

describe('QA 4: a reply naming the code links the held message instead of repeating the question', () => {
  let s: Scenario;
  let sp1 = '';
  beforeAll(async () => {
    s = await Scenario.open();
    const file = await writeXlsx(join(tempDir(), 'q4.xlsx'), [
      HEADER,
      row('Q101', '道路积水', '区住建局', '凤凰镇', '重办中', '', 1),
      row('Q102', '路灯不亮', '区住建局', '凤凰镇', '重办中', '', 1),
    ]);
    await s.play({ at: t(MON, '09:40'), from: SUP, file, to: 'group' });
    sp1 = await roundCode(s, 'Q101');
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'D4 / 是D4的 / 对，D4 / SP1 after a clarification: ' + 'recorded with the original text, forwarded, confirmed',
    async () => {
      const replies = ['是{c}的', '{c}', '对，{c}', '{c}的'];
      for (const [i, r] of replies.entries()) {
        await s.play(
          say(
            t(TUE, `09:${String(i * 10).padStart(2, '0')}`),
            LI,
            `@何镇长 人民路积水第${i + 1}处，请今天拿个方案报我`,
            {
              mentions: [HE],
            },
          ),
        );
        const code = await lastCode(s);
        const plan = `人民路积水第${i + 1}处方案已形成：\n1.疏通雨水管网300米；\n2.新增2处排水口，本周内完工`;
        const ask = await s.play(say(t(TUE, `09:${String(i * 10 + 1).padStart(2, '0')}`), HE, plan, { to: 'bot' }));
        // Its words name SP1 (道路积水) and the new dispatch, never SP2 (路灯不亮): those two are offered.
        expect(ask[0]?.text).toMatch(
          new RegExp(`^您好，这条消息未作为答复记录。消息所说的事项可能是：\\n${sp1} .*\\n${code} `),
        );
        const out = await s.play(
          say(t(TUE, `09:${String(i * 10 + 2).padStart(2, '0')}`), HE, r.replace('{c}', code), { to: 'bot' }),
        );
        const fwd = out.find((o) => o.to === LI)?.text ?? '';
        expect(fwd, r).toMatch(
          new RegExp(
            `^【调度反馈 ${code}】凤凰镇（何镇长）：\\n人民路积水第${i + 1}处方案已形成：` +
              `\\n1\\.疏通雨水管网300米；\\n2\\.新增2处排水口`,
          ),
        );
        expect(out.find((o) => o.to === HE)?.text, r).toBe(`已收到贵单位对 ${code} 的反馈，已转报李主任。谢谢！`);
      }
      // The round too: the held message becomes SP1's answer.
      const held = '人民路积水点已完成管网清淤，新增两处排水口正在施工';
      await s.play(say(t(TUE, '11:00'), LI, '@何镇长 人民路井盖缺失，请今天下班前反馈', { mentions: [HE] }));
      await s.play(say(t(TUE, '11:01'), HE, held, { to: 'bot' }));
      const sp = await s.play(say(t(TUE, '11:02'), HE, sp1, { to: 'bot' }));
      expect(sp.some((o) => o.text.includes(`已收到贵单位对 ${sp1} 的答复`))).toBe(true);
      expect((await side(s, sp1, 'fenghuang')).answered).toBe(true);
    },
  );

  it('a code named hours after the clarification does not take the held message', async () => {
    await s.play(say(t(TUE, '14:00'), LI, '@何镇长 人民路路灯，请明天反馈', { mentions: [HE] }));
    const a = await lastCode(s);
    await s.play(say(t(TUE, '14:02'), HE, '路灯已全部修复，今晚恢复照明', { to: 'bot' }));
    // Three hours later: the held message no longer waits.
    const late = await s.play(say(t(TUE, '17:10'), HE, a, { to: 'bot' }));
    expect(late.some((o) => o.to === LI)).toBe(false);
    expect(await target(s, a, 'fenghuang')).toMatchObject({ answered: false });
  });
});

describe("QA 5: leaders' questions in their own words", () => {
  let s: Scenario;
  let d1 = '';
  let d2 = '';
  beforeAll(async () => {
    s = await Scenario.open();
    await s.play(
      say(
        t(MON, '08:30'),
        WANG,
        '@褚局长 @尤主任 湖滨路夜市占道经营、油烟扰民问题群众反映强烈，请城管局牵头、湖滨街道配合，' +
          '今天下午5点前到现场处置并反馈。',
        { mentions: [CHU, YOU] },
      ),
    );
    d1 = await lastCode(s);
    await s.play(
      say(
        t(MON, '08:31'),
        WANG,
        '@冯局长 实验小学门口上下学时段车辆乱停问题，请公安分局本周内拿出整治措施，周三下班前报我。',
        { mentions: [FENG] },
      ),
    );
    d2 = await lastCode(s);
    await s.play(
      say(t(MON, '08:32'), LI, '@沈局长 湖滨路新增停车位收费标准群众咨询多，请交通局明天上午10点前报我口径', {
        mentions: [SHEN],
      }),
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'D1 进展怎么样了？ / D1进展如何 / 调度进展 D1 / 请问D1办得怎么样了: ' + 'the dispatch in full, where it was asked',
    async () => {
      const cases: Array<[string, Record<string, unknown>]> = [
        [`${d1} 进展怎么样了？`, {}],
        [`${d1}进展如何`, { to: 'bot' }],
        [`请问${d1.toLowerCase()}办得怎么样了`, { to: 'bot' }],
        [`调度进展 ${d1}`, {}],
      ];
      for (const [text, extra] of cases) {
        const out = await s.play(say(t(MON, '09:00'), WANG, text, extra));
        expect(out, text).toHaveLength(1);
        expect(out[0]?.to, text).toBe(extra.to === 'bot' ? WANG : 'group');
        expect(out[0]?.text, text).toContain(`【${d1}】王副主任于11月30日08:30交办（办理中）`);
      }
    },
  );

  it(
    "湖滨路夜市那件现在什么情况 / 学校门口车辆的事怎么样了: matched by its words to the leader's one dispatch; " +
      "else the leader's list",
    async () => {
      const one = await s.play(say(t(MON, '09:10'), WANG, '湖滨路夜市那件现在什么情况', { to: 'bot' }));
      expect(one[0]?.text).toContain(`【${d1}】`);
      const two = await s.play(say(t(MON, '09:11'), WANG, '学校门口车辆乱停的事怎么样了？', { to: 'bot' }));
      expect(two[0]?.text).toContain(`【${d2}】`);
      const none = await s.play(say(t(MON, '09:12'), WANG, '供暖那件事进展如何？', { to: 'bot' }));
      expect(none[0]?.text).toMatch(/^没有找到与“供暖”相关的调度。您交办的未办结调度有2件：/);
      expect(none[0]?.text).toContain(`· ${d1} 湖滨路夜市占道经营`);
      expect(none[0]?.text).not.toContain('停车位收费');
      // A leader's instruction with a question word is still a dispatch.
      const order = await s.play(
        say(t(MON, '09:13'), LI, '@褚局长 湖滨路夜市整治进展如何，请今天下班前报我', { mentions: [CHU] }),
      );
      expect(order.find((o) => o.to === 'group')?.text).toMatch(
        /^已转办区城市管理局（褚局长），时限11月30日（星期一）18:00，编号 D\d+$/,
      );
    },
  );

  it(
    "我的待办 / 待办 / 我的待办事项 from a leader: the leader's " + 'open dispatches and approvals awaiting them',
    async () => {
      await s.play(
        say(t(MON, '10:00'), 'wxid_shuanghe_lv', '申请退办 2026113000019 该垃圾点属县环卫公司管理，不属于本镇职责', {
          to: 'bot',
        }),
      );
      for (const text of ['我的待办', '待办', '我的待办事项？']) {
        const out = await s.play(say(t(MON, '10:05'), WANG, text, { to: 'bot' }));
        expect(out, text).toHaveLength(1);
        expect(out[0]?.text, text).toMatch(/^王副主任待办事项（截至11月30日10:05）：\n· 您交办的未办结调度2件：/);
        expect(out[0]?.text, text).toContain(`${d1} 湖滨路夜市占道经营`);
        expect(out[0]?.text, text).not.toContain('未能识别');
      }
    },
  );

  it(
    'a bare 同意 / 不同意 / 同意。 with one request waiting ' + 'names it and the reply to send, never decides',
    async () => {
      const ticket = join(tempDir(), 'tb.xlsx');
      await writeXlsx(ticket, [HEADER, row('2026113000019', '垃圾清运不及时', '双河镇', '双河镇', '办理中', '', 0)]);
      await s.play({ at: t(MON, '10:10'), from: SUP, file: ticket, to: 'group' });
      const req = await s.play(
        say(t(MON, '10:11'), 'wxid_shuanghe_lv', '申请退办 2026113000019 该垃圾点属县环卫公司管理，不属于本镇职责', {
          to: 'bot',
        }),
      );
      const code = /TB\d+/.exec(req.find((o) => o.to === WANG)?.text ?? '')?.[0] ?? '';
      expect(code).toMatch(/^TB\d+$/);
      for (const [text, want] of [
        ['同意', `是否同意 ${code}（双河镇申请退办工单 2026113000019「垃圾清运不及时」）？回复“同意 ${code}”即可。`],
        ['同意。', `是否同意 ${code}`],
        ['不同意，属于镇里职责', `回复“不同意 ${code} 理由”即可。`],
      ] as const) {
        const out = await s.play(say(t(MON, '10:12'), WANG, text, { to: 'bot' }));
        expect(out, text).toHaveLength(1);
        expect(out[0]?.text, text).toContain(want);
      }
      const [a] = await s.h.app.db.query<{ decision: string | null }>(
        'select decision from ticket_approvals where code = $1',
        [code],
      );
      expect(a?.decision).toBeNull();
    },
  );
});

describe('QA 6/7: the deadline a dispatch asks for; texts without stray punctuation or spaces', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the time attached to 前 / 报 / 反馈 wins over the time to do it', async () => {
    const cases: Array<[string, string]> = [
      ['凤凰镇人民路积水的问题，请住建局、凤凰镇今天拿个方案，明天上午10点前报我', '时限12月1日（星期二）10:00'],
      ['@何镇长 今天下午到现场看一下人民路积水，明天下班前反馈处理情况', '时限12月1日（星期二）18:00'],
      ['@何镇长 人民路积水今天先排水，周三上午报送整改方案', '时限12月2日（星期三）12:00'],
    ];
    for (const [i, [text, want]] of cases.entries()) {
      const out = await s.play(say(t(MON, `08:3${i}`), LI, text, { mentions: text.startsWith('@') ? [HE] : [] }));
      expect(out.find((o) => o.to === 'group')?.text, text).toContain(want);
    }
  });

  it(
    'an urgent dispatch near the end of the day says its window; the progress list has no 。，; forwards keep no ' +
      'code',
    async () => {
      const urgent = await s.play(
        say(
          t(MON, '16:20'),
          WANG,
          '@郑局长 锦绣小区烧烤店噪音的事，群众二次不满意了，请环境分局尽快处理，处理结果报我',
          {
            mentions: [ZHENG],
          },
        ),
      );
      expect(urgent.find((o) => o.to === 'group')?.text).toMatch(
        /^【紧急】已转办区生态环境分局（郑局长），时限11月30日（星期一）18:20（紧急事项，2小时内反馈），编号 D\d+$/,
      );
      expect(urgent.find((o) => o.to === ZHENG)?.text).toContain(
        '办理时限：11月30日（星期一）18:20（紧急事项，2小时内反馈）',
      );
      await s.play(
        say(t(MON, '16:21'), LI, '@吴局长 近期养老金到账咨询较多，请人社局梳理一下答复口径，在群里报一下。', {
          mentions: ['wxid_renshe_wu'],
        }),
      );
      const code = await lastCode(s);
      await s.play(say(t(MON, '16:22'), 'wxid_renshe_wu', '收到'));
      const list = await s.play(say(t(MON, '16:23'), LI, '调度进展', { to: 'bot' }));
      expect(list[0]?.text).toContain(
        `· ${code} 近期养老金到账咨询较多，请人社局梳理一下答复口径，在群里报一下，已签收（11月30日16:22），` +
          `未反馈，时限`,
      );
      expect(list[0]?.text).not.toMatch(/[。.]，/);
      const fwd = await s.play(
        say(
          t(MON, '16:30'),
          'wxid_renshe_wu',
          `${code} 养老金到账答复口径：\n1.退休审批通过后次月发放首笔养老金；\n2.可通过"掌上社保"APP查询；` +
            `\n3.咨询电话12333。`,
          { to: 'bot' },
        ),
      );
      expect(fwd.find((o) => o.to === LI)?.text).toBe(
        `【调度反馈 ${code}】区人力资源和社会保障局（吴局长）：\n养老金到账答复口径：` +
          `\n1.退休审批通过后次月发放首笔养老金；\n2.可通过"掌上社保"APP查询；\n3.咨询电话12333。\n原调度：` +
          `近期养老金到账咨询较多，请人社局梳理一下答复口径，在群里报一下。\n${code} 已反馈。`,
      );
      // Sent to one unit: 已反馈, never 各单位均已反馈 (in the forward above and in the dispatch's course).
      const course = await s.play(say(t(MON, '16:31'), LI, `${code} 进展`, { to: 'bot' }));
      expect(course[0]?.text).toMatch(new RegExp(`^【${code}】.*交办（已反馈）`));
      expect(course[0]?.text).not.toContain('各单位均已反馈');
    },
  );
});

describe('QA 3: 谢谢 with one unsigned item says how to sign it', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
    const file = await writeXlsx(join(tempDir(), 'q3.xlsx'), [
      HEADER,
      row('Q301', '噪音扰民', '区生态环境分局', '城西街道', '已办结', '不满意', 0),
    ]);
    await s.play({ at: t(MON, '09:40'), from: SUP, file, to: 'group' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('谢谢 / 谢谢领导🙏 / 辛苦了: no question about 办理情况, nothing signed', async () => {
    const sp = await roundCode(s, 'Q301');
    for (const text of ['谢谢', '谢谢领导🙏', '辛苦了']) {
      const out = await s.play(say(t(MON, '09:45'), QIN, text, { to: 'bot' }));
      expect(
        out.map((o) => o.text),
        text,
      ).toEqual([
        `不客气！${sp}（双派单，工单 Q301「噪音扰民」）尚待贵单位签收，请回复“${sp} 签收”，办理后回复“${sp}` +
          `”加办理情况。`,
      ]);
    }
    expect(await side(s, sp, 'chengxi')).toEqual({ acked: false, answered: false });
  });
});
