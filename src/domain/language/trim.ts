/**
 * Linear-time trimming of a run of characters at the end of a text. `s.replace(/[…]+$/, '')`
 * is quadratic in V8 on a long run that does not reach the end (受理 + 20,000 spaces + 12件: the
 * engine starts a match at every character of the run and scans it to its end each time),
 * so any trailing run is cut here instead, scanning backwards once. Pure.
 */

/**
 * `s` without the run of characters at its end that each match `cls` (a one-character class
 * such as /[\s。！]/u); the same as `s.replace(/cls+$/u, '')`, in linear time.
 */
export function trimEndOf(s: string, cls: RegExp): string {
  let i = s.length;
  while (i > 0) {
    let j = i - 1;
    const c = s.charCodeAt(j);
    if (c >= 0xdc00 && c <= 0xdfff && j > 0) {
      const h = s.charCodeAt(j - 1);
      if (h >= 0xd800 && h <= 0xdbff) j--;
    }
    if (!cls.test(s.slice(j, i))) break;
    i = j;
  }
  return i === s.length ? s : s.slice(0, i);
}

/** `s` without the run of characters at its start that each match `cls` (linear, like `s.replace(/^cls+/u, '')`). */
export function trimStartOf(s: string, cls: RegExp): string {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const w = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
    if (!cls.test(s.slice(i, i + w))) break;
    i += w;
  }
  return i === 0 ? s : s.slice(i);
}

/** Both ends (see trimEndOf). */
export function trimEdgesOf(s: string, cls: RegExp): string {
  return trimEndOf(trimStartOf(s, cls), cls);
}

/**
 * Runs of spaces and tabs cut to at most `max` (2 keeps the gap of an aligned table), runs of
 * blank lines to one empty line. Bounds every later whitespace scan, so no pattern can go
 * quadratic on a long run. Linear.
 */
export function collapseWhitespace(s: string, max = 2): string {
  if (!/[ \t]{3}|\n[ \t]*\n[ \t]*\n/.test(s)) return s;
  const sp = ' '.repeat(max);
  return s.replace(/[ \t]+/g, (run) => (run.length <= max ? run : sp)).replace(/\n(?:[ \t]*\n){2,}/g, '\n\n');
}
