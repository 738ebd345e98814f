import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchByCode, dispatchEvents } from '../src/store/dispatches.js';
import { run, Scenario, say } from './scenario.js';

// 2026-11-19 is a Thursday; three working days after it end on Tuesday 11-24 (over the weekend).
const t = (day: string, hhmm: string) => `2026-11-${day}T${hhmm}:00+08:00`;
const LI = 'wxid_leader_li';
const ZHANG = 'wxid_zhujian_zhang';
const XU = 'wxid_zhujian_xu';
const YOU = 'wxid_hubin_you';
const SUPS = ['wxid_sup_liu', 'wxid_sup_chen'];
const DISPATCH = '@张局长 @尤主任 环海路小区污水外溢，请三个工作日内到现场处置并反馈。';

describe('dispatch flow: two units, 3 working days over a weekend, one answers, one never does', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it("a leader's group dispatch: one line in the group, point-to-point delivery to heads and liaisons", async () => {
    const out = await s.play(say(t('19', '19:30'), LI, DISPATCH, { mentions: [ZHANG, YOU] }));
    expect(out.filter((o) => o.to === 'group')).toEqual([
      {
        at: t('19', '19:30'),
        to: 'group',
        mentions: [],
        text: '已转办区住房和城乡建设局（张局长）、湖滨街道（尤主任），时限11月24日（星期二）18:00，编号 D1',
      },
    ]);
    const privates = out.filter((o) => o.to !== 'group');
    expect(privates.map((o) => o.to).sort()).toEqual([XU, ZHANG, YOU].sort());
    for (const p of privates) {
      expect(p.text).toContain('【点对点调度 D1】李主任交办');
      expect(p.text).toContain('环海路小区污水外溢');
      expect(p.text).toContain('办理时限：11月24日（星期二）18:00');
      expect(p.text).toContain('请回复“收到”签收');
    }
    const d = await dispatchByCode(s.h.app.db, 'D1');
    expect(d).toMatchObject({
      code: 'D1',
      leaderId: LI,
      chat: 'group',
      urgent: false,
      deadlineGiven: true,
      status: 'open',
    });
    expect(d?.deadline.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(d?.targets.map((x) => x.unitId)).toEqual(['zhujian', 'hubin']);
    expect(d?.targets.every((x) => x.deliveredAt !== null)).toBe(true);
  });

  it('收到 from the head acknowledges; chit-chat and a daily report from the other head are not answers', async () => {
    const out = await s.play(
      say(t('19', '19:50'), ZHANG, '收到'),
      say(t('19', '20:10'), YOU, '今天降温了，大家注意保暖'),
      say(t('20', '17:40'), YOU, '湖滨街道：今日受理5件，办结5件，无超期。'),
    );
    expect(out.filter((o) => o.to === ZHANG)).toEqual([
      {
        at: t('19', '19:50'),
        to: ZHANG,
        mentions: [],
        text: '已登记签收 D1，办理时限11月24日（星期二）18:00，办理后请回复结果。',
      },
    ]);
    expect(out.some((o) => o.to === LI)).toBe(false);
    const d = await dispatchByCode(s.h.app.db, 'D1');
    expect(d?.targets.find((x) => x.unitId === 'zhujian')).toMatchObject({ ackedBy: ZHANG, answeredAt: null });
    expect(d?.targets.find((x) => x.unitId === 'hubin')).toMatchObject({ ackedAt: null, answeredAt: null });
    const handlers = await s.h.app.db.query<{ text: string; handler: string }>(
      'select text, handler from inbound_messages where sender_id = $1 order by sent_at',
      [YOU],
    );
    expect(handlers.map((r) => r.handler)).toEqual(['none', 'report']);
  });

  it('dispatch-check: the unit that did not acknowledge is reminded once, nothing at the weekend', async () => {
    const out = await s.play(
      run(t('20', '08:30'), 'dispatch-check'),
      run(t('20', '09:00'), 'dispatch-check'),
      run(t('21', '10:00'), 'dispatch-check'),
      run(t('22', '10:00'), 'dispatch-check'),
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ at: t('20', '08:30'), to: YOU });
    expect(out[0]?.text).toBe(
      '【调度提醒 D1】李主任交办的“环海路小区污水外溢，请三个工作日内到现场处置并反馈。”尚未签收，' +
        '请回复“收到”签收，并于11月24日（星期二）18:00前反馈办理结果。',
    );
  });

  it('the liaison answers in the group: forwarded to the leader point-to-point, confirmed to the liaison', async () => {
    const answer = '@督办助手 环海路小区污水外溢已到现场处置，管道已疏通，路面已清理完毕。';
    const out = await s.play(say(t('23', '10:05'), XU, answer, { mentions: ['wxid_duban_bot'] }));
    expect(out.map((o) => o.to).sort()).toEqual([LI, XU].sort());
    const fwd = out.find((o) => o.to === LI);
    expect(fwd?.text).toContain('【调度反馈 D1】区住房和城乡建设局（徐科长）：');
    expect(fwd?.text).toContain('管道已疏通');
    expect(fwd?.text).not.toContain('各单位均已反馈');
    expect(out.find((o) => o.to === XU)?.text).toBe('已收到贵单位对 D1 的反馈，已转报李主任。谢谢！');
    const d = await dispatchByCode(s.h.app.db, 'D1');
    expect(d?.targets.find((x) => x.unitId === 'zhujian')).toMatchObject({ answeredBy: XU });
    expect(d?.status).toBe('open');
  });

  it('one hour before the deadline: one reminder to the unit that has not answered', async () => {
    const out = await s.play(
      run(t('24', '16:30'), 'dispatch-check'),
      run(t('24', '17:00'), 'dispatch-check'),
      run(t('24', '17:00'), 'dispatch-check'),
      run(t('24', '17:30'), 'dispatch-check'),
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ at: t('24', '17:00'), to: YOU });
    expect(out[0]?.text).toContain(
      '将于11月24日（星期二）18:00到期，贵单位尚未签收。请回复“收到”签收，并抓紧办理、回复办理结果。',
    );
  });

  it(
    'at the deadline: the unit @-mentioned in the group, the supervision team told, the leader given a status ' +
      'line, each once',
    async () => {
      const out = await s.play(
        run(t('24', '18:00'), 'dispatch-check'),
        run(t('24', '18:00'), 'dispatch-check'),
        run(t('25', '09:00'), 'dispatch-check'),
        run(t('25', '09:30'), 'dispatch-check'),
      );
      expect(out.every((o) => o.at === t('24', '18:00'))).toBe(true);
      const group = out.filter((o) => o.to === 'group');
      expect(group).toHaveLength(1);
      expect(group[0]?.mentions).toEqual([YOU]);
      expect(group[0]?.text).toMatch(
        // check-lines: long regex
        /^@尤主任\s+【红色督办】【调度超时 D1】李主任交办的“环海路小区污水外溢.*”时限11月24日（星期二）18:00已到，湖滨街道尚未反馈，请即办理并回复结果。$/,
      );
      for (const sup of SUPS) {
        const m = out.filter((o) => o.to === sup);
        expect(m).toHaveLength(1);
        expect(m[0]?.text).toContain('【提请督办 D1】');
        expect(m[0]?.text).toContain('· 湖滨街道：未签收、未反馈，已超时');
      }
      const leader = out.filter((o) => o.to === LI);
      expect(leader).toHaveLength(1);
      expect(leader[0]?.text).toContain('【调度进展 D1】');
      expect(leader[0]?.text).toContain('· 区住房和城乡建设局：已反馈（11月23日10:05）');
      expect(leader[0]?.text).toContain('· 湖滨街道：未签收、未反馈，已超时');
      expect(out).toHaveLength(4);
    },
  );

  it(
    'keeps everything: the dispatch, deliveries, ' + 'acknowledgement, answer, reminders, escalation, with times',
    async () => {
      const d = await dispatchByCode(s.h.app.db, 'D1');
      const ev = await dispatchEvents(s.h.app.db, d!.id);
      expect(ev.map((e) => `${e.kind}${e.unitId ? `:${e.unitId}` : ''}`)).toEqual([
        'created',
        'delivered:zhujian',
        'delivered:hubin',
        'ack:zhujian',
        'ack-reminder:hubin',
        'answer:zhujian',
        'forwarded:zhujian',
        'due-reminder:hubin',
        'late:hubin',
        'supervisors',
        'leader-status',
      ]);
      expect(d?.escalatedAt?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    },
  );

  it('调度进展 D1 shows it in full with its timeline; 调度进展 lists open dispatches by unit', async () => {
    const [one] = await s.play(say(t('25', '10:00'), LI, '调度进展 D1', { to: 'bot' }));
    expect(one?.to).toBe(LI);
    expect(one?.text).toContain('【D1】李主任于11月19日19:30交办（办理中）');
    expect(one?.text).toContain('· 11月23日10:05 区住房和城乡建设局（徐科长）反馈：');
    expect(one?.text).toContain('· 11月24日18:00 湖滨街道超时未反馈，已在群内催办');
    const [all] = await s.play(say(t('25', '10:01'), 'wxid_sup_liu', '调度进展'));
    expect(all?.to).toBe('group');
    expect(all?.text).toContain('未办结调度 1 件');
    expect(all?.text).toContain('湖滨街道：');
    expect(all?.text).toContain('D1 ');
    expect(all?.text).not.toContain('区住房和城乡建设局：');
  });

  it('a late answer still closes the unit and reaches the leader, marked late', async () => {
    const out = await s.play(
      say(t('25', '11:00'), YOU, '湖滨街道已会同住建局到现场处置完毕，反馈如下：外溢点已封堵。', { to: 'bot' }),
    );
    const fwd = out.find((o) => o.to === LI);
    expect(fwd?.text).toContain('【调度反馈 D1】湖滨街道（尤主任）（超时反馈）：');
    expect(fwd?.text).toContain('D1 各单位均已反馈。');
    expect((await dispatchByCode(s.h.app.db, 'D1'))?.status).toBe('answered');
    expect(await s.play(run(t('25', '11:30'), 'dispatch-check'))).toEqual([]);
  });
});
