export type MentionStyle = 'userid' | 'name';

/** The WeCom AI-bot channel's choice (src/bot/factory.ts): its settings from the environment. */
export interface WecomChoice {
  kind: 'wecom';
  /** The bot id and secret from the admin console (the secret is never logged). */
  botId: string;
  secret: string;
  /** The long-connection URL (default WeCom's; a 政务微信 / private deployment shows its own). */
  wsUrl?: string;
  /** The group's chat id; else the district file's `group.id`; else learned from the first @-message. */
  groupChatId?: string;
  /** The bot's display name in the group, as members type it after @ (default 督办助手). */
  botName?: string;
  /**
   * How long after a message the bot still answers it as a reply on that message (default 5
   * minutes; WeCom does not document the window): later, or when a reply is refused, the answer is
   * pushed like any other message.
   */
  replyWindowMs?: number;
  /**
   * How people are @-mentioned: `<@userid>` in the markdown (default), or plain `@名字` where the
   * tenant shows `<@userid>` as text (third-party reports: design doc §4.7).
   */
  mentionStyle?: MentionStyle;
  /** Sending limits (defaults 20 and 20 a minute: only third-party figures exist; 0: none, the simulator's). */
  perMinute?: number;
  perConversationPerMinute?: number;
  /** Where a learned group chat id is kept (default: `wecom-channel.json` beside the files folder). */
  stateFile?: string;
  /** Base of the reconnect back-off (ms, default 1000). */
  reconnectIntervalMs?: number;
  /** Heartbeat interval (ms, default 30000). */
  heartbeatIntervalMs?: number;
  /** Auth rejections in a row before the SDK gives up (default 5: ~1+2+4+8+16 s). */
  maxAuthFailures?: number;
  /** After giving up on auth, one more try every this many ms (default 10 min; 0: never). */
  authRetryMs?: number;
  /** A dropped connection not back within this (ms, default 30000) is reported `logged-out`. */
  outageGraceMs?: number;
  /** How long a card press waits for the app's verdict before the card is left as it is (default 4000). */
  cardVerdictMs?: number;
}
