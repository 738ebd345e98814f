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
  /** Sees a withdrawn message (撤回); false: a recall changes nothing. */
  recalls: boolean;
  bot: string;
}

export const WORDING_READS_ALL: ChannelWording = {
  readsAll: true,
  groupFiles: true,
  cards: false,
  recalls: true,
  bot: DEFAULT_BOT_NAME,
};

/** The wording of a channel from its capabilities (structurally ChannelCapabilities). */
export function channelWording(
  caps: { readsAllGroupMessages: boolean; groupFiles: boolean; interactiveCards: boolean; recalls: boolean },
  botName?: string,
): ChannelWording {
  return {
    readsAll: caps.readsAllGroupMessages,
    groupFiles: caps.groupFiles,
    cards: caps.interactiveCards,
    recalls: caps.recalls,
    bot: botName?.trim() || DEFAULT_BOT_NAME,
  };
}

/**
 * How to report where the bot reads only @-messages: where it is received, and that the confirmation is
 * the proof (a report in the group without @ is never seen) — null where the bot reads every group message.
 */
export function reportHow(w: ChannelWording): string | null {
  return w.readsAll
    ? null
    : `群内发送日报须@${w.bot}才能收到，也可私聊${w.bot}；报送后会收到确认，未收到确认即未报上。`;
}

/** To a late report's sender where the bot reads only @-messages: an earlier report without @ was not seen. */
export function lateReportNote(w: ChannelWording, deadline: string): string | null {
  return w.readsAll ? null : `如${deadline}前已在群内发送但未@${w.bot}，请联系区督导专班核实。`;
}

/** To the supervision team with the missing units: un-@ group reports are not seen (null where all are). */
export function unseenReportsNote(w: ChannelWording): string | null {
  return w.readsAll
    ? null
    : `群内未@${w.bot}的日报我收不到，如有单位称已在群内报送，请提醒其@${w.bot} 重发或私聊${w.bot}。`;
}

/** To a leader told no dispatch matches or waits: an un-@ dispatch in the group never reached the bot. */
export function unseenDispatchNote(w: ChannelWording): string | null {
  return w.readsAll ? null : `群内未@${w.bot}的交办我收不到，请@${w.bot} 重发，或私聊${w.bot}。`;
}

/** Where recalls are not seen: what to do instead of withdrawing a wrong message. */
export const RECALL_UNSEEN = '撤回消息我看不到，报错请直接发更正。';

/** A group message sent to the bot that mentions a file, where files reach it only privately. */
export function groupFileUnseen(w: ChannelWording): string {
  return `群里发的文件我收不到，请私聊${w.bot}发送工单表。`;
}

/** （如在群内回复，请@督办助手） — '' where the bot reads every group message. */
export function groupReplyNote(w: ChannelWording): string {
  return w.readsAll ? '' : `（如在群内回复，请@${w.bot}）`;
}

/**
 * How a delivery or a reminder asks to be signed: `请回复“收到”签收` (reply = “收到”, verb = 签收) where the
 * bot reads every group message; where it reads only @-messages, the @ is part of the reply (a bare 收到 in the
 * group is never seen), and the card's button comes first where deliveries carry one (a reminder points to it).
 */
export function signHow(w: ChannelWording, reply: string, verb = ''): string {
  return w.cards ? `请点击卡片“签收”，或${replyHow(w, reply)}` : `请${replyHow(w, reply, verb)}`;
}

/** 回复“签收” / @督办助手 回复“签收”（也可私聊）: how a unit answers the bot on this channel. */
export function replyHow(w: ChannelWording, reply: string, verb = ''): string {
  return w.readsAll ? `回复${reply}${verb}` : `@${w.bot} 回复${reply}${verb}（也可私聊）`;
}

/** Where a ticket list is sent: 在群内或私信发送 / 私聊督办助手发送. */
export function filesWhere(w: ChannelWording): string {
  return w.groupFiles ? '在群内或私信发送' : `私聊${w.bot}发送`;
}
