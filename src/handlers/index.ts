import type { MessageHandler } from './context.js';
import { dispatchAnswerHandler } from './dispatch-answer.js';
import { dispatchCreateHandler } from './dispatch-create.js';
import { dispatchPrivateHandler } from './dispatch-private.js';
import { dispatchProgressHandler } from './dispatch-progress.js';
import { helpHandler } from './help.js';
import { privateFallbackHandler } from './private-fallback.js';
import { reportHandler } from './report.js';

/** The message handlers, in the order the router offers them a message. */
export function messageHandlers(): MessageHandler[] {
  return [helpHandler, dispatchProgressHandler, dispatchPrivateHandler, dispatchCreateHandler, dispatchAnswerHandler, reportHandler, privateFallbackHandler];
}
