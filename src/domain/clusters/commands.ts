/**
 * A supervisor dismisses a repeat warning: `忽略 C12`, `忽略C12`, `忽略预警 C12`, `C12 忽略`, with or without a remark
 * after a comma or a space (`忽略 C3，已核实为同一诉求`). The code is read in either case (c3 = C3).
 */
const VERB = '(?:忽略|不再预警)(?:预警|该预警|此预警)?';
const CODE = '[Cc]\\s?(\\d{1,8})';
/** The end of the command: nothing, closing punctuation, or a remark after a separator. */
const REST = '(?:[\\s，,。.；;：:！!]+.*)?';
const VERB_FIRST = new RegExp(`^${VERB}\\s*(?:预警\\s*)?${CODE}${REST}$`, 's');
const CODE_FIRST = new RegExp(`^(?:预警\\s*)?${CODE}\\s*[，,：:]?\\s*${VERB}${REST}$`, 's');

export function parseDismiss(text: string): string | null {
  const t = text.trim();
  const m = VERB_FIRST.exec(t) ?? CODE_FIRST.exec(t);
  return m?.[1] ? `C${m[1]}` : null;
}
