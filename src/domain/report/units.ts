/**
 * Unit mentions in a report: which one is the reporter (header, body or signature) and which
 * are partners or instructors (会同城管局, 按照区住建局部署, 配合…). Pure.
 */
import type { Roster, Unit } from '../roster.js';

export interface UnitMention {
  unit: Unit;
  index: number;
  end: number;
  partner: boolean;
}

/** Words right before a unit that make it a partner, instructor or addressee, not the reporter. */
const PARTNER_BEFORE =
  // check-lines: long regex
  /(?:会同|联合|协同|配合|协助|协调|按照|根据|依据|遵照|依照|按|与|同|跟|向|给|报请|提请|转|转交|转至|转送|转给|移交|移交至|移送|交由|交给|交|由|请|邀请|督促|指导|会商|对接|联系|提醒|通知|函告|抄送|致|对|陪同|随同|经|会|和|及|至|到|请求|商请|推送|反馈给|反馈|告知|支持|帮助|为|对接了|联系了|会同了|配合了|在)\s*$/;
/** Words right after a unit that make it an instructor or source (区住建局部署, 城管局转来). */
const PARTNER_AFTER =
  /^\s*(?:部署|要求|指导|指示|安排|督办|通知|转来|移交|交办的|派来|牵头的|的要求|的部署|的指导|等部门|等单位)/;

export function unitMentions(text: string, roster: Roster): UnitMention[] {
  const found = roster.findUnits(text);
  const out: UnitMention[] = [];
  let prev: UnitMention | null = null;
  for (const f of found) {
    const end = f.index + f.text.length;
    let k = f.index;
    // Look back within the clause, up to 6 characters.
    while (k > 0 && f.index - k < 6 && !/[，,。；;\n！!？?：:【】（）()]/.test(text[k - 1] as string)) k--;
    const before = text.slice(k, f.index);
    const after = text.slice(end, end + 6);
    let partner: boolean;
    const chained = prev !== null && f.index - prev.end <= 1 && /^[、和及与]?$/.test(text.slice(prev.end, f.index));
    if (chained && prev !== null) partner = prev.partner || PARTNER_AFTER.test(after);
    else partner = PARTNER_BEFORE.test(before) || PARTNER_AFTER.test(after);
    const m: UnitMention = { unit: f.unit, index: f.index, end, partner };
    out.push(m);
    prev = m;
  }
  // A chain's members share the status of its last one when that one has an instructor word after it
  // (住建局、城管局联合检查): mark backwards.
  for (let i = out.length - 1; i > 0; i--) {
    const cur = out[i] as UnitMention;
    const before = out[i - 1] as UnitMention;
    if (
      cur.partner &&
      !before.partner &&
      cur.index - before.end <= 1 &&
      /^[、和及与]$/.test(text.slice(before.end, cur.index))
    ) {
      if (PARTNER_AFTER.test(text.slice(cur.end, cur.end + 6))) before.partner = true;
    }
  }
  return out;
}

/** The reporting unit: the first non-partner mention (header or body), else a closing signature. */
export function reportingUnit(mentions: readonly UnitMention[]): Unit | null {
  for (const m of mentions) if (!m.partner) return m.unit;
  return null;
}
