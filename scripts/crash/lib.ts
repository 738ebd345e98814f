/** The parent's side of a bot child process (scripts/crash/bot-proc.ts) and the log readers. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { exited, killGroup, waitUntil } from './services.js';

const REPO = join(import.meta.dirname, '../..');

export interface Sent {
  to: string;
  text: string;
  mentions: string[];
  pid: number;
  t: number;
}

export function readJsonl<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  const out: T[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // a line cut by kill -9 mid-write (appendFileSync writes whole lines; kept for safety)
    }
  }
  return out;
}

export class BotProc {
  private child: ChildProcess | undefined;
  private lines: Array<Record<string, unknown>> = [];
  stderr = '';

  constructor(
    readonly env: Record<string, string>,
    readonly logDir: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts a bot process and waits for it to be ready (logged in, group found). */
  async start(timeoutMs = 60_000): Promise<number> {
    const t0 = Date.now();
    this.lines = [];
    this.stderr = '';
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/crash/bot-proc.ts')], {
      cwd: REPO,
      env: { ...process.env, ...this.env, LOG_DIR: this.logDir },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (l) => {
      try {
        this.lines.push(JSON.parse(l) as Record<string, unknown>);
      } catch {
        // not ours
      }
    });
    child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4_000);
    });
    await waitUntil(
      'bot ready',
      () => {
        if (child.exitCode !== null) throw new Error(`bot exited early (${child.exitCode}): ${this.stderr}`);
        return this.lines.some((l) => l.ready === true);
      },
      timeoutMs,
    );
    return Date.now() - t0;
  }

  send(cmd: Record<string, unknown>): void {
    this.child?.stdin?.write(`${JSON.stringify(cmd)}\n`);
  }

  /** Sends a command and waits for the answer line that has `key`. */
  async ask(cmd: Record<string, unknown>, key: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    const from = this.lines.length;
    this.send(cmd);
    let found: Record<string, unknown> | undefined;
    await waitUntil(
      `answer "${key}"`,
      () => {
        const err = this.lines.slice(from).find((l) => 'error' in l);
        if (err) throw new Error(`bot: ${String(err.error)}`);
        found = this.lines.slice(from).find((l) => key in l);
        return found !== undefined;
      },
      timeoutMs,
      10,
    );
    return found as Record<string, unknown>;
  }

  /** Waits for the process to end by itself (e.g. it killed itself on purpose). */
  async waitExit(timeoutMs = 60_000): Promise<void> {
    const c = this.child;
    if (!c) return;
    await Promise.race([
      exited(c),
      new Promise((_, rej) => setTimeout(() => rej(new Error('bot did not exit')), timeoutMs)),
    ]);
    killGroup(c, 'SIGKILL');
    this.child = undefined;
  }

  async kill9(): Promise<void> {
    const c = this.child;
    if (!c) return;
    killGroup(c, 'SIGKILL');
    await exited(c);
    this.child = undefined;
  }

  /** Graceful stop (app.stop), then the group is killed anyway. */
  async stop(): Promise<void> {
    const c = this.child;
    if (!c) return;
    if (c.exitCode === null) {
      this.send({ cmd: 'stop' });
      await Promise.race([exited(c), new Promise((r) => setTimeout(r, 20_000))]);
    }
    killGroup(c, 'SIGKILL');
    await exited(c);
    this.child = undefined;
  }

  received(): string[] {
    return readJsonl<{ id: string }>(join(this.logDir, 'received.jsonl')).map((r) => r.id);
  }

  sent(): Sent[] {
    return readJsonl<Sent>(join(this.logDir, 'sent.jsonl'));
  }

  botLog(): string {
    const p = join(this.logDir, 'bot.log');
    return existsSync(p) ? readFileSync(p, 'utf8') : '';
  }
}

/** How many sends repeat an earlier one (same recipient and text). */
export function duplicates(sent: Sent[]): number {
  const seen = new Map<string, number>();
  for (const s of sent) seen.set(`${s.to}\u0000${s.text}`, (seen.get(`${s.to}\u0000${s.text}`) ?? 0) + 1);
  let d = 0;
  for (const n of seen.values()) d += n - 1;
  return d;
}
