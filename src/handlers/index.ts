import type { MessageHandler } from './context.js';
import { consoleLinkHandler } from './console-link.js';
import { dispatchAnswerHandler } from './dispatch-answer.js';
import { dispatchCreateHandler } from './dispatch-create.js';
import { dispatchPrivateHandler } from './dispatch-private.js';
import { dispatchProgressHandler } from './dispatch-progress.js';
import { dualAnswerHandler } from './dual-answer.js';
import { helpHandler } from './help.js';
import { myItemsHandler } from './my-items.js';
import { privateFallbackHandler } from './private-fallback.js';
import { reportHandler } from './report.js';
import { reportAdoptHandler } from './report-adopt.js';
import { reportUnrecognisedHandler } from './report-unrecognised.js';
import { ticketApprovalHandler } from './ticket-approval.js';
import { ticketCommandsHandler } from './ticket-commands.js';
import { ticketImportHandler } from './ticket-import.js';

/** The message handlers, in the order the router offers them a message. */
export function messageHandlers(): MessageHandler[] {
  return [helpHandler, myItemsHandler, reportAdoptHandler, ticketImportHandler, ticketApprovalHandler, dualAnswerHandler, ticketCommandsHandler, dispatchProgressHandler, dispatchPrivateHandler, dispatchCreateHandler, dispatchAnswerHandler, reportHandler, reportUnrecognisedHandler, consoleLinkHandler, privateFallbackHandler];
}
