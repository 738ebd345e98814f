/**
 * Found playing a week (play4): eight dispatches ran out of time in the same check and the bot
 * sent 32 messages in one minute — eight 【提请督办】 to each member of the supervision team,
 * eight 【调度进展】 to the leader, eight notices in the group. Dispatches that reach their
 * deadline together now get ONE message per recipient listing them all; one alone keeps its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchByCode, dispatchEvents } from '../src/store/dispatches.js';
import { run, Scenario, say } from './scenario.js';

// 2026-11-30 is a Monday: the dispatches come in on Monday, their deadline is Tuesday 18:00.
const t = (day: string, hhmm: string) => `2026-${day}T${hhmm}:00+08:00`;
const LI = 'wxid_leader_li';
const WANG = 'wxid_leader_wang';
const SUPS = ['wxid_sup_liu', 'wxid_sup_chen'];
const YOU = 'wxid_hubin_you';

describe('several dispatches reach their deadline in the same check (replay)', () => {
  let s: Scenario;
  const li: string[] = [];
  const wang: string[] = [];
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('leaders dispatch in varied phrasing, all due Tuesday 18:00', async () => {
    const lines: Array<[string, string, string, Record<string, unknown>]> = [
      [LI, '11-30', '教育局孙局长，实验小学门口摊贩的事要盯紧，明天下班前反馈', {}],
      [LI, '11-30', '转办 城管局：建设路夜市烧烤油烟扰民，请明天下午6点前报送整治方案。', { to: 'bot' }],
      [LI, '11-30', '@尤主任 湖滨路污水井盖松动了😤 明天18:00前处理好回个话', { mentions: [YOU] }],
      [LI, '11-30', '环保分局郑局长，锦绣小区烧烤店噪音的事情再跟一下，明天下班前给个结果', {}],
      [WANG, '11-30', '城管局褚局长，夜市占道经营的事明天下班前报我', {}],
    ];
    for (const [i, [leader, day, text, extra]] of lines.entries()) {
      const out = await s.play(say(t(day, `10:0${i}`), leader, text, extra));
      const code = out.map((o) => /编号 (D\d+)/.exec(o.text)?.[1]).find((c) => c !== undefined);
      expect(code, text).toBeDefined();
      (leader === LI ? li : wang).push(code as string);
      const d = await dispatchByCode(s.h.app.db, code as string);
      expect(d?.deadline.toISOString(), text).toBe('2026-12-01T10:00:00.000Z');
    }
    expect(li).toHaveLength(4);
    expect(wang).toHaveLength(1);
  });

  it(
    'at 18:00: one group notice, one 提请督办 per supervisor ' + 'and one 调度进展 per leader, listing every dispatch',
    async () => {
      const out = await s.play(run(t('12-01', '18:00'), 'dispatch-check'));
      const all = [...li, ...wang];
      const group = out.filter((o) => o.to === 'group');
      expect(group).toHaveLength(1);
      expect(group[0]?.text).toMatch(
        /^(?:@\S+\s)+【红色督办】【调度超时】以下5件调度时限已到，相关单位尚未反馈，请即办理并回复结果：/,
      );
      for (const c of all) expect(group[0]?.text).toContain(`${c}“`);
      expect(group[0]?.mentions).toEqual(
        expect.arrayContaining(['wxid_jiaoyu_sun', 'wxid_chengguan_chu', YOU, 'wxid_shengtai_zheng']),
      );
      for (const sup of SUPS) {
        const mine = out.filter((o) => o.to === sup);
        expect(mine, sup).toHaveLength(1);
        expect(mine[0]?.text).toMatch(/^【红色督办】【提请督办】以下5件调度时限已到，相关单位尚未反馈：/);
        for (const c of all) expect(mine[0]?.text).toContain(`${c}“`);
        expect(mine[0]?.text).toContain('李主任交办，时限12月1日（星期二）18:00');
        expect(mine[0]?.text).toContain('王副主任交办，时限12月1日（星期二）18:00');
        // The supervision team's message is 红色督办 as a whole: its unit lines carry no mark of their own.
        expect(mine[0]?.text).toMatch(/· 区城市管理局：未签收、未反馈，已超时\n/);
      }
      const toLi = out.filter((o) => o.to === LI);
      expect(toLi).toHaveLength(1);
      expect(toLi[0]?.text).toMatch(/^【调度进展】您交办的4件调度时限已到，各单位情况如下：/);
      for (const c of li) expect(toLi[0]?.text).toContain(`${c}“`);
      // The leader's lines: each unit still owing its answer is marked 红色督办.
      expect(toLi[0]?.text).toContain('· 区城市管理局：未签收、未反馈，已超时【红色督办】');
      expect(toLi[0]?.text).not.toContain(wang[0] as string);
      // A leader with one dispatch at the deadline gets its own status line, as always.
      const toWang = out.filter((o) => o.to === WANG);
      expect(toWang).toHaveLength(1);
      expect(toWang[0]?.text).toMatch(
        new RegExp(
          `^【调度进展 ${wang[0]}】“城管局褚局长，夜市占道经营的事明天下班前报我”时限12月1日（星期二）18:00已到：`,
        ),
      );
      expect(out).toHaveLength(5);
      // Every dispatch's own steps are recorded as before.
      for (const c of all) {
        const d = await dispatchByCode(s.h.app.db, c);
        expect(d?.escalatedAt?.toISOString(), c).toBe('2026-12-01T10:00:00.000Z');
        expect(
          d?.targets.every((x) => x.lateAt !== null),
          c,
        ).toBe(true);
        const kinds = (await dispatchEvents(s.h.app.db, d?.id as number)).map((e) => e.kind);
        expect(
          kinds.filter((k) => k === 'supervisors'),
          c,
        ).toHaveLength(1);
        expect(
          kinds.filter((k) => k === 'leader-status'),
          c,
        ).toHaveLength(1);
        expect(
          kinds.filter((k) => k === 'late'),
          c,
        ).toHaveLength(1);
      }
    },
  );

  it('running the check again sends nothing', async () => {
    expect(
      await s.play(
        run(t('12-01', '18:00'), 'dispatch-check'),
        run(t('12-01', '18:10'), 'dispatch-check'),
        run(t('12-02', '09:00'), 'dispatch-check'),
      ),
    ).toEqual([]);
  });

  it(
    'a crash after sending, before the steps were recorded: ' + 'the next check sends nothing again and records them',
    async () => {
      const db = s.h.app.db;
      const codes = [...li, ...wang];
      // As if the process died right after the messages went out: no step recorded.
      await db.query('update dispatches set escalated_at = null where code = any($1::text[])', [codes]);
      await db.query(
        'update dispatch_targets set late_at = null where dispatch_id in (select id from dispatches where code = ' +
          'any($1::text[]))',
        [codes],
      );
      await db.query(
        "delete from dispatch_events where kind in ('late', 'supervisors', 'leader-status') and dispatch_id in " +
          '(select id from dispatches where code = any($1::text[]))',
        [codes],
      );
      // The next check (the next morning: a later run) finds the same dispatches owing and sends nothing new.
      expect(await s.play(run(t('12-02', '08:30'), 'dispatch-check'))).toEqual([]);
      for (const c of codes) {
        const d = await dispatchByCode(db, c);
        expect(d?.escalatedAt, c).not.toBeNull();
        const kinds = (await dispatchEvents(db, d?.id as number)).map((e) => e.kind);
        expect(
          kinds.filter((k) => k === 'supervisors'),
          c,
        ).toHaveLength(1);
      }
      expect(await s.play(run(t('12-02', '08:40'), 'dispatch-check'))).toEqual([]);
    },
  );

  it('a dispatch alone at its deadline keeps its own messages', async () => {
    await s.play(say(t('12-02', '09:00'), LI, '农业农村局韩局长，秸秆焚烧的举报请核实，今天下午5点前反馈'));
    const code = 'D6';
    const out = await s.play(run(t('12-02', '17:00'), 'dispatch-check'));
    expect(out.filter((o) => o.to === 'group').map((o) => o.text)).toEqual([
      `@韩局长 【红色督办】【调度超时 ${code}】李主任交办的“农业农村局韩局长，秸秆焚烧的举报请核实，` +
        `今天下午5点前反馈”时限12月2日（星期三）17:00已到，区农业农村局尚未反馈，请即办理并回复结果。`,
    ]);
    for (const sup of SUPS) {
      const mine = out.filter((o) => o.to === sup);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.text).toMatch(
        new RegExp(
          `^【红色督办】【提请督办 ${code}】李主任交办的调度时限12月2日（星期三）17:00已到，` +
            '以下单位尚未反馈：\\n· 区农业农村局：',
        ),
      );
    }
    expect(out.filter((o) => o.to === LI).map((o) => o.text.split('\n')[0])).toEqual([
      `【调度进展 ${code}】“农业农村局韩局长，秸秆焚烧的举报请核实，今天下午5点前反馈”时限12月2日（星期三）17:00已到：`,
    ]);
    expect(out).toHaveLength(4);
  });
});
