import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Time from process start to the bot's "ready" (simulator, PGlite data folder), and the
 * process's RSS when idle right after. The first run creates the folder; the others reopen it.
 */
export async function measureStart(repo: string, runs = 3): Promise<{ firstMs: number; reopenMs: number[]; idleRssMb: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-start-'));
  const times: number[] = [];
  let idleRssMb = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: repo,
      env: { ...process.env, SIMULATOR: 'true', DATA_DIR: dataDir, LOG_LEVEL: 'info', HTTP_PORT: '0', QUEUE_PREFIX: `duban-bench-start-${process.pid}` },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const ms = await new Promise<number>((resolve, reject) => {
      let buf = '';
      child.stderr.on('data', (d: Buffer) => {
        buf += d.toString();
        if (buf.includes('"msg":"ready"')) resolve(performance.now() - t0);
      });
      child.on('exit', (code) => reject(new Error(`bot exited (${code}) before ready:\n${buf.slice(-2000)}`)));
    });
    times.push(ms);
    await new Promise((r) => setTimeout(r, 1_000));
    if (child.pid) {
      const { readFileSync } = await import('node:fs');
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      idleRssMb = Math.round(Number(m?.[1] ?? 0) / 1024);
    }
    child.removeAllListeners('exit');
    const exited = new Promise((r) => child.once('exit', r));
    child.stdin.end();
    await exited;
  }
  return { firstMs: times[0] ?? 0, reopenMs: times.slice(1), idleRssMb };
}
