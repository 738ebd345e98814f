/** Texts about what one member can ask of the bot (issue 14), zh-CN. */

/** Said once when a person's messages come faster than the bot answers them. */
export const ANSWER_LIMIT_NOTICE = '您短时间内发来的消息较多，均已记录。为不耽误群里其他事项，暂不逐条回复，请稍后再试。';
