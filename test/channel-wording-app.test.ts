/**
 * The texts follow the channel's declared capabilities (issue 17), on the real app: the mock
 * Wechaty chat declaring what the WeCom AI bot declares (only @-messages in the group, files
 * only privately, cards) says "@督办助手 or privately" and points to the 签收 button; the same
 * app on plain Wechaty keeps its words. A private report from a unit's head or liaison is the
 * unit's report (the main way to report where the bot sees only @-messages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelCapabilities } from '../src/bot/channel.js';
import { createChannel } from '../src/bot/factory.js';
import { ManualClock } from '../src/domain/clock.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { MockWorld } from '../src/sim/mock-world.js';
import { playLine, scenarioLineSchema } from '../src/sim/scenario.js';
import { REDIS_URL, rosterConfig, testLogger } from './helpers.js';
import { run, Scenario, say } from './scenario.js';

const t = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`;
const LI = 'wxid_leader_li';
const ZHANG = 'wxid_zhujian_zhang';
const XU = 'wxid_zhujian_xu';
const YOU = 'wxid_hubin_you';
const DISPATCH = '@张局长 环海路小区污水外溢，请三个工作日内到现场处置并反馈。';

interface Sent {
  to: string;
  text: string;
}

/** The real app on the mock chat, its channel declaring these capabilities instead of Wechaty's. */
async function openDeclaring(caps: Partial<ChannelCapabilities>) {
  const config = rosterConfig();
  const clock = new ManualClock(t('08:00'));
  const world = new MockWorld(config);
  const h: Harness = await startHarness({
    config,
    redisUrl: REDIS_URL,
    clock,
    log: testLogger(),
    world,
    channel: async (deps) => {
      const c = await createChannel(world.channel, deps);
      Object.defineProperty(c, 'capabilities', { value: { ...c.capabilities, ...caps } });
      return c;
    },
  });
  const out: Sent[] = [];
  world.onSent((m) => out.push({ to: m.to, text: m.text }));
  let n = 0;
  const play = async (...lines: Array<Record<string, unknown>>): Promise<Sent[]> => {
    const from = out.length;
    for (const raw of lines) {
      const problem = await playLine(h, clock, scenarioLineSchema.parse(raw), `w${++n}`);
      if (problem) throw new Error(problem);
    }
    return out.slice(from);
  };
  return { h, play };
}

describe('a channel that reads only @-messages, receives files privately and has cards', () => {
  let w: Awaited<ReturnType<typeof openDeclaring>>;
  beforeAll(async () => {
    w = await openDeclaring({
      readsAllGroupMessages: false,
      groupFiles: false,
      interactiveCards: true,
      recalls: false,
    });
  });
  afterAll(async () => {
    await w?.h.close();
  });

  it('the dispatch delivery points to the 签收 button, and says a group reply must @ the bot', async () => {
    const out = await w.play(say(t('09:00'), LI, DISPATCH, { mentions: [ZHANG] }));
    const zhang = out.find((o) => o.to === ZHANG)?.text ?? '';
    expect(zhang).toContain('请点击卡片“签收”，或@督办助手 回复“收到”（也可私聊）；办理后请直接回复办理结果');
  });

  it('a private report from a unit’s liaison is that unit’s report', async () => {
    const out = await w.play(say(t('17:10'), XU, '住建局：今日受理6件，办结5件，在办1件。', { to: 'bot' }));
    expect(out.map((o) => o.to)).toContain(XU);
    const rows = await w.h.app.db.query('select unit_id, sender_id from report_versions where day = $1', [
      '2026-11-30',
    ]);
    expect(rows).toEqual([{ unit_id: 'zhujian', sender_id: XU }]);
  });

  it('the 17:30 reminder and the 18:00 roll-call say to @ the bot or write privately', async () => {
    const reminder = await w.play(run(t('17:30'), 'report-reminder'));
    expect(reminder.find((o) => o.to === 'group')?.text).toMatch(
      /。群内发送日报须@督办助手才能收到，也可私聊督办助手；报送后会收到确认，未收到确认即未报上。$/,
    );
    const roll = await w.play(run(t('18:00'), 'report-deadline'));
    expect(roll.find((o) => o.to === 'group')?.text).toMatch(
      /。请尽快报送。群内发送日报须@督办助手才能收到，也可私聊督办助手；报送后会收到确认，未收到确认即未报上。$/,
    );
  });

  it('the help says so too, and that a ticket list is sent privately', async () => {
    const head = await w.play(say(t('18:10'), YOU, '帮助', { to: 'bot' }));
    expect(head[0]?.text).toContain('前@督办助手 发送（或私聊督办助手）本单位日报');
    expect(head[0]?.text).toContain('· 收到调度后点击卡片下方“签收”，或回复“收到”签收');
    const sup = await w.play(say(t('18:11'), 'wxid_sup_liu', '帮助', { to: 'bot' }));
    expect(sup[0]?.text).toContain('· 私聊督办助手发送12345平台导出的工单清单');
  });
});

describe('plain Wechaty (every group message read): the words it always had', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open(rosterConfig(), t('08:00'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('delivery, private report from a head, reminder', async () => {
    const d = await s.play(say(t('09:00'), LI, DISPATCH, { mentions: [ZHANG] }));
    expect(d.find((o) => o.to === ZHANG)?.text).toContain('请回复“收到”签收；办理后请直接回复办理结果');
    await s.play(say(t('17:10'), YOU, '湖滨街道：今日受理5件，办结5件，无超期。', { to: 'bot' }));
    const rows = await s.h.app.db.query('select unit_id, sender_id from report_versions where day = $1', [
      '2026-11-30',
    ]);
    expect(rows).toEqual([{ unit_id: 'hubin', sender_id: YOU }]);
    const reminder = await s.play(run(t('17:30'), 'report-reminder'));
    expect(reminder.find((o) => o.to === 'group')?.text).toMatch(/以下单位尚未报送：[^。]+。$/);
  });
});
