import type { Routine } from './types.js';

/** Every routine the bot knows, by name (the names replay's `run` lines use). */
export function routines(): Routine[] {
  return [];
}
