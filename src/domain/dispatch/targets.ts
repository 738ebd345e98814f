/**
 * The units a dispatch addresses: from @-mentioned people and from units named as
 * addressees in the text (before a colon, after 请/要求/由, as 牵头/配合 unit, or as the
 * subject of 要/务必/… ). Pure.
 */
import { toSimplified } from '../language/traditional.js';
import { isLeader, type Person, type Roster, type Unit } from '../roster.js';

export interface MentionInfo {
  /** Units of mentioned heads and liaisons. */
  units: Unit[];
  /** Mentioned people who can be given work (anyone but leaders). */
  workers: Person[];
  /** Mentioned leaders. */
  leaders: Person[];
}

/** Resolves mention ids (unknown ids are ignored). */
export function mentionInfo(mentions: readonly string[], roster: Roster): MentionInfo {
  const out: MentionInfo = { units: [], workers: [], leaders: [] };
  for (const id of mentions) {
    const p = roster.person(id);
    if (p === undefined) continue;
    if (isLeader(p) && p.unit === undefined) {
      out.leaders.push(p);
      continue;
    }
    out.workers.push(p);
    const u = roster.unitOf(id);
    if (u !== undefined) out.units.push(u);
  }
  return out;
}

/**
 * People @-named in the text itself ("@张局长"), for messages whose mentions the chat app
 * did not resolve. Matches roster display names, longest first.
 */
export function textMentionIds(text: string, roster: Roster): string[] {
  const people = [...roster.people].sort((a, b) => b.name.length - a.name.length);
  const ids: string[] = [];
  const re = /@([^ @,，。:;；!！?？、]{1,16})/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const word = m[1] ?? '';
    const p = people.find((x) => word.startsWith(x.name));
    if (p !== undefined && !ids.includes(p.id)) ids.push(p.id);
  }
  return ids;
}

const JOIN = '(?: |、|\\/|和|与|及|以及|跟|同)';
/** A body outside the roster that may sit in a list of addressees (燃气公司, 督导专班). */
const BODY =
  '(?:(?![请由让叫要交转])[\\u4e00-\\u9fff]){1,10}?(?:公司|集团|中心|站|所|队|物业|医院|学校|银行|社区|村委会|' +
  '居委会|委员会|管委会|办公室|专班|督导组|督查组)';
const CONNECTOR = new RegExp(`^${JOIN}+(?:${BODY}${JOIN}+)?$`);
const COMMA_CONNECTOR = /^(?: |、|\/|,|，|和|与|及|以及|跟|同)+$/;
const BODY_BEFORE = new RegExp(`${BODY}${JOIN}+$`);
const BODY_AFTER = new RegExp(`^${JOIN}+${BODY}`);
const PREFIX_ADDRESS = new RegExp(
  '(?:(?:^|[^申提邀聘宴])请|要求|责成|由|交由|交给|转交|转|让|叫|会同|协同|联合|(?:牵头|配合|责任|承办|主办|' +
    '协办|主责)单位(?:为|是)?:?) ?$',
);
const SUFFIX_COLON = /^ ?(?:[\u4e00-\u9fff]{0,3}(?:局长|主任|镇长|科长|书记|同志|负责同志|负责人|们))? ?:/;
const SUFFIX_MODAL =
  // check-lines: long regex
  /^ ?(?:要(?!求)|务必|必须|须|需|应|立即|马上|尽快|即刻|火速|第一时间|迅速|抓紧|立刻|牵头|配合|负责|会同|协同|联合|共同|分别|限|切实|认真|进一步|加强|做好|今天|今日|今晚|明天|明日|明早|后天|本周|这周|下周|于|速|\d+个?(?:工作日|天|小时))/;

/** The unit at the start as the addressee, with or without its head named: "教育局孙局长，…", "城管局，…". */
const ADDRESS_COMMA = /^ ?(?:[\u4e00-\u9fff]{1,3}(?:局长|主任|镇长|科长|书记|同志|负责同志|负责人))? ?[，,]/;

function clauseStart(prefix: string): boolean {
  const p = prefix.replace(/ +$/, '');
  if (p === '') return true;
  if (/[，,。.！!？?；;:\n、]$/.test(p)) return true;
  if (/(?:并|同时|另外|此外|其中|另|再)$/.test(p)) return true;
  return /@[^@ ,，。:;；]{1,16}$/.test(p);
}

/** True when the text before any unit is only @-mentions and spaces. */
function atMessageStart(prefix: string): boolean {
  return /^(?: *@[^@ ,，。:;；]{1,16})* *$/.test(prefix);
}

/** Canonical names of the units the text addresses (not de-duplicated, in text order). */
export function textTargets(text: string, roster: Roster): Unit[] {
  const found = roster.findUnits(text);
  const out: Unit[] = [];
  let i = 0;
  while (i < found.length) {
    // A run of units joined by 、/和/与/及 (or by commas, when the run ends in a colon).
    const runEnd = (gap: RegExp, max: number): number => {
      let j = i;
      while (j + 1 < found.length && j - i < max) {
        const a = found[j]!;
        const b = found[j + 1]!;
        if (!gap.test(text.slice(a.index + a.text.length, b.index))) break;
        j++;
      }
      return j;
    };
    let j = runEnd(CONNECTOR, Number.POSITIVE_INFINITY);
    const jc = runEnd(COMMA_CONNECTOR, 24);
    if (jc > j) {
      const l = found[jc]!;
      const tail = text.slice(l.index + l.text.length, l.index + l.text.length + 24);
      if (SUFFIX_COLON.test(tail) && clauseStart(text.slice(Math.max(0, found[i]!.index - 24), found[i]!.index)))
        j = jc;
    }
    const first = found[i]!;
    const last = found[j]!;
    let prefix = text.slice(Math.max(0, first.index - 24), first.index);
    const bodyBefore = BODY_BEFORE.exec(prefix);
    if (bodyBefore !== null) prefix = prefix.slice(0, bodyBefore.index);
    let suffix = text.slice(last.index + last.text.length, last.index + last.text.length + 24);
    const bodyAfter = BODY_AFTER.exec(suffix);
    if (bodyAfter !== null) suffix = suffix.slice(bodyAfter[0].length);
    const addressed =
      PREFIX_ADDRESS.test(prefix) ||
      (clauseStart(prefix) && (SUFFIX_COLON.test(suffix) || SUFFIX_MODAL.test(suffix))) ||
      (bodyBefore === null &&
        first.index < 64 &&
        atMessageStart(text.slice(0, first.index)) &&
        ADDRESS_COMMA.test(suffix));
    if (addressed) for (let k = i; k <= j; k++) out.push(found[k]!.unit);
    i = j + 1;
  }
  return out;
}

/** Sorted, de-duplicated canonical names. */
export function canonicalNames(units: readonly Unit[]): string[] {
  return [...new Set(units.map((u) => u.name))].sort();
}

/** How a person is called in the chat: the roster name, and 王主任 for 王副主任 (addressing.ts). */
const TITLED = /^(.)(副)?(主任|局长|区长|书记|镇长|组长|部长|秘书长|处长|科长|队长|站长|所长|主席|委员)$/;
function callNames(name: string): string[] {
  const simple = toSimplified(name);
  const out = [simple];
  const m = TITLED.exec(simple);
  if (m?.[2]) out.push(`${m[1]}${m[3]}`);
  return out;
}

/** Where a name is spoken to: the message's start or a clause start (尤主任、朱主任：… included). */
const BEFORE_NAME = /(?:^|[，,。.！!？?；;\n、])[ ]*$/;
/** After a name spoken to: a colon, a comma, 、 (the next name) or a blank. Named elsewhere (请尤主任…) adds nobody. */
const AFTER_NAME = /^(?:[ ]*[:：，,、]|[ ]+\S)/;

const namesOf = new WeakMap<Roster, Map<string, Person[]>>();

/** A unit's people by the names they are called (once per roster); a name two units share is left out. */
function unitPeopleByName(roster: Roster): Map<string, Person[]> {
  const known = namesOf.get(roster);
  if (known !== undefined) return known;
  const byName = new Map<string, Person[]>();
  for (const p of roster.people) {
    if (p.unit === undefined) continue;
    for (const n of callNames(p.name)) byName.set(n, [...(byName.get(n) ?? []), p]);
  }
  for (const [name, people] of byName) if (new Set(people.map((p) => p.unit)).size !== 1) byName.delete(name);
  namesOf.set(roster, byName);
  return byName;
}

/**
 * People of a unit spoken to by name without @ ("张局长：明天上午给我个准信", "徐科长，…"): a
 * roster person with a unit whose name opens the message or a clause, followed by ：，、 or a
 * blank. A name merely mentioned (请尤主任…, 和张局长一起) adds nobody, as the contract says; a
 * name two units' people share is ambiguous and adds nobody.
 */
export function addressedPeople(text: string, roster: Roster): Person[] {
  const body = text.replace(/^(?: *@[^@ ,，。:;；]{1,16})* */, '');
  const offset = text.length - body.length;
  const out: Person[] = [];
  for (const [name, people] of unitPeopleByName(roster)) {
    for (let i = text.indexOf(name, offset); i >= 0; i = text.indexOf(name, i + 1)) {
      if (text[i - 1] === '@') continue;
      const before = text.slice(Math.max(offset, i - 6), i);
      const after = text.slice(i + name.length, i + name.length + 6);
      if ((i === offset || BEFORE_NAME.test(before)) && AFTER_NAME.test(after)) {
        for (const p of people) if (!out.includes(p)) out.push(p);
        break;
      }
    }
  }
  return out;
}
