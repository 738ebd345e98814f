/** Texts of answer-clarify: a unit's message the bot could not take as an answer (zh-CN). Pure. */

export interface WaitingItem {
  /** D12 or SP3. */
  code: string;
  /** A few words on what it is. */
  what: string;
  /** Not yet signed (the courtesy reply then says how to sign). */
  unsigned?: boolean;
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
      : `是否作为 ${first}（${items[0]?.what ?? ''}）的办理情况？` +
          `回复“${first}”加内容即可，例如：${first} 已到现场处置……`;
  }
  return waitingListText(items, ack);
}

/** The message was not recorded: what waits for the unit's answer, listed (one item too), and how to answer. */
export function waitingListText(items: readonly WaitingItem[], ack = false): string {
  const first = items[0]?.code ?? 'SP1';
  return [
    `您好，这条消息未作为答复记录。贵单位目前有 ${items.length} 件事项待${ack ? '签收或' : ''}答复：`,
    ...items.map((i) => `${i.code} ${i.what}`),
    ack ? `请回复编号加“签收”或办理情况，例如：${first} 签收。` : `请回复编号加办理情况，例如：${first} 已到现场处置……`,
  ].join('\n');
}

/** A ticket the message names by its title. */
export interface NamedTicket {
  number: string;
  title: string;
}

/**
 * The message speaks of something other than the one waiting item, or of several: what it may be about (waiting items
 * and tickets named by their words), how to answer each; the items still waiting that it does not speak of, after.
 */
export function whichItemText(
  named: readonly WaitingItem[],
  tickets: readonly NamedTicket[],
  waiting: readonly WaitingItem[],
): string {
  const lines = ['您好，这条消息未作为答复记录。消息所说的事项可能是：'];
  for (const i of named) lines.push(`${i.code} ${i.what}`);
  for (const t of tickets.slice(0, 6)) lines.push(`工单 ${t.number}（${t.title}）`);
  if (tickets.length > 6) lines.push(`……共 ${tickets.length} 件工单`);
  const first = named[0]?.code;
  if (first !== undefined)
    lines.push(`如属${named.length > 1 ? '其中一件' : ` ${first} `}的办理情况，请回复编号即可，如“${first}”。`);
  const t0 = tickets[0];
  if (t0 !== undefined)
    lines.push(`如工单已办结，请回复“工单编号 已办结 说明”，如“${t0.number} 已办结 已电话回复市民”。`);
  const others = waiting.filter((w) => !named.some((n) => n.code === w.code));
  if (others.length > 0)
    lines.push(
      `贵单位另有 ${others.map((w) => `${w.code}（${w.what}）`).join('、')}待答复，` +
        `如属其办理情况，请回复“${(others[0] as WaitingItem).code}”即可。`,
    );
  return lines.join('\n');
}

/**
 * 今日工单已全部办结 / 今天的件都办完了 while items wait: it speaks of the day's tickets, not of any item, and was not
 * recorded as an answer; how to answer what waits.
 */
export function dayStatementText(items: readonly WaitingItem[]): string {
  const open = '您好，这条消息是对今日工单情况的总体说明，';
  if (items.length === 1) {
    const i = items[0] as WaitingItem;
    if (isBackcheckOnly(i))
      return `${open}未作为 ${i.code}（${i.what}）的双倒查回答记录。如需回答，请回复“${i.code} 倒查 1. … 2. …”。`;
    return (
      `${open}未作为 ${i.code}（${i.what}）的答复记录。` +
      `如需答复 ${i.code}，请回复“${i.code}”加办理情况，例如：${i.code} 已到现场处置……`
    );
  }
  const first = items.find((i) => !isBackcheckOnly(i)) ?? (items[0] as WaitingItem);
  return [
    `${open}未作为任何事项的答复记录。贵单位目前有 ${items.length} 件事项待答复：`,
    ...items.map((i) => `${i.code} ${i.what}`),
    `请回复编号加办理情况，例如：${first.code} 已到现场处置……`,
  ].join('\n');
}

/** A group message reads like the result of one open dispatch (same words), no code: asked privately. */
export function groupAnswerAskText(item: WaitingItem): string {
  return (
    `您在群里的这条消息是对 ${item.code}（${item.what}）的反馈吗？回复“是”或“${item.code}”即可确认，` +
    `我会转报交办领导。`
  );
}

/** Several things wait for a 签收 and a bare 收到 / 好的 came: which one (privately). */
export function signWhichText(items: readonly WaitingItem[]): string {
  const first = items[0]?.code ?? 'D1';
  return [
    `贵单位目前有 ${items.length} 件事项待签收，请问这条签收对应哪一件？请回复编号加“签收”，如“${first} 签收”：`,
    ...items.map((i) => `${i.code} ${i.what}`),
  ].join('\n');
}

/**
 * 谢谢 / 在吗 / 好的 with nothing left to sign: a short polite answer naming what still waits
 * for the unit's answer (never a question about 办理情况, never a promise that someone acts).
 */
/** A 双派单 round answered by the unit whose 双倒查 is all that waits. */
export function isBackcheckOnly(i: WaitingItem): boolean {
  return i.what.endsWith('待回答双倒查');
}

export function courtesyText(kind: 'thanks' | 'greeting' | 'ok' | 'signed', items: readonly WaitingItem[]): string {
  if (kind === 'signed') return alreadySignedText(items);
  const open = kind === 'thanks' ? '不客气！' : kind === 'greeting' ? '您好，我在。' : '好的。';
  if (items.length === 1) {
    const i = items[0] as WaitingItem;
    if (i.unsigned === true)
      return `${open}${i.code}（${i.what}）尚待贵单位签收，请回复“${i.code} 签收”，办理后回复“${i.code}”加办理情况。`;
    if (isBackcheckOnly(i))
      return `${open}${i.code}（${i.what}）尚待贵单位回答双倒查，请回复“${i.code} 倒查 1. … 2. …”。`;
    return `${open}${i.code}（${i.what}）尚待贵单位答复，办理后请回复“${i.code}”加办理情况。`;
  }
  const back = items.find(isBackcheckOnly);
  const how =
    back === undefined
      ? '办理后请回复编号加办理情况。'
      : items.every(isBackcheckOnly)
        ? `请回复编号加倒查回答，例如“${back.code} 倒查 1. … 2. …”。`
        : `办理后请回复编号加办理情况；双倒查请回复“${back.code} 倒查 1. … 2. …”。`;
  return [`${open}贵单位目前有 ${items.length} 件事项待答复：`, ...items.map((i) => `${i.code} ${i.what}`), how].join(
    '\n',
  );
}

/** 收到 when everything waiting is signed already: nothing to sign again; the answer is what is due. */
function alreadySignedText(items: readonly WaitingItem[]): string {
  if (items.length === 1) {
    const i = items[0] as WaitingItem;
    return `${i.code}（${i.what}）贵单位已签收，无需重复签收。办理完成后请回复“${i.code}”加办理结果。`;
  }
  const first = items[0]?.code ?? 'D1';
  return [
    `贵单位以下 ${items.length} 件事项均已签收，无需重复签收：`,
    ...items.map((i) => `${i.code} ${i.what}`),
    `办理完成后请回复编号加办理结果，例如：${first} 已到现场处置……`,
  ].join('\n');
}

/** A bare code of a dispatch the unit already answered: its feedback went to the leader already. */
export function alreadyForwardedText(code: string, at: string, leaderName: string): string {
  return `${code} 的反馈已于${at}转报${leaderName}，无需重复回复。`;
}
