/** "采用" / "确认代报" / "同意采用": a head adopting a 代报 offered to the unit. Pure. */

import { stripDecorations } from '../language/decorations.js';
import { trimEndOf } from '../language/trim.js';

const ADOPT =
  // check-lines: long regex
  /^(?:好的?|可以|行|嗯)?[，,\s]*(?:确认|同意)?(?:采用|采纳|代报)(?:代报|该?日报|数据|代报数据|代报的?日报)?(?:无误)?$|^确认(?:无误)?[，,\s]*采用$|^确认代报$/;

export function isAdoptReply(text: string): boolean {
  const t = stripDecorations(text, ' ').replace(/^(?:\s*@[^\s\u2005@]+[\s\u2005]*)+/, '');
  const t2 = trimEndOf(t, /[\s。.!！~～]/).trim();
  return t2.length <= 16 && ADOPT.test(t2);
}
