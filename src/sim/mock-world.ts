import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { FileBox } from 'file-box';
import * as PUPPET from 'wechaty-puppet';
import type { PuppetInterface } from 'wechaty-puppet/impls';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import type { ChannelChoice } from '../bot/factory.js';
import type { DistrictConfig } from '../config/schema.js';
import { type Clock, systemClock } from '../domain/clock.js';
import { BOT_ID, BOT_NAME, type SayOptions, type SentRecord, type SimWorld } from './world.js';

export { BOT_ID, BOT_NAME } from './world.js';
export const GROUP_ID = 'duban-group@chatroom';

export type { SayOptions, SentRecord } from './world.js';

/**
 * A simulated chat: the mock puppet with the district's people, a stranger, the bot account
 * and the group. Used by the terminal simulator, replay and the end-to-end tests. Anyone else
 * who speaks (a contact id not on the roster: a new member, someone's deputy) is made a group
 * member on demand, as in a real group, which the bot does not know.
 */
export class MockWorld implements SimWorld {
  readonly kind = 'wechaty';
  readonly botName = BOT_NAME;
  readonly mocker: mock.Mocker;
  readonly puppet: PuppetMock;
  /** The time messages are stamped with when the caller gives none (the simulator's clock). */
  clock: Clock = systemClock;
  private readonly listeners: Array<(s: SentRecord) => void> = [];
  /** Contacts not on the roster who joined the group on demand, in order. */
  private readonly joined: Array<{ id: string; name: string }> = [];
  /** Each sender's last message id (what /recall and a replay's recall line withdraw). */
  private readonly lastSaid = new Map<string, string>();

  constructor(
    readonly config: DistrictConfig,
    readonly extraContacts: Array<{ id: string; name: string }> = [{ id: 'wxid_stranger', name: '李主任' }],
  ) {
    this.mocker = new mock.Mocker();
    this.puppet = new PuppetMock({ mocker: this.mocker });
    const ids: string[] = [BOT_ID];
    this.mocker.createContact({ id: BOT_ID, name: BOT_NAME, friend: true });
    for (const p of [...config.people, ...extraContacts]) {
      this.mocker.createContact({ id: p.id, name: p.name, friend: true });
      ids.push(p.id);
    }
    this.mocker.createRoom({
      id: config.group.id ?? GROUP_ID,
      topic: config.group.topic,
      memberIdList: ids,
      adminIdList: [],
      ownerId: BOT_ID,
    });
    this.observeSends();
  }

  get puppetInterface(): PuppetInterface {
    return this.puppet as unknown as PuppetInterface;
  }

  /** The app's channel: Wechaty on this world's mock puppet. */
  get channel(): ChannelChoice {
    return { kind: 'wechaty', puppet: this.puppetInterface };
  }

  get groupId(): string {
    return this.config.group.id ?? GROUP_ID;
  }

  /** Nothing to stop: the mock puppet lives in this process and stops with the app. */
  async close(): Promise<void> {}

  /** Log the bot in (after the Wechaty instance started). */
  login(): void {
    this.mocker.login(this.mocker.ContactMock.load(BOT_ID));
  }

  onSent(fn: (s: SentRecord) => void): void {
    this.listeners.push(fn);
  }

  private observeSends(): void {
    const p = this.puppet as unknown as {
      messageSendText: (cid: string, text: string, mentionIds?: string[]) => Promise<string | void>;
      messageSendFile: (cid: string, file: FileBox) => Promise<string | void>;
    };
    const sendText = p.messageSendText.bind(p);
    const sendFile = p.messageSendFile.bind(p);
    const toOf = (cid: string) => (cid === this.groupId ? 'group' : cid);
    p.messageSendText = async (cid, text, mentionIds = []) => {
      for (const l of this.listeners) l({ to: toOf(cid), text, mentions: [...mentionIds] });
      return sendText(cid, text);
    };
    p.messageSendFile = async (cid, file) => {
      for (const l of this.listeners) l({ to: toOf(cid), text: '', mentions: [], file: file.name });
      return sendFile(cid, file);
    };
  }

  /**
   * Makes a contact a friend of the bot or not (not: it can be reached only in the group), and
   * resolves once the chat has read the changed contact again (the puppet's 'dirty' event).
   */
  async setFriend(contactId: string, friend: boolean): Promise<void> {
    const p = this.puppet as unknown as {
      contactPayload: (id: string) => Promise<unknown>;
      dirtyPayload: (t: number, id: string) => void;
    };
    const payload = this.mocker.contactPayload(contactId);
    this.mocker.contactPayload(contactId, { ...payload, friend });
    const read = p.contactPayload.bind(p);
    const reread = new Promise<void>((resolve) => {
      p.contactPayload = async (id: string) => {
        const r = await read(id);
        if (id === contactId) {
          p.contactPayload = read;
          // After the reader's own continuation (it stores the payload it awaited).
          setImmediate(resolve);
        }
        return r;
      };
    });
    p.dirtyPayload(PUPPET.types.Dirty.Contact, contactId);
    await reread;
  }

  /** Whether the chat knows this contact (roster, the built-in stranger, or joined on demand). */
  knows(contactId: string): boolean {
    return this.mocker.cacheContactPayload.has(contactId);
  }

  /** Group members not on the roster: the built-in stranger(s) and anyone who joined on demand. */
  strangers(): Array<{ id: string; name: string }> {
    return [...this.extraContacts, ...this.joined];
  }

  /**
   * Makes an unknown contact id a member of the group (a new member, a deputy), so that a
   * message from it is delivered like any other. A known id is left as it is.
   */
  ensureMember(contactId: string, name = contactId): void {
    if (this.knows(contactId)) return;
    this.mocker.createContact({ id: contactId, name, friend: false });
    (this.mocker.roomPayload(this.groupId) as { memberIdList: string[] }).memberIdList.push(contactId);
    this.joined.push({ id: contactId, name });
  }

  /** A person says something in the group or privately to the bot; returns the message id. */
  say(fromId: string, text: string, o: SayOptions = {}): string {
    this.ensureMember(fromId);
    for (const m of o.mentions ?? []) if (m !== BOT_ID) this.ensureMember(m);
    const id = o.id ?? randomUUID();
    const base = {
      id,
      talkerId: fromId,
      timestamp: o.timestamp ?? this.clock.now().getTime(),
      type: PUPPET.types.Message.Text,
      text,
    };
    const payload =
      o.to === 'bot'
        ? { ...base, listenerId: BOT_ID }
        : { ...base, roomId: this.groupId, mentionIdList: o.mentions ?? [] };
    this.mocker.MessageMock.create(payload as never);
    this.puppet.emit('message', { messageId: id });
    this.lastSaid.set(fromId, id);
    return id;
  }

  /**
   * The sender withdraws (撤回) a message they sent: a Recalled message whose text is the
   * withdrawn one's id, in the same chat (as real puppets deliver it). Default: their last one.
   */
  recall(fromId: string, messageId = this.lastSaid.get(fromId), o: { timestamp?: number } = {}): string | undefined {
    if (messageId === undefined) return undefined;
    const original = this.mocker.cacheMessagePayload.get(messageId) as
      | { roomId?: string; listenerId?: string }
      | undefined;
    const id = randomUUID();
    const base = {
      id,
      talkerId: fromId,
      timestamp: o.timestamp ?? this.clock.now().getTime(),
      type: PUPPET.types.Message.Recalled,
      text: messageId,
    };
    const payload =
      original?.roomId || !original
        ? { ...base, roomId: original?.roomId ?? this.groupId, mentionIdList: [] }
        : { ...base, listenerId: BOT_ID };
    this.mocker.MessageMock.create(payload as never);
    this.puppet.emit('message', { messageId: id });
    return id;
  }

  /** Delivers the same message event again (a redelivery after a reconnect). */
  redeliver(messageId: string): void {
    this.puppet.emit('message', { messageId });
  }

  /** A person sends a file (as an Attachment, so the bot can read it). */
  sendFile(fromId: string, path: string, o: Omit<SayOptions, 'mentions'> = {}): string {
    this.ensureMember(fromId);
    const id = o.id ?? randomUUID();
    const box = FileBox.fromBase64(readFileSync(path).toString('base64'), basename(path));
    this.mocker.cacheFileBoxPayload.set(id, box.toJSON() as never);
    const base = {
      id,
      talkerId: fromId,
      timestamp: o.timestamp ?? this.clock.now().getTime(),
      type: PUPPET.types.Message.Attachment,
      filename: basename(path),
    };
    const payload =
      o.to === 'bot' ? { ...base, listenerId: BOT_ID } : { ...base, roomId: this.groupId, mentionIdList: [] };
    this.mocker.MessageMock.create(payload as never);
    this.puppet.emit('message', { messageId: id });
    return id;
  }
}
