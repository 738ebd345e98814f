import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchByCode } from '../src/store/dispatches.js';
import { run, Scenario, say } from './scenario.js';

// 2026-12-01 is a Tuesday.
const t = (hhmm: string, day = '01') => `2026-12-${day}T${hhmm}:00+08:00`;
const LI = 'wxid_leader_li';
const WANG = 'wxid_leader_wang';
const CHU = 'wxid_chengguan_chu';
const QIN = 'wxid_chengxi_qin';
const SUPS = ['wxid_sup_liu', 'wxid_sup_chen'];

async function dispatchCount(s: Scenario): Promise<number> {
  const [r] = await s.h.app.db.query<{ n: number }>('select count(*)::int as n from dispatches');
  return r?.n ?? 0;
}

describe("a leader's private 转办", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'is posted in the group with the head @-mentioned, ' + 'delivered point-to-point and confirmed to the leader',
    async () => {
      const out = await s.play(
        say(t('09:00'), WANG, '转办 城管局：建设路夜市烧烤油烟扰民，请明天下午5点前拿出整治方案。', { to: 'bot' }),
      );
      const group = out.filter((o) => o.to === 'group');
      expect(group).toHaveLength(1);
      expect(group[0]?.mentions).toEqual([CHU]);
      expect(group[0]?.text).toMatch(
        // check-lines: long regex
        /^@褚局长\s+王副主任交办：城管局：建设路夜市烧烤油烟扰民，请明天下午5点前拿出整治方案。\n已转办区城市管理局（褚局长），时限12月2日（星期三）17:00，编号 D1$/,
      );
      const toChu = out.filter((o) => o.to === CHU);
      expect(toChu).toHaveLength(1);
      expect(toChu[0]?.text).toContain('【点对点调度 D1】王副主任交办区城市管理局：');
      const toWang = out.filter((o) => o.to === WANG);
      expect(toWang).toHaveLength(1);
      expect(toWang[0]?.text).toContain(
        '已转办区城市管理局（褚局长），时限12月2日（星期三）17:00，编号 D1。已在群内发布',
      );
      expect(out).toHaveLength(3);
      expect(await dispatchByCode(s.h.app.db, 'D1')).toMatchObject({
        chat: 'private',
        leaderId: WANG,
        deadlineGiven: true,
      });
    },
  );

  it('with @-names in the text, works the same', async () => {
    const out = await s.play(say(t('09:10'), LI, '转办：@尤主任 湖滨路路灯不亮，请尽快修复。', { to: 'bot' }));
    expect(out.find((o) => o.to === 'group')?.text).toContain(
      '【紧急】已转办湖滨街道（尤主任），时限12月1日（星期二）11:10（紧急事项，2小时内反馈），编号 D2',
    );
    expect(out.some((o) => o.to === 'wxid_hubin_you')).toBe(true);
  });

  it("without a unit it asks for one and makes nothing; a head's 转办 is not a dispatch", async () => {
    const out = await s.play(
      say(t('09:20'), LI, '转办 这个问题大家研究一下', { to: 'bot' }),
      say(t('09:21'), 'wxid_zhujian_zhang', '转办 城管局：请明天下午5点前处理建设路占道问题。', { to: 'bot' }),
    );
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ to: LI });
    expect(out[0]?.text).toContain('未能识别转办的单位');
    expect(out[1]).toMatchObject({ to: 'wxid_zhujian_zhang' });
    expect(out[1]?.text).toMatch(/^您好，这条消息未能识别为日报、答复或指令，未作处理。/);
    expect(await dispatchCount(s)).toBe(2);
  });

  it('a deadline already past when given falls back to the default window', async () => {
    const out = await s.play(
      say(t('11:00'), LI, '转办 城西街道：西环路井盖缺失，请今天上午10点前设置警示。', { to: 'bot' }),
    );
    expect(out.find((o) => o.to === 'group')?.text).toContain(
      '已转办城西街道（秦主任），时限12月2日（星期三）18:00（默认时限），编号 D3',
    );
    expect(await dispatchByCode(s.h.app.db, 'D3')).toMatchObject({ deadlineGiven: false });
  });

  it('a private message that reads like a dispatch but lacks 转办 gets a hint and makes nothing', async () => {
    const out = await s.play(say(t('09:30'), LI, '城管局：建设路占道经营，请明天下午5点前处理。', { to: 'bot' }));
    expect(out).toEqual([
      {
        at: t('09:30'),
        to: LI,
        mentions: [],
        text: '如需将此事项转办并跟踪，请发送“转办”加内容，例如：\n转办 城管局：建设路占道经营，请明天下午5点前处理。',
      },
    ]);
    expect(await dispatchCount(s)).toBe(3);
  });
});

describe('two open dispatches to one unit and an ambiguous reply', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
    await s.play(
      say(t('19:00'), LI, '@秦主任 城西菜市场周边油烟扰民，请明天中午前核查并反馈。', { mentions: [QIN] }),
      say(t('19:10'), LI, '城西街道：西环路井盖缺失，请今晚10点前设置警示并反馈。'),
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  it('made two dispatches for 城西街道', async () => {
    expect((await dispatchByCode(s.h.app.db, 'D1'))?.targets.map((x) => x.unitId)).toEqual(['chengxi']);
    expect((await dispatchByCode(s.h.app.db, 'D2'))?.targets.map((x) => x.unitId)).toEqual(['chengxi']);
  });

  it('an answer without a code: the bot asks which, listing the codes; the code then links it', async () => {
    const asked = await s.play(say(t('19:40'), QIN, '已到现场处置，警示牌已设置，明早更换井盖。', { to: 'bot' }));
    expect(asked).toHaveLength(1);
    expect(asked[0]?.to).toBe(QIN);
    expect(asked[0]?.text).toContain('贵单位目前有 2 件调度未办结，请问这条反馈对应哪一件？');
    expect(asked[0]?.text).toContain('D1 城西菜市场周边油烟扰民');
    expect(asked[0]?.text).toContain('D2 城西街道：西环路井盖缺失');
    expect(asked.some((o) => o.to === LI)).toBe(false);

    const linked = await s.play(say(t('19:42'), QIN, 'D2', { to: 'bot' }));
    const fwd = linked.find((o) => o.to === LI);
    expect(fwd?.text).toContain('【调度反馈 D2】城西街道（秦主任）：\n已到现场处置，警示牌已设置，明早更换井盖。');
    expect(linked.find((o) => o.to === QIN)?.text).toBe('已收到贵单位对 D2 的反馈，已转报李主任。谢谢！');
    expect((await dispatchByCode(s.h.app.db, 'D2'))?.status).toBe('answered');
    expect((await dispatchByCode(s.h.app.db, 'D1'))?.status).toBe('open');
  });

  it('with one left open, 收到 and a plain answer link to it; a code in the group links directly', async () => {
    const ack = await s.play(say(t('19:50'), QIN, '收到'));
    expect(ack).toEqual([
      {
        at: t('19:50'),
        to: QIN,
        mentions: [],
        text: '已登记签收 D1，办理时限12月2日（星期三）12:00，办理后请回复结果。',
      },
    ]);
    const ans = await s.play(say(t('10:00', '02'), QIN, 'D1 已核查，油烟净化器已安装到位。'));
    expect(ans.find((o) => o.to === LI)?.text).toContain('【调度反馈 D1】城西街道（秦主任）：');
    expect((await dispatchByCode(s.h.app.db, 'D1'))?.status).toBe('answered');
  });

  it('a reply waiting for its code is dropped once the unit answers with a code itself', async () => {
    await s.play(
      say(t('11:00', '02'), LI, '@秦主任 城西公园路灯不亮，请后天下午5点前修复并反馈。', { mentions: [QIN] }),
      say(t('11:05', '02'), LI, '城西街道：城西小学门口占道停车，请后天下午5点前整治并反馈。'),
    );
    const asked = await s.play(say(t('11:30', '02'), QIN, '已安排人员处理', { to: 'bot' }));
    expect(asked[0]?.text).toContain('请问这条反馈对应哪一件？');
    const direct = await s.play(say(t('11:40', '02'), QIN, 'D3 路灯已修复。', { to: 'bot' }));
    expect(direct.find((o) => o.to === LI)?.text).toContain('路灯已修复');
    // The bare code is not taken as an answer: the bot asks for the content (D4 still waits).
    expect(await s.play(say(t('11:50', '02'), QIN, 'D4', { to: 'bot' }))).toEqual([
      {
        at: t('11:50', '02'),
        to: QIN,
        mentions: [],
        text:
          '是否作为 D4（调度“城西街道：城西小学门口占道停车，请后天下午5点前整治并反馈。”）的办理情况？' +
          '回复“D4”加内容即可，例如：D4 已到现场处置……',
      },
    ]);
  });

  it('a bare code with nothing waiting is ordinary chat', async () => {
    expect(await s.play(say(t('10:05', '02'), QIN, 'D1'))).toEqual([]);
  });
});

describe('an urgent dispatch uses the shorter times', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('gets the urgent default window and a 【紧急】 line', async () => {
    const o = await s.play(
      say(t('10:00'), LI, '@褚局长 建设路夜市烧烤油烟扰民，请立即组织执法人员到场处置。', { mentions: [CHU] }),
    );
    expect(o.find((x) => x.to === 'group')?.text).toBe(
      '【紧急】已转办区城市管理局（褚局长），时限12月1日（星期二）12:00（紧急事项，2小时内反馈），编号 D1',
    );
    expect(await dispatchByCode(s.h.app.db, 'D1')).toMatchObject({ urgent: true, deadlineGiven: false });
  });

  it('reminds after 15 minutes without 收到, 30 minutes before the deadline, escalates at it, each once', async () => {
    const at = (hhmm: string) => s.play(run(t(hhmm), 'dispatch-check'));
    expect(await at('10:10')).toEqual([]);
    const ackR = await at('10:15');
    expect(ackR).toHaveLength(1);
    expect(ackR[0]).toMatchObject({ to: CHU });
    expect(ackR[0]?.text).toContain('尚未签收');
    expect(await at('10:20')).toEqual([]);
    expect(await at('11:00')).toEqual([]);
    const dueR = await at('11:30');
    expect(dueR).toHaveLength(1);
    expect(dueR[0]?.text).toContain('将于12月1日（星期二）12:00到期');
    expect(await at('11:45')).toEqual([]);
    const late = await at('12:00');
    expect(late.map((x) => x.to).sort()).toEqual(['group', LI, ...SUPS].sort());
    expect(late.find((x) => x.to === 'group')?.mentions).toEqual([CHU]);
    expect(await at('12:00')).toEqual([]);
    expect(await at('14:00')).toEqual([]);
  });
});

describe('non-leaders cannot dispatch', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a stranger renamed 李主任, a head and a supervisor writing like a leader: nothing happens', async () => {
    const o = await s.play(
      say(t('19:00'), 'wxid_stranger', '@张局长 环海路小区污水外溢，请明天上午10点前到现场处置并反馈。', {
        mentions: ['wxid_zhujian_zhang'],
      }),
      say(t('19:01'), 'wxid_zhujian_zhang', '@尤主任 请明天下午5点前把环海路排查情况报我。', {
        mentions: ['wxid_hubin_you'],
      }),
      say(t('19:02'), 'wxid_sup_liu', '@张局长 请明天上午10点前反馈环海路处置情况。', {
        mentions: ['wxid_zhujian_zhang'],
      }),
    );
    expect(o).toEqual([]);
    expect(await dispatchCount(s)).toBe(0);
    const rows = await s.h.app.db.query<{ handler: string }>('select handler from inbound_messages order by sent_at');
    expect(rows.map((r) => r.handler)).toEqual(['ignored-stranger', 'none', 'none']);
  });

  it('调度进展 from a head is ordinary chat; from a leader with nothing open it says so', async () => {
    expect(await s.play(say(t('19:10'), 'wxid_zhujian_zhang', '调度进展'))).toEqual([]);
    const o = await s.play(say(t('19:11'), LI, '调度进展', { to: 'bot' }));
    expect(o).toEqual([{ at: t('19:11'), to: LI, mentions: [], text: '目前没有未办结的调度。' }]);
    const nf = await s.play(say(t('19:12'), LI, '调度进展 D99', { to: 'bot' }));
    expect(nf[0]?.text).toContain('未找到调度 D99');
  });
});
