import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterConfig } from './helpers.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

// Issue 12, the second played working day (play2): how units, leaders and supervisors answer.
// 2026-11-30 is a Monday.
const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const MON = '2026-11-30';
const LI = 'wxid_leader_li';
const ZHENG = 'wxid_shengtai_zheng';
const WU = 'wxid_renshe_wu';
const CHU = 'wxid_chengguan_chu';
const ZJ = 'wxid_zhujian_zhang';
const CD = 'wxid_chengdong_zhu';
const SUN = 'wxid_jiaoyu_sun';
const SUP = 'wxid_sup_liu';

async function target(
  s: Scenario,
  code: string,
  unitId: string,
): Promise<{ acked: boolean; answered: boolean; ackText: string | null }> {
  const [r] = await s.h.app.db.query<{ acked: boolean; answered: boolean; ack_text: string | null }>(
    `select t.acked_at is not null as acked, t.answered_at is not null as answered, null::text as ack_text
       from dispatch_targets t join dispatches d on d.id = t.dispatch_id where d.code = $1 and t.unit_id = $2`,
    [code, unitId],
  );
  return { acked: r?.acked ?? false, answered: r?.answered ?? false, ackText: r?.ack_text ?? null };
}

async function lastCode(s: Scenario): Promise<string> {
  const [r] = await s.h.app.db.query<{ code: string }>('select code from dispatches order by id desc limit 1');
  return r?.code ?? '';
}

const forwarded = (out: Array<{ text: string }>) => out.some((o) => o.text.includes('【调度反馈'));

describe('play2 1: a reply that only states a plan signs the dispatch, never closes it', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  const plans = [
    '李主任，锦绣小区烧烤店我们今天晚上去夜查，周五前反馈',
    '@李主任 收到，明天一早安排执法队去锦绣小区，处理结果周五前报您👌',
    '报告李主任：该问题我局将于本周四组织联合检查，结果稍后反馈。',
  ];
  for (const [i, plan] of plans.entries()) {
    it(`"${plan}" is a 签收 with the plan; the dispatch stays open and a real answer closes it`, async () => {
      const hh = String(9 + i * 3).padStart(2, '0');
      await s.play(
        say(t(MON, `${hh}:00`), LI, `@郑局长 锦绣小区${i + 1}号楼烧烤店油烟扰民，请本周五前查处并反馈。`, {
          mentions: [ZHENG],
        }),
      );
      const code = await lastCode(s);
      const out = await s.play(say(t(MON, `${hh}:10`), ZHENG, plan, { mentions: plan.startsWith('@') ? [LI] : [] }));
      expect(forwarded(out)).toBe(false);
      expect(out.some((o) => o.text.includes('各单位均已反馈'))).toBe(false);
      const st = await target(s, code, 'shengtai');
      expect(st).toMatchObject({ acked: true, answered: false });
      // The leader asking later hears it is still open, not 办结.
      const progress = await s.play(
        say(t(MON, `${hh}:30`), LI, `锦绣小区${i + 1}号楼烧烤店那个现在啥进展`, { to: 'bot' }),
      );
      const said = progress.map((o) => o.text).join('\n');
      expect(said).not.toContain('均已办结');
      expect(said).toMatch(new RegExp(`^【${code}】.*（办理中）`));
      expect(said).toMatch(/区生态环境分局（郑局长）签收，称：/);
      // The answer with findings closes it.
      const done = await s.play(
        say(t(MON, `${hh}:50`), ZHENG, '李主任，锦绣小区烧烤店经夜查，已责令店主停业整改，油烟净化器已安装。'),
      );
      expect(forwarded(done)).toBe(true);
      expect((await target(s, code, 'shengtai')).answered).toBe(true);
    });
  }
});

describe('play2 2: 👍 / [强] / [OK] / 👌 sign like 收到 when something is unsigned, and are ignored otherwise', () => {
  let s: Scenario;
  beforeAll(async () => {
    const base = rosterConfig();
    s = await Scenario.open({ ...base, tickets: { ...base.tickets, ladder: { written: 1, onSite: 2, referral: 3 } } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'a dispatch: [强] / 👍 / [OK] in the group or privately ' + 'sign it; then nothing (praise is not answered)',
    async () => {
      for (const [i, [text, extra]] of (
        [
          ['[强]', {}],
          ['👍', {}],
          ['[OK]', { to: 'bot' }],
          ['👍🏻👍🏻', {}],
        ] as const
      ).entries()) {
        await s.play(
          say(t(MON, `1${i}:00`), LI, `@郑局长 第${i + 1}批餐饮油烟投诉，请明天下班前核查反馈。`, {
            mentions: [ZHENG],
          }),
        );
        const code = await lastCode(s);
        const out = await s.play(say(t(MON, `1${i}:05`), ZHENG, text, extra));
        expect(
          out.map((o) => o.to),
          text,
        ).toEqual([ZHENG]);
        expect(out[0]?.text, text).toMatch(new RegExp(`^已登记签收 ${code}，`));
        expect(await target(s, code, 'shengtai'), text).toMatchObject({ acked: true, answered: false });
        // Signed already: the same thumbs in the group is mere praise (no reply, no noise).
        expect(await s.play(say(t(MON, `1${i}:06`), ZHENG, text))).toEqual([]);
      }
    },
  );

  it('a ticket digest: 👌 / 👍 / [强] after the nag sign it as 收到 does', async () => {
    const file = await writeXlsx(join(tempDir(), 'p2.xlsx'), [
      HEADER,
      ['P001', '小区路灯不亮', '', '区住建局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
      ['P002', '社保卡补办慢', '', '人社局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
      ['P003', '占道经营', '', '城管局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
      ['P004', '校车接送', '', '教育局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
    ]);
    await s.play({ at: t('2026-12-01', '08:00'), from: SUP, file, to: 'group' });
    await s.play(run(t('2026-12-01', '15:00'), 'ticket-nag'));
    const ackedBy = async (unit: string) =>
      (
        await s.h.app.db.query<{ acked_by: string | null }>('select acked_by from ticket_digests where unit_id = $1', [
          unit,
        ])
      ).map((r) => r.acked_by);
    for (const [who, unit, text] of [
      [WU, 'renshe', '👌'],
      [ZJ, 'zhujian', '👍'],
      [CHU, 'chengguan', '[强]'],
      [SUN, 'jiaoyu', '[OK]'],
    ] as const) {
      const out = await s.play(say(t('2026-12-01', '15:10'), who, text));
      expect(
        out.find((o) => o.text.includes('已签收，督办记录已更新')),
        text,
      ).toBeTruthy();
      expect(await ackedBy(unit), text).toEqual([who]);
    }
    // Nothing unsigned for 城东街道: its 👍 in the group is ignored.
    expect(await s.play(say(t('2026-12-01', '15:20'), CD, '👍'))).toEqual([]);
  });
});

describe('play2 3: ticket verbs in the words units use', () => {
  let s: Scenario;
  const HAN = 'wxid_nongye_han';
  const tk = (n: string, title: string, unit: string) => [
    n,
    title,
    `${title}，请尽快处理`,
    unit,
    '',
    '',
    '2026-11-20 09:00',
    '2026-11-27 18:00',
    '办理中',
    '',
    0,
  ];
  const reportedDone = async (n: string) =>
    (
      await s.h.app.db.query<{ c: number }>(
        "select count(*)::int as c from ticket_events where ticket_number = $1 and kind = 'reported-done'",
        [n],
      )
    )[0]?.c ?? 0;
  beforeAll(async () => {
    s = await Scenario.open();
    const file = await writeXlsx(join(tempDir(), 'p3.xlsx'), [
      HEADER,
      tk('GD20261124001', '海港路菜市场周边摊贩占道', '城管局'),
      tk('GD20261124002', '建设路夜市油烟扰民', '城管局'),
      tk('GD20261124003', '锦绣小区路灯不亮', '区住建局'),
      tk('GD20261124004', '社保卡补办慢', '人社局'),
      tk('GD20261128021', '小区物业收费纠纷', '农业农村局'),
      tk('GD20261128022', '农机补贴发放', '农业农村局'),
    ]);
    await s.play({ at: t('2026-12-01', '08:00'), from: SUP, file, to: 'group' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    '办结了 / 已办完 / 已处理完毕 / 已解决 with the number: recorded as the unit reported it, in the group or ' +
      'privately',
    async () => {
      const cases: Array<[string, string, string, Record<string, unknown>]> = [
        [CHU, 'GD20261124001', 'GD20261124001 办结了，海港路菜市场周边摊贩已全部清理，并安排专人值守。', {}],
        [CHU, 'GD20261124002', '工单GD20261124002已办完👌 夜市油烟已整改', { to: 'bot' }],
        [ZJ, 'GD20261124003', 'GD20261124003 已处理完毕。路灯已更换', {}],
        [WU, 'GD20261124004', 'GD20261124004已解决', { to: 'bot' }],
      ];
      for (const [who, n, text, extra] of cases) {
        const out = await s.play(say(t('2026-12-01', '10:00'), who, text, extra));
        expect(
          out.map((o) => o.text.replace(/^@\S+\s/, '')),
          text,
        ).toContain(`已记录工单 ${n} 的办结情况，最终以 12345 平台状态为准。`);
        expect(await reportedDone(n), text).toBe(1);
      }
    },
  );

  it('no number, privately: the bot names the ticket and the exact reply, never records it', async () => {
    for (const text of [
      '海港路菜市场那个工单已经办完了，摊贩都清走了',
      '褚局长：菜市场那个单子办结了👍',
      '报告，海港路菜市场的12345工单已处理完毕',
    ]) {
      const before = await reportedDone('GD20261124001');
      const out = await s.play(say(t('2026-12-01', '11:00'), CHU, text, { to: 'bot' }));
      expect(
        out.map((o) => o.to),
        text,
      ).toEqual([CHU]);
      expect(out[0]?.text, text).not.toContain('未作处理');
      expect(out[0]?.text, text).toContain('GD20261124001');
      expect(out[0]?.text, text).toMatch(/回复“GD20261124001 已办结 说明”。|回复“工单编号 已办结 说明”即可/);
      expect(await reportedDone('GD20261124001')).toBe(before);
    }
    // Naming the ticket it asked about: 是否指工单 GD…？
    const one = await s.play(say(t('2026-12-01', '11:05'), CHU, '海港路菜市场那个工单已经办完了', { to: 'bot' }));
    expect(one[0]?.text).toBe(
      '是否指工单 GD20261124001（海港路菜市场周边摊贩占道）？如是报告该工单已办结，请回复“是”确认；' +
        '也可回复“GD20261124001 已办结 说明”。',
    );
  });

  it('退回 / 退办 / 不归我们管 with the number: a 退办 request to the leaders', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['GD20261128021 该诉求为小区物业收费纠纷，不归我们农业农村局管，申请退回', {}],
      ['退办 GD20261128022 农机补贴属区财政局发放，不属于我局职责', { to: 'bot' }],
    ];
    for (const [i, [text, extra]] of cases.entries()) {
      const out = await s.play(say(t('2026-12-01', `14:0${i}`), HAN, text, extra));
      const toHan = out
        .filter((o) => o.to === HAN || o.to === 'group')
        .map((o) => o.text)
        .join('\n');
      expect(toHan, text).toMatch(/的退办申请已提交领导审批，编号 TB\d+/);
      expect(
        out.some((o) => o.to === LI && o.text.includes('退办')),
        text,
      ).toBe(true);
    }
    // Without a reason: the exact form to send.
    const bare = await s.play(say(t('2026-12-01', '14:10'), WU, 'GD20261124004 申请退回', { to: 'bot' }));
    expect(bare[0]?.text).toBe('请写明理由，格式：申请退办 工单编号 理由。');
  });
});

describe('play2 4: 双派单 progress and 我的待办 for supervisors and leaders', () => {
  let s: Scenario;
  let sp1 = '';
  let sp2 = '';
  const WANG = 'wxid_leader_wang';
  const row = (n: string, title: string, unit: string, street: string) => [
    n,
    title,
    `${title}，请尽快处理`,
    unit,
    street,
    '',
    '2026-11-25 09:00',
    '',
    '已回访',
    '不满意',
    0,
  ];
  const roundOf = async (ticket: string) =>
    (
      await s.h.app.db.query<{ code: string }>(
        'select code from dual_rounds where ticket_number = $1 order by id desc limit 1',
        [ticket],
      )
    )[0]?.code ?? '';
  beforeAll(async () => {
    s = await Scenario.open();
    const file = await writeXlsx(join(tempDir(), 'p4.xlsx'), [
      HEADER,
      row('R101', '小区路灯不亮', '区住建局', '城东街道'),
      row('R102', '背街小巷垃圾', '城管局', '湖滨街道'),
    ]);
    await s.play({ at: t(MON, '10:00'), from: SUP, file, to: 'group' });
    sp1 = await roundOf('R101');
    sp2 = await roundOf('R102');
    await s.play(say(t(MON, '10:10'), LI, '@郑局长 锦绣小区烧烤店油烟扰民，请今天12点前反馈。', { mentions: [ZHENG] }));
    await s.play(say(t(MON, '10:20'), ZJ, `${sp1} 签收`, { to: 'bot' }));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('SP1进展 / SP2 进展 / sp1 情况如何: the round per side, never a dispatch list', async () => {
    for (const [text, code] of [
      [`${sp1}进展`, sp1],
      [`${sp2} 进展`, sp2],
      [`${sp1.toLowerCase()} 情况如何？`, sp1],
    ] as const) {
      const out = await s.play(say(t(MON, '11:00'), SUP, text, { to: 'bot' }));
      expect(out).toHaveLength(1);
      const body = out[0]?.text ?? '';
      expect(body, text).toMatch(new RegExp(`^【${code} 进展】工单 R10`));
      expect(body, text).toContain('答复时限：');
      expect(body, text).not.toContain('您交办的');
      expect(body, text).toMatch(/（承办单位）：/);
      expect(body, text).toMatch(/（属地镇街）：/);
    }
    const one = await s.play(say(t(MON, '11:01'), SUP, `${sp1} 进展`, { to: 'bot' }));
    expect(one[0]?.text).toMatch(/区住房和城乡建设局（承办单位）：已签收（11月30日10:20），未答复/);
  });

  it('双派单进展 / 双派单情况怎么样 from a supervisor or a leader: the open rounds', async () => {
    for (const [who, text] of [
      [SUP, '双派单进展'],
      [LI, '双派单情况怎么样'],
      [WANG, '@督办助手 双派单现在啥情况？'],
    ] as const) {
      const out = await s.play(say(t(MON, '11:10'), who, text, { to: 'bot' }));
      expect(out).toHaveLength(1);
      expect(out[0]?.text, text).toMatch(/^未办结的双派单 2 件：/);
      expect(out[0]?.text, text).toContain(sp1);
      expect(out[0]?.text, text).toContain(sp2);
      expect(out[0]?.text, text).not.toContain('您交办的');
    }
  });

  it('a supervisor never hears "您交办的"; 我的待办 gives the supervision view', async () => {
    const pick = await s.play(say(t(MON, '11:20'), SUP, '海港路那件现在什么情况', { to: 'bot' }));
    expect(pick[0]?.text).not.toContain('您交办的');
    for (const text of ['我的待办', '待办', '我的待办事项']) {
      const out = await s.play(say(t(MON, '13:00'), SUP, text, { to: 'bot' }));
      expect(out).toHaveLength(1);
      const body = out[0]?.text ?? '';
      expect(body, text).toMatch(/^刘组长，督办事项（截至11月30日 ?13:00）：/);
      expect(body, `${text}\n${body}`).toContain('未办结双派单2件');
      expect(body, text).toMatch(/超时未反馈的调度1件/);
      expect(body, text).toMatch(/超期未办结工单\d+件，重办工单\d+件/);
    }
  });
});

describe(
  'play2 5: 倒查 answers: an early one is kept, a complaint ' + 'is never one, the questions are never sent twice',
  () => {
    let s: Scenario;
    const codes: string[] = [];
    const row = (n: string, title: string) => [
      n,
      title,
      `${title}，请尽快处理`,
      '区住建局',
      '城东街道',
      '',
      '2026-11-25 09:00',
      '',
      '已回访',
      '不满意',
      0,
    ];
    const sideOf = async (code: string, unit: string) =>
      (
        await s.h.app.db.query<{ backcheck_text: string | null; status: string }>(
          'select s.backcheck_text, r.status from dual_sides s join dual_rounds r on r.id = s.round_id where ' +
            'r.code = $1 and s.unit_id = $2',
          [code, unit],
        )
      )[0];
    beforeAll(async () => {
      s = await Scenario.open();
      const file = await writeXlsx(join(tempDir(), 'p5.xlsx'), [
        HEADER,
        row('B201', '小区路灯不亮'),
        row('B202', '楼道渗水'),
        row('B203', '电梯停运'),
      ]);
      await s.play({ at: t(MON, '10:00'), from: SUP, file, to: 'group' });
      for (const n of ['B201', 'B202', 'B203']) {
        codes.push(
          (await s.h.app.db.query<{ code: string }>('select code from dual_rounds where ticket_number = $1', [n]))[0]
            ?.code ?? '',
        );
      }
    });
    afterAll(async () => {
      await s?.close();
    });

    const early = [
      (c: string) => `${c} 倒查：1.此前未通过摸排掌握该问题；2.已举一反三排查辖区同类路灯故障3处，均已修复。`,
      (c: string) => `${c}双倒查 一是投诉前已在巡查中发现，已报修；二是已对全部老旧小区开展排查`,
      (c: string) => `倒查 ${c}\n1、未提前掌握\n2、已举一反三，建立巡查台账`,
    ];
    const acks = [(c: string) => `对，${c}`, (c: string) => `${c} 好的`, (c: string) => `${c} 收到👌`];
    const complaints = [
      (c: string) => `${c} 刚才已经答过了`,
      (c: string) => `${c}之前已经回复过了啊`,
      (c: string) => `倒查${c}：早就答过了`,
    ];

    for (let i = 0; i < 3; i++) {
      it(
        `round ${i + 1}: an early 倒查 answer is kept; the other side's 好的 gets a pointer; a complaint is not ` +
          `recorded`,
        async () => {
          const c = codes[i] as string;
          const hh = String(11 + i).padStart(2, '0');
          await s.play(say(t(MON, `${hh}:00`), ZJ, `${c} 已派人现场处置，问题已解决。`, { to: 'bot' }));
          const e = await s.play(say(t(MON, `${hh}:05`), ZJ, early[i]?.(c) as string, { to: 'bot' }));
          expect(e.map((o) => o.text)).toEqual([`已记录贵单位对 ${c} 的双倒查答复。谢谢！`]);
          expect((await sideOf(c, 'zhujian'))?.backcheck_text).toBeTruthy();
          // The other side answers: the questions go to 城东街道 only, not again to 住建局.
          const both = await s.play(
            say(t(MON, `${hh}:10`), CD, `${c} 已联系物业完成维修，群众表示认可。`, { to: 'bot' }),
          );
          const questions = both.filter((o) => o.text.startsWith(`【双倒查 ${c}】`));
          expect(questions.map((o) => o.to)).toEqual([CD]);
          const again = await s.play(say(t(MON, `${hh}:15`), CD, acks[i]?.(c) as string, { to: 'bot' }));
          expect(again.map((o) => o.text)).toEqual([`${c} 的双倒查问题已发给您，请回复“${c} 倒查 1. … 2. …”作答。`]);
          const complaint = await s.play(say(t(MON, `${hh}:20`), CD, complaints[i]?.(c) as string, { to: 'bot' }));
          expect(complaint[0]?.text).toMatch(new RegExp(`^${c} 的双倒查尚未收到回答`));
          expect((await sideOf(c, 'chengdong'))?.backcheck_text ?? null).toBeNull();
          const real = await s.play(
            say(t(MON, `${hh}:25`), CD, `${c} 倒查 1. 未提前掌握 2. 已举一反三排查辖区同类问题`, { to: 'bot' }),
          );
          expect(real[0]?.text).toBe(`已记录贵单位对 ${c} 的双倒查答复。谢谢！`);
          expect((await sideOf(c, 'chengdong'))?.status).toBe('closed');
        },
      );
    }
  },
);

describe('play2 6: a leader asking about a dispatch answered lately hears the answers', () => {
  let s: Scenario;
  const WANG = 'wxid_leader_wang';
  const ZHU = 'wxid_zhujian_zhang';
  beforeAll(async () => {
    s = await Scenario.open();
    await s.play(
      say(t(MON, '09:00'), WANG, '@褚局长 @张局长 海港路菜市场周边摊贩占道，请明天下午5点前拿出整治方案报上来。', {
        mentions: [CHU, ZHU],
      }),
    );
    await s.play(
      say(t(MON, '15:00'), CHU, 'D1 海港路菜市场整治方案已形成：一是设置临时疏导点，二是每日早晚两次巡查。', {
        to: 'bot',
      }),
    );
    await s.play(say(t(MON, '15:30'), ZHU, 'D1 已配合城管局对海港路菜市场周边道路完成划线。', { to: 'bot' }));
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const text of ['海港路那个方案报上来没', '海港路菜市场的情况反馈了吗？', '海港路菜市场那件现在啥情况']) {
    it(`"${text}": the dispatch with the answers received`, async () => {
      const out = await s.play(say(t('2026-12-01', '09:00'), WANG, text, { to: 'bot' }));
      expect(out).toHaveLength(1);
      const body = out[0]?.text ?? '';
      expect(body, body).toMatch(/^【D1】王副主任于11月30日 ?09:00交办（各单位均已反馈）/);
      expect(body).toContain('海港路菜市场整治方案已形成');
      expect(body).toContain('已配合城管局');
      expect(body).not.toContain('未能识别');
    });
  }
});

describe('play2 7: a bare acknowledgement or thanks with nothing waiting gets no reply', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    '好的，明白 / 收到，谢谢👍 / 明白了[抱拳] / 👍 / 辛苦了 privately,' + ' nothing waiting: silence, no noise',
    async () => {
      for (const [who, text] of [
        [WU, '好的，明白'],
        [WU, '收到，谢谢👍'],
        [ZHENG, '明白了[抱拳]'],
        [ZHENG, '👍'],
        [LI, '好的'],
        [SUP, '辛苦了🙏'],
      ] as const) {
        expect(await s.play(say(t(MON, '16:00'), who, text, { to: 'bot' })), text).toEqual([]);
      }
    },
  );

  it('a greeting gets a short polite answer, once; a real request nothing understood the honest fallback', async () => {
    const hello = await s.play(say(t(MON, '16:09'), WU, '在吗', { to: 'bot' }));
    expect(hello.map((o) => o.text)).toEqual(['您好！需要帮助可发送“帮助”，查看本单位待办可发送“我的待办”。']);
    expect(await s.play(say(t(MON, '16:09'), WU, '你好', { to: 'bot' }))).toEqual([]);
    for (const text of ['这个表格怎么填', '帮我把昨天的数据改一下']) {
      const out = await s.play(say(t(MON, '16:10'), WU, text, { to: 'bot' }));
      expect(out, text).toHaveLength(1);
      expect(out[0]?.text, text).toMatch(/^您好，这条消息未能识别为日报、答复或指令，未作处理。/);
    }
  });
});
