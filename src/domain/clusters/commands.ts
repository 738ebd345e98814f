/** `忽略 C12` (also 忽略C12, 忽略预警 C12): a supervisor dismisses a repeat warning. */
const DISMISS = /^(?:忽略|不再预警)(?:预警)?\s*(C\d{1,8})\s*[。.!！]?$/i;

export function parseDismiss(text: string): string | null {
  const m = DISMISS.exec(text.trim());
  return m?.[1] ? m[1].toUpperCase() : null;
}
