/** Texts of answer-clarify: a unit's message the bot could not take as an answer (zh-CN). Pure. */

export interface WaitingItem {
  /** D12 or SP3. */
  code: string;
  /** A few words on what it is. */
  what: string;
}

/**
 * One thing waits: ask whether the message was meant for it; several: list them. Never says
 * the message was recorded as an answer.
 */
export function clarifyText(items: readonly WaitingItem[], ack: boolean): string {
  const first = items[0]?.code ?? 'SP1';
  if (items.length === 1) {
    return ack
      ? `是否签收 ${first}（${items[0]?.what ?? ''}）？回复“${first} 签收”即可。`
      : `是否作为 ${first}（${items[0]?.what ?? ''}）的办理情况？回复“${first}”加内容即可，例如：${first} 已到现场处置……`;
  }
  return [
    `您好，这条消息未作为答复记录。贵单位目前有 ${items.length} 件事项待${ack ? '签收或' : ''}答复：`,
    ...items.map((i) => `${i.code} ${i.what}`),
    ack ? `请回复编号加“签收”或办理情况，例如：${first} 签收。` : `请回复编号加办理情况，例如：${first} 已到现场处置……`,
  ].join('\n');
}
