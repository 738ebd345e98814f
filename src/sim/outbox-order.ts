import type { App } from '../app.js';

/**
 * The purposes of the outbox's queued messages in the order they will be sent (the prioritized
 * set is ordered by lane, then by arrival): where an urgent message stands behind a flood.
 */
export async function outboxOrder(app: App): Promise<string[]> {
  const q = app.outbox.queue;
  const waiting = await q.getWaiting(0, -1);
  const prioritized = await q.getPrioritized(0, -1);
  return [...waiting, ...prioritized].map((j) => (j.data as { message: { purpose: string } }).message.purpose);
}

/** 1-based place of the first queued message whose purpose starts with `prefix`, or 0. */
export async function placeInOutbox(app: App, prefix: string): Promise<number> {
  return (await outboxOrder(app)).findIndex((p) => p.startsWith(prefix)) + 1;
}
