/** What the WeCom AI-bot channel says at start-up (zh-CN, with the English line for the log). */

export const WECOM_MISSING_CREDENTIALS = [
  '已选择企业微信智能机器人（CHAT_CHANNEL=wecom），但未配置 WECOM_BOT_ID 或 WECOM_BOT_SECRET，督办助手不启动。',
  '请在企业微信管理后台的智能机器人页面（API 模式、长连接）查看 Bot ID 和 Secret，填入 .env 后重启。',
  'CHAT_CHANNEL=wecom needs WECOM_BOT_ID and WECOM_BOT_SECRET (from the admin console, API mode, long connection).',
].join('\n');
