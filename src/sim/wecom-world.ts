import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ChannelChoice } from '../bot/factory.js';
import type { DistrictConfig } from '../config/schema.js';
import { type Clock, systemClock } from '../domain/clock.js';
import { DEFAULT_BOT_NAME } from '../domain/texts/channel.js';
import { type FakeCardUpdate, type FakeSent, FakeWecomServer } from './wecom/fake-server.js';
import {
  BOT_ID,
  type CardUpdateRecord,
  type NotSeen,
  type PressOutcome,
  type SayOptions,
  type SentCard,
  type SentRecord,
  type SimWorld,
} from './world.js';

/** A card the bot sent, as the world keeps it (to find what a press presses, and where its updates go). */
interface KeptCard {
  key: string;
  to: string;
  title: string;
  buttons: Array<{ key: string; text: string }>;
  /** Who sees its buttons greyed after an update (everyone, or these people). */
  greyed: Set<string> | 'all';
}

export interface WecomWorldOptions {
  /** The bot's name in the group (default: the district file's group.botName, else 督办助手). */
  botName?: string;
  /** Members not on the roster who are in the group from the start. */
  extraContacts?: Array<{ id: string; name: string }>;
}

type Card = {
  main_title?: { title?: unknown };
  sub_title_text?: unknown;
  replace_text?: unknown;
  task_id?: unknown;
  button_list?: unknown;
};

/**
 * A simulated WeCom group served by the WeCom AI bot (智能机器人) over its long connection: the fake
 * server (a real ws server on loopback) in front of the app's real WeCom channel. As on the
 * platform, the bot sees a group message only when it @-mentions the bot (`@督办助手` in the text,
 * or the bot among the mentions), every private message, files only privately, and no withdrawals;
 * what it did not see is remembered (`notSeen`) so the simulator can say so. People are the
 * district file's ids (WeCom userids). What the bot sent is reported with `<@userid>` written back
 * as `@名字`, cards with their title and buttons; a person presses a card's button by its text.
 */
export class WecomWorld implements SimWorld {
  readonly kind = 'wecom';
  clock: Clock = systemClock;
  readonly botName: string;
  private readonly listeners: Array<(s: SentRecord) => void> = [];
  private readonly updateListeners: Array<(u: CardUpdateRecord) => void> = [];
  private readonly joined: Array<{ id: string; name: string }> = [];
  private readonly unseen = new Map<string, NotSeen>();
  private readonly cards: KeptCard[] = [];
  private readonly names: Map<string, string>;
  private readonly extraContacts: Array<{ id: string; name: string }>;

  private constructor(
    readonly config: DistrictConfig,
    readonly fake: FakeWecomServer,
    o: WecomWorldOptions,
  ) {
    this.botName = fake.botName;
    this.extraContacts = o.extraContacts ?? [{ id: 'wxid_stranger', name: '李主任' }];
    this.names = new Map(config.people.map((p) => [p.id, p.name]));
    fake.onSent((s) => this.sent(s));
    fake.onCardUpdate((u) => this.updated(u));
  }

  /** Starts the fake long-connection server (loopback, a free port) and the world on it. */
  static async create(config: DistrictConfig, o: WecomWorldOptions = {}): Promise<WecomWorld> {
    const fake = new FakeWecomServer({ botName: o.botName ?? config.group.botName ?? DEFAULT_BOT_NAME });
    await fake.start();
    return new WecomWorld(config, fake, o);
  }

  /** The app's channel: the real WeCom channel, connected to the fake server. */
  get channel(): ChannelChoice {
    return {
      kind: 'wecom',
      botId: this.fake.botId,
      secret: this.fake.secret,
      wsUrl: this.fake.url,
      groupChatId: this.fake.groupChatId,
      botName: this.botName,
      reconnectIntervalMs: 50,
      // The fake has no sending limit: the simulator and replay send at once, as on the mock puppet.
      perMinute: 0,
      perConversationPerMinute: 0,
    };
  }

  /** The channel logs itself in (it connects when the app starts). */
  login(): void {}

  /** Stops the fake server (after the app let go of its connection: up to a second, not to cut it short). */
  async close(): Promise<void> {
    for (let i = 0; i < 50 && this.fake.connected; i++) await new Promise((r) => setTimeout(r, 20));
    await this.fake.close();
  }

  onSent(fn: (s: SentRecord) => void): void {
    this.listeners.push(fn);
  }

  onCardUpdate(fn: (u: CardUpdateRecord) => void): void {
    this.updateListeners.push(fn);
  }

  flush(): Promise<void> {
    return this.fake.roundTrip();
  }

  notSeen(messageId: string): NotSeen | undefined {
    return this.unseen.get(messageId);
  }

  strangers(): Array<{ id: string; name: string }> {
    return [...this.extraContacts, ...this.joined];
  }

  /** Anyone in the company can be added to the group: an id not on the roster is noted as a member. */
  ensureMember(contactId: string, name = contactId): void {
    if (this.names.has(contactId) || this.strangers().some((s) => s.id === contactId)) return;
    this.joined.push({ id: contactId, name });
  }

  say(fromId: string, text: string, o: SayOptions = {}): string {
    this.ensureMember(fromId);
    const id = o.id ?? randomUUID();
    const sentAt = new Date(o.timestamp ?? this.clock.now().getTime());
    if (o.to === 'bot') return this.fake.sayPrivately(fromId, text, { id, sentAt });
    const typed = this.typed(text, o.mentions ?? []);
    if (!typed.includes(`@${this.botName}`)) this.unseen.set(id, 'not-mentioned');
    return this.fake.sayInGroup(fromId, typed, { id, sentAt });
  }

  /**
   * The text as WeCom carries it: every @-mention is in the text as `@名字` (the client writes it
   * there), so a mention the caller gave by id only is written in front; the bot as `@督办助手`.
   */
  private typed(text: string, mentions: readonly string[]): string {
    const front: string[] = [];
    for (const m of mentions) {
      const bot = m === BOT_ID || m === this.fake.botId || m === this.botName;
      const name = bot ? this.botName : (this.names.get(m) ?? m);
      if (!text.includes(`@${name}`) && !front.includes(`@${name}`)) front.push(`@${name}`);
    }
    // The bot's mention first, as people address it.
    front.sort((a, b) => Number(b === `@${this.botName}`) - Number(a === `@${this.botName}`));
    return front.length > 0 ? `${front.join(' ')} ${text}` : text;
  }

  sendFile(fromId: string, path: string, o: Omit<SayOptions, 'mentions'> = {}): string {
    this.ensureMember(fromId);
    const id = o.id ?? randomUUID();
    const bytes = readFileSync(path);
    if (o.to !== 'bot') {
      this.unseen.set(id, 'group-file');
      return this.fake.sendFileInGroup(fromId, basename(path), bytes, { id });
    }
    const sentAt = new Date(o.timestamp ?? this.clock.now().getTime());
    return this.fake.sendFilePrivately(fromId, basename(path), bytes, { id, sentAt });
  }

  /** Pushes the message again (a message the bot never saw stays unseen). */
  redeliver(messageId: string): void {
    if (this.unseen.has(messageId)) return;
    this.fake.redeliver(messageId);
  }

  pressCard(fromId: string, button: string, o: { card?: string; timestamp?: number } = {}): PressOutcome {
    const visible = this.cards
      .filter((c) => (c.to === 'group' || c.to === fromId) && (o.card === undefined || c.key === o.card))
      .filter((c) => c.buttons.some((b) => b.text === button))
      .reverse();
    const greyed = (c: KeptCard) => c.greyed === 'all' || c.greyed.has(fromId);
    const card = visible.find((c) => !greyed(c));
    if (!card) return { ok: false, why: visible.length > 0 ? 'already-pressed' : 'no-card' };
    const b = card.buttons.find((x) => x.text === button) as { key: string; text: string };
    this.ensureMember(fromId);
    this.fake.pressCard(fromId, card.key, b.key, {
      chat: card.to === 'group' ? 'group' : 'private',
      sentAt: new Date(o.timestamp ?? this.clock.now().getTime()),
    });
    return { ok: true, cardKey: card.key, title: card.title };
  }

  /** `<@userid>` as `@名字` (the name the reader of the chat sees). */
  private readable(text: string): string {
    return text.replace(/<@([^>\s]+)>/g, (_, id: string) => `@${this.names.get(id) ?? id}`);
  }

  private sent(s: FakeSent): void {
    let r: SentRecord;
    if (s.card) {
      const c = s.card as Card;
      const buttons = Array.isArray(c.button_list)
        ? (c.button_list as Array<{ text?: unknown; key?: unknown }>).map((b) => ({
            text: String(b.text ?? ''),
            key: String(b.key ?? ''),
          }))
        : [];
      const card: SentCard = {
        key: String(c.task_id ?? ''),
        title: String(c.main_title?.title ?? ''),
        buttons: buttons.map((b) => b.text),
      };
      this.cards.push({ key: card.key, to: s.to, title: card.title, buttons, greyed: new Set() });
      if (this.cards.length > 2_000) this.cards.shift();
      r = { to: s.to, text: typeof c.sub_title_text === 'string' ? c.sub_title_text : '', mentions: [], card };
    } else if (s.file) r = { to: s.to, text: '', mentions: [], file: s.file.name };
    else r = { to: s.to, text: this.readable(s.text), mentions: [...s.mentions] };
    for (const l of this.listeners) l(r);
  }

  private updated(u: FakeCardUpdate): void {
    const c = u.card as Card;
    const kept = [...this.cards].reverse().find((k) => k.key === u.taskId);
    const forWhom: string[] | 'all' = u.userids ? [...u.userids] : 'all';
    if (kept) {
      if (forWhom === 'all') kept.greyed = 'all';
      else if (kept.greyed !== 'all') for (const id of forWhom) kept.greyed.add(id);
    }
    const r: CardUpdateRecord = {
      key: u.taskId,
      to: kept?.to ?? 'group',
      title: String(c.main_title?.title ?? ''),
      ...(typeof c.replace_text === 'string' ? { status: c.replace_text } : {}),
      ...(typeof c.sub_title_text === 'string' ? { text: c.sub_title_text } : {}),
      for: forWhom,
    };
    for (const l of this.updateListeners) l(r);
  }
}
