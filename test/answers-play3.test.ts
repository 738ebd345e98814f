/**
 * What the third played working day (play3) showed: replies that point back to a held message,
 * acknowledgements and thanks while something waits or nothing does, leaders' decisions
 * without a code.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

// 2026-11-30 is a Monday.
const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const MON = '2026-11-30';
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

describe("play3 7: a leader's 同意吧 / 可以 / 不行，… with a request waiting names it and the exact reply", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('never 未能识别, never decided without the code', async () => {
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
    const cases: Array<[string, string]> = [
      ['同意吧', `回复“同意 ${code}”即可。`],
      ['可以。', `回复“同意 ${code}”即可。`],
      ['行，让双河镇尽快接手', `回复“同意 ${code}”即可。`],
      ['不行，医保局不在我们区，镇里要兜底', `回复“不同意 ${code} 理由”即可。`],
      ['不可以！', `回复“不同意 ${code} 理由”即可。`],
    ];
    for (const [text, want] of cases) {
      const out = await s.play(say(t(MON, '10:12'), WANG, text, { to: 'bot' }));
      expect(out, text).toHaveLength(1);
      expect(out[0]?.text, text).toContain(want);
      expect(out[0]?.text, text).not.toContain('未能识别');
    }
    const [a] = await s.h.app.db.query<{ decision: string | null }>(
      'select decision from ticket_approvals where code = $1',
      [code],
    );
    expect(a?.decision).toBeNull();
  });
});

const CHU = 'wxid_chengguan_chu';
const CD = 'wxid_chengdong_zhu';
const ZJ = 'wxid_zhujian_zhang';

describe('play3 4: thanks in any common form is courtesy: silent with nothing waiting, 不客气 with something', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });
  const thanks = ['好的谢谢', '谢谢提醒', '收到，谢谢领导', '感谢关心🙏', '好的，谢谢您！'];

  it('nothing waiting: no reply, never 未能识别', async () => {
    for (const text of thanks) {
      const out = await s.play(say(t(MON, '09:00'), CHU, text, { to: 'bot' }));
      expect(
        out.map((o) => o.text),
        text,
      ).toEqual([]);
    }
  });

  it('a signed dispatch waiting: the courtesy reply naming it, as for 谢谢', async () => {
    await s.play(say(t(MON, '10:00'), WANG, '@褚局长 建设巷路灯坏了，今天下班前修好并反馈', { mentions: [CHU] }));
    await s.play(say(t(MON, '10:01'), CHU, '收到', { to: 'bot' }));
    for (const text of ['好的谢谢', '谢谢提醒', '感谢关心🙏']) {
      const out = await s.play(say(t(MON, '10:05'), CHU, text, { to: 'bot' }));
      expect(
        out.map((o) => o.text),
        text,
      ).toHaveLength(1);
      expect(out[0]?.text, text).toMatch(/^不客气！D\d+（/);
    }
  });
});

describe('play3 5: with only a 双倒查 waiting, a bare ack is silent and courtesy points to the 倒查 reply', () => {
  let s: Scenario;
  let c = '';
  beforeAll(async () => {
    s = await Scenario.open();
    const r = (n: string, title: string) => [
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
    const file = await writeXlsx(join(tempDir(), 'p3-5.xlsx'), [HEADER, r('B301', '小区电梯故障')]);
    await s.play({ at: t(MON, '10:00'), from: SUP, file, to: 'group' });
    c =
      (await s.h.app.db.query<{ code: string }>('select code from dual_rounds where ticket_number = $1', ['B301']))[0]
        ?.code ?? '';
    await s.play(say(t(MON, '10:10'), ZJ, `${c} 已派人维修，电梯已恢复运行。`, { to: 'bot' }));
    await s.play(say(t(MON, '10:20'), CD, `${c} 已联系物业，电梯已恢复运行，已上门回访老人`, { to: 'bot' }));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('好的👌 / 嗯嗯 / 好的张局长: no reply, never the 办理情况 form', async () => {
    for (const text of ['好的👌', '嗯嗯', '好的王主任']) {
      const out = await s.play(say(t(MON, '10:30'), ZJ, text, { to: 'bot' }));
      expect(
        out.map((o) => o.text),
        text,
      ).toEqual([]);
    }
  });

  it('谢谢 / 辛苦了 / 您好: the 倒查 reply form', async () => {
    for (const text of ['谢谢', '辛苦了', '您好']) {
      const out = await s.play(say(t(MON, '10:35'), ZJ, text, { to: 'bot' }));
      expect(out, text).toHaveLength(1);
      expect(out[0]?.text, text).toContain(`请回复“${c} 倒查 1. … 2. …”`);
      expect(out[0]?.text, text).not.toContain('办理情况');
    }
  });
});

describe('play3 3: 好的，明白 / [抱拳] / 收到👍 + a remark sign like 收到 when something is unsigned', () => {
  let s: Scenario;
  const WU = 'wxid_renshe_wu';
  const SUN = 'wxid_jiaoyu_sun';
  const ZHENG = 'wxid_shengtai_zheng';
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a dispatch: signed by each phrasing; once signed the same words get no reply in the group', async () => {
    for (const [i, text] of ['[抱拳]', '好的，明白', '好的好的🙏', '明白，好的'].entries()) {
      await s.play(
        say(t(MON, `1${i}:00`), WANG, `@郑局长 第${i + 1}批餐饮油烟投诉，请明天下班前核查反馈。`, {
          mentions: [ZHENG],
        }),
      );
      const [d] = await s.h.app.db.query<{ code: string }>('select code from dispatches order by id desc limit 1');
      const out = await s.play(say(t(MON, `1${i}:05`), ZHENG, text));
      expect(
        out.map((o) => o.text),
        text,
      ).toEqual([expect.stringMatching(new RegExp(`^已登记签收 ${d?.code}，`))]);
      expect(await s.play(say(t(MON, `1${i}:06`), ZHENG, text)), text).toEqual([]);
    }
  });

  it(
    'a ticket digest after the nag: signed by each phrasing;' + ' a unit with nothing unsigned is not answered',
    async () => {
      const file = await writeXlsx(join(tempDir(), 'p3-3.xlsx'), [
        HEADER,
        ['Q001', '小区路灯不亮', '', '区住建局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
        ['Q002', '社保卡补办慢', '', '人社局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
        ['Q003', '占道经营', '', '城管局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
        ['Q004', '校车接送', '', '教育局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
      ]);
      await s.play({ at: t('2026-12-01', '08:00'), from: SUP, file, to: 'group' });
      await s.play(run(t('2026-12-01', '15:00'), 'ticket-nag'));
      const ackedBy = async (unit: string) =>
        (
          await s.h.app.db.query<{ acked_by: string | null }>(
            'select acked_by from ticket_digests where unit_id = $1',
            [unit],
          )
        ).map((r) => r.acked_by);
      const cases = [
        [WU, 'renshe', '好的，明白'],
        [ZJ, 'zhujian', '收到👍 这个单子上午已经报过办结了'],
        [CHU, 'chengguan', '[抱拳]'],
        [SUN, 'jiaoyu', '收到，这几个单子我们抓紧在平台上办'],
      ] as const;
      for (const [who, unit, text] of cases) {
        const out = await s.play(say(t('2026-12-01', '15:10'), who, text));
        expect(
          out.find((o) => o.text.includes('已签收，督办记录已更新')),
          text,
        ).toBeTruthy();
        expect(await ackedBy(unit), text).toEqual([who]);
      }
      for (const text of ['好的，明白', '[抱拳]'])
        expect(await s.play(say(t('2026-12-01', '15:20'), CD, text)), text).toEqual([]);
    },
  );
});

describe(
  'play3 1: after "which one?", a reply that only points back with a code makes the held message that item\'s ' +
    'answer',
  () => {
    let s: Scenario;
    beforeAll(async () => {
      s = await Scenario.open();
    });
    afterAll(async () => {
      await s?.close();
    });
    const give = async (hhmm: string, text: string): Promise<string> => {
      await s.play(say(t(MON, hhmm), WANG, `@褚局长 ${text}`, { mentions: [CHU] }));
      const code =
        (await s.h.app.db.query<{ code: string }>('select code from dispatches order by id desc limit 1'))[0]?.code ??
        '';
      await s.play(say(t(MON, hhmm), CHU, `${code} 收到`));
      return code;
    };
    const rounds: Array<[string, string, (c: string) => string]> = [
      [
        '建设巷路灯坏了半个月，本周三前修好并反馈',
        '@王副主任 报告王主任，路灯已经全部修好了，更换灯具23盏、修复线路2处',
        (c) => `是路灯那件，${c}`,
      ],
      [
        '建设巷井盖缺失，今天下班前补齐反馈',
        '报告王主任，井盖已补齐，现场已设置警示',
        (c) => `${c}，就是建设巷井盖那个`,
      ],
      ['人民路占道经营，今天下午反馈', '@王副主任 人民路摊贩已全部劝离，安排专人值守', (c) => `对 占道那个事 ${c}`],
      ['湖滨路油烟扰民，今天下午反馈', '王主任，油烟净化器已安装到位', (c) => `这个是${c}的`],
    ];
    for (const [i, [order, held, reply]] of rounds.entries()) {
      it(`"${reply('Dn')}" forwards the held report, not the pointer`, async () => {
        const hh = String(9 + i).padStart(2, '0');
        const code = await give(`${hh}:00`, order);
        const other = await give(`${hh}:01`, `第${i + 1}件：人民路井盖松动，今天下午反馈`);
        const ask = await s.play(say(t(MON, `${hh}:10`), CHU, held, held.startsWith('@') ? { mentions: [WANG] } : {}));
        expect(ask.find((o) => o.to === CHU)?.text).toContain('请问这条反馈对应哪一件？');
        const out = await s.play(say(t(MON, `${hh}:11`), CHU, reply(code)));
        const fwd = out.find((o) => o.to === WANG)?.text ?? '';
        expect(fwd).toMatch(new RegExp(`^【调度反馈 ${code}】`));
        expect(fwd).toContain(held.replace(/^@\S+\s/, '').slice(0, 12));
        expect(fwd).not.toContain(reply(code));
        // The other stays open; answer it so the next round asks again.
        await s.play(say(t(MON, `${hh}:20`), CHU, `${other} 井盖已加固`));
      });
    }
  },
);

describe('play3 6: a bare code of a dispatch already answered says its feedback was forwarded', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('D1 / D1？ / d1的: already forwarded to the leader, never asked about another item', async () => {
    await s.play(say(t(MON, '09:00'), WANG, '@褚局长 建设巷路灯坏了，今天下班前修好并反馈', { mentions: [CHU] }));
    const [a] = await s.h.app.db.query<{ code: string }>('select code from dispatches order by id desc limit 1');
    const code = a?.code ?? '';
    await s.play(say(t(MON, '09:30'), CHU, `${code} 路灯已全部修好，更换灯具23盏`));
    for (const [i, text] of [code, `${code}？`, `${code.toLowerCase()}的`].entries()) {
      const out = await s.play(say(t(MON, `10:0${i}`), CHU, text, { to: 'bot' }));
      expect(
        out.map((o) => o.text),
        text,
      ).toEqual([`${code} 的反馈已于11月30日09:30转报王副主任，无需重复回复。`]);
    }
    // Another dispatch waiting: the answered code is still not taken for it.
    await s.play(say(t(MON, '11:00'), WANG, '@褚局长 人民路井盖缺失，今天下午反馈', { mentions: [CHU] }));
    await s.play(say(t(MON, '11:01'), CHU, '收到'));
    const out = await s.play(say(t(MON, '11:05'), CHU, code, { to: 'bot' }));
    expect(out.map((o) => o.text)).toEqual([`${code} 的反馈已于11月30日09:30转报王副主任，无需重复回复。`]);
  });
});

describe('play3 2: a yes to "是否指工单 …？" records the ticket as reported done, never a digest 签收', () => {
  let s: Scenario;
  const WU = 'wxid_renshe_wu';
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
  const events = async (n: string) =>
    (
      await s.h.app.db.query<{ note: string }>(
        "select detail->>'note' as note from ticket_events where ticket_number = $1 and kind = 'reported-done'",
        [n],
      )
    ).map((r) => r.note);
  const ackedBy = async (unit: string) =>
    (
      await s.h.app.db.query<{ acked_by: string | null }>('select acked_by from ticket_digests where unit_id = $1', [
        unit,
      ])
    ).map((r) => r.acked_by);
  beforeAll(async () => {
    s = await Scenario.open();
    const file = await writeXlsx(join(tempDir(), 'p3-2.xlsx'), [
      HEADER,
      tk('GD20261124001', '海港路菜市场周边摊贩占道', '城管局'),
      tk('GD20261124003', '锦绣小区路灯不亮', '区住建局'),
      tk('GD20261124004', '社保卡补办慢', '人社局'),
    ]);
    await s.play({ at: t('2026-12-01', '08:00'), from: SUP, file, to: 'group' });
    await s.play(run(t('2026-12-01', '15:00'), 'ticket-nag'));
  });
  afterAll(async () => {
    await s?.close();
  });

  const cases = [
    [CHU, 'chengguan', 'GD20261124001', '海港路菜市场那个单子已经办结了，摊贩都清走了', '是的'],
    [ZJ, 'zhujian', 'GD20261124003', '锦绣小区路灯那个工单办好了，灯具已更换', '对，已办结'],
    [WU, 'renshe', 'GD20261124004', '社保卡补办那个单子已经解决了👍', '确认'],
  ] as const;
  for (const [who, unit, n, said, yes] of cases) {
    it(`"${said}" then "${yes}": reported done with the first message as the note`, async () => {
      const ask = await s.play(say(t('2026-12-01', '15:10'), who, said, { to: 'bot' }));
      expect(ask.map((o) => o.text)).toEqual([expect.stringMatching(new RegExp(`^是否指工单 ${n}（`))]);
      const out = await s.play(say(t('2026-12-01', '15:12'), who, yes, { to: 'bot' }));
      expect(out.map((o) => o.text)).toEqual([`已记录工单 ${n} 的办结情况，最终以 12345 平台状态为准。`]);
      expect(await events(n)).toEqual([said]);
      expect(await ackedBy(unit)).toEqual([null]);
      // Answered: a second yes is no report again (the digest takes it as 签收).
      await s.play(say(t('2026-12-01', '15:13'), who, yes, { to: 'bot' }));
      expect(await events(n)).toEqual([said]);
    });
  }
});
