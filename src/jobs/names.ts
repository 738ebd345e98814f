import { createHash } from 'node:crypto';

/** One queue per concern. */
export const QUEUES = {
  inbound: 'inbound',
  outbox: 'outbox',
  routines: 'routines',
  dual: 'dual',
} as const;

/** A BullMQ-safe job id from any key (no ':' allowed in custom ids). */
export function jobIdFor(kind: string, key: string): string {
  const safe = key.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80);
  const h = createHash('sha1').update(key).digest('hex').slice(0, 12);
  return `${kind}-${safe}-${h}`;
}
