/**
 * Our outgoing messages → the AI bot's send bodies (pure). Text goes as markdown, @-mentions as
 * `<@userid>`; buttons as a `button_interaction` template card whose `task_id` is the card's key.
 *
 * Text and card: a short text without mentions (at most CARD_TEXT_MAX characters) goes inside
 * the card, under its title (`sub_title_text`): one message. A longer text, or one that
 * @-mentions people (a card cannot @ anyone), goes first as markdown, then the card with its
 * title only.
 */
import type { SendMsgBody, TemplateCard } from '@wecom/aibot-node-sdk';
import type { OutgoingCard, OutgoingMessage } from '../../domain/messages.js';
import type { Roster } from '../../domain/roster.js';
import type { CardVerdict } from '../channel.js';
import type { MentionStyle } from './choice.js';

/** The longest text a card carries under its title (WeCom: "建议不超过 112 个字"). */
export const CARD_TEXT_MAX = 112;

/**
 * The longest markdown content sent in one message (UTF-8 bytes): the group robot's documented
 * limit; the AI bot's own is not documented. A longer text goes as several messages, split
 * between lines.
 */
export const MARKDOWN_MAX_BYTES = 4096;

const utf8 = new TextEncoder();
const bytesOf = (s: string) => utf8.encode(s).length;

/** The text in pieces of at most `maxBytes`, cut between lines (inside a line only when it alone is longer). */
export function splitMarkdown(text: string, maxBytes = MARKDOWN_MAX_BYTES): string[] {
  if (bytesOf(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur !== '') pieces.push(cur);
    cur = '';
  };
  for (const line of text.split('\n')) {
    const next = cur === '' ? line : `${cur}\n${line}`;
    if (bytesOf(next) <= maxBytes) {
      cur = next;
      continue;
    }
    flush();
    if (bytesOf(line) <= maxBytes) {
      cur = line;
      continue;
    }
    for (const ch of line) {
      if (bytesOf(cur + ch) > maxBytes) flush();
      cur += ch;
    }
  }
  flush();
  return pieces;
}

/**
 * Our texts are plain, and they quote what people typed (a unit's answer relayed to a leader):
 * markdown's marks in them would turn into headings, quotes, bold or links on WeCom. Each is
 * replaced by its full-width twin, which reads the same. Run before the `<@userid>` tags go in.
 */
export function plainForMarkdown(text: string): string {
  // Links stay as they are (a login link's token has _ and -): only the words between them change.
  return text
    .split(URL)
    .map((part, i) => (i % 2 === 1 ? part : plainPart(part)))
    .join('');
}

const URL = /(https?:\/\/[^\s，。；、）)」"”]+)/;

function plainPart(text: string): string {
  return text
    .replace(/[*_`~[\]]/g, (c) => FULL_WIDTH[c] ?? c)
    .replace(/^([ \t]*)([#>])/gm, (_, blank: string, c: string) => `${blank}${FULL_WIDTH[c] ?? c}`)
    .replace(/^([ \t]*)([-+]) /gm, (_, blank: string, c: string) => `${blank}${FULL_WIDTH[c] ?? c} `)
    .replace(/^([ \t]*\d+)\. /gm, '$1．')
    .replace(/<(?!@)/g, '＜');
}

const FULL_WIDTH: Record<string, string> = {
  '*': '＊',
  _: '＿',
  '`': '｀',
  '~': '～',
  '[': '［',
  ']': '］',
  '#': '＃',
  '>': '＞',
  '-': '－',
  '+': '＋',
};

/**
 * The text with each mentioned person as `<@userid>`: in place of `@名字` where written, else in front.
 * With the `name` style, as plain `@名字` (the userid where the roster has no name): what is written stays.
 */
export function withMentions(
  text: string,
  mentions: readonly string[],
  roster: Roster,
  style: MentionStyle = 'userid',
): string {
  let out = text;
  const front: string[] = [];
  for (const id of new Set(mentions)) {
    const name = roster.person(id)?.name;
    const tag = style === 'name' ? `@${name ?? id}` : `<@${id}>`;
    if (name && out.includes(`@${name}`)) out = out.split(`@${name}`).join(tag);
    else if (!out.includes(tag)) front.push(tag);
  }
  return front.length > 0 ? `${front.join(' ')} ${out}` : out;
}

/**
 * The text under a card's title: without a leading 【…】 mark the title opens with too (a reminder's 三色督办
 * mark, 【黄色预警】, is said once, in the title), also where the text's heading adds the code the title names
 * (【黄色预警 D1】 under 【黄色预警】点对点调度 D1).
 */
export function underTitle(title: string, text: string): string {
  const lead = /^【([^】]{1,8})】/.exec(title);
  if (!lead) return text;
  if (text.startsWith(lead[0])) return text.slice(lead[0].length);
  const coded = /^【([^】\s]{1,8}) ([A-Z]{1,2}\d{1,8})】/.exec(text);
  const named = coded !== null && new RegExp(`${coded[2]}(?!\\d)`).test(title);
  return coded && named && coded[1] === lead[1] ? text.slice(coded[0].length) : text;
}

/** The template card for `card`, with `text` under its title when given. */
export function cardOf(card: OutgoingCard, text?: string): TemplateCard {
  return {
    card_type: 'button_interaction',
    main_title: { title: card.title },
    ...(text ? { sub_title_text: underTitle(card.title, text) } : {}),
    task_id: card.key,
    button_list: card.buttons.map((b) => ({ text: b.text, key: b.key })),
  };
}

/** Whether the text goes inside the card (see the file's comment). */
export function textFitsCard(m: OutgoingMessage): boolean {
  return m.mentions.length === 0 && Array.from(m.text).length <= CARD_TEXT_MAX;
}

/** The bodies to send for the message, in order (its file is sent after them, separately). */
export function bodiesOf(m: OutgoingMessage, roster: Roster, style: MentionStyle = 'userid'): SendMsgBody[] {
  const markdown = (): SendMsgBody[] =>
    splitMarkdown(withMentions(plainForMarkdown(m.text), m.mentions, roster, style)).map((content) => ({
      msgtype: 'markdown',
      markdown: { content },
    }));
  if (!m.card) return m.text.trim() === '' ? [] : markdown();
  if (textFitsCard(m)) return [{ msgtype: 'template_card', template_card: cardOf(m.card, m.text || undefined) }];
  return [...markdown(), { msgtype: 'template_card', template_card: cardOf(m.card) }];
}

/**
 * The card that replaces a pressed one: it keeps what it was (its title: 点对点调度 D1), says the
 * verdict under it (已签收（张局长 11月30日09:12）), and its buttons are greyed out with the
 * verdict's title as their text (`replace_text`, as WeCom's card updates take it). `card` is the
 * card as sent, when the channel still knows it (not after a restart: then the verdict's title).
 */
export function updatedCard(
  taskId: string,
  verdict: CardVerdict,
  card: Pick<OutgoingCard, 'title' | 'buttons'> | undefined,
  pressed: { key: string },
): TemplateCard {
  const buttons = card?.buttons ?? [{ key: pressed.key, text: verdict.title }];
  return {
    card_type: 'button_interaction',
    main_title: { title: card?.title ?? verdict.title },
    sub_title_text: verdict.text ?? verdict.title,
    task_id: taskId,
    button_list: buttons.map((b) => ({ text: b.text, key: b.key })),
    replace_text: verdict.title,
  } as TemplateCard;
}

/** How a file is sent: a picture as an image (the day card), anything else as a file. */
export function mediaTypeOf(name: string): 'image' | 'file' {
  return /\.(png|jpe?g|gif)$/i.test(name) ? 'image' : 'file';
}
