import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { type Logger as SdkLogger, type SendMsgBody, WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import {
  type IncomingFile,
  type IncomingMessage,
  mayFallBackToGroup,
  type OutgoingCard,
  type OutgoingMessage,
} from '../../domain/messages.js';
import { DEFAULT_BOT_NAME } from '../../domain/texts/channel.js';
import { wecomWithheldNotice } from '../../domain/texts/wecom.js';
import { RecentIds } from '../../lib/recent-ids.js';
import { withinMs } from '../../lib/within.js';
import {
  type CardAction,
  type CardVerdict,
  type ChannelCapabilities,
  type ChannelDeps,
  ChannelSendError,
  type ChannelState,
  type ChannelStatus,
  type ChatChannel,
  type DeliveredVia,
  StateListeners,
} from '../channel.js';
import { receiveDurably } from '../durable.js';
import { keepReceivedFile } from '../files.js';
import type { WecomChoice } from './choice.js';
import { sendErrorOf } from './errors.js';
import { readLearnedGroup, saveLearnedGroup } from './group-state.js';
import {
  cardActionOf,
  type EventBody,
  fallbackFileName,
  type InboundContext,
  type MessageBody,
  messageOf,
  sentAtOf,
} from './inbound.js';
import { bodiesOf, mediaTypeOf, updatedCard } from './outbound.js';

export type WecomChannelOptions = ChannelDeps & Omit<WecomChoice, 'kind'>;

const DEFAULT_LIMIT = 20;

/**
 * The WeCom AI-bot channel (智能机器人, API mode, long connection) through the official SDK: the
 * only code besides the fake server that speaks its frames. It sees only group messages that @
 * the bot and every private message; it sends markdown with `<@userid>` mentions, template cards
 * with buttons, and files and images through the SDK's media upload.
 *
 * Lifecycle (design doc §3): authenticated → `login` (then `ready` once the group chat id is
 * known); a dropped connection → `reconnecting` at once and `logged-out` if not back within
 * `outageGraceMs`; auth given up (wrong id/secret) or kicked by another connection with the same
 * bot id → `logged-out` + `error`.
 */
export class WecomChannel implements ChatChannel {
  readonly capabilities: ChannelCapabilities;
  private readonly states = new StateListeners();
  private readonly seen = new RecentIds(10_000);
  private readonly inProgress = new Set<string>();
  /** Unknown userids already logged (once each). */
  private readonly unknownLogged = new Set<string>();
  /** Other group chat ids already warned about (once each). */
  private readonly otherGroupsLogged = new Set<string>();
  /** Buttons of the cards sent, by key: the card's update after a press keeps them (greyed). */
  private readonly cards = new Map<string, OutgoingCard>();
  /** Recent messages' frames by message id: an answer goes as a reply on its message (`inReplyTo`). */
  private pushed: { day: string; ids: Set<string>; warned: boolean } = { day: '', ids: new Set(), warned: false };
  private readonly answerable = new Map<string, { frame: WsFrame<MessageBody>; at: number }>();
  private client: WSClient | undefined;
  private authenticated = false;
  private loggedOutReported = true;
  private kicked = false;
  /** The SDK gave up connecting (reported once until the next login). */
  private gaveUp = false;
  /** A connection error was logged in this outage. */
  private connErrorSaid = false;
  private stopping = false;
  private groupChatId: string | undefined;
  private readonly stateFile: string;
  private readonly botName: string;
  private inFlight = 0;
  private outageTimer: NodeJS.Timeout | undefined;
  private authRetryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: WecomChannelOptions) {
    this.capabilities = {
      readsAllGroupMessages: false,
      groupFiles: false,
      // Outbound by userid (`<@userid>`); inbound `@名字` resolved against the roster.
      mentionsById: true,
      interactiveCards: true,
      recalls: false,
      sendLimits: {
        // 0: none (the simulator's fake server has no limit; replay runs unpaced).
        perMinute: o.perMinute === 0 ? null : (o.perMinute ?? DEFAULT_LIMIT),
        perConversationPerMinute:
          o.perConversationPerMinute === 0 ? null : (o.perConversationPerMinute ?? DEFAULT_LIMIT),
      },
      memberList: false,
    };
    this.botName = o.botName ?? DEFAULT_BOT_NAME;
    this.stateFile = o.stateFile ?? join(dirname(o.filesDir), 'wecom-channel.json');
    this.groupChatId = o.groupChatId ?? this.districtGroupId() ?? readLearnedGroup(this.stateFile);
  }

  /** The district file's `group.id`, unless it is a Wechaty room id (left from a Wechaty deployment). */
  private districtGroupId(): string | undefined {
    const id = this.o.group.id;
    if (id && /@chatroom$|^R:/.test(id)) {
      this.o.log.warn({ groupId: id }, "district file's group.id looks like a Wechaty room id: not used on WeCom");
      return undefined;
    }
    return id;
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.kicked = false;
    this.gaveUp = false;
    const client = new WSClient({
      botId: this.o.botId,
      secret: this.o.secret,
      ...(this.o.wsUrl ? { wsUrl: this.o.wsUrl } : {}),
      maxReconnectAttempts: -1,
      maxAuthFailureAttempts: this.o.maxAuthFailures ?? 5,
      reconnectInterval: this.o.reconnectIntervalMs ?? 1_000,
      heartbeatInterval: this.o.heartbeatIntervalMs ?? 30_000,
      // File downloads (a ticket list of a few MB on a slow link): the SDK's default is 10 s.
      requestTimeout: 60_000,
      logger: sdkLogger(this.o.log, () => this.stopping),
    });
    this.client = client;
    client.on('authenticated', () => this.onAuthenticated());
    client.on('disconnected', (reason) => this.onDisconnected(reason));
    client.on('error', (err) => this.onError(err));
    client.on('message', (frame) => this.track(() => this.onMessage(frame as WsFrame<MessageBody>)));
    client.on('event.template_card_event', (frame) =>
      this.track(() => this.onCardEvent(frame as unknown as WsFrame<EventBody>)),
    );
    client.on('event.disconnected_event', () => this.onKicked());
    this.o.log.info(
      { botId: this.o.botId, wsUrl: this.o.wsUrl ?? 'default', group: this.groupChatId ?? 'not known yet' },
      'connecting to the WeCom AI bot',
    );
    client.connect();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.outageTimer);
    clearTimeout(this.authRetryTimer);
    const c = this.client;
    this.client = undefined;
    this.authenticated = false;
    if (c) {
      c.removeAllListeners();
      // An unhandled 'error' from a late socket event must not surface after stop.
      c.on('error', () => {});
      try {
        c.disconnect();
      } catch (err) {
        this.o.log.warn({ err }, 'wecom disconnect');
      }
    }
  }

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
    return this.isReady() ? 'ready' : this.authenticated ? 'logged-in' : 'logged-out';
  }

  isReady(): boolean {
    return this.authenticated && this.groupChatId !== undefined && this.client?.isConnected === true;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  private onAuthenticated(): void {
    clearTimeout(this.outageTimer);
    clearTimeout(this.authRetryTimer);
    this.authenticated = true;
    this.loggedOutReported = false;
    this.gaveUp = false;
    this.connErrorSaid = false;
    this.o.log.info({ botId: this.o.botId }, 'WeCom AI bot connected');
    this.emit({ kind: 'login', userId: this.o.botId });
    if (this.groupChatId) this.emit({ kind: 'ready' });
    else
      this.o.log.warn(
        'group chat id not known yet: @-mention the bot once in the group (it is then learned), ' +
          'or set WECOM_GROUP_CHAT_ID',
      );
  }

  private onDisconnected(reason: string): void {
    const was = this.authenticated;
    this.authenticated = false;
    if (this.stopping || this.kicked || !was) return;
    this.o.log.warn({ reason }, 'WeCom connection dropped: reconnecting');
    this.emit({ kind: 'reconnecting' });
    const grace = this.o.outageGraceMs ?? 30_000;
    clearTimeout(this.outageTimer);
    if (grace <= 0) this.reportLoggedOut();
    else {
      this.outageTimer = setTimeout(() => {
        if (!this.authenticated && !this.stopping) this.reportLoggedOut();
      }, grace);
      this.outageTimer.unref();
    }
  }

  private reportLoggedOut(): void {
    if (this.loggedOutReported) return;
    this.loggedOutReported = true;
    this.o.log.warn('WeCom AI bot not connected: sending paused until it is back');
    this.emit({ kind: 'logged-out', userId: this.o.botId });
  }

  private onError(err: Error): void {
    if (this.stopping) return;
    if (err.name === 'WSAuthFailureError' || err.name === 'WSReconnectExhaustedError') {
      const retry = this.o.authRetryMs ?? 600_000;
      this.authenticated = false;
      if (!this.gaveUp) {
        // Once per episode (also at start-up: the bot cannot work, the app alerts on it).
        this.gaveUp = true;
        this.o.log.error(
          { botId: this.o.botId, retryInMinutes: retry > 0 ? Math.round(retry / 6_000) / 10 : null },
          err.name === 'WSAuthFailureError'
            ? 'WeCom refused the bot id and secret: check WECOM_BOT_ID and WECOM_BOT_SECRET (the bot stays offline)'
            : 'WeCom unreachable: gave up reconnecting',
        );
        this.loggedOutReported = false;
        this.reportLoggedOut();
        this.emit({ kind: 'error', error: err.message });
      } else this.o.log.info({ botId: this.o.botId }, 'WeCom still refuses the connection');
      if (retry > 0) {
        clearTimeout(this.authRetryTimer);
        this.authRetryTimer = setTimeout(() => this.retryConnect(), retry);
        this.authRetryTimer.unref();
      }
      return;
    }
    if (/^Authentication failed/.test(err.message)) {
      // The SDK retries with back-off; the message carries WeCom's errcode, never the secret.
      this.o.log.warn({ err: err.message }, 'WeCom auth refused');
      this.emit({ kind: 'error', error: err.message });
      return;
    }
    // A network outage repeats the same error at every reconnect: said once per outage.
    if (this.connErrorSaid) {
      this.o.log.debug({ err: err.message }, 'WeCom connection error');
      return;
    }
    this.connErrorSaid = true;
    this.o.log.warn({ err: err.message }, 'WeCom connection error (retrying; said once until connected)');
    this.emit({ kind: 'error', error: err.message });
  }

  /** One slow try after the SDK gave up (a fixed secret is picked up without a restart). */
  private retryConnect(): void {
    const c = this.client;
    if (!c || this.stopping || this.kicked) return;
    this.o.log.info('trying the WeCom connection again');
    c.disconnect();
    c.connect();
  }

  private onKicked(): void {
    this.kicked = true;
    this.authenticated = false;
    clearTimeout(this.outageTimer);
    this.o.log.error(
      { botId: this.o.botId },
      'another process uses this bot id: WeCom closed this connection and it is not reopened ' +
        '(stop the other process, then restart this one)',
    );
    this.reportLoggedOut();
    this.emit({ kind: 'error', error: 'kicked: another connection uses this bot id' });
  }

  // ---- inbound ---------------------------------------------------------------------------

  private track(work: () => Promise<void>): void {
    this.inFlight++;
    work()
      .catch((err) => this.o.log.error({ err }, 'could not receive from WeCom'))
      .finally(() => this.inFlight--);
  }

  private context(): InboundContext {
    return { roster: this.o.roster, botId: this.o.botId, botName: this.botName, now: this.o.clock.now() };
  }

  /** Logs a sender not on the roster, once per userid, so that an administrator can add them. */
  private noteUnknown(userid: string, where: string): void {
    if (this.o.roster.person(userid) || this.unknownLogged.has(userid)) return;
    this.unknownLogged.add(userid);
    this.o.log.info({ userid, where }, 'WeCom user not on the roster (add this userid to the district file)');
  }

  /** Claims an id for handling; false if it was handled or is being handled. */
  private claim(id: string): boolean {
    if (this.seen.has(id) || this.inProgress.has(id)) {
      this.o.log.debug({ id }, 'duplicate delivery ignored');
      return false;
    }
    this.inProgress.add(id);
    return true;
  }

  private tooOld(id: string, createTime: number | undefined): boolean {
    const sentAt = sentAtOf(createTime);
    if (sentAt && this.o.clock.now().getTime() - sentAt.getTime() > this.o.maxAgeSeconds * 1000) {
      this.o.log.info({ id, sentAt }, 'old message (redelivered after a reconnect) ignored');
      return true;
    }
    return false;
  }

  /** Whether a group frame is from our group; learns the group from a roster member's first @. */
  private isOurGroup(chatid: string | undefined, senderId: string): boolean {
    if (!chatid) return false;
    if (this.groupChatId === undefined && this.o.roster.person(senderId)) {
      this.groupChatId = chatid;
      this.o.log.info(
        { groupChatId: chatid, file: this.stateFile },
        'group chat id learned from the first @-message (set WECOM_GROUP_CHAT_ID to fix it)',
      );
      try {
        saveLearnedGroup(this.stateFile, chatid, this.o.botId, this.o.clock.now());
      } catch (err) {
        this.o.log.warn({ err: (err as Error).message }, 'could not keep the learned group chat id');
      }
      if (this.authenticated) this.emit({ kind: 'ready' });
      return true;
    }
    if (chatid === this.groupChatId) return true;
    if (!this.otherGroupsLogged.has(chatid)) {
      this.otherGroupsLogged.add(chatid);
      this.o.log.warn(
        { chatid, group: this.groupChatId ?? 'not known yet' },
        'message from another group ignored (set WECOM_GROUP_CHAT_ID to the right group)',
      );
    }
    return false;
  }

  private async onMessage(frame: WsFrame<MessageBody>): Promise<void> {
    const body = frame.body;
    if (!body?.msgid || !body.from?.userid) return;
    const id = body.msgid;
    if (!this.claim(id)) return;
    try {
      if (this.tooOld(id, body.create_time)) {
        this.seen.add(id);
        return;
      }
      const sender = body.from.userid;
      if (body.chattype === 'group') {
        this.noteUnknown(sender, 'group');
        if (!this.isOurGroup(body.chatid, sender)) return;
      } else if (!this.o.roster.person(sender)) {
        this.noteUnknown(sender, 'private');
        this.seen.add(id);
        return;
      }
      const mapped = messageOf(body, this.context());
      if (!mapped) return;
      if (mapped.images > 0) this.o.log.debug({ id, images: mapped.images }, 'images in a message not kept');
      let m: IncomingMessage = mapped.message;
      if (mapped.download) m = { ...m, file: await this.fetchFile(id, sender, mapped.download) };
      this.rememberAnswerable(id, frame);
      await receiveDurably(this.o.receive, m, this.o.log);
      this.seen.add(id);
    } finally {
      this.inProgress.delete(id);
    }
  }

  /** Downloads and decrypts a file at once (its URL lives 5 minutes), then keeps it by the rules. */
  private async fetchFile(id: string, senderId: string, d: { url: string; aeskey?: string }): Promise<IncomingFile> {
    const client = this.client;
    let got: { buffer: Buffer; filename?: string };
    try {
      if (!client) throw new Error('channel stopped');
      got = await client.downloadFile(d.url, d.aeskey);
    } catch (err) {
      this.o.log.warn({ id, err: (err as Error).message }, 'could not download the file of a message');
      return { name: fallbackFileName(id), path: '', size: 0 };
    }
    const buffer = got.buffer;
    return keepReceivedFile(
      {
        messageId: id,
        senderId,
        name: got.filename ? basename(got.filename) : fallbackFileName(id),
        declaredSize: buffer.length,
        open: async () => Readable.from([buffer]),
      },
      { roster: this.o.roster, filesDir: this.o.filesDir, maxFileBytes: this.o.maxFileBytes, log: this.o.log },
    );
  }

  private async onCardEvent(frame: WsFrame<EventBody>): Promise<void> {
    const body = frame.body;
    if (!body) return;
    const action = cardActionOf(body, this.context());
    if (!action) {
      this.o.log.debug({ id: body.msgid }, 'card event without task id or key ignored');
      return;
    }
    if (!this.claim(action.id)) return;
    let settled = false;
    try {
      if (this.tooOld(action.id, body.create_time)) {
        this.seen.add(action.id);
        return;
      }
      this.noteUnknown(action.senderId, 'card');
      if (action.chat === 'group' && !this.isOurGroup(action.roomId ?? undefined, action.senderId)) return;
      const decide = this.o.onCardAction;
      if (!decide) {
        this.o.log.warn({ id: action.id, card: action.cardKey }, 'card press with nobody to decide it ignored');
        this.seen.add(action.id);
        return;
      }
      const decision = decide(action).then(
        (v) => {
          this.seen.add(action.id);
          return v;
        },
        (err: unknown) => {
          this.o.log.error({ err, id: action.id, card: action.cardKey }, 'card press could not be decided');
          return undefined;
        },
      );
      const verdict = await withinMs(decision, this.o.cardVerdictMs ?? 4_000);
      settled = true;
      if (verdict === 'late') {
        this.o.log.warn(
          { id: action.id, card: action.cardKey },
          'card press decided too late for WeCom (5 s): card left as it is',
        );
        // The decision is still recorded when it comes; only the card's update is skipped.
        await decision;
        return;
      }
      if (verdict) await this.updateCard(frame, action, verdict);
    } finally {
      if (!settled) this.seen.add(action.id);
      this.inProgress.delete(action.id);
    }
  }

  private async updateCard(frame: WsFrame<EventBody>, a: CardAction, v: CardVerdict): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      await client.updateTemplateCard(
        frame,
        updatedCard(a.cardKey, v, this.cards.get(a.cardKey), { key: a.actionKey }),
        v.scope === 'presser' ? [a.senderId] : undefined,
      );
    } catch (err) {
      this.o.log.warn({ id: a.id, card: a.cardKey, err: sendErrorOf(err, 'card update').message }, 'card not updated');
    }
  }

  // ---- outbound --------------------------------------------------------------------------

  async deliver(m: OutgoingMessage): Promise<DeliveredVia> {
    const client = this.client;
    // Not connected: nothing may go out (the outbox keeps it and retries).
    if (!client || !this.authenticated || !client.isConnected)
      throw new ChannelSendError('WeCom not connected', 'not-connected');
    const chatid = m.to.kind === 'group' ? this.groupChatId : m.to.id;
    if (!chatid) throw new ChannelSendError('group chat id not known yet', 'not-connected');
    // The file is uploaded first: a failed upload sends nothing (no text without its file).
    let media: { type: 'image' | 'file'; id: string } | undefined;
    if (m.file) {
      const type = mediaTypeOf(m.file.name);
      try {
        const up = await client.uploadMedia(await readFile(m.file.path), { type, filename: m.file.name });
        media = { type, id: up.media_id };
      } catch (err) {
        throw sendErrorOf(err, 'upload');
      }
    }
    if (m.card) this.rememberCard(m.card);
    // An answer to a message, soon after it, goes as a reply on that message: a reply needs no
    // push, which WeCom limits (conversations a bot may push to, and only after they talked to it).
    const bodies = bodiesOf(m, this.o.roster, this.o.mentionStyle);
    if (await this.replied(client, m, bodies)) return m.to.kind === 'group' ? 'group' : 'private';
    // The text (and card), then the file: the first step tells whether WeCom takes it at all.
    const steps: Array<() => Promise<void>> = bodies.map((body) => () => this.send(client, chatid, body));
    if (media) steps.push(() => this.sendMedia(client, chatid, media));
    const [first, ...rest] = steps;
    try {
      await first?.();
    } catch (err) {
      // WeCom refused a private push (the person has not talked to the bot yet, or is outside
      // its visible range): said in the group instead, @-mentioning the person, as Wechaty does
      // for someone it cannot message privately; what must stay private is withheld.
      const fallback = m.to.kind === 'person' ? this.groupFallback(err) : undefined;
      if (!fallback || m.to.kind !== 'person') throw err;
      this.o.log.warn(
        { to: m.to.id, code: sendErrorOf(err).code, purpose: m.purpose },
        'WeCom refused a private message; said in the group instead',
      );
      return this.deliverInGroup(client, fallback, m, m.to.id, media);
    }
    for (const step of rest) await step();
    if (m.to.kind === 'person') this.countPush(m.to.id);
    return m.to.kind === 'group' ? 'group' : 'private';
  }

  /**
   * Sends `m` as a reply on the message it answers, when that works: a text only (no card, no
   * file), in one piece, to where that message came from, within the reply window. False when it
   * is not such a message or WeCom refused the reply (then it is pushed); throws when the
   * connection failed or the outcome is unknown (as a push would).
   */
  private async replied(client: WSClient, m: OutgoingMessage, bodies: SendMsgBody[]): Promise<boolean> {
    const on = m.inReplyTo ? this.answerable.get(m.inReplyTo) : undefined;
    if (!on || m.card || m.file) return false;
    if (Date.now() - on.at >= (this.o.replyWindowMs ?? REPLY_WINDOW_MS)) return false;
    const b = on.frame.body;
    const sameChat =
      m.to.kind === 'group' ? b?.chattype === 'group' : b?.chattype !== 'group' && b?.from?.userid === m.to.id;
    if (!sameChat) return false;
    const [body, ...more] = bodies;
    if (!body || more.length > 0 || body.msgtype !== 'markdown') return false;
    try {
      await client.replyStream(on.frame, `r${randomUUID().replace(/-/g, '')}`, body.markdown.content, true);
      return true;
    } catch (err) {
      const e = sendErrorOf(err, 'reply');
      if (e.failure !== 'rejected') throw e;
      this.o.log.info({ purpose: m.purpose, code: e.code }, 'WeCom refused a reply on the message; pushing it');
      return false;
    }
  }

  /**
   * Private conversations pushed to today (by the bot's clock, UTC day): third parties report a
   * cap of 20 per bot, so the log says when a day goes past it (once a day) for the administrator.
   */
  private countPush(personId: string): void {
    const day = this.o.clock.now().toISOString().slice(0, 10);
    if (this.pushed.day !== day) this.pushed = { day, ids: new Set(), warned: false };
    this.pushed.ids.add(personId);
    if (!this.pushed.warned && this.pushed.ids.size > PUSH_CONVERSATIONS_WARN) {
      this.pushed.warned = true;
      this.o.log.warn(
        { conversations: this.pushed.ids.size, day },
        'WeCom: private pushes today reach more than 20 people (third parties report that cap): ' +
          'check that confirmations arrive',
      );
    }
  }

  private rememberAnswerable(id: string, frame: WsFrame<MessageBody>): void {
    this.answerable.set(id, { frame, at: Date.now() });
    if (this.answerable.size > 2_000) {
      const first = this.answerable.keys().next();
      if (!first.done) this.answerable.delete(first.value);
    }
  }

  /** The group's chat id when a failed private send may be said there instead. */
  private groupFallback(err: unknown): string | undefined {
    const e = sendErrorOf(err);
    if (e.failure !== 'rejected' || e.code === undefined || TRANSIENT_CODES.has(e.code)) return undefined;
    return this.groupChatId ?? undefined;
  }

  private async deliverInGroup(
    client: WSClient,
    groupChatId: string,
    m: OutgoingMessage,
    personId: string,
    media: { type: 'image' | 'file'; id: string } | undefined,
  ): Promise<DeliveredVia> {
    if (!mayFallBackToGroup(m)) {
      const notice = wecomWithheldNotice(this.botName, !!m.consoleLink || m.purpose.startsWith('console-link:'));
      const withheld: OutgoingMessage = {
        to: { kind: 'group' },
        text: notice,
        mentions: [personId],
        purpose: m.purpose,
      };
      for (const body of bodiesOf(withheld, this.o.roster, this.o.mentionStyle))
        await this.send(client, groupChatId, body);
      return 'withheld';
    }
    const inGroup: OutgoingMessage = { ...m, to: { kind: 'group' }, mentions: [personId] };
    for (const body of bodiesOf(inGroup, this.o.roster, this.o.mentionStyle))
      await this.send(client, groupChatId, body);
    if (media) await this.sendMedia(client, groupChatId, media);
    return 'group-fallback';
  }

  private async sendMedia(client: WSClient, chatid: string, media: { type: 'image' | 'file'; id: string }) {
    try {
      await client.sendMediaMessage(chatid, media.type, media.id);
    } catch (err) {
      throw sendErrorOf(err, 'send file');
    }
  }

  private async send(client: WSClient, chatid: string, body: SendMsgBody): Promise<void> {
    try {
      await client.sendMessage(chatid, body);
    } catch (err) {
      throw sendErrorOf(err);
    }
  }

  private rememberCard(card: OutgoingCard): void {
    this.cards.delete(card.key);
    this.cards.set(card.key, card);
    if (this.cards.size > 5_000) {
      const first = this.cards.keys().next();
      if (!first.done) this.cards.delete(first.value);
    }
  }
}

/** Private push conversations in a day past which the log warns (a third-party figure). */
const PUSH_CONVERSATIONS_WARN = 20;

/** How long after a message an answer still goes as a reply on it (choice.replyWindowMs). */
const REPLY_WINDOW_MS = 5 * 60_000;

/** WeCom's "system busy": worth a retry, not a reason to say a private message in the group. */
const TRANSIENT_CODES = new Set([-1]);

/**
 * The SDK's log lines into ours: its chatter (connecting, frames, downloads) at debug/trace, its
 * warnings as warnings. It never logs the secret; frames (with file URLs) only at its debug.
 */
function sdkLogger(log: ChannelDeps['log'], stopping: () => boolean): SdkLogger {
  const l = log.child({ module: 'wecom-sdk' });
  const fmt = (args: unknown[]) =>
    args.length > 0 ? { args: args.map((a) => (a instanceof Error ? a.message : a)) } : {};
  // While we stop, the SDK's disconnect() cuts the socket (close code 1006) and says so as a
  // warning: our own doing, so it is debug then.
  const warn = (msg: string, ...args: unknown[]) => (stopping() ? l.debug(fmt(args), msg) : l.warn(fmt(args), msg));
  return {
    debug: (msg, ...args) => l.trace(fmt(args), msg),
    info: (msg, ...args) => l.debug(fmt(args), msg),
    warn,
    // Errors that matter are logged by the channel itself, with what to do.
    error: warn,
  };
}
