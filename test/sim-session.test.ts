import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../src/config/env.js';
import { advanceTarget, parseStartTime, SimClock } from '../src/sim/clock.js';
import { fireTimes, parseCron } from '../src/sim/cron.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { SimSession } from '../src/sim/session.js';
import { dropWallClockSchedulers, simulatorBanner, simulatorClock, simulatorLog } from '../src/sim/setup.js';
import { reportsForDay } from '../src/store/reports.js';
import { REDIS_URL, rosterConfig, testLogger } from './helpers.js';

const TZ = 'Asia/Shanghai';

/** The terminal simulator's interpreter on the real pipeline (Redis, PGlite, Wechaty mock). */
class Sim {
  private constructor(
    readonly h: Harness,
    readonly session: SimSession,
    readonly lines: string[],
  ) {}

  static async open(at: string): Promise<Sim> {
    const start = parseStartTime(at, TZ);
    if (!start) throw new Error(`bad --at ${at}`);
    const clock = new SimClock(start, false);
    const h = await startHarness({ config: rosterConfig(), redisUrl: REDIS_URL, clock, log: testLogger() });
    const lines: string[] = [];
    const session = new SimSession({ app: h.app, world: h.world, clock, print: (s) => lines.push(...s.split('\n')) });
    return new Sim(h, session, lines);
  }

  /** Types lines; returns what they printed. */
  async type(...input: string[]): Promise<string[]> {
    const from = this.lines.length;
    for (const l of input) await this.session.feed(l);
    return this.lines.slice(from);
  }

  close(): Promise<void> {
    return this.h.close();
  }
}

const HEAD_REPORT = '张局长: 【区住建局】今日受理12件，办结10件，在办2件，无超期，满意率98.5%';
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('simulator clock (pure parts)', () => {
  it('reads --at in the district zone, and /advance spans, times today and day-times', () => {
    const t = parseStartTime('2026-11-30 16:30', TZ) as Date;
    expect(t.toISOString()).toBe('2026-11-30T08:30:00.000Z');
    expect(parseStartTime('2026-11-30', TZ)?.toISOString()).toBe('2026-11-30T00:30:00.000Z');
    expect(parseStartTime('2026-02-30 10:00', TZ)).toBeUndefined();
    expect(parseStartTime('tomorrow', TZ)).toBeUndefined();
    const at = (x: Date | { error: string }) => (x instanceof Date ? x.toISOString() : x.error);
    expect(at(advanceTarget('30m', t, TZ))).toBe('2026-11-30T09:00:00.000Z');
    expect(at(advanceTarget('2h', t, TZ))).toBe('2026-11-30T10:30:00.000Z');
    expect(at(advanceTarget('1h30m', t, TZ))).toBe('2026-11-30T10:00:00.000Z');
    expect(at(advanceTarget('1d', t, TZ))).toBe('2026-12-01T08:30:00.000Z');
    expect(at(advanceTarget('18:40', t, TZ))).toBe('2026-11-30T10:40:00.000Z');
    expect(at(advanceTarget('2026-12-01 08:30', t, TZ))).toBe('2026-12-01T00:30:00.000Z');
    expect(at(advanceTarget('09:00', t, TZ))).toMatch(/已过/);
    expect(at(advanceTarget('soon', t, TZ))).toMatch(/看不懂/);
  });

  it('fires cron patterns at their wall-clock minutes in the zone', () => {
    const from = new Date('2026-11-30T00:00:00Z');
    const to = new Date('2026-12-01T00:00:00Z');
    const iso = (p: string) => fireTimes(parseCron(p), from, to, TZ).map((d) => d.toISOString());
    expect(iso('30 17 * * *')).toEqual(['2026-11-30T09:30:00.000Z']);
    expect(iso('*/30 8-18 * * *')).toHaveLength(22);
    expect(iso('0 9 * * 1-5')).toEqual(['2026-11-30T01:00:00.000Z']);
    expect(iso('0 9 * * 0,6')).toEqual([]);
  });
});

describe('simulator session', () => {
  it(
    '--at 16:30, a head reports, /advance 2h and 18:40: the reminder, deadline, escalation and summary each once,' +
      ' in order',
    async () => {
      sim = await Sim.open('2026-11-30 16:30');
      const confirm = await sim.type(HEAD_REPORT);
      expect(confirm.join('\n')).toMatch(/\[16:30 私聊 → 张局长\] 督办助手: .*11月30日/);
      const out = [...(await sim.type('/advance 2h')), ...(await sim.type('/advance 18:40'))];
      const heads = out.filter((l) => /^\[\d\d:\d\d report-|^\[\d\d:\d\d daily-summary/.test(l));
      expect(heads.map((l) => l.replace(/ 已运行.*/, ''))).toEqual([
        '[17:30 report-reminder]',
        '[18:00 report-deadline]',
        '[18:30 report-escalation]',
        '[18:40 daily-summary]',
      ]);
      for (const h of heads) expect(h).toMatch(/已运行，发送 \d+ 条消息：/);
      const body = out.join('\n');
      // The unit that reported is not reminded; the deadline counts it; the summary has its figures.
      const reminder = body.slice(body.indexOf('[17:30 report-reminder]'), body.indexOf('[18:00 report-deadline]'));
      expect(reminder).not.toMatch(/张局长/);
      expect(body).toMatch(/\[18:40 群\] 督办助手: .*区住房和城乡建设局/s);
      expect(out.at(-1)).toBe('（模拟时间：2026年11月30日（星期一）18:40）');
      // The half-hourly checks ran and, with nothing to do, are summed up in one line each advance.
      expect(out.filter((l) => /dispatch-check 运行 4 次/.test(l))).toHaveLength(1);
      if (process.env.SIM_PRINT) process.stdout.write(`${[...confirm, ...out].join('\n')}\n`);
      // A second advance past the same times fires nothing again.
      const again = await sim.type('/advance 10m');
      expect(again.filter((l) => /report-|daily-summary/.test(l))).toEqual([]);
    },
  );

  it('/advance over a weekend: nothing is sent on Saturday or Sunday, and Monday morning runs again', async () => {
    sim = await Sim.open('2026-12-04 19:00');
    expect(sim.h.app.calendar.isWorkday('2026-12-05')).toBe(false);
    const out = await sim.type('/advance 2d');
    const sat = out.indexOf('──── 12月5日（星期六）休息日 ────');
    const sun = out.indexOf('──── 12月6日（星期日）休息日 ────');
    expect(sat).toBeGreaterThan(-1);
    expect(sun).toBeGreaterThan(sat);
    expect(out.filter((l) => /督办助手:|发送 \d+ 条/.test(l))).toEqual([]);
    expect(out).toContain('[17:30 report-reminder] 已运行，无消息发送');
    const monday = await sim.type('/advance 2026-12-07 17:31');
    expect(monday.join('\n')).toMatch(
      /──── 12月7日（星期一）工作日 ────[\s\S]*\[17:30 report-reminder\] 已运行，发送 \d+ 条消息：/,
    );
  });

  it('/clock shows the simulated time, whether it is a working day, and the routines ahead', async () => {
    sim = await Sim.open('2026-11-30 16:30');
    const out = (await sim.type('/clock')).join('\n');
    expect(out).toMatch(/^模拟时间：2026年11月30日（星期一）16:30，工作日/);
    expect(out).toMatch(
      /接下来的例行任务：.*17:30 report-reminder、18:00 report-deadline、18:30 report-escalation、18:40 daily-summary/,
    );
    await sim.type('/advance 2026-12-05 04:00');
    expect((await sim.type('/clock')).join('\n')).toMatch(/^模拟时间：2026年12月5日（星期六）04:00，休息日/);
  });

  it('a routine with nothing to send prints one line; /run an unknown routine names the known ones', async () => {
    sim = await Sim.open('2026-11-30 10:00');
    expect(await sim.type('/run dispatch-check')).toEqual(['[10:00 dispatch-check] 已运行，无消息发送']);
    expect(await sim.type('/run weekly-summary')).toEqual(['[10:00 weekly-summary] 已运行，无消息发送']);
    expect((await sim.type('/run nope')).join('\n')).toMatch(/没有名为 nope 的例行任务；可用：report-reminder、/);
    const sent = await sim.type('/run report-reminder');
    expect(sent[0]).toMatch(/^\[10:00 report-reminder\] 已运行，发送 \d+ 条消息：$/);
    expect(sent.slice(1).every((l) => l.startsWith('[10:00 '))).toBe(true);
  });

  it('the running clock: a tick after a routine time fires it once (the terminal ticks every second)', async () => {
    sim = await Sim.open('2026-11-30 17:29');
    sim.session.clock.set(new Date('2026-11-30T09:30:20Z'));
    await sim.session.tick();
    await sim.session.tick();
    expect(sim.lines.filter((l) => l.startsWith('[17:30 report-reminder]'))).toHaveLength(1);
  });

  it('a multi-line report (line ending in \\, or a /paste block) is one message and one report', async () => {
    sim = await Sim.open('2026-11-30 17:00');
    const a = await sim.type(
      '张局长: 【区住建局】11月30日日报\\',
      '今日受理12件，办结10件\\',
      '在办2件，无超期，满意率98.5%',
    );
    expect(a.filter((l) => l.includes('督办助手:'))).toHaveLength(1);
    const b = await sim.type('/paste 孙局长', '区教育局今日情况：', '受理8件', '办结7件', '在办1件', '.');
    expect(b[0]).toMatch(/粘贴多行消息/);
    expect(b.filter((l) => l.includes('督办助手:'))).toHaveLength(1);
    await sim.type('/as 周局长', '/paste', '卫健局', '今日受理5件 办结5件', '超期0件', '.');
    const c = await sim.type('/paste 私聊 吴局长', '人社局', '受理6件，办结5件', '.');
    expect(c.join('\n')).toMatch(/私聊 → 吴局长/);
    const reports = await reportsForDay(sim.h.app.db, '2026-11-30');
    const byUnit = Object.fromEntries(reports.map((r) => [r.unitId, r]));
    expect(Object.keys(byUnit).sort()).toEqual(['jiaoyu', 'renshe', 'weijian', 'zhujian']);
    expect(byUnit.zhujian).toMatchObject({ received: 12, completed: 10, inProgress: 2, late: false });
    expect(byUnit.jiaoyu).toMatchObject({ received: 8, completed: 7, inProgress: 1 });
  });

  it("/recall withdraws the speaker's last message: a recalled correction leaves the report as it was", async () => {
    sim = await Sim.open('2026-11-30 17:00');
    await sim.type(HEAD_REPORT, '张局长: 更正：受理应为15件');
    expect((await reportsForDay(sim.h.app.db, '2026-11-30'))[0]).toMatchObject({
      received: 15,
      completed: 10,
      version: 2,
    });
    const out = await sim.type('/recall 张局长');
    expect(out.join('\n')).toContain(
      '您撤回的区住房和城乡建设局11月30日日报（第2次报送）已作废。当前以此前报送为准：受理12件',
    );
    expect((await reportsForDay(sim.h.app.db, '2026-11-30'))[0]).toMatchObject({
      received: 12,
      completed: 10,
      version: 1,
    });
    expect(await sim.type('/recall 孙局长')).toEqual(['（此人在本次模拟中还没有发过消息，无可撤回）']);
  });

  it(
    'strangers: any wxid_ id speaks as a group member ' + 'the bot does not know; /as 陌生人; /who lists them',
    async () => {
      sim = await Sim.open('2026-11-30 10:00');
      const a = await sim.type('wxid_new_guy: 大家好，我是城东街道新来的联络员');
      expect(a).toEqual(['（wxid_new_guy 不在名单上：作为群里的陌生成员发言，机器人不认识，也不听其指令）']);
      expect(await sim.type('wxid_new_guy: 人社局：今日受理6件，办结5件')).toEqual([]);
      expect(await sim.type('/as 陌生人', '@张局长 请马上到现场处置')).toEqual([
        '（之后以 李主任（wxid_stranger，不在名单上） 的身份发言）',
      ]);
      const dir = mkdtempSync(join(tmpdir(), 'duban-sim-'));
      const csv = join(dir, 'tickets.csv');
      writeFileSync(csv, '工单编号,承办单位,派单时间,办理时限\nGD1,区住建局,2026-11-30 09:00,2026-12-02 18:00\n');
      expect(await sim.type(`/file wxid_deputy: ${csv}`)).toEqual([
        '（wxid_deputy 不在名单上：作为群里的陌生成员发言，机器人不认识，也不听其指令）',
      ]);
      const who = (await sim.type('/who')).join('\n');
      expect(who).toMatch(/张局长 {2}wxid_zhujian_zhang/);
      expect(who).toMatch(/不在名单上的成员[\s\S]*wxid_stranger[\s\S]*wxid_new_guy[\s\S]*wxid_deputy/);
      // The roster still works as before after the strangers.
      expect((await sim.type(HEAD_REPORT)).join('\n')).toMatch(/私聊 → 张局长/);
    },
  );

  it('a private message from a contact not on the roster is labelled as such, once, and not answered', async () => {
    sim = await Sim.open('2026-12-01 15:30');
    const PRIVATE = /^（(wxid_\w+) 不在名单上：作为名单外联系人私聊机器人，机器人不认识，不回复名单外人员的私聊）$/;
    const a = await sim.type('私聊 wxid_stranger2: 你好，请问怎么报日报');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatch(PRIVATE);
    expect(a.join('\n')).not.toContain('群里的陌生成员');
    expect(await sim.type('私聊 wxid_stranger2: 在吗？')).toEqual([]);
    const b = await sim.type('私聊 wxid_stranger: 同意 TB002');
    expect(b).toEqual([
      '（wxid_stranger 不在名单上：作为名单外联系人私聊机器人，机器人不认识，不回复名单外人员的私聊）',
    ]);
    const c = await sim.type('/paste 私聊 wxid_temp_zhao', '我是凤凰镇新来的', '今日受理6件，办结6件', '.');
    expect(c.filter((l) => PRIVATE.test(l))).toEqual([
      '（wxid_temp_zhao 不在名单上：作为名单外联系人私聊机器人，机器人不认识，不回复名单外人员的私聊）',
    ]);
    expect([...a, ...b, ...c].some((l) => l.includes('督办助手:'))).toBe(false);
    // The same contact speaking in the group is then a group member the bot does not know.
    expect(await sim.type('wxid_stranger2: 大家好')).toEqual([
      '（wxid_stranger2 不在名单上：作为群里的陌生成员发言，机器人不认识，也不听其指令）',
    ]);
  });
});

describe('simulator chat page /sim', () => {
  it(
    'has a textarea (Enter sends, Shift+Enter a new line); ' + 'a multi-line report is one report; strangers may speak',
    async () => {
      const clock = new SimClock(parseStartTime('2026-11-30 17:00', TZ) as Date, false);
      const h = await startHarness({
        config: rosterConfig(),
        redisUrl: REDIS_URL,
        clock,
        log: testLogger(),
        http: { host: '127.0.0.1', port: 0 },
        simulator: true,
      });
      h.world.clock = clock;
      try {
        const http = h.app.http;
        const page = await http?.inject({ url: '/sim' });
        expect(page?.statusCode).toBe(200);
        expect(page?.body).toMatch(/<textarea name="text"/);
        expect(page?.body).toMatch(/Shift\+Enter/);
        const script = /<script>([\s\S]*?)<\/script>/.exec(page?.body ?? '')?.[1] ?? '';
        expect(script).toMatch(/e\.key==='Enter'&&!e\.shiftKey/);
        expect(() => new Function(script)).not.toThrow();
        const say = (from: string, text: string) =>
          http?.inject({ method: 'POST', url: '/sim/say', payload: { from, to: 'group', text } });
        expect(
          (await say('wxid_zhujian_zhang', '【区住建局】11月30日日报\r\n今日受理12件\r\n办结10件，在办2件'))
            ?.statusCode,
        ).toBe(200);
        expect((await say('wxid_new_guy', '大家好'))?.statusCode).toBe(200);
        expect((await say('nobody here', '你好'))?.statusCode).toBe(400);
        await h.drain();
        const reports = await reportsForDay(h.app.db, '2026-11-30');
        expect(reports.map((r) => [r.unitId, r.received, r.completed, r.inProgress])).toEqual([['zhujian', 12, 10, 2]]);
        expect(h.world.strangers().map((c) => c.id)).toContain('wxid_new_guy');
        expect((await http?.inject({ url: '/sim' }))?.body).toMatch(/wxid_new_guy（wxid_new_guy，不在名单上）/);
      } finally {
        await h.close();
      }
    },
  );
});

describe('simulator start-up', () => {
  it(
    'logs to DATA_DIR/sim.log unless LOG_LEVEL is set; --at ' + 'is read in the district zone; a rest day is named',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'duban-simlog-'));
      const quiet = simulatorLog(readEnv({ DATA_DIR: dir }), { DATA_DIR: dir });
      expect(quiet.file).toBe(join(dir, 'sim.log'));
      quiet.log.info({ probe: 1 }, 'simulator log probe');
      expect(readFileSync(join(dir, 'sim.log'), 'utf8')).toMatch(/simulator log probe/);
      expect(
        simulatorLog(readEnv({ DATA_DIR: dir, LOG_LEVEL: 'warn' }), { DATA_DIR: dir, LOG_LEVEL: 'warn' }).file,
      ).toBeUndefined();
      const clock = simulatorClock(['--at', '2026-11-30 16:30'], TZ);
      expect(clock instanceof SimClock && clock.now().toISOString().startsWith('2026-11-30T08:30')).toBe(true);
      expect(simulatorClock(['--at', '30号下午'], TZ)).toMatchObject({
        error: expect.stringMatching(/--at "30号下午" 看不懂/),
      });
      const cfg = rosterConfig();
      expect(
        simulatorBanner(new SimClock(parseStartTime('2026-11-29 04:00', TZ) as Date, false), cfg, undefined),
      ).toMatch(/今天是休息日/);
      expect(
        simulatorBanner(new SimClock(parseStartTime('2026-11-30 08:30', TZ) as Date, false), cfg, join(dir, 'sim.log')),
      ).not.toMatch(/休息日/);
    },
  );

  it('removes the wall-clock job schedulers a previous run left (routines run on the simulated clock)', async () => {
    const h = await startHarness({ config: rosterConfig(), redisUrl: REDIS_URL, log: testLogger(), schedule: true });
    try {
      expect((await h.app.scheduler.queue.getJobSchedulers(0, -1)).length).toBeGreaterThan(0);
      await dropWallClockSchedulers(h.app);
      expect(await h.app.scheduler.queue.getJobSchedulers(0, -1)).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
