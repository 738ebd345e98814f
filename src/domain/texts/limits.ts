/** Texts about what one member can ask of the bot (issue 14), zh-CN. */

/** Said once when a person's messages come faster than the bot answers them. */
export const ANSWER_LIMIT_NOTICE =
  '您短时间内发来的消息较多，均已记录。为不耽误群里其他事项，暂不逐条回复，请稍后再试。';

/** A ticket list over the size the bot accepts (a received file, or one that unpacks too large). */
export function fileTooLargeText(name: string, maxBytes: number): string {
  const mb = Math.round(maxBytes / 1048576);
  return (
    `文件「${name}」超过督办助手可接收的大小（${mb}MB），未导入。请只导出需要督办的工单（如按时间或状态筛选）` +
    `后再发送。`
  );
}

/** A spreadsheet that unpacks too large or has too many rows (refused before it is read). */
export function sheetTooLargeText(name: string): string {
  return `文件「${name}」内容过大（解压后体积或行数超出督办助手的处理上限），未导入。请只导出需要督办的工单后再发送。`;
}

/** A ticket row (API) with a character the store cannot keep. */
export const UNSTORABLE_TEXT = '含有无法保存的字符（空字符或不完整的 Unicode 字符），请清理后重新推送';
