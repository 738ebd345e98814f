/** What the bot says about the chat connection itself (zh-CN). */

/** Texts for the fallback channel (zh-CN); times in the district's words are added by the caller. */
export const FALLBACK_TEXTS = {
  lost: (at: string) =>
    `【督办助手】${at} 与微信工作群的连接已断开，机器人暂时无法收发群消息。待发消息已保存，` +
    `恢复登录后将自动补发。请管理员尽快重新登录。`,
  restored: (at: string, queued: number) =>
    `【督办助手】${at} 已恢复与微信工作群的连接${queued > 0 ? `，断线期间的${queued}条待发消息正在补发` : ''}。`,
};

/** The name people @ in the group when none is configured (config.group.botName). */
export const DEFAULT_BOT_NAME = '督办助手';

/**
 * What the bot's words about answering it depend on (the channel's capabilities, issue 17), and
 * the name people @ it by. Built once in app.ts; `WORDING_READS_ALL` is the Wechaty channel's,
 * whose texts are the ones the bot has always said.
 */
export interface ChannelWording {
  /** Sees every group message (false: only those that @ the bot, and private ones). */
  readsAll: boolean;
  /** Receives files in the group (false: only privately). */
  groupFiles: boolean;
  /** Deliveries carry a 签收 button. */
  cards: boolean;
  bot: string;
}

export const WORDING_READS_ALL: ChannelWording = {
  readsAll: true,
  groupFiles: true,
  cards: false,
  bot: DEFAULT_BOT_NAME,
};

/** The wording of a channel from its capabilities (structurally ChannelCapabilities). */
export function channelWording(
  caps: { readsAllGroupMessages: boolean; groupFiles: boolean; interactiveCards: boolean },
  botName?: string,
): ChannelWording {
  return {
    readsAll: caps.readsAllGroupMessages,
    groupFiles: caps.groupFiles,
    cards: caps.interactiveCards,
    bot: botName?.trim() || DEFAULT_BOT_NAME,
  };
}

/** 请@督办助手 发送日报，或私聊督办助手。 — null where the bot reads every group message. */
export function reportHow(w: ChannelWording): string | null {
  return w.readsAll ? null : `请@${w.bot} 发送日报，或私聊${w.bot}。`;
}

/** （如在群内回复，请@督办助手） — '' where the bot reads every group message. */
export function groupReplyNote(w: ChannelWording): string {
  return w.readsAll ? '' : `（如在群内回复，请@${w.bot}）`;
}

/**
 * How a delivery asks to be signed: `请回复“收到”签收` (reply = “收到”, verb = 签收), with the
 * @-note where the bot reads only @-messages, and the button first where there is one.
 */
export function signHow(w: ChannelWording, reply: string, verb = ''): string {
  if (w.cards) return `点击下方“签收”即可，也可回复${reply}${groupReplyNote(w)}`;
  return `请回复${reply}${verb}${groupReplyNote(w)}`;
}

/** Where a ticket list is sent: 在群内或私信发送 / 私聊督办助手发送. */
export function filesWhere(w: ChannelWording): string {
  return w.groupFiles ? '在群内或私信发送' : `私聊${w.bot}发送`;
}
