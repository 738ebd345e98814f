/**
 * Whether a unit's message in the group is addressed to a leader (pure): by @-mention of the
 * leader's contact id, by the leader's name or usual form of address (王副主任 → 王主任),
 * by quoting a dispatch, or by starting with 报告 / 汇报.
 */
import { splitQuote } from '../language/quote.js';

export interface LeaderRef {
  id: string;
  name: string;
}

const TITLE = /^(.)(副)?(主任|局长|区长|书记|镇长|组长|部长|秘书长|处长|科长|队长|站长|所长|县长|市长|主席|委员)$/;

/** How people address a leader in the chat: the full name, and 王主任 for 王副主任. */
export function formsOfAddress(name: string): string[] {
  const forms = [name];
  const m = TITLE.exec(name);
  if (m?.[2]) forms.push(`${m[1]}${m[3]}`);
  return forms;
}

/** Starts like a report to a superior: 报告… / 汇报… / 现报告… */
export const REPORT_START = /^(?:现?(?:报告|汇报|呈报)|向[^，,。]{1,8}(?:报告|汇报))/;
const LEADING_MENTIONS = /^(?:\s*@[^\s\u2005@]+[\s\u2005]*)+/;
/** How far into the message a form of address still counts as addressing ("报告王主任，…"). */
const ADDRESS_WINDOW = 12;

/** The text says it is (to be) reported to the leader addressed by `form`: 报李主任 / 报告李主任 / 向李主任汇报. */
function reportsTo(text: string, form: string): boolean {
  const i = text.indexOf(form);
  if (i < 0) return false;
  const before = text.slice(Math.max(0, i - 3), i);
  if (/(?:报|报告|汇报|呈报|报送|报给)$/.test(before)) return true;
  return /向$/.test(before) && /^(?:报告|汇报)/.test(text.slice(i + form.length));
}

export interface Addressing {
  /** Leaders (contact ids) the message is addressed to, by @ or by name. */
  leaderIds: string[];
  /** The message starts with 报告 / 汇报 (to whoever gave the task). */
  reportStart: boolean;
  /** The message quotes another (WeChat quote reply). */
  quote: { name: string; quoted: string } | null;
}

/** Who a message is addressed to. `mentionIds` are the chat's @-mentions (contact ids). */
export function addressingOf(text: string, mentionIds: readonly string[], leaders: readonly LeaderRef[]): Addressing {
  const q = splitQuote(text);
  const own = (q?.reply ?? text).trim();
  const ids = new Set<string>();
  for (const l of leaders) {
    if (mentionIds.includes(l.id)) ids.add(l.id);
    const forms = formsOfAddress(l.name);
    if (forms.some((f) => own.includes(`@${f}`))) ids.add(l.id);
    const head = own.replace(LEADING_MENTIONS, '').slice(0, ADDRESS_WINDOW + 4);
    if (
      forms.some((f) => {
        const i = head.indexOf(f);
        return i >= 0 && i <= ADDRESS_WINDOW;
      })
    )
      ids.add(l.id);
    // …结果出来后报李主任 / 已向李主任汇报: reported to that leader, wherever it is said.
    if (forms.some((f) => reportsTo(own, f))) ids.add(l.id);
  }
  const body = own.replace(LEADING_MENTIONS, '').trim();
  return {
    leaderIds: [...ids],
    reportStart: REPORT_START.test(body),
    quote: q ? { name: q.name, quoted: q.quoted } : null,
  };
}

/** Whether a quoted text is (part of) a dispatch: its code, or a stretch of its words. */
export function quotesDispatch(quoted: string, d: { code: string; text: string }): boolean {
  if (new RegExp(`(?<![A-Za-z0-9])${d.code}(?!\\d)`, 'i').test(quoted)) return true;
  const norm = (s: string) => s.replace(/^(?:\s*@[^\s\u2005@]+[\s\u2005]*)+/, '').replace(/[\s…]+/g, '');
  const a = norm(quoted);
  const b = norm(d.text);
  if (a.length < 4 || b.length < 4) return false;
  const probe = a.slice(0, Math.min(12, a.length));
  return b.includes(probe) || a.includes(b.slice(0, Math.min(12, b.length)));
}
