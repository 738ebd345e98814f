/** What the WeCom AI-bot channel says at start-up (zh-CN, with the English line for the log). */

export const WECOM_MISSING_CREDENTIALS = [
  '已选择企业微信智能机器人（CHAT_CHANNEL=wecom），但未配置 WECOM_BOT_ID 或 WECOM_BOT_SECRET，督办助手不启动。',
  '请在企业微信管理后台的智能机器人页面（API 模式、长连接）查看 Bot ID 和 Secret，填入 .env 后重启。',
  'CHAT_CHANNEL=wecom needs WECOM_BOT_ID and WECOM_BOT_SECRET (from the admin console, API mode, long connection).',
].join('\n');

/**
 * Said in the group, @-mentioning the person, when WeCom refused a private message that must
 * not go to the group (a login link, or a message marked private): WeCom lets the bot push to a
 * person privately only after that person has talked to it.
 */
export const wecomWithheldNotice = (bot: string, consoleLink: boolean): string =>
  consoleLink
    ? `登录链接只能私聊发送，但暂时无法私聊您。请先私聊${bot}发一句话（如“帮助”），再发送“控制台”获取。`
    : `有一条消息只能私聊发送，但暂时无法私聊您。请私聊${bot}发一句话（如“帮助”），以便接收私聊消息。`;
