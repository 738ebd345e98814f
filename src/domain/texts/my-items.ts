/** A unit's own open items on request (我的待办) and the private fallback's answer. Pure. */
import { clipTitle } from '../language/clip.js';
import { formatAt } from '../time.js';
import { formatDeadline, summary } from './dispatch.js';
import type { Colour } from '../tickets/colour.js';
import { mark } from './colours.js';
import { REPORTED_DONE_MARK, RETURN_APPROVED_MARK } from './tickets.js';

/** 三色督办: each item's colour now, marked after it as on a list line. */
interface Coloured {
  colour?: Colour | null;
}

export interface MyDispatch extends Coloured {
  code: string;
  acked: boolean;
  deadline: Date;
}
export interface MyRound extends Coloured {
  code: string;
  ticketNumber: string;
  backcheck: boolean;
  deadline: Date;
}
export interface MyTicket extends Coloured {
  number: string;
  title: string;
  reopened: boolean;
  overdue: boolean;
  /** The unit reported it 已办结; the platform has not confirmed it yet (marked as in the nag). */
  reportedDone?: boolean;
  /** A leader approved its 退办 / 不再办理: it waits for the platform. */
  returnApproved?: boolean;
}

export interface MyItems {
  unitName: string;
  now: Date;
  tz: string;
  dispatches: readonly MyDispatch[];
  rounds: readonly MyRound[];
  tickets: readonly MyTicket[];
}

const cut = (s: string, n = 20) => clipTitle(s, n);

function listed<T>(items: readonly T[], max: number, show: (x: T) => string, sep = '、'): string {
  const head = items.slice(0, max).map(show).join(sep);
  return items.length > max ? `${head}${sep === '、' ? '等' : '；'}（另有${items.length - max}件未列出）` : head;
}

/** The mark of the most urgent colour among `items` (red over yellow over blue), '' for none. */
function worstMark(items: readonly Coloured[]): string {
  const order: Colour[] = ['red', 'yellow', 'blue'];
  return mark(order.find((c) => items.some((x) => x.colour === c)));
}

/** Codes that still wait for the unit's reply: D… and SP…, in that order. */
export function waitingCodes(i: Pick<MyItems, 'dispatches' | 'rounds'>): string[] {
  return [...i.dispatches.map((d) => d.code), ...i.rounds.map((r) => r.code)];
}

/** The answer to 我的待办 / 查超期: counts and codes per kind, each list capped at `max`. */
export function myItemsText(i: MyItems, max = 5): string {
  const total = i.dispatches.length + i.rounds.length + i.tickets.length;
  if (total === 0)
    return (
      `${i.unitName}目前没有待办事项：没有待答复的点对点调度和双派单，也没有超期、` +
      `重办工单（工单以最近导入的平台清单为准）。`
    );
  const lines = [`${i.unitName}待办事项（截至${formatAt(i.now, i.tz)}）：`];
  // 三色督办: each line ends with the most urgent colour of its items (as a unit's line in the group digest).
  if (i.dispatches.length > 0) {
    const show = (d: MyItems['dispatches'][number]) =>
      `${d.code}（${d.acked ? '' : '未签收，'}${formatDeadline(d.deadline, i.tz)}前反馈）`;
    lines.push(`· 点对点调度${i.dispatches.length}件：${listed(i.dispatches, max, show)}${worstMark(i.dispatches)}`);
  }
  if (i.rounds.length > 0) {
    const show = (r: MyItems['rounds'][number]) =>
      `${r.code}（工单${r.ticketNumber}，` +
      `${r.backcheck ? '待答复倒查问题' : `${formatDeadline(r.deadline, i.tz)}前答复`}）`;
    lines.push(`· 双派单${i.rounds.length}件：${listed(i.rounds, max, show)}${worstMark(i.rounds)}`);
  }
  const overdue = i.tickets.filter((t) => t.overdue);
  const reopened = i.tickets.filter((t) => t.reopened && !t.overdue);
  const state = (t: MyTicket) => (t.returnApproved ? RETURN_APPROVED_MARK : t.reportedDone ? REPORTED_DONE_MARK : '');
  if (overdue.length > 0)
    lines.push(
      `· 超期工单${overdue.length}件：` +
        `${listed(overdue, max, (t) => `${t.number}（${cut(t.title)}${t.reopened ? '，重办' : ''}）${state(t)}`)}` +
        worstMark(overdue),
    );
  if (reopened.length > 0)
    lines.push(
      `· 重办工单${reopened.length}件：${listed(reopened, max, (t) => `${t.number}（${cut(t.title)}）${state(t)}`)}` +
        worstMark(reopened),
    );
  // The example fits the first code: a round waiting for its 倒查 answers gets the 倒查 form.
  const d = i.dispatches.length > 0 ? i.dispatches[0] : undefined;
  const r = i.rounds.length > 0 ? i.rounds[0] : undefined;
  const example = d
    ? `${d.code} 办理情况……`
    : r
      ? r.backcheck
        ? `${r.code} 倒查 1. … 2. …`
        : `${r.code} 办理情况……`
      : null;
  if (example) lines.push(`答复调度或双派单时请带编号，如“${example}”。`);
  if (i.tickets.length > 0) lines.push('工单以最近导入的平台清单为准，办结后可回复“工单编号 已办结 说明”。');
  return lines.join('\n');
}

/** The private fallback: says plainly that nothing was done with the message, names what waits, points to 帮助. */
export function privateFallbackText(
  unitWorker: boolean,
  codes: readonly string[],
  ticket?: { number: string; title: string },
): string {
  const lines = ['您好，这条消息未能识别为日报、答复或指令，未作处理。'];
  // The message speaks of one of the unit's tickets by its title: say how to write about it.
  if (ticket)
    lines.push(
      `如是工单${ticket.number}（${cut(ticket.title)}）的办理进展，请在消息前写明工单编号；` +
        `办结后请回复“${ticket.number} 已办结 说明”。`,
    );
  if (codes.length > 0) {
    const shown = codes.length > 6 ? `${codes.slice(0, 6).join('、')} 等${codes.length}件` : `${codes.join('、')} `;
    lines.push(`贵单位有 ${shown}待答复，回复时请带编号（如“${codes[0]} 办理情况……”）。`);
  }
  lines.push(
    unitWorker ? '发送“我的待办”可查看本单位待办事项，发送“帮助”可查看使用说明。' : '发送“帮助”可查看使用说明。',
  );
  return lines.join('\n');
}

/** A 双派单 round waiting for the unit, in a few words (the bot's replies name it so). */
export function waitingRoundWhat(ticketNumber: string, title: string, backcheck: boolean): string {
  return `双派单，工单 ${ticketNumber}${title ? `「${summary(title, 16)}」` : ''}${backcheck ? '，待回答双倒查' : ''}`;
}

/** A dispatch waiting for the unit, in a few words. */
export const waitingDispatchWhat = (text: string): string => `调度“${summary(text, 20)}”`;
