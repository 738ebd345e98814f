/**
 * A fake WeCom AI-bot long-connection server (design doc §2) for the tests and the simulator: a
 * real `ws` server on 127.0.0.1 speaking the SDK's frames (subscribe/auth, ping, proactive sends,
 * media upload, card updates; message and event pushes), and a `node:http` file server on the
 * same port serving files encrypted exactly as the SDK decrypts them. Everything the bot sent is
 * recorded. Like the platform, it pushes a group message only when it @-mentions the bot and a
 * file only in a private chat; it keeps one connection per bot id (a second one kicks the first).
 * Pushes while no connection is authenticated wait and go out after the next auth.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** How the fake answers the next proactive sends. */
export type SendAnswer = 'ok' | 'silent' | { errcode: number; errmsg?: string };

export interface FakeSent {
  /** The frame's req_id. */
  reqId: string;
  chatid: string;
  /** 'group' (the group chat id) or the userid it went to privately. */
  to: string;
  msgtype: string;
  /** The markdown content ('' for cards and files). */
  text: string;
  /** Userids @-mentioned with `<@userid>`. */
  mentions: string[];
  card?: Record<string, unknown>;
  file?: { name: string; type: string; bytes: Buffer; mediaId: string };
  /** What the fake answered. */
  answer: SendAnswer;
  /** A reply on a received message (`aibot_respond_msg`, a finished stream), not a push. */
  reply?: true;
}

export interface FakeCardUpdate {
  /** The event's req_id the update answered. */
  reqId: string;
  taskId: string;
  card: Record<string, unknown>;
  userids?: string[];
}

export interface FakeServerOptions {
  botId?: string;
  secret?: string;
  /** The bot's display name as typed after @ (default 督办助手). */
  botName?: string;
  /** The group's chat id (default wrFAKEGROUP). */
  groupChatId?: string;
}

interface Upload {
  type: string;
  filename: string;
  totalChunks: number;
  md5: string;
  chunks: Map<number, Buffer>;
}

type Frame = { cmd?: string; headers?: { req_id?: string }; body?: Record<string, unknown> };

const DEFAULT_BOT_NAME = '督办助手';

/** Encrypts as WeCom does for the AI bot's files: AES-256-CBC, IV = key[0..16], PKCS#7 to 32 bytes. */
export function encryptForDownload(plain: Buffer, key: Buffer): Buffer {
  const pad = 32 - (plain.length % 32);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(padded), c.final()]);
}

export class FakeWecomServer {
  readonly botId: string;
  readonly secret: string;
  readonly botName: string;
  readonly groupChatId: string;
  private http: Server | undefined;
  private wss: WebSocketServer | undefined;
  private port = 0;
  /** The authenticated connection (one per bot id). */
  private live: WebSocket | undefined;
  private readonly sockets = new Set<WebSocket>();
  private readonly queued: Frame[] = [];
  private readonly pushed = new Map<string, Frame>();
  /** Message callbacks by their req_id: a reply names the message it answers by it. */
  private readonly callbacks = new Map<string, Record<string, unknown>>();
  private readonly files = new Map<string, { name: string; data: Buffer }>();
  private readonly uploads = new Map<string, Upload>();
  private readonly media = new Map<string, { name: string; type: string; bytes: Buffer }>();
  private readonly sentLog: FakeSent[] = [];
  private readonly updates: FakeCardUpdate[] = [];
  private readonly sentListeners = new Set<(s: FakeSent) => void>();
  private readonly updateListeners = new Set<(u: FakeCardUpdate) => void>();
  private readonly authWaiters: Array<() => void> = [];
  private answers: SendAnswer[] = [];
  private authFailuresLeft = 0;
  private offline = false;
  private seq = 0;
  /** Successful auths so far. */
  auths = 0;
  /** Auth frames refused so far. */
  authRefusals = 0;
  /** Connections opened so far. */
  connections = 0;
  /** Heartbeats answered. */
  pings = 0;

  constructor(o: FakeServerOptions = {}) {
    this.botId = o.botId ?? 'aibFAKEBOT';
    this.secret = o.secret ?? 'fake-secret';
    this.botName = o.botName ?? DEFAULT_BOT_NAME;
    this.groupChatId = o.groupChatId ?? 'wrFAKEGROUP';
  }

  /** Listens on 127.0.0.1, a free port. */
  async start(): Promise<void> {
    const http = createServer((req, res) => this.serveFile(req, res));
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (ws) => this.onConnection(ws));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    this.http = http;
    this.wss = wss;
    this.port = (http.address() as AddressInfo).port;
  }

  /** The long-connection URL to give the SDK (`wsUrl`). */
  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.live = undefined;
    await new Promise<void>((r) => (this.wss ? this.wss.close(() => r()) : r()));
    await new Promise<void>((r) => (this.http ? this.http.close(() => r()) : r()));
    this.http?.closeAllConnections();
  }

  /** Whether a connection is authenticated now. */
  get connected(): boolean {
    return this.live !== undefined;
  }

  // ---- what people do ----------------------------------------------------------------------

  /**
   * Someone says something in the group. Pushed only when the text @-mentions the bot (the
   * platform shows the bot nothing else); returns the message id either way.
   */
  sayInGroup(userid: string, text: string, o: { id?: string; sentAt?: Date; quote?: string } = {}): string {
    const id = o.id ?? this.nextId('msg');
    if (!text.includes(`@${this.botName}`)) return id;
    this.pushMessage(id, userid, 'group', o.sentAt, {
      msgtype: 'text',
      text: { content: text },
      ...(o.quote !== undefined ? { quote: { msgtype: 'text', text: { content: o.quote } } } : {}),
    });
    return id;
  }

  /** Someone writes to the bot privately. */
  sayPrivately(userid: string, text: string, o: { id?: string; sentAt?: Date; quote?: string } = {}): string {
    const id = o.id ?? this.nextId('msg');
    this.pushMessage(id, userid, 'single', o.sentAt, {
      msgtype: 'text',
      text: { content: text },
      ...(o.quote !== undefined ? { quote: { msgtype: 'text', text: { content: o.quote } } } : {}),
    });
    return id;
  }

  /** A mixed (图文混排) message: text items and images. */
  sayMixed(
    userid: string,
    items: Array<{ text: string } | { image: true }>,
    o: { id?: string; chat?: 'group' | 'private' } = {},
  ): string {
    const id = o.id ?? this.nextId('msg');
    const msg_item = items.map((i) =>
      'text' in i
        ? { msgtype: 'text', text: { content: i.text } }
        : { msgtype: 'image', image: { url: `${this.httpBase}/img/none`, aeskey: randomBytes(32).toString('base64') } },
    );
    this.pushMessage(id, userid, o.chat === 'group' ? 'group' : 'single', undefined, {
      msgtype: 'mixed',
      mixed: { msg_item },
    });
    return id;
  }

  /** A voice message (WeCom transcribes it). */
  sayByVoice(userid: string, transcript: string, o: { id?: string; chat?: 'group' | 'private' } = {}): string {
    const id = o.id ?? this.nextId('msg');
    this.pushMessage(id, userid, o.chat === 'group' ? 'group' : 'single', undefined, {
      msgtype: 'voice',
      voice: { content: transcript },
    });
    return id;
  }

  /** Someone sends the bot a file privately: served encrypted from this server's own URL. */
  sendFilePrivately(userid: string, name: string, bytes: Buffer, o: { id?: string; sentAt?: Date } = {}): string {
    const id = o.id ?? this.nextId('msg');
    const key = randomBytes(32);
    const path = `/f/${this.nextId('file')}`;
    this.files.set(path, { name, data: encryptForDownload(bytes, key) });
    this.pushMessage(id, userid, 'single', o.sentAt, {
      msgtype: 'file',
      file: { url: `${this.httpBase}${path}`, aeskey: key.toString('base64') },
    });
    return id;
  }

  /** A file in the group: the platform does not show it to the bot (nothing is pushed). */
  sendFileInGroup(_userid: string, _name: string, _bytes: Buffer, o: { id?: string } = {}): string {
    return o.id ?? this.nextId('msg');
  }

  /**
   * Someone presses a card button. `nested` sends the webhook-docs shape
   * (`event.template_card_event.{event_key,task_id}`) instead of the SDK's flat one.
   */
  pressCard(
    userid: string,
    taskId: string,
    eventKey: string,
    o: { chat?: 'group' | 'private'; id?: string; nested?: boolean; sentAt?: Date } = {},
  ): string {
    const id = o.id ?? this.nextId('ev');
    const group = (o.chat ?? 'group') === 'group';
    const event = o.nested
      ? {
          eventtype: 'template_card_event',
          template_card_event: { card_type: 'button_interaction', event_key: eventKey, task_id: taskId },
        }
      : { eventtype: 'template_card_event', event_key: eventKey, task_id: taskId };
    this.push(
      {
        cmd: 'aibot_event_callback',
        headers: { req_id: this.nextId('ev-req') },
        body: {
          msgid: id,
          create_time: Math.floor((o.sentAt ?? new Date()).getTime() / 1000),
          aibotid: this.botId,
          ...(group ? { chatid: this.groupChatId, chattype: 'group' } : { chattype: 'single' }),
          from: { userid },
          msgtype: 'event',
          event,
        },
      },
      id,
    );
    return id;
  }

  /**
   * Resolves once the bot's client has read every frame pushed so far: a WebSocket ping after
   * them comes back as a pong only after the client handled what came before (frames are read in
   * order). Resolves at once when no connection is live (pushes then wait for the next auth).
   */
  roundTrip(timeoutMs = 5_000): Promise<void> {
    const ws = this.live;
    if (!ws) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        ws.off('pong', done);
        ws.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      ws.on('pong', done);
      ws.on('close', done);
      ws.ping();
    });
  }

  /** Pushes a frame again exactly as it was (same msgid, same req_id). */
  redeliver(id: string): void {
    const f = this.pushed.get(id);
    if (!f) throw new Error(`nothing pushed with id ${id}`);
    this.push(f);
  }

  /** Pushes any frame (for shapes the helpers above do not make). */
  pushRaw(frame: Frame): void {
    this.push(frame);
  }

  // ---- what the platform does --------------------------------------------------------------

  /** Closes the live connection as a network drop would (the SDK reconnects). */
  dropConnection(): void {
    this.live?.terminate();
    this.live = undefined;
  }

  /** While offline, every new connection is closed at once (and the live one dropped). */
  setOffline(offline: boolean): void {
    this.offline = offline;
    if (offline) {
      for (const ws of this.sockets) ws.terminate();
      this.live = undefined;
    }
  }

  /** Tells the live connection another one took over (`disconnected_event`), then closes it. */
  kick(): void {
    const ws = this.live;
    if (!ws) return;
    this.live = undefined;
    this.tellKicked(ws);
  }

  /** The platform's word to a connection another one replaced, then it closes that connection. */
  private tellKicked(ws: WebSocket): void {
    this.sendFrame(ws, {
      cmd: 'aibot_event_callback',
      headers: { req_id: this.nextId('ev-req') },
      body: {
        msgid: this.nextId('ev'),
        aibotid: this.botId,
        from: { userid: '' },
        msgtype: 'event',
        event: { eventtype: 'disconnected_event' },
      },
    });
    setTimeout(() => ws.close(), 20);
  }

  /** The next `n` auth attempts are refused (Infinity: until `failAuth(0)`). */
  failAuth(n: number): void {
    this.authFailuresLeft = n;
  }

  /** How the next proactive sends are answered, in order; then 'ok'. */
  scriptSendAnswers(answers: SendAnswer[]): void {
    this.answers = [...answers];
  }

  /** Resolves at the next successful auth (at once if one is live and `now` is set). */
  waitForAuth(o: { now?: boolean } = {}): Promise<void> {
    if (o.now && this.live) return Promise.resolve();
    return new Promise((resolve) => this.authWaiters.push(resolve));
  }

  // ---- what the bot did --------------------------------------------------------------------

  /** What reached the chat (answered ok), in order. */
  sent(): FakeSent[] {
    return this.sentLog.filter((s) => s.answer === 'ok');
  }

  /** Every proactive send the bot attempted, with the fake's answer. */
  attempts(): FakeSent[] {
    return [...this.sentLog];
  }

  cardUpdates(): FakeCardUpdate[] {
    return [...this.updates];
  }

  /** Listens to each send that reached the chat; returns a function that stops listening. */
  onSent(listener: (s: FakeSent) => void): () => void {
    this.sentListeners.add(listener);
    return () => this.sentListeners.delete(listener);
  }

  /** Listens to each card update the bot made; returns a function that stops listening. */
  onCardUpdate(listener: (u: FakeCardUpdate) => void): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  // ---- internals ---------------------------------------------------------------------------

  private get httpBase(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private nextId(prefix: string): string {
    this.seq++;
    return `${prefix}-${this.seq}-${randomBytes(3).toString('hex')}`;
  }

  private pushMessage(
    id: string,
    userid: string,
    chattype: 'group' | 'single',
    sentAt: Date | undefined,
    content: Record<string, unknown>,
  ): void {
    this.push(
      {
        cmd: 'aibot_msg_callback',
        headers: { req_id: this.nextId('cb') },
        body: {
          msgid: id,
          aibotid: this.botId,
          ...(chattype === 'group' ? { chatid: this.groupChatId } : {}),
          chattype,
          from: { userid },
          create_time: Math.floor((sentAt ?? new Date()).getTime() / 1000),
          ...content,
        },
      },
      id,
    );
  }

  private push(frame: Frame, id?: string): void {
    if (id) this.pushed.set(id, frame);
    if (frame.cmd === 'aibot_msg_callback' && frame.headers?.req_id && frame.body)
      this.callbacks.set(frame.headers.req_id, frame.body);
    if (this.live) this.sendFrame(this.live, frame);
    else this.queued.push(frame);
  }

  private sendFrame(ws: WebSocket, frame: unknown): void {
    ws.send(JSON.stringify(frame));
  }

  private answer(ws: WebSocket, reqId: string, errcode = 0, errmsg = 'ok', body?: unknown): void {
    this.sendFrame(ws, { headers: { req_id: reqId }, errcode, errmsg, ...(body !== undefined ? { body } : {}) });
  }

  private onConnection(ws: WebSocket): void {
    this.connections++;
    if (this.offline) {
      ws.terminate();
      return;
    }
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      if (this.live === ws) this.live = undefined;
    });
    ws.on('error', () => {});
    ws.on('message', (data) => {
      let f: Frame;
      try {
        f = JSON.parse(String(data)) as Frame;
      } catch {
        return;
      }
      this.onFrame(ws, f);
    });
  }

  private onFrame(ws: WebSocket, f: Frame): void {
    const reqId = f.headers?.req_id ?? '';
    const body = f.body ?? {};
    switch (f.cmd) {
      case 'aibot_subscribe': {
        const ok = body.bot_id === this.botId && body.secret === this.secret;
        if (!ok || this.authFailuresLeft > 0) {
          if (this.authFailuresLeft > 0) this.authFailuresLeft--;
          this.authRefusals++;
          this.answer(ws, reqId, 40001, 'invalid credential (fake)');
          return;
        }
        // One connection per bot id: the newer one wins, the older is told and closed.
        if (this.live && this.live !== ws) {
          const old = this.live;
          this.live = ws;
          this.tellKicked(old);
        }
        this.live = ws;
        this.auths++;
        this.answer(ws, reqId);
        for (const q of this.queued.splice(0)) this.sendFrame(ws, q);
        for (const w of this.authWaiters.splice(0)) w();
        return;
      }
      case 'ping':
        this.pings++;
        this.answer(ws, reqId);
        return;
      case 'aibot_send_msg':
        this.onSend(ws, reqId, body);
        return;
      case 'aibot_upload_media_init': {
        const uploadId = this.nextId('upload');
        this.uploads.set(uploadId, {
          type: String(body.type),
          filename: String(body.filename),
          totalChunks: Number(body.total_chunks),
          md5: String(body.md5),
          chunks: new Map(),
        });
        this.answer(ws, reqId, 0, 'ok', { upload_id: uploadId });
        return;
      }
      case 'aibot_upload_media_chunk': {
        const u = this.uploads.get(String(body.upload_id));
        if (!u) {
          this.answer(ws, reqId, 40004, 'unknown upload_id');
          return;
        }
        u.chunks.set(Number(body.chunk_index), Buffer.from(String(body.base64_data), 'base64'));
        this.answer(ws, reqId);
        return;
      }
      case 'aibot_upload_media_finish': {
        const u = this.uploads.get(String(body.upload_id));
        if (!u) {
          this.answer(ws, reqId, 40004, 'unknown upload_id');
          return;
        }
        const parts: Buffer[] = [];
        for (let i = 0; i < u.totalChunks; i++) {
          const c = u.chunks.get(i);
          if (!c) {
            this.answer(ws, reqId, 40005, `chunk ${i} missing`);
            return;
          }
          parts.push(c);
        }
        const bytes = Buffer.concat(parts);
        if (createHash('md5').update(bytes).digest('hex') !== u.md5) {
          this.answer(ws, reqId, 40006, 'md5 mismatch');
          return;
        }
        const mediaId = this.nextId('media');
        this.media.set(mediaId, { name: u.filename, type: u.type, bytes });
        this.uploads.delete(String(body.upload_id));
        this.answer(ws, reqId, 0, 'ok', {
          type: u.type,
          media_id: mediaId,
          created_at: String(Math.floor(Date.now() / 1000)),
        });
        return;
      }
      case 'aibot_respond_update_msg': {
        const card = (body.template_card ?? {}) as Record<string, unknown>;
        const u: FakeCardUpdate = {
          reqId,
          taskId: String(card.task_id ?? ''),
          card,
          ...(Array.isArray(body.userids) ? { userids: body.userids as string[] } : {}),
        };
        this.updates.push(u);
        this.answer(ws, reqId);
        for (const l of this.updateListeners) l(u);
        return;
      }
      case 'aibot_respond_msg':
        this.onReply(ws, reqId, body);
        return;
      case 'aibot_respond_welcome_msg':
        this.answer(ws, reqId);
        return;
      default:
        this.answer(ws, reqId, 40008, `unknown cmd ${String(f.cmd)}`);
    }
  }

  private onSend(ws: WebSocket, reqId: string, body: Record<string, unknown>): void {
    const answer = this.answers.shift() ?? 'ok';
    const chatid = String(body.chatid ?? '');
    const msgtype = String(body.msgtype ?? '');
    const text = msgtype === 'markdown' ? String((body.markdown as { content?: unknown })?.content ?? '') : '';
    const mentions = [...text.matchAll(/<@([^>\s]+)>/g)].map((m) => m[1] as string);
    const mediaRef = (body[msgtype] as { media_id?: string } | undefined)?.media_id;
    const media = mediaRef ? this.media.get(mediaRef) : undefined;
    const s: FakeSent = {
      reqId,
      chatid,
      to: chatid === this.groupChatId ? 'group' : chatid,
      msgtype,
      text,
      mentions,
      ...(msgtype === 'template_card' ? { card: body.template_card as Record<string, unknown> } : {}),
      ...(media && mediaRef ? { file: { ...media, mediaId: mediaRef } } : {}),
      answer,
    };
    this.record(ws, s);
  }

  /** Keeps what the bot sent and answers it as scripted (ok: it reached the chat). */
  private record(ws: WebSocket, s: FakeSent): void {
    this.sentLog.push(s);
    if (s.answer === 'silent') return;
    if (s.answer === 'ok') {
      this.answer(ws, s.reqId);
      for (const l of this.sentListeners) l(s);
      return;
    }
    this.answer(ws, s.reqId, s.answer.errcode, s.answer.errmsg ?? 'error (fake)');
  }

  /** A reply on a received message: it goes where that message came from (the group, or the sender). */
  private onReply(ws: WebSocket, reqId: string, body: Record<string, unknown>): void {
    const answered = this.callbacks.get(reqId);
    if (!answered) {
      this.answer(ws, reqId, 40008, 'reply to an unknown message (fake)');
      return;
    }
    const stream = (body.stream ?? {}) as { content?: unknown; finish?: unknown };
    // Only a finished stream shows as a message (the bot sends its reply whole).
    if (body.msgtype === 'stream' && stream.finish !== true) {
      this.answer(ws, reqId);
      return;
    }
    const group = answered.chattype === 'group';
    const userid = String((answered.from as { userid?: unknown } | undefined)?.userid ?? '');
    const text = body.msgtype === 'stream' ? String(stream.content ?? '') : '';
    const answer = this.answers.shift() ?? 'ok';
    const s: FakeSent = {
      reqId,
      chatid: group ? String(answered.chatid ?? this.groupChatId) : userid,
      to: group ? 'group' : userid,
      msgtype: String(body.msgtype ?? ''),
      text,
      mentions: [...text.matchAll(/<@([^>\s]+)>/g)].map((m) => m[1] as string),
      answer,
      reply: true,
    };
    this.record(ws, s);
  }

  private serveFile(req: IncomingMessage, res: ServerResponse): void {
    const f = this.files.get(req.url ?? '');
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(f.data.length),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`,
    });
    res.end(f.data);
  }
}
