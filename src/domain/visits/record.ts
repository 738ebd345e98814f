/**
 * A unit's record of a 必到 visit, as heads type it (pure):
 *   `V7 已上门 11月20日 王局长 已与群众达成整改协议` (the layout the bot suggests),
 *   `v7 昨天下午王局长带队上门了，群众表示理解👍` (in their own words),
 *   `V7已走访` (the day today, the person not said),
 *   `V7 补充：群众已签字确认` / `V7 更正：走访日期为11月19日` (to a record made before),
 *   `王局长已上门走访，已与群众达成协议` (no code: the handler takes it when the unit owes one visit).
 * A visit said done (已上门 / 上门了 / 已走访 / 走访了 / 已见面 / 已到现场 / 去过了 …) is a record; one planned
 * or asked
 * about (明天上门 / 还没上门 / 什么时候上门) or left to staff (已安排工作人员上门) is not.
 */
import { addDays } from '../calendar.js';
import { stripDecorations } from '../language/decorations.js';

export type VisitRecordMode = 'record' | 'supplement' | 'correct';

export interface VisitRecordCommand {
  kind: 'record';
  /** The V code named (anywhere in the text), null when none. */
  code: string | null;
  /** `record`: the visit said done; `supplement` (补充) adds to a record; `correct` (更正) replaces what it names. */
  mode: VisitRecordMode;
  /** `YYYY-MM-DD`, null when not said. */
  day: string | null;
  /** Who went (王局长), null when not said. */
  person: string | null;
  /** What was agreed or found, the rest of the message ('' when nothing more). */
  agreed: string;
}

/** A message about a visit that records none: planned, asked about, or left to staff. */
export interface VisitNotRecord {
  kind: 'planned' | 'question' | 'delegated';
  code: string | null;
}

export type VisitText = VisitRecordCommand | VisitNotRecord;

const CODE = /(?<![A-Za-z0-9])[Vv]\s?(\d{1,8})(?!\d)/;
const CODE_AT_START = /^\s*[Vv]\s?(\d{1,8})(?!\d)/;
const PREFIX = /^[\s,，:：、-]*(补充|更正|修改|修正|更新|纠正)(?:一下|说明|情况)?[\s,，:：、-]*/;

const pad = (n: string | number) => String(n).padStart(2, '0');

/** A day said in the text, with a time of day after it (昨天下午, 11月20日上午, 2026-11-23). */
const DAY = new RegExp(
  '(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]?|' +
    '(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})|(今天|今日|昨天|昨日|前天)',
);
const TIME_OF_DAY =
  /^\s*(?:上午|下午|中午|晚上|傍晚|早上|上班后|下班后)?\s*(?:\d{1,2}\s*[:：点时](?:\s*\d{1,2}\s*分?)?)?/;

const VERB = '上门|走访|见面|面谈|入户|登门|到现场|赴现场|实地查看|现场查看|现场核实|去过';
const AFTER_VERB = '(?:走访|回访|沟通|了解|查看|核实|见面)';
const OBJECT = '(?:群众|诉求人|来电人|当事人|市民|住户|居民|家长|投诉人)';
/**
 * The visit said done (已上门 / 已于11月20日上门走访 / 上门了 / 走访过了 / 去过了 / 一行到群众家中走访), its fillers
 * (带队, 亲自, 一行) before and whom it met after.
 */
const DONE = new RegExp(
  '(?:带队|带领|亲自|一同|一起|一行|等人)*(?:' +
    [
      `已(?:经|于)?[^，,。；;！!\\n]{0,10}?(?:${VERB})`,
      `(?:${VERB})${AFTER_VERB}?(?:了|过了|过|完毕|完成)`,
      `(?:到|赴|去)[^，,。；;！!\\n]{0,8}?(?:家中|家里|住处|现场|小区|社区|村|单位)${AFTER_VERB}`,
    ].join('|') +
    `)${AFTER_VERB}?(?:了|过了|过)?${OBJECT}?`,
);
/** A visit named at all (上门, 走访 …): with no DONE, the message plans or asks about one. */
const ANY_VERB = new RegExp(VERB);
/** In the visit's clause before it: not done yet (还没, 准备, 明天). */
const PLANNED = /还没|没有|尚未|未能|准备|计划|打算|拟于?|将于|明天|后天|下周|近期|择日|安排在/;
const QUESTION = /[?？]|吗|什么时候|何时|是否|能否|有没有/;
/** In the visit's clause before it: left to staff (已安排工作人员上门), no visit by the head. */
const DELEGATED = /安排|派员|派出|委托|指派|让(?:工作人员|同事|科室)/;
const CLAUSE = /[，,。；;！!\n]/;

/** The clause around [from, to): from after the separator before it to the separator after it. */
function clauseAround(s: string, from: number, to: number): { start: number; end: number } {
  let start = from;
  while (start > 0 && !CLAUSE.test(s[start - 1] as string)) start--;
  let end = to;
  while (end < s.length && !CLAUSE.test(s[end] as string)) end++;
  return { start, end };
}

/** 王局长, 李副局长, 王建国局长 (the surname from a word boundary: never 下午王局长 or 带队的王局长). */
const TITLE_WORDS =
  '局长|主任|书记|科长|处长|镇长|部长|经理|队长|所长|站长|组长|区长|主席|院长|校长|股长|馆长|委员|总监|大队长';
const NOT_NAME_CHAR = '的由经是为和与及同带队领派请在到对向于了已并将把被给让等一';
const TITLE = new RegExp(
  `(?<=^|[^\\u4e00-\\u9fa5]|[${NOT_NAME_CHAR}])` +
    `((?:(?![${NOT_NAME_CHAR}])[\\u4e00-\\u9fa5]){0,3}?副?(?:${TITLE_WORDS}))`,
);
/** A clause that is a person alone (王局长). */
const ALONE = new RegExp(`^\\s*((?:(?![${NOT_NAME_CHAR}])[\\u4e00-\\u9fa5]){0,3}?副?(?:${TITLE_WORDS}))\\s*$`);
/** A bare name between blanks in the suggested layout (`V3 已见面 昨天 李明 双方约定…`). */
const NAME = /^\s+([\u4e00-\u9fa5]{2,3})(?:同志)?(?=\s)/;
const NOT_NAME = /^(?:已|已经|群众|双方|现场|当场|经|与|和|向|对|并|达成|协商|约定|答复|解释|问题|情况|诉求)/;
/** Labels of a correction: 走访日期为…, 走访人应为…. */
const LABEL = /(?:走访|上门|见面)?(?:日期|时间|人员?|领导)(?:应为|应是|是|为|改为)?[:：]?/g;

function dayOf(m: RegExpExecArray, today: string): string | null {
  const rel = m[7];
  if (rel) return addDays(today, rel === '前天' ? -2 : rel.startsWith('昨') ? -1 : 0);
  const iso = m[4] !== undefined;
  const y = iso ? m[4] : m[1];
  const month = Number(iso ? m[5] : m[2]);
  const date = Number(iso ? m[6] : m[3]);
  if (month < 1 || month > 12 || date < 1 || date > 31) return null;
  if (y !== undefined) return `${y}-${pad(month)}-${pad(date)}`;
  const year = Number(today.slice(0, 4));
  const same = `${year}-${pad(month)}-${pad(date)}`;
  // 12月30日 said on 1月2日: last year's.
  return same > today ? `${year - 1}-${pad(month)}-${pad(date)}` : same;
}

/** Replaces `len` characters at `at` with blanks (positions of the rest stay). */
const blank = (s: string, at: number, len: number) => s.slice(0, at) + ' '.repeat(len) + s.slice(at + len);

/** What is left once the recognised parts are blanked: the separators between them tidied. */
function tidy(s: string): string {
  return s
    .replace(/[ \t\u3000]*([，,。；;、！!])[\s，,。；;、！!]*/g, '$1')
    .replace(/\s+/g, '，')
    .replace(/^[，,。；;、！!：:\s]+|[，,；;、：:\s]+$/g, '')
    .replace(/^(?:并且?|并已|后|时|然后)(?=[\u4e00-\u9fa5])/, '')
    .replace(/。$/, '');
}

/** The 必到 code a message starts with (`V7 …`), whatever follows; null when it starts with none. */
export function visitCodeAtStart(text: string): string | null {
  const m = CODE_AT_START.exec(text);
  return m ? `V${m[1]}` : null;
}

/**
 * The visit a message records, or what it says instead (planned, asked, left to staff); null when it speaks of no
 * visit done and is no 补充 / 更正 of one. `today`: the local day it was said.
 */
export function readVisitText(raw: string, today: string): VisitText | null {
  let text = stripDecorations(raw, ' ').trim();
  const codeMatch = CODE.exec(text);
  const code = codeMatch ? `V${codeMatch[1]}` : null;
  const atStart = CODE_AT_START.exec(text);
  if (atStart) text = text.slice(atStart[0].length);
  else if (codeMatch) text = blank(text, codeMatch.index, codeMatch[0].length);
  let mode: VisitRecordMode = 'record';
  const prefix = atStart ? PREFIX.exec(text) : null;
  if (prefix) {
    mode = /补充|更新/.test(prefix[1] as string) ? 'supplement' : 'correct';
    text = text.slice(prefix[0].length);
  }
  let day: string | null = null;
  const d = DAY.exec(text);
  if (d) {
    day = dayOf(d, today);
    const tail = TIME_OF_DAY.exec(text.slice(d.index + d[0].length));
    text = blank(text, d.index, d[0].length + (tail?.[0].length ?? 0));
  }
  const done = DONE.exec(text);
  let region = { start: 0, end: text.length };
  if (done) {
    region = clauseAround(text, done.index, done.index + done[0].length);
    const before = text.slice(region.start, done.index);
    const around = text.slice(region.start, Math.min(text.length, done.index + done[0].length + 3));
    if (QUESTION.test(around)) return { kind: 'question', code };
    if (PLANNED.test(before)) return { kind: 'planned', code };
    if (DELEGATED.test(before) || DELEGATED.test(done[0])) return { kind: 'delegated', code };
    text = blank(text, done.index, done[0].length);
  } else if (mode === 'record') {
    const verb = ANY_VERB.exec(text);
    if (!verb) return null;
    const { start: s0, end: e0 } = clauseAround(text, verb.index, verb.index + verb[0].length);
    const clause = text.slice(s0, e0);
    if (QUESTION.test(clause)) return { kind: 'question', code };
    if (PLANNED.test(clause)) return { kind: 'planned', code };
    return null;
  }
  let person: string | null = null;
  const title = TITLE.exec(text.slice(region.start, region.end));
  // `V7 已上门，王局长，已与群众…`: the clause after the visit's, when it is the person alone.
  const next = clauseAround(text, region.end + 1, region.end + 1);
  const alone = title ? null : ALONE.exec(text.slice(next.start, next.end));
  if (title) {
    person = title[1] as string;
    text = blank(text, region.start + title.index, title[0].length);
  } else if (alone && region.end < text.length) {
    person = alone[1] as string;
    text = blank(text, next.start, next.end - next.start);
  } else if (done) {
    const after = text.slice(done.index + done[0].length);
    const name = NOT_NAME.test(after.trimStart()) ? null : NAME.exec(after);
    if (name) {
      person = name[1] as string;
      text = blank(text, done.index + done[0].length, name[0].length);
    }
  }
  if (mode === 'correct') text = text.replace(LABEL, ' ');
  return { kind: 'record', code, mode, day, person, agreed: tidy(text) };
}

/** The record a message makes, or null (kept for callers that need only a record). */
export function parseVisitRecord(text: string, today: string): VisitRecordCommand | null {
  const r = readVisitText(text, today);
  return r?.kind === 'record' ? r : null;
}
