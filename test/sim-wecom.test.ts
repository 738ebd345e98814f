/**
 * The terminal simulator in the WeCom AI-bot world: the real WeCom channel on the fake long-connection
 * server, the real pipeline (Redis, PGlite). In the first part card presses are decided by a stand-in
 * for the app's decision, to show what the world and the commands do with any card; then the app's own
 * 签收 cards on a dispatch.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardAction, CardVerdict } from '../src/bot/channel.js';
import { createChannel } from '../src/bot/factory.js';
import { parseStartTime, SimClock } from '../src/sim/clock.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { SimSession } from '../src/sim/session.js';
import { WecomWorld } from '../src/sim/wecom-world.js';
import { REDIS_URL, rosterConfig, testLogger } from './helpers.js';
import { tempDir } from './ticket-helpers.js';

const ZHANG = 'wxid_zhujian_zhang';

describe('simulator, WeCom AI-bot world', () => {
  let h: Harness<WecomWorld>;
  let session: SimSession;
  const lines: string[] = [];
  const presses: CardAction[] = [];

  /** Types lines; returns what they printed. */
  async function type(...input: string[]): Promise<string[]> {
    const from = lines.length;
    for (const l of input) await session.feed(l);
    return lines.slice(from);
  }

  beforeAll(async () => {
    const clock = new SimClock(parseStartTime('2026-11-30 09:00', 'Asia/Shanghai') as Date, false);
    const world = await WecomWorld.create(rosterConfig());
    // The unit's head signs; anyone else is refused and only they see it.
    const decide = async (a: CardAction): Promise<CardVerdict> => {
      presses.push(a);
      return a.senderId === ZHANG
        ? { accepted: true, title: '已签收', text: '已签收（张局长）', scope: 'all' }
        : { accepted: false, title: '无需您签收', text: '该事项由住建局签收。', scope: 'presser' };
    };
    h = await startHarness({
      config: rosterConfig(),
      redisUrl: REDIS_URL,
      clock,
      log: testLogger(),
      world,
      channel: (deps) => createChannel(world.channel, { ...deps, onCardAction: decide }),
    });
    session = new SimSession({ app: h.app, world: h.world, clock, print: (s) => lines.push(...s.split('\n')) });
  }, 30_000);
  afterAll(async () => {
    await h?.close();
  });

  it('the help tells the WeCom rules and how to press a button', async () => {
    const out = await type('/help');
    expect(out.join('\n')).toContain('企业微信智能机器人模式');
    expect(out.join('\n')).toContain('张局长: [签收]');
  });

  it('a group message without @督办助手 is not seen (said so); with it, answered; privately, answered', async () => {
    const notSeen = await type('张局长: 帮助');
    expect(notSeen).toEqual([expect.stringMatching(/机器人没有看到这条消息：群消息须 @督办助手/)]);
    const seen = await type('张局长: @督办助手 帮助');
    expect(seen.filter((l) => l.startsWith('['))).toHaveLength(1);
    expect(seen[0]).toMatch(/^\[09:00 群\] 督办助手: @张局长\s+您好，我是督办助手/);
    const priv = await type('私聊 李主任: 帮助');
    expect(priv[0]).toMatch(/^\[09:00 私聊 → 李主任\] 督办助手: /);
  });

  it('a file in the group is not seen, privately it is; there is no recall', async () => {
    const path = join(tempDir(), '工单.csv');
    writeFileSync(path, '工单编号,承办单位,派单时间,办理时限\nGD1,区住建局,2026-11-30 09:00,2026-12-02 18:00\n');
    expect(await type(`/file 刘组长: ${path}`)).toEqual([expect.stringMatching(/机器人没有看到这个文件/)]);
    const priv = await type(`/file 私聊 刘组长: ${path}`);
    expect(priv[0]).toMatch(/^\[09:00 私聊 → 刘组长\] 督办助手: 工单清单「工单.csv」已导入/);
    expect(await type('/recall 张局长')).toEqual([expect.stringMatching(/看不到撤回/)]);
  });

  it('a card is shown with its buttons; 姓名: [签收] presses the latest one the person can see', async () => {
    const card = { key: 'card-k1', title: '测试督办 D9', buttons: [{ key: 'ack|test|D9', text: '签收' }] };
    await h.app.outbox.send({ to: { kind: 'group' }, text: '请住建局签收', mentions: [], purpose: 'test:k1', card });
    const from = lines.length;
    expect(await h.drain()).toBe(true);
    expect(lines.slice(from)).toEqual(['[09:00 群] 督办助手: 【卡片】测试督办 D9', '请住建局签收', '[签收]']);

    // Someone else presses first: refused, and only they see the card change.
    expect(await type('褚局长: [签收]')).toEqual([
      '（褚局长 点了卡片“测试督办 D9”上的“签收”）',
      '[09:00 群] 督办助手更新卡片（褚局长可见）：测试督办 D9，该事项由住建局签收。 [无需您签收]',
    ]);
    expect(await type('褚局长: [签收]')).toEqual(['（此人能看到的带“签收”按钮的卡片都已点过）']);
    // The head presses: the card changes for everyone.
    expect(await type('/as 张局长', '[签收]')).toEqual([
      '（之后以 张局长 的身份发言）',
      '（张局长 点了卡片“测试督办 D9”上的“签收”）',
      '[09:00 群] 督办助手更新卡片（所有人可见）：测试督办 D9，已签收（张局长） [已签收]',
    ]);
    expect(await type('徐科长: [签收]')).toEqual(['（此人能看到的带“签收”按钮的卡片都已点过）']);
    expect(await type('徐科长: [同意]')).toEqual(['（此人看不到带“同意”按钮的卡片）']);
    // A replay's press may name the card by its key.
    expect(h.world.pressCard(ZHANG, '签收', { card: 'card-k1' })).toEqual({ ok: false, why: 'already-pressed' });
    expect(h.world.pressCard(ZHANG, '签收', { card: 'no-such-card' })).toEqual({ ok: false, why: 'no-card' });
    expect(presses.map((p) => [p.senderId, p.cardKey, p.actionKey, p.chat])).toEqual([
      ['wxid_chengguan_chu', 'card-k1', 'ack|test|D9', 'group'],
      [ZHANG, 'card-k1', 'ack|test|D9', 'group'],
    ]);
  });

  it('a private card is pressed only by the person it went to', async () => {
    const card = { key: 'card-k2', title: '测试督办 D10', buttons: [{ key: 'read|test|D10', text: '已阅' }] };
    await h.app.outbox.send({ to: { kind: 'person', id: ZHANG }, text: '', mentions: [], purpose: 'test:k2', card });
    const from = lines.length;
    expect(await h.drain()).toBe(true);
    expect(lines.slice(from)).toEqual(['[09:00 私聊 → 张局长] 督办助手: 【卡片】测试督办 D10', '[已阅]']);
    expect(await type('孙局长: [已阅]')).toEqual(['（此人看不到带“已阅”按钮的卡片）']);
    expect(await type('张局长: [已阅]')).toEqual([
      '（张局长 点了卡片“测试督办 D10”上的“已阅”）',
      '[09:00 私聊 → 张局长] 督办助手更新卡片（所有人可见）：测试督办 D10，已签收（张局长） [已签收]',
    ]);
  });
});

describe('simulator, WeCom world, the app’s own 签收 cards', () => {
  it('a dispatch’s private card: another head cannot press it; the head signs it with 姓名: [签收]', async () => {
    const clock = new SimClock(parseStartTime('2026-11-30 09:00', 'Asia/Shanghai') as Date, false);
    const world = await WecomWorld.create(rosterConfig());
    const h = await startHarness({ config: rosterConfig(), redisUrl: REDIS_URL, clock, log: testLogger(), world });
    try {
      const lines: string[] = [];
      const session = new SimSession({ app: h.app, world, clock, print: (s) => lines.push(...s.split('\n')) });
      const type = async (l: string) => {
        const from = lines.length;
        await session.feed(l);
        return lines.slice(from);
      };
      const delivered = await type('王副主任: @督办助手 请住建局今天18点前反馈湖滨路井盖缺失的处置情况。');
      expect(delivered).toContain('[09:00 私聊 → 张局长] 督办助手: 【卡片】点对点调度 D1');
      expect(await type('孙局长: [签收]')).toEqual(['（此人看不到带“签收”按钮的卡片）']);
      const signed = await type('张局长: [签收]');
      expect(signed[0]).toBe('（张局长 点了卡片“点对点调度 D1”上的“签收”）');
      expect(signed[1]).toMatch(
        /^\[09:00 私聊 → 张局长\] 督办助手更新卡片（所有人可见）：点对点调度 D\d+，已签收（张局长 .*\[已签收\]$/,
      );
      const [row] = await h.app.db.query<{ acked_by: string | null }>(
        `select t.acked_by from dispatch_targets t join dispatches d on d.id = t.dispatch_id where d.code = 'D1'`,
      );
      expect(row?.acked_by).toBe(ZHANG);
    } finally {
      await h.close();
    }
  });
});

describe('simulator, Wechaty world', () => {
  it('has no cards to press: says so and sends nothing', async () => {
    const clock = new SimClock(parseStartTime('2026-11-30 09:00', 'Asia/Shanghai') as Date, false);
    const h = await startHarness({ config: rosterConfig(), redisUrl: REDIS_URL, clock, log: testLogger() });
    try {
      const lines: string[] = [];
      const session = new SimSession({ app: h.app, world: h.world, clock, print: (s) => lines.push(s) });
      await session.feed('张局长: [签收]');
      expect(lines).toEqual(['（本渠道没有卡片按钮；卡片只在企业微信智能机器人模式下出现）']);
      await session.feed('/recall 张局长');
      expect(lines[1]).toMatch(/还没有发过消息/);
    } finally {
      await h.close();
    }
  });
});

describe('the /sim page in the WeCom world', () => {
  it('says the @ rule, and a group message without @督办助手 is answered by a note, not by the bot', async () => {
    const world = await WecomWorld.create(rosterConfig());
    const sent: string[] = [];
    world.onSent((s) => sent.push(`${s.to} ${s.text}`));
    const h = await startHarness({
      config: rosterConfig(),
      redisUrl: REDIS_URL,
      log: testLogger(),
      world,
      simulator: true,
      http: { host: '127.0.0.1', port: 0 },
    });
    try {
      const http = h.app.http;
      const page = await http?.inject({ url: '/sim' });
      expect(page?.statusCode).toBe(200);
      expect(page?.body).toContain('企业微信智能机器人模式：群里须 @督办助手 机器人才看得到');
      const say = (text: string) =>
        http?.inject({ method: 'POST', url: '/sim/say', payload: { from: ZHANG, to: 'group', text } });
      const unseen = await say('帮助');
      expect(unseen?.json()).toMatchObject({ note: '机器人没有看到这条群消息：须 @督办助手，或改为私聊。' });
      expect(await h.drain()).toBe(true);
      expect(sent).toEqual([]);
      const seen = await say('@督办助手 帮助');
      expect(seen?.json().note).toBeUndefined();
      expect(await h.drain()).toBe(true);
      expect(sent).toEqual([expect.stringMatching(/^group @张局长\s+您好，我是督办助手/)]);
    } finally {
      await h.close();
    }
  });
});
