/**
 * Ticket numbers a message says are done, anywhere in it (收到，GD… 昨天就办结了 / …，另外 GD… 已办结 /
 * GD…搞定了，摊贩已清理): the number, then within its clause a done word, not negated nor asked.
 * Pure; the caller keeps only numbers the store knows for the sender's unit.
 */

/** A ticket number (with a digit; never a dispatch, round or approval code). */
export const TICKET_NUMBER_IN_TEXT =
  /(?<![A-Za-z0-9_-])(?![Ss][Pp]\d|[Dd]\d|[Tt][Bb]\d)(?=[A-Za-z_-]*\d)[A-Za-z0-9][A-Za-z0-9_-]{5,63}(?![A-Za-z0-9_-])/g;
/** 搞定了 / 办结了 / 已办结 / 办完了 / 已解决 / 处理完毕 … */
const DONE = new RegExp(
  '搞定了|搞定啦|已搞定|办结了|已(?:经)?办结|办完了|已(?:经)?办完|已(?:经)?解决|解决了|办理完毕|处理完毕|' +
    '处置完毕|已(?:经)?处理完|处理好了|已(?:经)?处理好|办好了|已(?:经)?完成办理',
);
/** Not done (还没办结, 未办结, 尚未解决) or a question (办结了吗, 办完了没有). */
const NOT_DONE = /没|未|不|吗|么|\?|？|是否|有没有|何时|什么时候/;
/** The clause after the number: up to the next sentence or clause break. */
const CLAUSE_END = /[，,。；;！!\n]|另外|此外|还有/;
const MAX_GAP = 12;

export function doneTicketNumbers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TICKET_NUMBER_IN_TEXT)) {
    const after = text.slice((m.index ?? 0) + m[0].length);
    const end = after.search(CLAUSE_END);
    const clause = end < 0 ? after : after.slice(0, end);
    const d = DONE.exec(clause);
    if (!d || d.index > MAX_GAP) continue;
    // The words between the number and the done word, and the done word's own clause, say it is done.
    if (NOT_DONE.test(clause.slice(0, d.index)) || NOT_DONE.test(clause.slice(d.index + d[0].length))) continue;
    if (!out.includes(m[0])) out.push(m[0]);
  }
  return out;
}
