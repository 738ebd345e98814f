/** What the bot says about the chat connection itself (zh-CN). */

/** Texts for the fallback channel (zh-CN); times in the district's words are added by the caller. */
export const FALLBACK_TEXTS = {
  lost: (at: string) =>
    `【督办助手】${at} 与微信工作群的连接已断开，机器人暂时无法收发群消息。待发消息已保存，` +
    `恢复登录后将自动补发。请管理员尽快重新登录。`,
  restored: (at: string, queued: number) =>
    `【督办助手】${at} 已恢复与微信工作群的连接${queued > 0 ? `，断线期间的${queued}条待发消息正在补发` : ''}。`,
};
