/**
 * The contract every chat channel (src/bot/channel.ts) must pass. A channel's test file passes a
 * driver to `channelContract`: how to make the channel from the app's deps, how to make people
 * speak in its chat (group, private, with mentions, files), redeliver a message, log the bot out
 * and in, and what reached the chat. Real parts only: the driver runs the real adapter against
 * its chat (or that chat's own test double, like Wechaty's mock puppet).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardAction, ChannelDeps, ChannelState, ChatChannel } from '../src/bot/channel.js';
import type { DistrictConfig } from '../src/config/schema.js';
import { systemClock } from '../src/domain/clock.js';
import type { IncomingMessage } from '../src/domain/messages.js';
import { Roster } from '../src/domain/roster.js';
import { rosterConfig, testLogger, waitFor } from './helpers.js';

/** One message that reached the chat: 'group' or the contact id it went to privately. */
export interface SentToChat {
  to: string;
  text: string;
  mentions: string[];
  file?: string;
}

export interface SayOptions {
  to: 'group' | 'bot';
  mentions?: string[];
  /** A given message id (to redeliver it later); the driver makes one otherwise. */
  id?: string;
  /** When the chat says it was sent (default: now). */
  sentAt?: Date;
}

/** A channel built by a driver, and the handles on its chat. */
export interface ChannelUnderTest {
  channel: ChatChannel;
  botId: string;
  botName: string;
  /** Someone in the group who is not on the roster. */
  strangerId: string;
  /** Makes the bot's account log in (again); the channel reports it through its state events. */
  login(): Promise<void>;
  /** Logs the bot's account out from the chat's side. */
  logout(): Promise<void>;
  /** A person says something; returns the message id. */
  say(fromId: string, text: string, o: SayOptions): Promise<string>;
  /** A person sends a file; returns the message id. */
  sendFile(fromId: string, path: string, o: { to: 'group' | 'bot' }): Promise<string>;
  /** The chat delivers the same message again (a redelivery after a reconnect). */
  redeliver(messageId: string): Promise<void>;
  /** The sender withdraws (撤回) a message, where the chat has that; returns the recall's id. */
  recall?(fromId: string, messageId: string): Promise<string>;
  /** Presses a card button (only for channels with interactive cards). */
  pressCard?(fromId: string, cardKey: string, actionKey: string): Promise<string>;
  /** Everything that reached the chat from the bot, in order. */
  sent(): SentToChat[];
  /** Stops the channel and whatever the driver started. */
  close(): Promise<void>;
}

export interface ChannelDriver {
  name: string;
  open(deps: ChannelDeps, config: DistrictConfig): Promise<ChannelUnderTest>;
}

/** Registers the contract tests for one channel. */
export function channelContract(driver: ChannelDriver): void {
  describe(`chat channel contract: ${driver.name}`, () => {
    const config = rosterConfig();
    const roster = Roster.fromConfig(config);
    const importer = config.people.find((p) => p.roles.includes('supervisor'));
    const [head, other] = config.people.filter((p) => p.roles.includes('head'));
    if (!importer || !head || !other) throw new Error('the roster fixture needs a supervisor and two heads');
    const received: IncomingMessage[] = [];
    const pressed: CardAction[] = [];
    const states: ChannelState[] = [];
    const filesDir = mkdtempSync(join(tmpdir(), 'duban-channel-'));
    const sheet = join(mkdtempSync(join(tmpdir(), 'duban-channel-src-')), '工单导出.xlsx');
    writeFileSync(sheet, Buffer.from('PK\u0003\u0004 not really a workbook, stored as it came'));
    let cut: ChannelUnderTest;
    let channel: ChatChannel;
    const byId = (id: string) => received.filter((m) => m.id === id);
    const arrived = (id: string) => waitFor(() => byId(id).length > 0, 15_000);
    /** The bot's name for a mention, so that a channel that reads only mentions sees the message. */
    const toBot = () =>
      channel.capabilities.readsAllGroupMessages
        ? { text: '', mentions: [] as string[] }
        : { text: `@${cut.botName} `, mentions: [cut.botId] };
    /**
     * Before asserting that something was NOT handed on: a later message that surely is has
     * arrived, and nothing is still in the channel's hands.
     */
    const settled = async (): Promise<void> => {
      const b = toBot();
      const id = await cut.say(head.id, `${b.text}标记${received.length}`, { to: 'group', mentions: b.mentions });
      await arrived(id);
      await waitFor(() => channel.pending() === 0, 15_000);
    };

    beforeAll(async () => {
      const deps: ChannelDeps = {
        group: { topic: config.group.topic, ...(config.group.id ? { id: config.group.id } : {}) },
        roster,
        clock: systemClock,
        maxAgeSeconds: 600,
        filesDir,
        maxFileBytes: 1024 * 1024,
        sendPerMinute: config.outbox.perMinute,
        receive: async (m) => {
          received.push(m);
        },
        onCardAction: async (a) => {
          pressed.push(a);
          return { accepted: true, title: '已签收', scope: 'all' };
        },
        log: testLogger(),
      };
      cut = await driver.open(deps, config);
      channel = cut.channel;
      channel.onState((s) => states.push(s));
      expect(channel.isReady()).toBe(false);
      expect(channel.status()).toBe('logged-out');
      await channel.start();
      await cut.login();
      await waitFor(() => channel.isReady(), 15_000);
    }, 30_000);
    afterAll(async () => {
      await cut?.close();
    });

    it('declares its capabilities as plain values', () => {
      const c = channel.capabilities;
      for (const k of [
        'readsAllGroupMessages',
        'groupFiles',
        'mentionsById',
        'interactiveCards',
        'recalls',
        'memberList',
      ] as const)
        expect(typeof c[k]).toBe('boolean');
      for (const n of [c.sendLimits.perMinute, c.sendLimits.perConversationPerMinute]) {
        if (n !== null) expect(n).toBeGreaterThan(0);
      }
      // Cards can be pressed exactly where the channel says it has them; recalls likewise.
      expect(typeof cut.pressCard === 'function').toBe(c.interactiveCards);
      expect(typeof cut.recall === 'function').toBe(c.recalls);
    });

    it('hands on a card button press once, where the channel has cards', async () => {
      if (!channel.capabilities.interactiveCards || !cut.pressCard) return;
      const id = await cut.pressCard(head.id, 'contract-card', 'done');
      await waitFor(() => pressed.some((a) => a.id === id), 15_000);
      expect(pressed.filter((a) => a.id === id)).toEqual([
        expect.objectContaining({ cardKey: 'contract-card', actionKey: 'done', senderId: head.id }),
      ]);
    });

    it('reports login, then ready once the group is found', () => {
      const kinds = states.map((s) => s.kind).filter((k) => k === 'login' || k === 'ready');
      expect(kinds[0]).toBe('login');
      expect(kinds).toContain('ready');
      expect(channel.status()).toBe('ready');
    });

    it('hands on a group text with who said it, where and when', async () => {
      const plain = await cut.say(head.id, '今天下雨，大家注意安全', { to: 'group' });
      if (!channel.capabilities.readsAllGroupMessages) {
        await settled();
        expect(byId(plain)).toEqual([]);
        return;
      }
      await arrived(plain);
      const got = byId(plain);
      expect(got).toHaveLength(1);
      const m = got[0] as IncomingMessage;
      expect(m).toMatchObject({
        chat: 'group',
        senderId: head.id,
        senderName: head.name,
        text: '今天下雨，大家注意安全',
        mentionIds: [],
        file: null,
      });
      expect(m.roomId).toBeTruthy();
      expect(Number.isNaN(Date.parse(m.sentAt))).toBe(false);
      expect(Number.isNaN(Date.parse(m.receivedAt))).toBe(false);
    });

    it('gives inbound mentions by contact id and makes outbound @-mentions by contact id', async () => {
      const b = toBot();
      const id = await cut.say(head.id, `${b.text}@${other.name} 请跟进`, {
        to: 'group',
        mentions: [...b.mentions, other.id],
      });
      await arrived(id);
      const m = byId(id)[0] as IncomingMessage;
      if (channel.capabilities.mentionsById) expect(m.mentionIds).toContain(other.id);
      const before = cut.sent().length;
      expect(
        await channel.deliver({
          to: { kind: 'group' },
          text: `@${other.name} 收到`,
          mentions: [other.id],
          purpose: 'contract:mention',
        }),
      ).toBe('group');
      const out = cut.sent().slice(before);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ to: 'group', text: expect.stringContaining('收到') });
      if (channel.capabilities.mentionsById) expect(out[0]?.mentions).toEqual([other.id]);
    });

    it('stores a file sent in the group (where the channel receives group files) and sets `file`', async () => {
      const id = await cut.sendFile(importer.id, sheet, { to: 'group' });
      if (!channel.capabilities.groupFiles) {
        await settled();
        expect(byId(id).filter((m) => m.file?.path)).toEqual([]);
        return;
      }
      await arrived(id);
      const got = byId(id);
      expect(got).toHaveLength(1);
      const f = got[0]?.file;
      expect(f).toMatchObject({ name: '工单导出.xlsx', size: readFileSync(sheet).length });
      expect(f?.path.startsWith(filesDir)).toBe(true);
      expect(readFileSync(f?.path as string)).toEqual(readFileSync(sheet));
      expect(got[0]?.chat).toBe('group');
    });

    it('stores a file sent privately and sets `file`', async () => {
      const id = await cut.sendFile(importer.id, sheet, { to: 'bot' });
      await arrived(id);
      const m = byId(id)[0] as IncomingMessage;
      expect(m.chat).toBe('private');
      expect(m.file).toMatchObject({ name: '工单导出.xlsx', size: readFileSync(sheet).length });
      expect(existsSync(m.file?.path as string)).toBe(true);
    });

    it('keeps no file from someone who may not import, and says why', async () => {
      const id = await cut.sendFile(head.id, sheet, { to: 'bot' });
      await arrived(id);
      expect(byId(id)[0]?.file).toMatchObject({ name: '工单导出.xlsx', path: '', refused: 'not-allowed' });
    });

    it('hands on a private message from someone on the roster, not from a stranger', async () => {
      const stranger = await cut.say(cut.strangerId, '你好', { to: 'bot' });
      const id = await cut.say(head.id, '帮助', { to: 'bot' });
      await arrived(id);
      await settled();
      expect(byId(id)[0]).toMatchObject({
        chat: 'private',
        roomId: null,
        senderId: head.id,
        text: '帮助',
        mentionIds: [],
      });
      expect(byId(stranger)).toEqual([]);
    });

    it('sends privately to a person', async () => {
      const before = cut.sent().length;
      expect(
        await channel.deliver({
          to: { kind: 'person', id: head.id },
          text: '私聊测试',
          mentions: [],
          purpose: 'contract:private',
        }),
      ).toBe('private');
      expect(cut.sent().slice(before)).toEqual([expect.objectContaining({ to: head.id, text: '私聊测试' })]);
    });

    it('hands on a withdrawn message as a recall of its id, where the chat has recalls', async () => {
      if (!channel.capabilities.recalls || !cut.recall) return;
      const b = toBot();
      const id = await cut.say(head.id, `${b.text}今日受理3件`, { to: 'group', mentions: b.mentions });
      await arrived(id);
      const r = await cut.recall(head.id, id);
      await arrived(r);
      expect(byId(r)[0]).toMatchObject({ kind: 'recall', recalledId: id, senderId: head.id, chat: 'group', text: '' });
    });

    it('hands on a redelivered message once', async () => {
      const b = toBot();
      const id = await cut.say(head.id, `${b.text}重复投递`, { to: 'group', mentions: b.mentions });
      await arrived(id);
      await cut.redeliver(id);
      await settled();
      expect(byId(id)).toHaveLength(1);
    });

    it('drops a message older than maxAgeSeconds (redelivered after a long outage)', async () => {
      const b = toBot();
      const id = await cut.say(head.id, `${b.text}旧消息`, {
        to: 'group',
        mentions: b.mentions,
        sentAt: new Date(Date.now() - 3_600_000),
      });
      await settled();
      expect(byId(id)).toEqual([]);
      await waitFor(() => channel.pending() === 0, 5_000);
    });

    it('logs out and back: state events in order, no sending while out, sending again after login', async () => {
      const from = states.length;
      await cut.logout();
      await waitFor(() => states.slice(from).some((s) => s.kind === 'logged-out'), 15_000);
      expect(channel.isReady()).toBe(false);
      expect(channel.status()).toBe('logged-out');
      const before = cut.sent().length;
      await expect(
        channel.deliver({ to: { kind: 'group' }, text: '断线时不发', mentions: [], purpose: 'contract:out' }),
      ).rejects.toThrow();
      expect(cut.sent().length).toBe(before);
      await cut.login();
      await waitFor(() => channel.isReady(), 15_000);
      const kinds = states
        .slice(from)
        .map((s) => s.kind)
        .filter((k) => k !== 'error' && k !== 'qr-code' && k !== 'reconnecting');
      expect(kinds.slice(0, 2)).toEqual(['logged-out', 'login']);
      expect(
        await channel.deliver({ to: { kind: 'group' }, text: '恢复后发送', mentions: [], purpose: 'contract:back' }),
      ).toBe('group');
      expect(cut.sent().slice(before)).toEqual([expect.objectContaining({ to: 'group', text: '恢复后发送' })]);
    });

    it('sends a file after its text', async () => {
      const before = cut.sent().length;
      expect(
        await channel.deliver({
          to: { kind: 'group' },
          text: '附件如下',
          mentions: [],
          purpose: 'contract:file',
          file: { name: '工单导出.xlsx', path: sheet },
        }),
      ).toBe('group');
      const out = cut.sent().slice(before);
      expect(out.map((s) => s.text)).toEqual(['附件如下', '']);
      expect(out[1]?.file).toBe('工单导出.xlsx');
    });
  });
}
