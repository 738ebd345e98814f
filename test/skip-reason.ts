/**
 * No test is skipped silently: a suite or test that needs a part this machine lacks says why on
 * stderr (once, when the file is collected) and in its own name, which the report shows.
 * Use: `const why = missing(!existsSync(X), 'X is not installed: apt-get install x');`
 *      `describe.skipIf(why)(named('the suite', why), …)`.
 */
export function missing(isMissing: boolean, reason: string): string | false {
  if (!isMissing) return false;
  process.stderr.write(`[test skipped] ${reason}\n`);
  return reason;
}

/** The suite's name, with the reason appended when it is skipped. */
export function named(name: string, why: string | false): string {
  return why ? `${name} (SKIPPED: ${why})` : name;
}
