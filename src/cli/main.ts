/**
 * Command-line entry: `npm run -s cli -- <command> [args]`.
 * Each command lives in its own module and is loaded only when asked for, so that
 * the fast commands (the parsers) start fast.
 */
const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  'parse-report': () => import('./parse-report.js'),
  'parse-dispatch': () => import('./parse-dispatch.js'),
  replay: () => import('./replay.js'),
  'import-tickets': () => import('./import-tickets.js'),
  simulate: () => import('./simulate.js'),
};

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const load = name === undefined ? undefined : commands[name];
  if (load === undefined) {
    process.stderr.write(`usage: npm run -s cli -- <${Object.keys(commands).join('|')}> [options]\n`);
    process.exitCode = 2;
    return;
  }
  const mod = await load();
  const code = await mod.run(rest);
  // Libraries (Wechaty, PGlite) may keep timers alive: exit once stdout is flushed.
  process.stdout.write('', () => process.exit(code));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
