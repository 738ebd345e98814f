/**
 * What the fourth played working day (play4) showed: a leader's instruction @-mentioning a head
 * taken as the leader's own 我的待办; a figure the confirmation asked for (请补充：办结件数) replacing
 * the report instead of completing it; a remark after a report "已更正…未作变更"; the same
 * instruction sent twice making two dispatches; a 合计 row with its count under 工单编号 reported
 * as a row not imported.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeCsv, writeXlsx } from './ticket-helpers.js';

// 2026-11-30 is a Monday.
const t = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`;
const LI = 'wxid_leader_li';
const WANG = 'wxid_leader_wang';
const SUP = 'wxid_sup_liu';
const ZJ = 'wxid_zhujian_zhang';
const XU = 'wxid_zhujian_xu';
const FENG = 'wxid_gongan_feng';
const HAN = 'wxid_nongye_han';
const WEI = 'wxid_shijian_wei';

describe("play4 1: a leader's instruction @-mentioning a head is a dispatch, never the leader's 我的待办", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('重办 / 超期 / 查清 / 在办 in an instruction: a dispatch to the unit mentioned', async () => {
    const cases: Array<[string, string, string]> = [
      [LI, '@冯局长 重办那件要查清原因，明天报我', FENG],
      [WANG, '@冯局长 超期的那几件工单查一下什么原因', FENG],
      [LI, '@张局长 在办的加装电梯那件还有哪些没办完？今天报我', ZJ],
      [WANG, '@张局长 重办工单要严查，周三前报结果🙏', ZJ],
    ];
    for (const [from, text, head] of cases) {
      const out = await s.play(say(t('16:30'), from, text, { mentions: [head] }));
      const line = out.find((o) => o.to === 'group')?.text ?? '';
      expect(line, text).toMatch(/^已转办.*编号 D\d+$/);
      expect(
        out.some((o) => o.to === head && o.text.includes('【点对点调度')),
        text,
      ).toBe(true);
      expect(out.map((o) => o.text).join('\n'), text).not.toContain('待办事项');
    }
  });

  it("the leader's own 我的待办 / 还有哪些没办 still lists the dispatches", async () => {
    for (const text of ['我的待办', '@督办助手 我的待办', '还有哪些没办？']) {
      const out = await s.play(say(t('16:40'), LI, text));
      expect(out, text).toHaveLength(1);
      expect(out[0]?.text, text).toContain('李主任待办事项');
    }
  });

  it("a head asking the bot still gets the unit's items; a head speaking to a colleague does not", async () => {
    const own = await s.play(say(t('16:50'), ZJ, '我们还有几件超期？', { to: 'bot' }));
    expect(own[0]?.text).toContain('区住房和城乡建设局');
    const toColleague = await s.play(say(t('16:51'), ZJ, '@徐科长 查一下我们还有几件超期', { mentions: [XU] }));
    expect(toColleague.map((o) => o.text).join('\n')).not.toContain('待办事项');
  });
});

describe('play4 2: figures the report lacked complete it (请补充 answered), they never replace it', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('今日无新增工单, then 办结0件 / 办结0 / 今天办结了0件: 受理0 stays, nothing more asked', async () => {
    const cases: Array<[string, string, string]> = [
      [HAN, '农业农村局今日无新增工单', '办结0件'],
      ['wxid_minzheng_jiang', '民政局：今日无新增工单', '办结0'],
      ['wxid_zigui_yang', '自规分局今天无新增工单👌', '今天办结了0件'],
    ];
    for (const [from, report, more] of cases) {
      const first = await s.play(say(t('17:30'), from, report));
      expect(first[0]?.text, report).toContain('请补充：办结件数');
      const out = await s.play(say(t('17:31'), from, more));
      expect(out[0]?.text, more).toContain('受理0件、办结0件');
      expect(out[0]?.text, more).not.toContain('请补充');
      expect(out[0]?.text, more).toMatch(/^已补充.*：办结 未填报→0件。\n补充后日报：受理0件、办结0件。$/);
    }
  });

  it('受理7件 then 办结6件 在办1件 / 满意率100%: merged, each confirmation shows the whole report', async () => {
    await s.play(say(t('17:32'), WEI, '市场监管局今日受理7件'));
    const a = await s.play(say(t('17:33'), WEI, '办结6件，在办1件'));
    expect(a[0]?.text).toContain('受理7件、办结6件、在办1件');
    const b = await s.play(say(t('17:34'), WEI, '满意率100%😊'));
    expect(b[0]?.text).toContain('受理7件、办结6件、在办1件、满意率100%');
  });

  it('the full set again still replaces', async () => {
    const out = await s.play(say(t('17:40'), WEI, '市场监管局今日受理8件，办结7件，在办1件，满意率99%'));
    expect(out[0]?.text).toContain('以本次为准');
  });
});

describe('play4 3: a remark after the report is a 补充, not "已更正…未作变更"', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('另外… / 补充说明… / the same figure again: 日报数据不变, the whole report', async () => {
    await s.play(say(t('16:30'), ZJ, '【区住建局】今日受理7件，办结6件，在办1件，无超期，满意率98%'));
    for (const text of [
      '另外，在办1件是环海路污水井盖，已协调施工单位今晚处理',
      '补充一下：在办1件',
      '更正：受理7件',
    ]) {
      const out = await s.play(say(t('16:35'), XU, text));
      const reply = out.find((o) => o.to === XU)?.text ?? '';
      expect(reply, text).toContain('日报的补充');
      expect(reply, text).toContain('日报数据不变：受理7件、办结6件、在办1件、超期0件、满意率98%');
      expect(reply, text).not.toContain('已更正');
    }
    const changed = await s.play(say(t('16:40'), XU, '更正：受理数应为8件'));
    expect(changed.find((o) => o.to === XU)?.text).toContain('受理 7→8件');
  });
});

describe('play4 4: the same instruction sent twice within minutes makes one dispatch', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a second identical message names the first code; a later or different one is a new dispatch', async () => {
    const first = await s.play(say(t('18:41'), LI, '@张局长 加装电梯的事抓紧', { mentions: [ZJ] }));
    const code = /编号 (D\d+)/.exec(first.find((o) => o.to === 'group')?.text ?? '')?.[1];
    expect(code).toMatch(/^D\d+$/);
    const again = await s.play(say(t('18:42'), LI, '@张局长 加装电梯的事抓紧', { mentions: [ZJ] }));
    expect(again).toHaveLength(1);
    expect(again[0]?.text).toContain(`编号 ${code}，本条未重复转办`);
    const [{ n }] = (await s.h.app.db.query<{ n: number }>('select count(*)::int as n from dispatches')) as [
      { n: number },
    ];
    expect(n).toBe(1);
    const other = await s.play(say(t('18:43'), LI, '@张局长 加装电梯的事抓紧办！', { mentions: [ZJ] }));
    expect(other.find((o) => o.to === 'group')?.text).toMatch(/^已转办/);
    const later = await s.play(say(t('18:55'), LI, '@张局长 加装电梯的事抓紧', { mentions: [ZJ] }));
    expect(later.find((o) => o.to === 'group')?.text).toMatch(/^已转办/);
  });
});

describe('play4 5: a 合计 row with its count under 工单编号 is passed over, not "未导入"', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  const head = [
    '序号',
    '工单编号',
    '诉求标题',
    '主责部门',
    '所属街道',
    '派单时间',
    '承诺完成时间',
    '办理状态',
    '满意度评价',
  ];
  const rows = [
    [
      1,
      'GX20261125001',
      '加装电梯纠纷',
      '区住建局',
      '城东街道',
      '2026-11-25 09:10',
      '2026-12-08 18:00',
      '办理中',
      '未评价',
    ],
    [
      2,
      'GX20261126020',
      '学位咨询',
      '区教育局',
      '城西街道',
      '2026-11-26 11:20',
      '2026-12-09 18:00',
      '已办结',
      '非常满意',
    ],
  ];

  it('合计 | 2件, 合计 | 2, 总计 | 共2条 (xlsx and GB18030 CSV): imported 2, nothing rejected', async () => {
    const totals: unknown[][] = [
      ['合计', '2件'],
      ['合计', 2],
      ['总计：', '共2条'],
    ];
    for (const [i, total] of totals.entries()) {
      const x = await writeXlsx(join(tempDir(), `t${i}.xlsx`), [head, ...rows, total], {
        title: ['高新区12345工单明细表'],
      });
      const out = await s.play({ at: t(`09:0${i}`), from: SUP, file: x, to: 'group' });
      const reply = out.find((o) => o.to === 'group')?.text ?? '';
      expect(reply, String(total)).toContain('未导入0条');
      expect(reply, String(total)).not.toContain('未导入的行');
    }
    const c = writeCsv(join(tempDir(), 'gbk.csv'), [head, ...rows, ['合计', '2件']], 'gb18030');
    const out = await s.play({ at: t('09:10'), from: SUP, file: c, to: 'group' });
    expect(out.find((o) => o.to === 'group')?.text).toContain('未导入0条');
  });

  it(
    'a row with a short number and no 合计 is still a ticket ' + '(or rejected with its reason), never passed over',
    async () => {
      const x = await writeXlsx(join(tempDir(), 'short.xlsx'), [
        head,
        [3, '7件', '路灯不亮', '', '双河镇', '2026-11-29 09:00', '2026-12-08 18:00', '办理中', ''],
      ]);
      const out = await s.play({ at: t('09:20'), from: SUP, file: x, to: 'group' });
      expect(out.find((o) => o.to === 'group')?.text).toContain('未导入1条');
    },
  );
});

describe('play4 6: 控制台 typed in the group gets a short pointer to the private chat, never a link', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('控制台 / @督办助手 控制台 / 后台 from a head, a leader, a supervisor', async () => {
    const cases: Array<[string, string]> = [
      [ZJ, '控制台'],
      [LI, '@督办助手 控制台'],
      [SUP, '后台'],
      [XU, '控制台。'],
    ];
    for (const [from, text] of cases) {
      const out = await s.play(say(t('08:30'), from, text));
      expect(out, text).toHaveLength(1);
      expect(out[0]?.to, text).toBe('group');
      expect(out[0]?.mentions, text).toEqual([from]);
      expect(out[0]?.text, text).toContain('请私聊督办助手发送“控制台”获取');
      expect(out[0]?.text, text).not.toMatch(/https?:|login/);
    }
    const [{ n }] = (await s.h.app.db.query<{ n: number }>('select count(*)::int as n from console_tokens')) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('privately the link as before; a sentence about the console in the group is not the command', async () => {
    const link = await s.play(say(t('08:40'), ZJ, '控制台', { to: 'bot' }));
    expect(link[0]?.text).toContain('控制台登录链接');
    const chat = await s.play(say(t('08:41'), ZJ, '控制台里能看到我们局的工单吗'));
    expect(chat.map((o) => o.text).join('\n')).not.toContain('请私聊督办助手发送“控制台”获取');
  });
});

describe(
  'play4 7: a unit listed 未报 that reports after the 18:40 summary: a 【补报】 note, as a correction gets ' +
    '【更正】',
  () => {
    let s: Scenario;
    beforeAll(async () => {
      s = await Scenario.open();
    });
    afterAll(async () => {
      await s?.close();
    });

    it(
      'late reports as typed: the group is told once each,' + ' with the figures; a later correction is 【更正】',
      async () => {
        await s.play(say(t('17:00'), ZJ, '【区住建局】今日受理5件，办结4件，在办1件'));
        await s.play(run(t('18:40'), 'daily-summary'));
        const cases: Array<[string, string, string]> = [
          [
            'wxid_xingang_xu',
            '不好意思来晚了，新港镇今日受理4件，办结3件，在办1件，满意率100%',
            '新港镇补报了当日日报：受理4件、办结3件、在办1件、满意率100%',
          ],
          ['wxid_shuanghe_lv', '双河镇 受理3 办结3 👌', '双河镇补报了当日日报：受理3件、办结3件'],
          [HAN, '农业农村局今天受理了两件办结了两件', '区农业农村局补报了当日日报：受理2件、办结2件'],
        ];
        for (const [from, text, want] of cases) {
          const out = await s.play(say(t('18:50'), from, text));
          const notes = out.filter((o) => o.to === 'group');
          expect(notes, text).toHaveLength(1);
          expect(notes[0]?.text, text).toMatch(/^【补报】11月30日日报汇总发出后，/);
          expect(notes[0]?.text, text).toContain(want);
          expect(out.find((o) => o.to === from)?.text, text).toContain('已记为迟报');
        }
        const fix = await s.play(say(t('18:55'), 'wxid_xingang_xu', '更正：受理应为5件'));
        expect(fix.find((o) => o.to === 'group')?.text).toMatch(/^【更正】.*受理 4→5件/);
      },
    );
  },
);

describe(
  'play4 8: 回头看 leaves out tickets the platform ' + 'holds (挂起 / 退单 / 延时申请), as the daily nag does',
  () => {
    let s: Scenario;
    const d = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
    beforeAll(async () => {
      s = await Scenario.open(undefined, d('2026-11-02', '08:00'));
      const path = await writeXlsx(join(tempDir(), 'held.xlsx'), [
        HEADER,
        ['H001', '加装电梯纠纷', '', '区住建局', '', '', '2026-11-16 09:00', '2026-11-18 18:00', '办理中', '', 0],
        ['H002', '污水外溢', '', '区住建局', '', '', '2026-11-17 09:00', '2026-11-20 12:00', '挂起', '', 0],
        ['H003', '拖欠工资', '', '区人社局', '', '', '2026-11-17 09:00', '2026-11-20 18:00', '退单', '', 0],
        ['H004', '医保报销', '', '区卫健局', '', '', '2026-11-17 09:00', '2026-11-20 18:00', '延时申请中', '', 0],
        [
          'H005',
          '油烟扰民',
          '',
          '区生态环境分局',
          '湖滨街道',
          '',
          '2026-11-17 09:00',
          '2026-11-20 18:00',
          '挂起',
          '不满意',
          0,
        ],
      ]);
      await s.play({ at: d('2026-11-30', '17:00'), from: SUP, file: path, to: 'group' });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('counts H001 (overdue, nagged) and H005 (不满意), never H002 / H003 / H004', async () => {
      const nag = await s.play(run(d('2026-12-01', '09:00'), 'ticket-nag'));
      const nagged = nag.map((o) => o.text).join('\n');
      expect(nagged).toContain('H001');
      for (const n of ['H002', 'H003', 'H004']) expect(nagged, n).not.toContain(n);
      const out = await s.play(run(d('2026-12-01', '09:05'), 'monthly-review'));
      const sum = out.find((o) => o.to === LI && o.text.startsWith('【回头看】11月份'))?.text ?? '';
      expect(sum).toContain('共2件');
      expect(sum).toContain('超期未办结1件已在每日工单督办中跟进，不重复交办（区住房和城乡建设局1件）');
      for (const n of ['H002', 'H003', 'H004']) expect(out.map((o) => o.text).join('\n'), n).not.toContain(n);
    });
  },
);

describe('play5: a 签收 after the deadline says the time is up, not the deadline as if it were ahead', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    '收到 / 收到👌 明早报方案 / 好的，马上安排 at 18:41 for a dispatch due 18:00; one before the deadline keeps ' +
      'the time ahead',
    async () => {
      const heads: Array<[string, string, string]> = [
        [FENG, '冯局长', '收到'],
        [ZJ, '张局长', '收到👌 明早把方案报李主任'],
        [WEI, '卫局长', '好的，马上安排'],
      ];
      for (const [i, [head, name]] of heads.entries()) {
        await s.play(say(t(`16:0${i}`), LI, `@${name} 第${i + 1}件事今天下班前拿出方案报我`, { mentions: [head] }));
      }
      for (const [i, [head, , text]] of heads.entries()) {
        const out = await s.play(say(t(`18:4${i}`), head, text));
        const receipt = out.find((o) => o.to === head)?.text ?? '';
        expect(receipt, text).toMatch(/^已登记签收 D\d+。办理时限11月30日（星期一）18:00已过，请尽快办理并回复结果。$/);
      }
      await s.play(say(t('17:00'), LI, '@韩局长 明天下班前把秸秆禁烧情况报我', { mentions: [HAN] }));
      const early = await s.play(say(t('17:05'), HAN, '收到🙏'));
      expect(early.find((o) => o.to === HAN)?.text).toMatch(
        /^已登记签收 D\d+，办理时限12月1日（星期二）18:00，办理后请回复结果。$/,
      );
    },
  );
});
