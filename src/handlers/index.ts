import type { MessageHandler } from './context.js';
import { helpHandler } from './help.js';
import { privateFallbackHandler } from './private-fallback.js';
import { reportHandler } from './report.js';

/** The message handlers, in the order the router offers them a message. */
export function messageHandlers(): MessageHandler[] {
  return [helpHandler, reportHandler, privateFallbackHandler];
}
