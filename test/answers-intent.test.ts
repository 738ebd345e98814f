import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterConfig } from './helpers.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

// 2026-11-30 is a Monday; 12-02 a Wednesday.
const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const MON = '2026-11-30';
const TUE = '2026-12-01';
const ZJ = 'wxid_zhujian_zhang';
const CD = 'wxid_chengdong_zhu';
const CX = 'wxid_chengxi_qin';
const CHU = 'wxid_chengguan_chu';
const YOU = 'wxid_hubin_you';
const ZHOU = 'wxid_weijian_zhou';
const SUN = 'wxid_jiaoyu_sun';
const LI = 'wxid_leader_li';
const WANG = 'wxid_leader_wang';
const SUP = 'wxid_sup_liu';

const row = (
  n: string,
  title: string,
  unit: string,
  street: string,
  status: string,
  rating: string,
  reopen: number,
) => [n, title, `${title}，请尽快处理`, unit, street, '', '2026-11-25 09:00', '', status, rating, reopen];

async function roundCode(s: Scenario, ticket: string): Promise<string> {
  const [r] = await s.h.app.db.query<{ code: string }>(
    'select code from dual_rounds where ticket_number = $1 order by id desc limit 1',
    [ticket],
  );
  return r?.code ?? '';
}

async function sideAnswered(s: Scenario, code: string, unitId: string): Promise<boolean> {
  const [r] = await s.h.app.db.query<{ answered: boolean }>(
    'select s.answered_at is not null as answered from dual_sides s join dual_rounds r on r.id = s.round_id ' +
      'where r.code = $1 and s.unit_id = $2',
    [code, unitId],
  );
  return r?.answered ?? false;
}

const answered = (out: Array<{ text: string }>) =>
  out.some((o) => /已收到贵单位对 (SP|D)\d+ 的(答复|反馈)/.test(o.text));

describe('issue 12.1: commands are never answers; an answer with no code carries substance, else the bot asks', () => {
  let s: Scenario;
  let one = '';
  let sp1 = '';
  let sp2 = '';
  beforeAll(async () => {
    s = await Scenario.open();
    const file = await writeXlsx(join(tempDir(), 'a.xlsx'), [
      HEADER,
      row('S101', '小区路灯不亮', '区住建局', '城东街道', '已回访', '不满意', 0),
      row('S102', '楼道渗水', '区住建局', '城东街道', '已回访', '不满意', 0),
      row('S103', '背街小巷垃圾', '城西街道', '城西街道', '重办', '', 1),
    ]);
    await s.play({ at: t(MON, '10:00'), from: SUP, file, to: 'group' });
    sp1 = await roundCode(s, 'S101');
    sp2 = await roundCode(s, 'S102');
    one = await roundCode(s, 'S103');
    await s.play(
      say(t(MON, '10:10'), LI, '@褚局长 建设路夜市油烟扰民，请明天下午5点前拿出整治方案并反馈。', { mentions: [CHU] }),
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    '控制台 / 帮助 / 调度进展 / 我的待办 privately from a head with one round open: the command is answered, ' +
      'never recorded as SP',
    async () => {
      for (const text of ['控制台', '控制台。', ' 控制台 ']) {
        const out = await s.play(say(t(MON, '11:00'), CX, text, { to: 'bot' }));
        expect(out).toHaveLength(1);
        expect(out[0]?.text).toContain('控制台登录链接');
        expect(answered(out)).toBe(false);
      }
      const help = await s.play(say(t(MON, '11:05'), CX, '帮助', { to: 'bot' }));
      expect(help[0]?.text).toContain('我是督办助手');
      for (const text of ['调度进展', '我的待办', '查一下我们街道还有几件超期工单']) {
        const out = await s.play(say(t(MON, '11:10'), CX, text, { to: 'bot' }));
        expect(answered(out)).toBe(false);
      }
      expect(await sideAnswered(s, one, 'chengxi')).toBe(false);
      // The same from a head with a dispatch open: the link, nothing forwarded to the leader.
      const link = await s.play(say(t(MON, '11:15'), CHU, '控制台', { to: 'bot' }));
      expect(link.map((o) => o.to)).toEqual([CHU]);
      expect(link[0]?.text).toContain('控制台登录链接');
    },
  );

  it(
    '好的 / 👌 sign the one unsigned item; 在吗 / 谢谢 / 嗯嗯 then get a polite word naming what waits (nothing ' +
      'recorded)',
    async () => {
      const first = await s.play(say(t(MON, '14:00'), CX, '好的', { to: 'bot' }));
      expect(first.map((o) => o.text)).toEqual([`已登记签收 ${one}，请于12月2日（星期三）18:00前答复办理情况。`]);
      const expected: Array<[string, string]> = [
        ['在吗？', '您好，我在。'],
        ['谢谢领导🙏', '不客气！'],
        ['👌', '好的。'],
        ['嗯嗯', '好的。'],
        ['ok', '好的。'],
      ];
      for (const [text, start] of expected) {
        const out = await s.play(say(t(MON, '14:00'), CX, text, { to: 'bot' }));
        expect(out).toHaveLength(1);
        expect(out[0]?.text).toBe(
          `${start}${one}（双派单，工单 S103「背街小巷垃圾」）尚待贵单位答复，办理后请回复“${one}”加办理情况。`,
        );
      }
      expect(await sideAnswered(s, one, 'chengxi')).toBe(false);
      const ok = await s.play(say(t(MON, '14:10'), CHU, '好的', { to: 'bot' }));
      expect(ok.map((o) => o.text)).toEqual([expect.stringContaining('已登记签收 D1')]);
      const again = await s.play(say(t(MON, '14:11'), CHU, '收到👍谢谢', { to: 'bot' }));
      expect(again.map((o) => o.text)).toEqual([expect.stringMatching(/^D1 已签收，办理时限/)]);
      expect([...ok, ...again].some((o) => o.to === LI)).toBe(false);
      // Substance with no code, one round waiting: that round's answer.
      const real = await s.play(say(t(MON, '15:00'), CX, '背街小巷垃圾已全部清运，并安排保洁每日巡查', { to: 'bot' }));
      expect(real.some((o) => o.text.includes(`已收到贵单位对 ${one} 的答复`))).toBe(true);
      expect(await sideAnswered(s, one, 'chengxi')).toBe(true);
    },
  );

  it('with several waiting, an empty or code-less message lists the codes instead of guessing', async () => {
    const starts: Array<[string, RegExp]> = [
      ['好的', /^贵单位目前有 2 件事项待签收，请问这条签收对应哪一件？/],
      ['在吗', /^您好，我在。贵单位目前有 2 件事项待答复：/],
      // Its words name both rounds' tickets (路灯, 渗水): both offered.
      ['路灯和渗水的事我们都在跟进', /^您好，这条消息未作为答复记录。消息所说的事项可能是：/],
    ];
    for (const [text, start] of starts) {
      const out = await s.play(say(t(MON, '16:00'), ZJ, text, { to: 'bot' }));
      expect(out).toHaveLength(1);
      expect(out[0]?.text).toMatch(start);
      expect(out[0]?.text).toContain(`${sp1} 双派单，工单 S101「小区路灯不亮」`);
      expect(out[0]?.text).toContain(`${sp2} 双派单，工单 S102「楼道渗水」`);
    }
    expect(await sideAnswered(s, sp1, 'zhujian')).toBe(false);
    expect(await sideAnswered(s, sp2, 'zhujian')).toBe(false);
    // Rounds and a dispatch waiting together: an answer with no code is not given to the dispatch.
    await s.play(say(t(MON, '16:30'), LI, '@朱主任 东一网格化粪池外溢，请今天下班前处置并反馈。', { mentions: [CD] }));
    const mixed = await s.play(say(t(MON, '16:40'), CD, '已安排网格员到现场处理', { to: 'bot' }));
    expect(mixed.some((o) => o.to === LI)).toBe(false);
    expect(mixed[0]?.text).toMatch(/^您好，这条消息未作为答复记录。贵单位目前有 3 件事项待答复/);
    expect(mixed[0]?.text).toContain('D2 调度“东一网格化粪池外溢');
  });
});

describe("issue 12.4: a unit's answer in the group addressed to its leader, with no code", () => {
  let s: Scenario;
  let n = 0;
  const give = async (leader: string, text: string) => {
    n += 1;
    await s.play(say(t(TUE, `09:${String(n).padStart(2, '0')}`), leader, `@褚局长 ${text}`, { mentions: [CHU] }));
    return `D${n}`;
  };
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    '报告王主任… / @王副主任 … / a quote of the dispatch / 王主任，' + "… each become the only open dispatch's answer",
    async () => {
      const answers: Array<[string, Record<string, unknown>]> = [
        ['报告王主任，湖滨路占道经营已集中整治，劝离流动摊贩12处。', {}],
        ['@王副主任 湖滨路夜市整治情况：今天组织执法中队清理摊点8处，设置隔离栏，明天继续巡查', { mentions: [WANG] }],
        [
          '「王副主任：@褚局长 湖滨路夜市整治，请明天中午前反馈」\n- - - - - - - - - - - - - - ' +
            '-\n今天上午执法中队到场，摊贩全部劝离，后续每天巡查',
          {},
        ],
        ['王主任，湖滨路那边我们上午去了，摊位都清走了，明天再复查一次👍', {}],
        ['汇报：湖滨路东段的流动摊贩今天上午全部清理，设置了两处劝导点', {}],
      ];
      for (const [i, [text, extra]] of answers.entries()) {
        const code = await give(WANG, '湖滨路夜市整治，请明天中午前反馈');
        // 好的 addressed to the leader signs the dispatch (confirmed privately, nothing to the leader); chit-chat:
        // nothing.
        const ok = await s.play(
          say(t(TUE, `10:${String(i).padStart(2, '0')}`), CHU, '@王副主任 好的', { mentions: [WANG] }),
        );
        expect(ok.map((o) => [o.to, o.text.startsWith(`已登记签收 ${code}，`)])).toEqual([[CHU, true]]);
        expect(await s.play(say(t(TUE, `10:${String(i + 10).padStart(2, '0')}`), CHU, '今天湖滨路人真多啊'))).toEqual(
          [],
        );
        const out = await s.play(say(t(TUE, `11:${String(i).padStart(2, '0')}`), CHU, text, extra));
        const fwd = out.find((o) => o.to === WANG);
        expect(fwd?.text).toMatch(new RegExp(`^【调度反馈 ${code}】区城市管理局（褚局长）：`));
        expect(fwd?.text).not.toContain('- - - -');
        expect(out.find((o) => o.to === CHU)?.text).toContain(`已收到贵单位对 ${code} 的反馈`);
      }
    },
  );

  it(
    "with several open, the bot asks which (listing the codes); addressing one leader picks that leader's " +
      'dispatch',
    async () => {
      const a = await give(WANG, '建设路油烟扰民，请今天下午反馈');
      const b = await give(WANG, '人民路井盖缺失，请今天下午反馈');
      const out = await s.play(say(t(TUE, '13:00'), CHU, '报告王主任，两处问题均已整改到位'));
      expect(out.some((o) => o.to === WANG)).toBe(false);
      expect(out.find((o) => o.to === CHU)?.text).toContain('请问这条反馈对应哪一件？');
      expect(out.find((o) => o.to === CHU)?.text).toContain(a);
      expect(out.find((o) => o.to === CHU)?.text).toContain(b);
      await s.play(say(t(TUE, '13:05'), CHU, `${a} 油烟净化器已安装`), say(t(TUE, '13:06'), CHU, `${b} 井盖已补齐`));
      const c = await give(LI, '湖滨路井盖松动，请今天下午反馈');
      const d = await give(WANG, '湖滨路路灯不亮，请今天下午反馈');
      const toLi = await s.play(say(t(TUE, '14:00'), CHU, '报告李主任，井盖已加固，现场已恢复通行'));
      expect(toLi.find((o) => o.to === LI)?.text).toMatch(new RegExp(`^【调度反馈 ${c}】`));
      expect(toLi.some((o) => o.to === WANG)).toBe(false);
      const toWang = await s.play(
        say(t(TUE, '14:05'), CHU, '@王副主任 路灯已更换，今晚恢复照明', { mentions: [WANG] }),
      );
      expect(toWang.find((o) => o.to === WANG)?.text).toMatch(new RegExp(`^【调度反馈 ${d}】`));
    },
  );
});

describe('issue 12.5: the common acknowledgements sign a ticket digest, a dispatch or a round alike', () => {
  let s: Scenario;
  beforeAll(async () => {
    const base = rosterConfig();
    s = await Scenario.open({ ...base, tickets: { ...base.tickets, ladder: { written: 1, onSite: 2, referral: 3 } } });
    const file = await writeXlsx(join(tempDir(), 'n.xlsx'), [
      HEADER,
      ['N001', '小区路灯不亮', '', '区住建局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
      ['N002', '占道经营', '', '城管局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
      ['N003', '校车接送', '', '教育局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
      ['N004', '垃圾堆放', '', '城东街道', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
      ['N005', '医保报销', '', '卫健局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
    ]);
    await s.play({ at: t('2026-11-19', '10:00'), from: SUP, file, to: 'group' });
    await s.play(run(t('2026-11-20', '09:00'), 'ticket-nag'));
  });
  afterAll(async () => {
    await s?.close();
  });

  const ackedBy = async (unit: string) =>
    (
      await s.h.app.db.query<{ acked_by: string | null }>('select acked_by from ticket_digests where unit_id = $1', [
        unit,
      ])
    ).map((r) => r.acked_by);

  it('收到 / 好的收到 / 收到！马上办 / 👌收到 after a nag sign the digest as 签收 does', async () => {
    const cases: Array<[string, string, string]> = [
      [ZJ, 'zhujian', '收到'],
      [CHU, 'chengguan', '好的收到'],
      [SUN, 'jiaoyu', '收到！马上办'],
      [CD, 'chengdong', '👌收到'],
    ];
    for (const [who, unit, text] of cases) {
      const out = await s.play(say(t('2026-11-20', '09:30'), who, text));
      expect(out.find((o) => o.text.includes('已签收，督办记录已更新'))).toBeTruthy();
      expect(await ackedBy(unit)).toEqual([who]);
    }
  });

  it('a dispatch delivered after the nag takes the next 收到; the digest then takes 已签收', async () => {
    await s.play(
      say(t('2026-11-20', '10:00'), LI, '@周局长 医保窗口排队过长，请今天下班前反馈。', { mentions: [ZHOU] }),
    );
    const first = await s.play(say(t('2026-11-20', '10:05'), ZHOU, '收到，马上安排'));
    expect(first.find((o) => o.to === ZHOU)?.text).toContain('已登记签收 D1');
    expect(await ackedBy('weijian')).toEqual([null]);
    const second = await s.play(say(t('2026-11-20', '10:06'), ZHOU, '已签收'));
    expect(second[0]?.text).toContain('已签收，督办记录已更新');
    expect(await ackedBy('weijian')).toEqual([ZHOU]);
  });
});

describe('issue 12.8 / 12.10 / 12.18: deadlines, one-sided rounds, dispatch texts', () => {
  let s: Scenario;
  const codes: string[] = [];
  let deliveries: Array<{ to: string; text: string }> = [];
  beforeAll(async () => {
    s = await Scenario.open();
    const file = await writeXlsx(join(tempDir(), 'x.xlsx'), [
      HEADER,
      row('S201', '背街小巷垃圾', '城西街道', '城西街道', '重办', '不满意', 1),
      row('S202', '公厕无人保洁', '城西街道', '城西街道', '已回访', '不满意', 0),
      row('S203', '绿化带杂草', '城西街道', '', '已回访', '不满意', 0),
      row('S204', '小区路灯不亮', '区住建局', '城东街道', '已回访', '不满意', 0),
    ]);
    deliveries = await s.play({ at: t(MON, '10:00'), from: SUP, file, to: 'group' });
    for (const n of ['S201', 'S202', 'S203']) codes.push(await roundCode(s, n));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('双派单 deadlines read as the end of the working day, with the weekday, never 00:00 of the next day', async () => {
    const rounds = deliveries.filter((o) => o.text.startsWith('【双派单'));
    expect(rounds.length).toBe(5);
    for (const o of rounds) {
      expect(o.text).toContain('答复时限：12月2日（星期三）18:00前。');
      expect(o.text).not.toContain('00:00');
    }
    const code = codes[0];
    if (code === undefined) throw new Error('no 双派单 code was recorded');
    const ack = await s.play(say(t(MON, '11:00'), CX, `${code} 签收`, { to: 'bot' }));
    expect(ack[0]?.text).toBe(`已登记签收 ${code}，请于12月2日（星期三）18:00前答复办理情况。`);
    const [r] = await s.h.app.db.query<{ deadline: Date }>('select deadline from dual_rounds where code = $1', [code]);
    expect(new Date(r?.deadline as Date).toISOString()).toBe('2026-12-02T10:00:00.000Z');
  });

  it(
    'a one-sided round never says 两方; privately the ' + 'confirmation and the back-check questions are one message',
    async () => {
      const [a, b, c] = codes as [string, string, string];
      const priv = await s.play(say(t(MON, '15:00'), CX, `${a} 垃圾已全部清运，并安排保洁每日巡查`, { to: 'bot' }));
      expect(priv).toHaveLength(1);
      expect(priv[0]?.text).toMatch(
        new RegExp(`^【双倒查 ${a}】已收到贵单位对 ${a} 的答复。工单 S201 已答复，请城西街道如实回答：`),
      );
      const group = await s.play(say(t(MON, '15:10'), CX, `${b} 公厕已安排专人保洁，今天起每日两次`));
      expect(group.find((o) => o.to === 'group')?.text).toContain(`已收到贵单位对 ${b} 的答复。双倒查问题已点对点发送`);
      expect(group.find((o) => o.to === CX)?.text).toMatch(
        new RegExp(`^【双倒查 ${b}】工单 S202 已答复，请城西街道如实回答：`),
      );
      const byTicket = await s.play(say(t(MON, '15:20'), CX, 'S203 绿化带杂草已清理完毕', { to: 'bot' }));
      expect(byTicket).toHaveLength(1);
      expect(byTicket[0]?.text).toContain(`已收到贵单位对 ${c} 的答复。工单 S203 已答复`);
      for (const o of [...priv, ...group, ...byTicket]) {
        expect(o.text).not.toContain('两方');
        expect(o.text).not.toContain('稍后');
      }
    },
  );

  it('a dispatch due at midnight reads as 24:00 of that day', async () => {
    const cases: Array<[string, string]> = [
      ['@秦主任 城西小学门口积水，请今晚12点前处置并反馈。', '时限12月1日（星期二）24:00'],
      ['@秦主任 城西菜市场下水道堵塞，明晚12点前反馈处理结果', '时限12月2日（星期三）24:00'],
      ['@秦主任 城西公园路灯不亮，请今天晚上十二点前修复', '时限12月1日（星期二）24:00'],
    ];
    for (const [text, want] of cases) {
      const out = await s.play(say(t(TUE, '09:00'), LI, text, { mentions: [CX] }));
      const line = out.find((o) => o.to === 'group')?.text ?? '';
      expect(line).toContain(want);
      expect(line).not.toContain('00:00');
    }
  });

  it(
    'quotes of a dispatch are cut at a clause, never ' + 'mid-word; a late unit is named without a stray space',
    async () => {
      await s.play(
        say(
          t(TUE, '09:30'),
          WANG,
          '@尤主任 湖滨路农贸市场周边占道经营和乱堆乱放问题群众反映强烈，请组织力量集中整治，' +
            '明天中午前反馈整治情况并附整治前后照片。',
          { mentions: [YOU] },
        ),
      );
      const remind = await s.play(run(t(TUE, '10:40'), 'dispatch-check'));
      const ack = remind.find((o) => o.to === YOU)?.text ?? '';
      expect(ack).toContain('“湖滨路农贸市场周边占道经营和乱堆乱放问题群众反映强烈…”尚未签收');
      expect(ack).not.toMatch(/明天中…/);
      const late = await s.play(run(t('2026-12-02', '12:00'), 'dispatch-check'));
      const groups = late.filter((o) => o.to === 'group').map((o) => o.text);
      // Several dispatches late in the same check share one group notice (play4): each quoted, cut at a clause.
      expect(groups).toHaveLength(1);
      expect(groups[0]).toMatch(
        // check-lines: long regex
        /^\d+\. D\d+“湖滨路农贸市场周边占道经营和乱堆乱放问题群众反映强烈…”（王副主任交办，时限12月2日（星期三）12:00）：湖滨街道$/m,
      );
      expect(groups[0]).toMatch(
        /^\d+\. D\d+“城西小学门口积水，请今晚12点前处置并反馈”（李主任交办，时限12月1日（星期二）24:00）：城西街道$/m,
      );
      for (const g of groups) expect(g).not.toMatch(/[\u4e00-\u9fa5] 尚未反馈|： /);
    },
  );
});
