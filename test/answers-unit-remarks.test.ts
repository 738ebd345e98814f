/**
 * A unit person's words that carry a 签收 and a "done" together, or a "done" in the group with
 * no code, or a liaison's 调度进展 (the play4 findings on 沈局长 and 徐科长): the answer is never
 * lost and the person always gets a sensible word.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const MON = '2026-11-30';
const TUE = '2026-12-01';
const LI = 'wxid_leader_li';
const SUP = 'wxid_sup_liu';
const SHEN = 'wxid_jiaotong_shen';
const CHU = 'wxid_chengguan_chu';
const ZJ = 'wxid_zhujian_zhang';
const XU = 'wxid_zhujian_xu';

describe('签收 + a "done" remark after a ticket digest: signed, and the remark asks to report the ticket done', () => {
  let s: Scenario;
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
  const ackedBy = async (unit: string) =>
    (
      await s.h.app.db.query<{ acked_by: string | null }>('select acked_by from ticket_digests where unit_id = $1', [
        unit,
      ])
    ).map((r) => r.acked_by);
  const events = async (n: string) =>
    (
      await s.h.app.db.query<{ note: string }>(
        "select detail->>'note' as note from ticket_events where ticket_number = $1 and kind = 'reported-done'",
        [n],
      )
    ).map((r) => r.note);
  beforeAll(async () => {
    s = await Scenario.open();
    const file = await writeXlsx(join(tempDir(), 'remarks-1.xlsx'), [
      HEADER,
      tk('SQ202611290003', '公交站台损坏', '交通局'),
      tk('SQ202611290001', '路灯不亮', '城管局'),
      tk('GD20261124003', '锦绣小区路灯不亮', '区住建局'),
      tk('GD20261124005', '加装电梯纠纷', '区住建局'),
    ]);
    await s.play({ at: t(TUE, '08:00'), from: SUP, file, to: 'group' });
    await s.play(run(t(TUE, '09:00'), 'ticket-nag'));
  });
  afterAll(async () => {
    await s?.close();
  });

  const cases = [
    [SHEN, 'jiaotong', 'SQ202611290003', '签收，公交站台已经修好了', { to: 'bot' }, '是的'],
    [CHU, 'chengguan', 'SQ202611290001', '收到👍 路灯修好了', {}, '对'],
  ] as const;
  for (const [who, unit, n, said, extra, yes] of cases) {
    it(`"${said}": signed, asked about ${n}, "${yes}" records it with the message as the note`, async () => {
      const out = await s.play(say(t(TUE, '09:10'), who, said, extra));
      const texts = out.map((o) => o.text);
      expect(texts[0]).toMatch(/^(?:@\S+ )?已签收，督办记录已更新。$/);
      expect(out[1]?.to).toBe(who);
      expect(texts[1]).toMatch(new RegExp(`^是否指工单 ${n}（`));
      expect(texts.join('\n')).not.toContain('未能识别');
      expect(await ackedBy(unit)).toEqual([who]);
      const done = await s.play(say(t(TUE, '09:12'), who, yes, { to: 'bot' }));
      expect(done.map((o) => o.text)).toEqual([`已记录工单 ${n} 的办结情况，最终以 12345 平台状态为准。`]);
      expect(await events(n)).toEqual([said]);
    });
  }

  it('several tickets and the remark names one of them: asked about that one; naming none: listed', async () => {
    const out = await s.play(say(t(TUE, '09:20'), ZJ, '签收。锦绣小区路灯今天上午已经修好了😊', { to: 'bot' }));
    expect(out.map((o) => o.text)).toEqual([
      '已签收，督办记录已更新。',
      expect.stringMatching(/^是否指工单 GD20261124003（/),
    ]);
  });
});

describe('签收 + a "done" remark with an unsigned dispatch: signed and taken as its answer; several: which one', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('one dispatch waiting: 签收，… / 收到 已经修好了🙏 / 好的收到，站牌已装上: forwarded to the leader', async () => {
    for (const [i, text] of ['签收，公交站台已经修好了', '收到 已经修好了🙏', '收到，站牌已更换完毕'].entries()) {
      await s.play(say(t(MON, `1${i}:00`), LI, `@沈局长 第${i + 1}个公交站台今天必须修好`, { mentions: [SHEN] }));
      const [d] = await s.h.app.db.query<{ code: string }>('select code from dispatches order by id desc limit 1');
      const out = await s.play(say(t(MON, `1${i}:10`), SHEN, text, { to: 'bot' }));
      expect(out.find((o) => o.to === LI)?.text ?? '', text).toMatch(new RegExp(`^【调度反馈 ${d?.code}】`));
      expect(out.map((o) => o.text).join('\n'), text).not.toContain('未能识别');
    }
  });

  it('two waiting: asked which, and the code alone then makes it the answer', async () => {
    await s.play(say(t(MON, '14:00'), LI, '@沈局长 人民路公交站台今天下班前修好', { mentions: [SHEN] }));
    await s.play(say(t(MON, '14:01'), LI, '@沈局长 环城路信号灯坏了，今天下班前修好', { mentions: [SHEN] }));
    const codes = (await s.h.app.db.query<{ code: string }>('select code from dispatches order by id desc limit 2'))
      .map((r) => r.code)
      .reverse();
    const ask = await s.play(say(t(MON, '14:10'), SHEN, '签收，已经修好了', { to: 'bot' }));
    expect(ask.map((o) => o.text).join('\n')).toContain(codes[0] as string);
    expect(ask.map((o) => o.text).join('\n')).not.toContain('未能识别');
    const out = await s.play(say(t(MON, '14:11'), SHEN, codes[0] as string, { to: 'bot' }));
    expect(out.find((o) => o.to === LI)?.text ?? '').toMatch(new RegExp(`^【调度反馈 ${codes[0]}】`));
  });
});

describe(
  'a "done" in the group with no code, repeating the words of the unit\'s open dispatch: asked privately, a yes ' +
    'makes it the answer',
  () => {
    let s: Scenario;
    beforeAll(async () => {
      s = await Scenario.open();
    });
    afterAll(async () => {
      await s?.close();
    });

    const cases = [
      ['公交站台已经修好了，新的站牌也装上了', '是'],
      ['人民路公交站台修好了👍', 'D'],
      ['公交站台搞定了😊 站牌也换了', '对'],
    ] as const;
    for (const [i, [said, yes]] of cases.entries()) {
      it(`"${said}" then "${yes}": forwarded to the leader as the answer`, async () => {
        await s.play(
          say(t(MON, `1${i}:00`), LI, `@沈局长 人民路公交站台第${i + 1}处今天必须修好`, { mentions: [SHEN] }),
        );
        const [d] = await s.h.app.db.query<{ code: string }>('select code from dispatches order by id desc limit 1');
        const code = d?.code ?? '';
        await s.play(say(t(MON, `1${i}:01`), SHEN, `${code}收到 今天一定修好`));
        const ask = await s.play(say(t(MON, `1${i}:30`), SHEN, said));
        expect(ask.map((o) => [o.to, o.text])).toEqual([
          [SHEN, expect.stringMatching(new RegExp(`^您在群里的这条消息是对 ${code}（`))],
        ]);
        const out = await s.play(say(t(MON, `1${i}:31`), SHEN, yes === 'D' ? code : yes, { to: 'bot' }));
        const fwd = out.find((o) => o.to === LI)?.text ?? '';
        expect(fwd).toMatch(new RegExp(`^【调度反馈 ${code}】`));
        expect(fwd).toContain(said.slice(0, 6));
      });
    }

    it('a daily report, a question or chit-chat naming the same words is never asked about nor taken', async () => {
      await s.play(say(t(MON, '16:30'), LI, '@沈局长 公交站台今天必须修好', { mentions: [SHEN] }));
      await s.play(say(t(MON, '16:31'), SHEN, '收到'));
      for (const text of [
        '交通局今天受理5件 办结3件 在办2件 超期1件(公交站台) 满意率90%',
        '公交站台修好了吗？',
        '公交站台那边大家辛苦了🙏',
        '今晚去看公交站台',
      ]) {
        const out = await s.play(say(t(MON, '17:30'), SHEN, text));
        expect(
          out.some((o) => o.to === LI || o.text.includes('是对 D')),
          text,
        ).toBe(false);
      }
    });
  },
);

describe("调度进展 from a head or liaison: the unit's own open items, never the leader's view", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('调度进展 / 调度进展？ / 调度情况😊 / 调度进展 D1: 区住房和城乡建设局待办事项 with the dispatch', async () => {
    await s.play(say(t(MON, '08:30'), LI, '@徐科长 加装电梯纠纷请今天核实后回复', { mentions: [XU] }));
    const [d] = await s.h.app.db.query<{ code: string }>('select code from dispatches order by id desc limit 1');
    for (const [who, text] of [
      [XU, '调度进展'],
      [XU, '调度进展？'],
      [ZJ, '调度情况😊'],
      [XU, `调度进展 ${d?.code}`],
    ] as const) {
      const out = await s.play(say(t(MON, '18:40'), who, text, { to: 'bot' }));
      expect(out, text).toHaveLength(1);
      expect(out[0]?.text, text).toContain('区住房和城乡建设局待办事项');
      expect(out[0]?.text, text).toContain(d?.code as string);
      expect(out[0]?.text, text).not.toContain('未能识别');
    }
  });

  it('the leader still gets the dispatch view', async () => {
    const out = await s.play(say(t(MON, '18:45'), LI, '调度进展', { to: 'bot' }));
    expect(out[0]?.text).not.toContain('待办事项');
    expect(out[0]?.text).not.toContain('未能识别');
  });
});

describe('a dispatch to several units lists them in the order the message names them', () => {
  let s: Scenario;
  const WANG = 'wxid_leader_wang';
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('@孙局长 @周局长 … / @周局长 @孙局长 … / 教育局、卫健局… : the group line keeps that order', async () => {
    const cases: Array<[string, string[], RegExp]> = [
      [
        '@孙局长 @周局长 祈顶山学校周边早高峰交通拥堵和学生就医绿色通道的事，两家明天中午前各报个方案',
        ['wxid_jiaoyu_sun', 'wxid_weijian_zhou'],
        /^已转办区教育局（孙局长）、区卫生健康局（周局长）/,
      ],
      [
        '@周局长 @孙局长 学生体检的事两家周五前各报个方案🙏',
        ['wxid_weijian_zhou', 'wxid_jiaoyu_sun'],
        /^已转办区卫生健康局（周局长）、区教育局（孙局长）/,
      ],
      ['请教育局、卫健局明天下班前报一下校园食品安全检查方案', [], /^已转办区教育局（孙局长）、区卫生健康局（周局长）/],
    ];
    for (const [i, [text, mentions, line]] of cases.entries()) {
      const out = await s.play(
        say(t(MON, `${String(i + 8).padStart(2, '0')}:30`), WANG, text, mentions.length > 0 ? { mentions } : {}),
      );
      expect(out.find((o) => o.to === 'group')?.text ?? '', text).toMatch(line);
    }
  });
});
