/**
 * Runs `cli replay` as a user would (a child process, the real pipeline, a fresh Redis prefix)
 * on scenario lines, and reads what the bot sent. One runner for every replay test.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REDIS_URL, REPO, ROSTER_PATH } from './helpers.js';

export interface ReplayRun<L> {
  out: L[];
  stderr: string;
  status: number | null;
}

/** The scenario (JSONL text, or lines to write as JSONL) through `cli replay`; default the test roster. */
export function runReplay<L = Record<string, unknown>>(
  scenario: string | readonly object[],
  o: { config?: string; channel?: string } = {},
): ReplayRun<L> {
  const input = typeof scenario === 'string' ? scenario : `${scenario.map((l) => JSON.stringify(l)).join('\n')}\n`;
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO, 'src/cli/main.ts'),
      'replay',
      '--config',
      o.config ?? ROSTER_PATH,
      ...(o.channel ? ['--channel', o.channel] : []),
    ],
    {
      cwd: REPO,
      input,
      encoding: 'utf8',
      env: { ...process.env, REDIS_URL, LOG_LEVEL: 'silent' },
      timeout: 120_000,
    },
  );
  const out = r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as L);
  return { out, stderr: r.stderr, status: r.status };
}
