import type { App } from '../app.js';

/**
 * Waits until every queue is empty and nothing is in flight (or the timeout passes); true
 * when idle. Two idle readings in a row: a job may be handed from one queue to the next.
 */
export async function waitIdle(app: Pick<App, 'idle'>, timeoutMs = 30_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < end) {
    if (await app.idle()) {
      if (++quiet >= 2) return true;
    } else quiet = 0;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}
