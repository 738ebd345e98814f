import type { Logger } from 'pino';
import type { IncomingMessage } from '../domain/messages.js';

/**
 * Hands a message to the inbound queue (`receive`), retrying while Redis is unavailable (about
 * ten minutes), so that a message received is not lost to a short outage. Throws after that.
 */
export async function receiveDurably(
  receive: (m: IncomingMessage) => Promise<void>,
  m: IncomingMessage,
  log: Logger,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await receive(m);
      return;
    } catch (err) {
      if (attempt >= 120) throw err;
      if (attempt === 1) log.warn({ id: m.id, err: (err as Error).message }, 'cannot queue message yet; retrying');
      await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 5_000)));
    }
  }
}
