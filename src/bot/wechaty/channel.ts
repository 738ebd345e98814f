import { readFileSync } from 'node:fs';
import { FileBox } from 'file-box';
import { type Message, types, WechatyBuilder } from 'wechaty';
import type { ContactInterface, RoomInterface, WechatyInterface } from 'wechaty/impls';
import type { PuppetInterface } from 'wechaty-puppet/impls';
import {
  type IncomingFile,
  type IncomingMessage,
  mayFallBackToGroup,
  type OutgoingMessage,
} from '../../domain/messages.js';
import { CONSOLE_LINK_WITHHELD, WITHHELD_NOTICE } from '../../domain/texts/console.js';
import { RecentIds } from '../../lib/recent-ids.js';
import {
  type ChannelCapabilities,
  type ChannelDeps,
  type ChannelState,
  type ChannelStatus,
  type ChatChannel,
  type DeliveredVia,
  StateListeners,
} from '../channel.js';
import { receiveDurably } from '../durable.js';
import { keepReceivedFile, withoutNul } from '../files.js';

export interface WechatyChannelOptions extends ChannelDeps {
  puppet: PuppetInterface;
  name?: string;
}

/**
 * The Wechaty channel (personal WeChat or WeCom through a puppet): turns Wechaty messages into
 * IncomingMessage and delivers OutgoingMessage. With src/bot/wechaty/puppet.ts, the only code
 * that imports wechaty.
 */
export class WechatyChannel implements ChatChannel {
  readonly capabilities: ChannelCapabilities;
  private readonly wechaty: WechatyInterface;
  private readonly states = new StateListeners();
  private room: RoomInterface | undefined;
  private loggedIn = false;
  private readonly seen = new RecentIds(10_000);
  private inFlight = 0;
  private stopping = false;

  constructor(private readonly o: WechatyChannelOptions) {
    this.capabilities = {
      readsAllGroupMessages: true,
      groupFiles: true,
      mentionsById: true,
      interactiveCards: false,
      recalls: true,
      // Not the chat's limit but the account's safety: the configured rate (config.outbox).
      sendLimits: { perMinute: o.sendPerMinute > 0 ? o.sendPerMinute : null, perConversationPerMinute: null },
      memberList: true,
    };
    this.wechaty = WechatyBuilder.build({ name: o.name ?? 'duban', puppet: o.puppet as never });
    this.wechaty.on('error', (err) => {
      // Without this handler Wechaty crashes the process (watchdog resets, payload misses).
      o.log.error({ err: String(err) }, 'wechaty error');
      this.emit({ kind: 'error', error: String(err) });
    });
    this.wechaty.on('scan', (qrcode, status) => this.emit({ kind: 'qr-code', qrcode, status }));
    this.wechaty.on('login', (user) => {
      this.loggedIn = true;
      o.log.info({ user: user.id }, 'chat login');
      this.emit({ kind: 'login', userId: user.id });
      void this.findGroup();
    });
    this.wechaty.on('logout', (user) => {
      this.loggedIn = false;
      if (this.stopping) return;
      o.log.warn({ user: user.id }, 'chat logout: sending paused until login');
      this.emit({ kind: 'logged-out', userId: user.id });
    });
    this.wechaty.on('message', (msg) => {
      this.inFlight++;
      this.onMessage(msg)
        .catch((err) => o.log.error({ err, id: msg.id }, 'could not receive message'))
        .finally(() => this.inFlight--);
    });
  }

  async start(): Promise<void> {
    await this.wechaty.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.wechaty.stop().catch((err) => this.o.log.warn({ err }, 'wechaty stop'));
  }

  /** Messages received from the chat but not yet handed to the inbound queue. */
  pending(): number {
    return this.inFlight;
  }

  onState(listener: (s: ChannelState) => void): () => void {
    return this.states.add(listener);
  }

  private emit(s: ChannelState): void {
    this.states.emit(s, this.o.log);
  }

  status(): ChannelStatus {
    return this.isReady() ? 'ready' : this.loggedIn ? 'logged-in' : 'logged-out';
  }

  isReady(): boolean {
    return this.loggedIn && this.room !== undefined;
  }

  /** Finds the configured group; true when found. */
  private async findGroup(): Promise<boolean> {
    try {
      const room = this.o.group.id
        ? await this.wechaty.Room.find({ id: this.o.group.id })
        : await this.wechaty.Room.find({ topic: this.o.group.topic });
      if (room) {
        this.room = room;
        this.o.log.info({ room: room.id, topic: this.o.group.topic }, 'group found');
        this.emit({ kind: 'ready' });
        return true;
      }
      this.o.log.warn({ topic: this.o.group.topic }, 'group not found yet; waiting for a message from it');
    } catch (err) {
      this.o.log.error({ err }, 'group lookup failed');
    }
    return false;
  }

  private async isOurGroup(room: RoomInterface): Promise<boolean> {
    if (this.o.group.id) return room.id === this.o.group.id;
    if (this.room) return room.id === this.room.id;
    const topic = await room.topic();
    if (topic === this.o.group.topic) {
      this.room = room;
      this.emit({ kind: 'ready' });
      return true;
    }
    return false;
  }

  private async onMessage(msg: Message): Promise<void> {
    if (msg.self()) return;
    if (this.seen.has(msg.id)) {
      this.o.log.debug({ id: msg.id }, 'duplicate delivery ignored');
      return;
    }
    const talker = msg.talker();
    const room = msg.room();
    const now = this.o.clock.now();
    const sentAt = msg.date();
    if (now.getTime() - sentAt.getTime() > this.o.maxAgeSeconds * 1000) {
      this.o.log.info({ id: msg.id, sentAt }, 'old message (redelivered after a reconnect) ignored');
      return;
    }
    if (room) {
      if (!(await this.isOurGroup(room))) return;
    } else if (!this.o.roster.person(talker.id)) {
      this.o.log.warn(
        { from: talker.id, name: talker.name() },
        'private message from a contact not on the roster ignored',
      );
      return;
    }
    const base = {
      id: msg.id,
      chat: room ? ('group' as const) : ('private' as const),
      roomId: room?.id ?? null,
      senderId: talker.id,
      senderName: withoutNul(talker.name()),
      sentAt: sentAt.toISOString(),
      receivedAt: now.toISOString(),
    };
    if (msg.type() === types.Message.Recalled) {
      // 撤回: the puppet gives the withdrawn message's id as the text (Wechaty's toRecalled() reads it so).
      const recalledId = msg.text();
      if (!recalledId) return;
      await this.receiveDurably({ ...base, text: '', mentionIds: [], file: null, kind: 'recall', recalledId });
      return;
    }
    const mentionIds = room ? (await msg.mentionList().catch(() => [] as ContactInterface[])).map((c) => c.id) : [];
    const file = await this.saveFile(msg, talker.id);
    const text = msg.type() === types.Message.Text ? withoutNul(msg.text()) : '';
    await this.receiveDurably({ ...base, text, mentionIds, file });
  }

  /** Hands the message to the inbound queue, retrying while Redis is unavailable. */
  private async receiveDurably(m: IncomingMessage): Promise<void> {
    await receiveDurably(this.o.receive, m, this.o.log);
    this.seen.add(m.id);
  }

  /**
   * Keeps a received file only when it may be imported: a spreadsheet, from someone who may
   * import (issue 14). It is streamed to disk with the size limit enforced while it is written;
   * anything else is recorded by name only (never held in memory, never written).
   */
  private async saveFile(msg: Message, senderId: string): Promise<IncomingFile | null> {
    const t = msg.type();
    if (t !== types.Message.Attachment && t !== types.Message.Unknown) return null;
    let box: FileBox;
    try {
      box = (await msg.toFileBox()) as unknown as FileBox;
    } catch (err) {
      this.o.log.warn({ id: msg.id, err: (err as Error).message }, 'message has no readable file');
      return null;
    }
    return keepReceivedFile(
      {
        messageId: msg.id,
        senderId,
        name: box.name,
        declaredSize: typeof box.size === 'number' && box.size > 0 ? box.size : 0,
        open: () => box.toStream(),
      },
      this.o,
    );
  }

  private async contact(id: string): Promise<ContactInterface | undefined> {
    try {
      return (await this.wechaty.Contact.find({ id })) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async deliver(m: OutgoingMessage): Promise<DeliveredVia> {
    // Logged out: nothing may go out on the dead session (the outbox keeps it and retries).
    if (!this.loggedIn) throw new Error('chat logged out');
    const room = this.room;
    if (m.to.kind === 'person') {
      const person = await this.contact(m.to.id);
      // On personal WeChat only friends can be messaged; WeCom colleagues can.
      if (person && person.friend() !== false) {
        await person.say(m.text);
        if (m.file) await person.say(fileBoxOf(m.file));
        return 'private';
      }
      if (!room) throw new Error('recipient unreachable privately and group not found');
      if (!mayFallBackToGroup(m)) {
        // A credential never goes to the group: say there, without it, how to get it.
        const notice =
          m.groupNotice ?? (m.purpose.startsWith('console-link:') ? CONSOLE_LINK_WITHHELD : WITHHELD_NOTICE);
        if (person) await room.say(notice, person);
        else await room.say(`@${this.o.roster.person(m.to.id)?.name ?? m.to.id} ${notice}`);
        return 'withheld';
      }
      if (person) await room.say(m.text, person);
      else await room.say(`@${this.o.roster.person(m.to.id)?.name ?? m.to.id} ${m.text}`);
      if (m.file) await room.say(fileBoxOf(m.file));
      return 'group-fallback';
    }
    if (!room) throw new Error('group not found');
    const contacts: ContactInterface[] = [];
    for (const id of m.mentions) {
      const c = await this.contact(id);
      if (c) contacts.push(c);
    }
    if (contacts.length > 0) await room.say(m.text, ...contacts);
    else await room.say(m.text);
    if (m.file) await room.say(fileBoxOf(m.file));
    return 'group';
  }
}

/**
 * A file to send, as base64: every puppet takes it (the mock puppet cannot serialise a
 * file-path FileBox and threw on each attempt). The bot's files are small (cards, Excel).
 */
function fileBoxOf(f: { path: string; name: string }): FileBox {
  return FileBox.fromBase64(readFileSync(f.path).toString('base64'), f.name);
}
