/**
 * WeCom AI-bot callback frames → our inbound types (pure). A message body carries no sender name,
 * no mention list and no file name (design doc §1): names come from the roster, mentions from the
 * `@名字` tokens of the text, the file's name from its download.
 */
import type { IncomingMessage } from '../../domain/messages.js';
import type { Roster } from '../../domain/roster.js';
import type { CardAction } from '../channel.js';
import { withoutNul } from '../files.js';

interface TextPart {
  content?: string;
}
interface MediaPart {
  url?: string;
  aeskey?: string;
}
interface MixedPart {
  msg_item?: Array<{ msgtype?: string; text?: TextPart; image?: MediaPart }>;
}

/** The parts of an `aibot_msg_callback` body we read (loosely typed: the wire decides). */
export interface MessageBody {
  msgid: string;
  chatid?: string;
  chattype?: string;
  from?: { userid?: string };
  create_time?: number;
  msgtype?: string;
  text?: TextPart;
  voice?: TextPart;
  mixed?: MixedPart;
  file?: MediaPart;
  image?: MediaPart;
  quote?: { msgtype?: string; text?: TextPart; voice?: TextPart; mixed?: MixedPart };
}

/** The parts of an `aibot_event_callback` body we read. */
export interface EventBody {
  msgid: string;
  chatid?: string;
  chattype?: string;
  from?: { userid?: string };
  create_time?: number;
  event?: {
    eventtype?: string;
    event_key?: string;
    task_id?: string;
    /** The shape of WeCom's webhook-mode docs (design doc §4.6); read as well as the flat one. */
    template_card_event?: { event_key?: string; task_id?: string; card_type?: string };
  };
}

export interface InboundContext {
  roster: Roster;
  /** The id that stands for the bot in `mentionIds` (the bot id: never a roster person). */
  botId: string;
  /** The bot's display name, as group members type it after @. */
  botName: string;
  /** When the frame was received, on the bot's clock. */
  now: Date;
}

/** A message, and where its file is to be fetched from (the URL lives 5 minutes). */
export interface MappedMessage {
  message: IncomingMessage;
  download?: { url: string; aeskey?: string };
  /** Images in the message: not kept (the bot reads text and spreadsheets only). */
  images: number;
}

/** `create_time` in seconds (or milliseconds, should a frame carry them) → a Date; null if absent. */
export function sentAtOf(createTime: number | undefined): Date | null {
  if (typeof createTime !== 'number' || !Number.isFinite(createTime) || createTime <= 0) return null;
  return new Date(createTime > 1e12 ? createTime : createTime * 1000);
}

/** The text items of a mixed message, joined by new lines. */
function mixedText(m: MixedPart | undefined): string {
  return (m?.msg_item ?? [])
    .filter((i) => i.msgtype === 'text' && typeof i.text?.content === 'string')
    .map((i) => i.text?.content as string)
    .join('\n');
}

/** The name a file gets when its download gives none. */
export function fallbackFileName(msgid: string): string {
  return `文件-${msgid}`;
}

/**
 * The text without `@<bot name>` (the group's way of addressing the bot) where it stands as a mention of its
 * own: leading (`@督办助手 收到`), after another mention (`@王副主任 @督办助手 收到`) or at the end (`…恢复照明
 * @督办助手`), so that what is relayed to a leader never carries it. Glued to a word (`@督办助手收到`) it stays.
 */
export function withoutBotMention(text: string, botName: string): string {
  const at = `@${botName}`;
  if (!text.includes(at)) return text;
  let out = '';
  let i = 0;
  for (let k = text.indexOf(at); k >= 0; k = text.indexOf(at, k + at.length)) {
    const before = text[k - 1];
    const after = text[k + at.length];
    if ((before !== undefined && !/[\s\u2005]/.test(before)) || (after !== undefined && !/[\s\u2005]/.test(after)))
      continue;
    out += text.slice(i, k);
    i = k + at.length;
    // The blanks after the mention go with it (one stays between the words either side).
    while (i < text.length && /[\s\u2005]/.test(text[i] as string)) i++;
    if (i === text.length) out = out.replace(/[\s\u2005]+$/, '');
  }
  out += text.slice(i);
  return i === 0 ? text : out.replace(/^[\s\u2005]+/, '');
}

/**
 * The roster people a text @-mentions by name (`@李主任`), in order, without repeats. A name two
 * people share mentions nobody (it cannot be told apart); the longest name wins (`@王副主任`
 * before a `王副` that is also someone's name).
 */
export function mentionIdsOf(text: string, roster: Roster): string[] {
  const byName = new Map<string, string | null>();
  for (const p of roster.people) byName.set(p.name, byName.has(p.name) ? null : p.id);
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const ids: string[] = [];
  for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
    const after = text.slice(i + 1);
    const name = names.find((n) => after.startsWith(n));
    const id = name === undefined ? undefined : byName.get(name);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** WeCom's quote carries no sender name: the quoted part is named by this placeholder. */
const QUOTED_NAME = '引用';
const QUOTE_LINE = '- - - - - - - - - - - - - - -';

function quoteOf(q: MessageBody['quote']): string | undefined {
  if (!q) return undefined;
  const t = q.text?.content ?? q.voice?.content ?? (q.mixed ? mixedText(q.mixed) : undefined);
  return t ? withoutNul(t) : undefined;
}

/** The message a callback body stands for (its file still to be fetched), or null if it is none. */
export function messageOf(body: MessageBody, ctx: InboundContext): MappedMessage | null {
  const senderId = body.from?.userid;
  if (!body.msgid || !senderId) return null;
  const group = body.chattype === 'group';
  let text = '';
  let images = 0;
  let download: MappedMessage['download'];
  switch (body.msgtype) {
    case 'text':
      text = body.text?.content ?? '';
      break;
    case 'mixed':
      text = mixedText(body.mixed);
      images = (body.mixed?.msg_item ?? []).filter((i) => i.msgtype === 'image').length;
      break;
    case 'voice':
      // Already transcribed by WeCom.
      text = body.voice?.content ?? '';
      break;
    case 'file':
      if (body.file?.url) download = { url: body.file.url, ...(body.file.aeskey ? { aeskey: body.file.aeskey } : {}) };
      break;
    case 'image':
      images = 1;
      break;
    default:
      break;
  }
  text = withoutNul(text);
  const others = mentionIdsOf(text, ctx.roster).filter((id) => id !== ctx.botId);
  if (group) text = withoutBotMention(text, ctx.botName);
  const sentAt = sentAtOf(body.create_time) ?? ctx.now;
  const quote = quoteOf(body.quote);
  // The quote goes into the text as WeChat's clients write a quote reply (language/quote.ts), so
  // that what reads a quote (a unit's answer quoting its dispatch) reads it on both channels.
  if (quote !== undefined)
    text = `「${QUOTED_NAME}：${quote.replace(/[」\n]+/g, ' ').trim()}」\n${QUOTE_LINE}\n${text}`;
  const message: IncomingMessage = {
    id: body.msgid,
    chat: group ? 'group' : 'private',
    roomId: group ? (body.chatid ?? null) : null,
    senderId,
    senderName: ctx.roster.person(senderId)?.name ?? senderId,
    text,
    // A group message reaches the bot only when it @-mentions the bot.
    mentionIds: group ? [ctx.botId, ...others] : [],
    sentAt: sentAt.toISOString(),
    receivedAt: ctx.now.toISOString(),
    file: null,
    ...(quote !== undefined ? { quote } : {}),
  };
  return { message, ...(download ? { download } : {}), images };
}

/** The button press an event body stands for, or null if it is not a template-card event. */
export function cardActionOf(body: EventBody, ctx: InboundContext): CardAction | null {
  const ev = body.event;
  const senderId = body.from?.userid;
  if (ev?.eventtype !== 'template_card_event' || !body.msgid || !senderId) return null;
  const cardKey = ev.task_id ?? ev.template_card_event?.task_id;
  const actionKey = ev.event_key ?? ev.template_card_event?.event_key;
  if (!cardKey || actionKey === undefined) return null;
  const group = body.chattype === 'group' || (body.chattype === undefined && body.chatid !== undefined);
  return {
    id: body.msgid,
    cardKey,
    actionKey,
    chat: group ? 'group' : 'private',
    roomId: group ? (body.chatid ?? null) : null,
    senderId,
    senderName: ctx.roster.person(senderId)?.name ?? senderId,
    receivedAt: ctx.now.toISOString(),
  };
}
