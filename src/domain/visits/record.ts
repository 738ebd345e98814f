/**
 * A unit's record of a 必到 visit: `V7 已上门 11月20日 王局长 已与群众达成整改协议`, also 已走访 / 已见面 / 已到现场 /
 * 已面谈, the date optional (today), the person optional (the sender). Pure.
 */
import { addDays } from '../calendar.js';

export interface VisitRecordCommand {
  code: string;
  /** `YYYY-MM-DD`, null when not said (today). */
  day: string | null;
  /** Who went, null when not said (the sender). */
  person: string | null;
  agreed: string;
}

const HEAD =
  /^\s*(V\d{1,8})(?!\d)\s*[,，:：]?\s*(?:已经|已)(?:上门|走访|见面|到现场|面谈|现场走访|入户)(?:走访|见面|回访)?\s*/i;
const SEP = /^[\s,，、:：;；。]+/;
const MONTH_DAY = /^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/;
const ISO_DAY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/;
const RELATIVE = /^(今天|今日|昨天|昨日|前天)/;
const TITLE = /^[\u4e00-\u9fa5]{1,4}(?:局长|主任|书记|科长|处长|镇长|街道长|部长|经理|队长|所长|站长|组长|区长|主席)/;
/** A bare name followed by a separator, then more words (王建国 已与群众…). */
const NAME = /^([\u4e00-\u9fa5]{2,3})(?:同志)?(?=[\s,，、])/;
const NOT_NAME = /^(?:已|已经|群众|双方|现场|当场|经|与|和|向|对|并|达成|协商|约定|答复|解释)/;

const pad = (n: string) => n.padStart(2, '0');

function dayOf(m: RegExpExecArray, today: string, withYear: boolean): string | null {
  const [, y, mo, d] = m;
  const month = Number(mo);
  const date = Number(d);
  if (month < 1 || month > 12 || date < 1 || date > 31) return null;
  if (withYear || y !== undefined) return `${y}-${pad(mo as string)}-${pad(d as string)}`;
  const year = Number(today.slice(0, 4));
  const same = `${year}-${pad(mo as string)}-${pad(d as string)}`;
  // 12月30日 said on 1月2日: last year's.
  return same > today ? `${year - 1}-${pad(mo as string)}-${pad(d as string)}` : same;
}

/** The record, or null when the text is no visit record. `today`: the local day it was said. */
/** The 必到 code a message starts with (`V7 …`), whatever follows; null when it starts with none. */
export function visitCodeAtStart(text: string): string | null {
  const m = /^\s*(V\d{1,8})(?!\d)/i.exec(text);
  return m ? (m[1] as string).toUpperCase() : null;
}

export function parseVisitRecord(text: string, today: string): VisitRecordCommand | null {
  const head = HEAD.exec(text);
  if (!head) return null;
  const code = (head[1] as string).toUpperCase();
  let rest = text.slice(head[0].length).replace(SEP, '');
  let day: string | null = null;
  const iso = ISO_DAY.exec(rest);
  const md = iso ? null : MONTH_DAY.exec(rest);
  const rel = iso || md ? null : RELATIVE.exec(rest);
  if (iso) day = dayOf(iso, today, true);
  else if (md) day = dayOf(md, today, false);
  else if (rel) day = addDays(today, rel[1] === '前天' ? -2 : rel[1]?.startsWith('昨') ? -1 : 0);
  const taken = iso ?? md ?? rel;
  if (taken) rest = rest.slice(taken[0].length).replace(SEP, '');
  let person: string | null = null;
  const title = TITLE.exec(rest);
  const name = title || NOT_NAME.test(rest) ? null : NAME.exec(rest);
  if (title) person = title[0];
  else if (name) person = name[1] as string;
  if (title || name) rest = rest.slice((title ?? name)?.[0].length ?? 0).replace(SEP, '');
  return { code, day, person, agreed: rest.trim() };
}
