/**
 * The WeCom AI-bot channel over its long connection, against the fake server (a real `ws` server
 * and file server on 127.0.0.1): auth failures, drops and reconnects, redeliveries, the send
 * answers ("too fast", an error code, none), card presses, a private file, the group chat id.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CardAction,
  type CardVerdict,
  type ChannelDeps,
  ChannelSendError,
  type ChannelState,
  type ChatChannel,
} from '../src/bot/channel.js';
import { createChannel, type WecomChoice } from '../src/bot/factory.js';
import { systemClock } from '../src/domain/clock.js';
import type { IncomingMessage } from '../src/domain/messages.js';
import { Roster } from '../src/domain/roster.js';
import { FakeWecomServer } from '../src/sim/wecom/fake-server.js';
import { rosterConfig, waitFor } from './helpers.js';

const config = rosterConfig();
const roster = Roster.fromConfig(config);
const HEAD = 'wxid_zhujian_zhang';
const IMPORTER = 'wxid_sup_liu';

interface Rig {
  fake: FakeWecomServer;
  channel: ChatChannel;
  received: IncomingMessage[];
  pressed: CardAction[];
  states: ChannelState[];
  logs: Array<Record<string, unknown> & { msg: string }>;
  filesDir: string;
  stateFile: string;
}

const open: Rig[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) {
    await r.channel.stop();
    await r.fake.close();
  }
});

async function rig(
  o: {
    choice?: Partial<WecomChoice>;
    decide?: (a: CardAction) => Promise<CardVerdict>;
    fake?: FakeWecomServer;
    stateFile?: string;
    start?: boolean;
    /** The district file's group.id. */
    groupId?: string;
  } = {},
): Promise<Rig> {
  const fake = o.fake ?? new FakeWecomServer();
  if (!o.fake) await fake.start();
  const logs: Rig['logs'] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const received: IncomingMessage[] = [];
  const pressed: CardAction[] = [];
  const states: ChannelState[] = [];
  const filesDir = join(mkdtempSync(join(tmpdir(), 'duban-wecom-')), 'files');
  const stateFile = o.stateFile ?? join(filesDir, '..', 'wecom-channel.json');
  const deps: ChannelDeps = {
    group: { topic: config.group.topic, ...(o.groupId ? { id: o.groupId } : {}) },
    roster,
    clock: systemClock,
    maxAgeSeconds: 600,
    filesDir,
    maxFileBytes: 1024 * 1024,
    sendPerMinute: 20,
    receive: async (m) => {
      received.push(m);
    },
    onCardAction: async (a) => {
      pressed.push(a);
      return o.decide ? o.decide(a) : { accepted: true, title: '已签收', scope: 'all' };
    },
    log: pino({ level: 'trace' }, sink),
  };
  const channel = await createChannel(
    {
      kind: 'wecom',
      botId: fake.botId,
      secret: fake.secret,
      wsUrl: fake.url,
      groupChatId: fake.groupChatId,
      stateFile,
      reconnectIntervalMs: 10,
      ...o.choice,
    },
    deps,
  );
  channel.onState((s) => states.push(s));
  const r: Rig = { fake, channel, received, pressed, states, logs, filesDir, stateFile };
  open.push(r);
  if (o.start !== false) {
    await channel.start();
    await waitFor(() => channel.isReady(), 5_000);
  }
  return r;
}

const kinds = (states: ChannelState[]) => states.map((s) => s.kind).filter((k) => k !== 'error');
const logged = (r: Rig, text: string | RegExp) =>
  r.logs.filter((l) => (typeof text === 'string' ? l.msg.includes(text) : text.test(l.msg)));

describe('wecom transport', () => {
  it('auth refused: a clear log without the secret, no crash loop, logged-out; a slow retry logs in', async () => {
    const fake = new FakeWecomServer({ secret: 'the-real-secret-value' });
    await fake.start();
    fake.failAuth(Number.POSITIVE_INFINITY);
    const r = await rig({ fake, start: false, choice: { maxAuthFailures: 2, authRetryMs: 300 } });
    await r.channel.start();
    await waitFor(() => r.states.some((s) => s.kind === 'logged-out'), 5_000);
    // The first attempt and two retries, then the SDK gives up: no loop.
    expect(fake.authRefusals).toBe(3);
    expect(r.channel.status()).toBe('logged-out');
    expect(r.channel.isReady()).toBe(false);
    const clear = logged(r, 'WECOM_BOT_SECRET');
    expect(clear).toHaveLength(1);
    expect(clear[0]?.level).toBe(50);
    expect(JSON.stringify(r.logs)).not.toContain('the-real-secret-value');
    await expect(
      r.channel.deliver({ to: { kind: 'group' }, text: '不发', mentions: [], purpose: 'x' }),
    ).rejects.toMatchObject({ failure: 'not-connected' });
    // The secret is fixed on WeCom's side: the next slow try logs in.
    fake.failAuth(0);
    await waitFor(() => r.channel.isReady(), 5_000);
    expect(fake.authRefusals).toBe(3);
    expect(kinds(r.states)).toEqual(['logged-out', 'login', 'ready']);
  });

  it('a dropped connection: reconnecting, back without an outage alarm, nothing lost, sending resumes', async () => {
    const r = await rig({ choice: { outageGraceMs: 30_000 } });
    const from = r.states.length;
    r.fake.setOffline(true);
    await waitFor(() => !r.channel.isReady(), 5_000);
    await expect(
      r.channel.deliver({ to: { kind: 'group' }, text: '断线时', mentions: [], purpose: 'x' }),
    ).rejects.toSatisfy((e) => e instanceof ChannelSendError && e.failure === 'not-connected');
    // Said while the bot was away: WeCom (the fake) pushes it after the reconnect.
    const id = r.fake.sayPrivately(HEAD, '断线期间的消息');
    r.fake.setOffline(false);
    await waitFor(() => r.received.some((m) => m.id === id), 5_000);
    await waitFor(() => r.channel.isReady(), 5_000);
    expect(kinds(r.states.slice(from))).toEqual(['reconnecting', 'login', 'ready']);
    expect(await r.channel.deliver({ to: { kind: 'group' }, text: '恢复后', mentions: [], purpose: 'y' })).toBe(
      'group',
    );
    expect(r.fake.sent().map((s) => s.text)).toEqual(['恢复后']);
    expect(r.fake.auths).toBe(2);
  });

  it('a connection the server drops is re-established by itself; a message said meanwhile arrives once', async () => {
    const r = await rig({ choice: { outageGraceMs: 30_000 } });
    r.fake.dropConnection();
    const id = r.fake.sayPrivately(HEAD, '掉线时发的');
    await waitFor(() => r.received.some((m) => m.id === id), 5_000);
    await waitFor(() => r.channel.isReady(), 5_000);
    expect(r.fake.auths).toBe(2);
    expect(r.received.filter((m) => m.id === id)).toHaveLength(1);
    expect(r.states.some((s) => s.kind === 'logged-out')).toBe(false);
  });

  it('an unreachable server: the connection error is logged once per outage, the retries quietly', async () => {
    const gone = new FakeWecomServer();
    await gone.start();
    await gone.close();
    const fake = new FakeWecomServer();
    await fake.start();
    const r = await rig({ fake, start: false, choice: { wsUrl: gone.url } });
    await r.channel.start();
    await waitFor(() => logged(r, 'WeCom connection error').length >= 3, 5_000);
    const lines = logged(r, 'WeCom connection error');
    expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
    expect(r.states.filter((s) => s.kind === 'error')).toHaveLength(1);
    expect(r.channel.status()).toBe('logged-out');
  });

  it('a connection down longer than the grace is reported logged-out, then login and ready', async () => {
    const r = await rig({ choice: { outageGraceMs: 50 } });
    const from = r.states.length;
    r.fake.setOffline(true);
    await waitFor(() => r.states.slice(from).some((s) => s.kind === 'logged-out'), 5_000);
    r.fake.setOffline(false);
    await waitFor(() => r.channel.isReady(), 5_000);
    expect(kinds(r.states.slice(from))).toEqual(['reconnecting', 'logged-out', 'login', 'ready']);
  });

  it('a message delivered twice (also while the first is still being handled) is handed on once', async () => {
    const r = await rig();
    const id = r.fake.sayPrivately(HEAD, '重复投递');
    r.fake.redeliver(id);
    const file = r.fake.sendFilePrivately(IMPORTER, '工单.xlsx', Buffer.from('PK\u0003\u0004 sheet'));
    r.fake.redeliver(file);
    await waitFor(() => r.received.some((m) => m.id === file), 5_000);
    r.fake.redeliver(id);
    const mark = r.fake.sayPrivately(HEAD, '标记');
    await waitFor(() => r.received.some((m) => m.id === mark), 5_000);
    await waitFor(() => r.channel.pending() === 0, 5_000);
    expect(r.received.filter((m) => m.id === id)).toHaveLength(1);
    expect(r.received.filter((m) => m.id === file)).toHaveLength(1);
  });

  it('"too fast" rejects with too-fast and the code, an error code with rejected; neither counts as sent', async () => {
    const r = await rig();
    r.fake.scriptSendAnswers([{ errcode: 45009, errmsg: 'api freq out of limit' }, { errcode: 93000 }]);
    const m = { to: { kind: 'group' as const }, text: '汇总', mentions: [], purpose: 'z' };
    const fast = await r.channel.deliver(m).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(ChannelSendError);
    expect(fast).toMatchObject({ failure: 'too-fast', code: 45009 });
    expect((fast as ChannelSendError).retryAfterMs).toBeGreaterThan(0);
    await expect(r.channel.deliver(m)).rejects.toMatchObject({ failure: 'rejected', code: 93000 });
    expect(r.fake.sent()).toEqual([]);
    expect(await r.channel.deliver(m)).toBe('group');
    expect(r.fake.sent().map((s) => s.text)).toEqual(['汇总']);
    expect(r.fake.attempts()).toHaveLength(3);
  });

  it('a private push WeCom refuses goes to the group @-mentioning the person; a login link is withheld', async () => {
    const r = await rig();
    // The person has not talked to the bot yet (the code is not documented: any but "busy").
    r.fake.scriptSendAnswers([{ errcode: 93000, errmsg: 'user not active' }]);
    const via = await r.channel.deliver({
      to: { kind: 'person', id: HEAD },
      text: '请签收 D3',
      mentions: [],
      purpose: 'p',
    });
    expect(via).toBe('group-fallback');
    expect(r.fake.sent()).toEqual([expect.objectContaining({ to: 'group', mentions: [HEAD] })]);
    expect(r.fake.sent()[0]?.text).toContain('请签收 D3');
    // A login link never goes to the group: only how to get it.
    r.fake.scriptSendAnswers([{ errcode: 93000 }]);
    const link = {
      to: { kind: 'person' as const, id: HEAD },
      text: '登录链接：http://x/console/login?t=abc',
      mentions: [],
      purpose: 'console-link:m1',
      private: 'never-group' as const,
    };
    expect(await r.channel.deliver(link)).toBe('withheld');
    const notice = r.fake.sent()[1];
    expect(notice).toMatchObject({ to: 'group', mentions: [HEAD] });
    expect(notice?.text).toContain('请先私聊督办助手');
    expect(notice?.text).not.toContain('login');
    // "System busy" is waited out like "too fast" (after one window, no attempt used), not said in the group.
    r.fake.scriptSendAnswers([{ errcode: -1, errmsg: 'system busy' }]);
    await expect(
      r.channel.deliver({ to: { kind: 'person', id: HEAD }, text: '稍后', mentions: [], purpose: 'b' }),
    ).rejects.toMatchObject({ failure: 'too-fast', code: -1 });
    expect(r.fake.sent()).toHaveLength(2);
  });

  it('an answer goes as a reply on its message; pushed instead when the reply is refused or too late', async () => {
    const r = await rig();
    const asked = r.fake.sayInGroup(HEAD, '@督办助手 我的待办');
    await waitFor(() => r.received.some((m) => m.id === asked), 5_000);
    const answer = { to: { kind: 'group' as const }, text: '您好', mentions: [HEAD], purpose: 'a', inReplyTo: asked };
    expect(await r.channel.deliver(answer)).toBe('group');
    expect(r.fake.sent()).toEqual([expect.objectContaining({ to: 'group', reply: true, mentions: [HEAD] })]);
    // A private answer to a group message is not a reply on it: pushed to the person.
    await r.channel.deliver({ ...answer, to: { kind: 'person', id: HEAD }, purpose: 'b' });
    expect(r.fake.sent()[1]).toMatchObject({ to: HEAD, msgtype: 'markdown' });
    expect(r.fake.sent()[1]?.reply).toBeUndefined();
    // WeCom refuses the reply (its window passed, say): the answer is pushed, once.
    r.fake.scriptSendAnswers([{ errcode: 40008, errmsg: 'reply expired' }]);
    expect(await r.channel.deliver({ ...answer, purpose: 'c' })).toBe('group');
    expect(r.fake.sent()[2]).toMatchObject({ to: 'group', msgtype: 'markdown', mentions: [HEAD] });
    expect(r.fake.sent()).toHaveLength(3);
    // Past the window the answer is pushed without trying.
    const late = await rig({ choice: { replyWindowMs: 0 } });
    const id = late.fake.sayPrivately(HEAD, '帮助');
    await waitFor(() => late.received.some((m) => m.id === id), 5_000);
    await late.channel.deliver({
      to: { kind: 'person', id: HEAD },
      text: '帮助内容',
      mentions: [],
      purpose: 'd',
      inReplyTo: id,
    });
    expect(late.fake.attempts().map((s) => s.reply ?? false)).toEqual([false]);
  });

  it('no answer to a send: unknown-outcome (after the SDK 5 s ack timeout)', async () => {
    const r = await rig();
    r.fake.scriptSendAnswers(['silent']);
    await expect(
      r.channel.deliver({ to: { kind: 'person', id: HEAD }, text: '无回执', mentions: [], purpose: 'q' }),
    ).rejects.toMatchObject({ failure: 'unknown-outcome' });
  }, 10_000);

  it('a card: sent with buttons; a press handed on once, the card updated for all or the presser', async () => {
    let scope: CardVerdict['scope'] = 'all';
    const r = await rig({ decide: async (a) => ({ accepted: true, title: `已签收（${a.senderName}）`, scope }) });
    const heard: string[] = [];
    r.fake.onCardUpdate((u) => heard.push(u.taskId));
    const card = { key: 'dispatch-42', title: '派单签收', buttons: [{ key: 'ack', text: '签收' }] };
    await r.channel.deliver({ to: { kind: 'group' }, text: '请签收派单', mentions: [], purpose: 'c', card });
    expect(r.fake.sent()[0]?.card).toMatchObject({
      task_id: 'dispatch-42',
      button_list: [{ key: 'ack', text: '签收' }],
    });
    const id = r.fake.pressCard(HEAD, 'dispatch-42', 'ack', { chat: 'group' });
    await waitFor(() => r.fake.cardUpdates().length === 1, 5_000);
    r.fake.redeliver(id);
    scope = 'presser';
    r.fake.pressCard(IMPORTER, 'dispatch-42', 'ack', { chat: 'group', nested: true });
    await waitFor(() => r.fake.cardUpdates().length === 2, 5_000);
    await waitFor(() => r.channel.pending() === 0, 5_000);
    expect(r.pressed.filter((a) => a.id === id)).toEqual([
      expect.objectContaining({ cardKey: 'dispatch-42', actionKey: 'ack', senderId: HEAD, chat: 'group' }),
    ]);
    const [all, mine] = r.fake.cardUpdates();
    expect(all).toMatchObject({
      taskId: 'dispatch-42',
      card: {
        main_title: { title: '派单签收' },
        sub_title_text: '已签收（张局长）',
        replace_text: '已签收（张局长）',
        button_list: [{ key: 'ack', text: '签收' }],
      },
    });
    expect(all?.userids).toBeUndefined();
    expect(mine).toMatchObject({ taskId: 'dispatch-42', userids: [IMPORTER] });
    expect(heard).toEqual(['dispatch-42', 'dispatch-42']);
  });

  it('a verdict too late for the 5 s window: logged, card left as it is, the press still handed on', async () => {
    let release: (() => void) | undefined;
    const r = await rig({
      choice: { cardVerdictMs: 50 },
      decide: () =>
        new Promise((resolve) => {
          release = () => resolve({ accepted: true, title: '已签收', scope: 'all' });
        }),
    });
    r.fake.pressCard(HEAD, 'dispatch-7', 'ack');
    await waitFor(() => logged(r, 'too late').length === 1, 5_000);
    release?.();
    await waitFor(() => r.channel.pending() === 0, 5_000);
    expect(r.pressed).toHaveLength(1);
    expect(r.fake.cardUpdates()).toEqual([]);
  });

  it('a private file: downloaded, decrypted and stored with the same bytes and sha256', async () => {
    const r = await rig();
    const bytes = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(70_000, 7)]);
    const id = r.fake.sendFilePrivately(IMPORTER, '12345工单导出.xlsx', bytes);
    await waitFor(() => r.received.some((m) => m.id === id), 5_000);
    const f = r.received.find((m) => m.id === id)?.file;
    expect(f).toMatchObject({ name: '12345工单导出.xlsx', size: bytes.length });
    expect(f?.path.startsWith(r.filesDir)).toBe(true);
    expect(readFileSync(f?.path as string).equals(bytes)).toBe(true);
    expect(f?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('a file and a picture sent: uploaded in chunks, then sent after the text', async () => {
    const r = await rig();
    const dir = mkdtempSync(join(tmpdir(), 'duban-wecom-out-'));
    const big = join(dir, '工单.xlsx');
    const bytes = Buffer.alloc(1_200_000, 3);
    writeFileSync(big, bytes);
    await r.channel.deliver({
      to: { kind: 'person', id: IMPORTER },
      text: '工单清单如下',
      mentions: [],
      purpose: 'f',
      file: { name: '工单.xlsx', path: big },
    });
    const [text, file] = r.fake.sent();
    expect(text).toMatchObject({ to: IMPORTER, msgtype: 'markdown', text: '工单清单如下' });
    expect(file).toMatchObject({ to: IMPORTER, msgtype: 'file', file: { name: '工单.xlsx', type: 'file' } });
    expect(file?.file?.bytes.equals(bytes)).toBe(true);
    const png = join(dir, '日报.png');
    writeFileSync(png, Buffer.from('\x89PNG fake'));
    await r.channel.deliver({
      to: { kind: 'group' },
      text: '',
      mentions: [],
      purpose: 'p',
      file: { name: '日报.png', path: png },
    });
    expect(r.fake.sent().slice(2)).toEqual([
      expect.objectContaining({ to: 'group', msgtype: 'image', file: expect.objectContaining({ name: '日报.png' }) }),
    ]);
  });

  it('learns the group chat id from the first @-message of someone on the roster, keeps it, says so', async () => {
    const fake = new FakeWecomServer({ groupChatId: 'wrLEARNED' });
    await fake.start();
    const r = await rig({ fake, start: false, choice: { groupChatId: undefined } });
    await r.channel.start();
    await waitFor(() => r.states.some((s) => s.kind === 'login'), 5_000);
    expect(r.channel.status()).toBe('logged-in');
    expect(r.channel.isReady()).toBe(false);
    await expect(
      r.channel.deliver({ to: { kind: 'group' }, text: '早', mentions: [], purpose: 'g' }),
    ).rejects.toMatchObject({ failure: 'not-connected' });
    // A stranger's @ does not teach the group (nor is it handed on: it cannot be told ours).
    const s = fake.sayInGroup('somebody_else', '@督办助手 你好');
    const mark = fake.sayPrivately(HEAD, '标记');
    await waitFor(() => r.received.some((m) => m.id === mark), 5_000);
    await waitFor(() => r.channel.pending() === 0, 5_000);
    expect(r.received.some((m) => m.id === s)).toBe(false);
    expect(r.channel.isReady()).toBe(false);
    const id = fake.sayInGroup(HEAD, '@督办助手 收到');
    await waitFor(() => r.channel.isReady(), 5_000);
    expect(r.received.find((m) => m.id === id)).toMatchObject({ roomId: 'wrLEARNED', text: '收到' });
    expect(kinds(r.states)).toEqual(['login', 'ready']);
    expect(JSON.parse(readFileSync(r.stateFile, 'utf8'))).toMatchObject({ groupChatId: 'wrLEARNED' });
    expect(logged(r, 'group chat id learned')[0]).toMatchObject({ groupChatId: 'wrLEARNED' });
    // A restart reads it back: ready at login, without a message.
    await r.channel.stop();
    const again = await rig({ fake, stateFile: r.stateFile, choice: { groupChatId: undefined } });
    expect(again.channel.status()).toBe('ready');
    expect(await again.channel.deliver({ to: { kind: 'group' }, text: '早', mentions: [], purpose: 'g' })).toBe(
      'group',
    );
    expect(fake.sent().at(-1)).toMatchObject({ chatid: 'wrLEARNED', text: '早' });
    expect(existsSync(r.stateFile)).toBe(true);
  });

  it('does not take a Wechaty room id from the district file for the WeCom group', async () => {
    const fake = new FakeWecomServer();
    await fake.start();
    const r = await rig({ fake, start: false, choice: { groupChatId: undefined }, groupId: '123456@chatroom' });
    await r.channel.start();
    await waitFor(() => r.states.some((s) => s.kind === 'login'), 5_000);
    expect(r.channel.status()).toBe('logged-in');
    expect(logged(r, 'Wechaty room id')).toHaveLength(1);
    const id = fake.sayInGroup(HEAD, '@督办助手 收到');
    await waitFor(() => r.channel.isReady(), 5_000);
    expect(r.received.find((m) => m.id === id)?.roomId).toBe(fake.groupChatId);
  });

  it("logs an unknown sender's userid once (private messages from them are not handed on)", async () => {
    const r = await rig();
    const a = r.fake.sayPrivately('new_colleague', '你好');
    r.fake.sayPrivately('new_colleague', '在吗');
    const g = r.fake.sayInGroup('new_colleague', '@督办助手 大家好');
    await waitFor(() => r.received.some((m) => m.id === g), 5_000);
    await waitFor(() => r.channel.pending() === 0, 5_000);
    expect(r.received.some((m) => m.id === a)).toBe(false);
    const lines = logged(r, 'not on the roster');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ userid: 'new_colleague', level: 30 });
  });

  it('kicked by another connection with the same bot id: logged-out, an error, a clear log', async () => {
    const r = await rig();
    const from = r.states.length;
    r.fake.kick();
    await waitFor(() => r.states.slice(from).some((s) => s.kind === 'logged-out'), 5_000);
    expect(r.states.slice(from).map((s) => s.kind)).toEqual(['logged-out', 'error']);
    expect(r.channel.status()).toBe('logged-out');
    expect(logged(r, 'another process uses this bot id')).toHaveLength(1);
  });
});
