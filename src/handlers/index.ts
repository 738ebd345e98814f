import type { IncomingMessage } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import type { AppContext } from '../usecases/context.js';
import { noteProlongedSaid } from '../usecases/visits.js';
import { answerClarifyHandler } from './answer-clarify.js';
import { answerHeldHandler } from './answer-held.js';
import { approvalBareHandler } from './approval-bare.js';
import { campaignProgressHandler } from './campaign-progress.js';
import { cardUnmatchedHandler } from './card-unmatched.js';
import { clusterDetailHandler } from './cluster-detail.js';
import { clusterDismissHandler } from './cluster-dismiss.js';
import { consoleLinkHandler } from './console-link.js';
import { consoleLinkGroupHandler } from './console-link-group.js';
import { dayStatementHandler } from './day-statement.js';
import { dispatchAnswerHandler } from './dispatch-answer.js';
import { dispatchCreateHandler } from './dispatch-create.js';
import { dispatchPrivateHandler } from './dispatch-private.js';
import { dispatchProgressHandler } from './dispatch-progress.js';
import { dualAnswerHandler } from './dual-answer.js';
import { greetingHandler } from './greeting.js';
import { groupAtFallbackHandler } from './group-at-fallback.js';
import { helpHandler } from './help.js';
import { leaderItemsHandler } from './leader-items.js';
import { myItemsHandler } from './my-items.js';
import { privateFallbackHandler } from './private-fallback.js';
import { reportHandler } from './report.js';
import { reportAckHandler } from './report-ack.js';
import { reportAdoptHandler } from './report-adopt.js';
import { reportFlagsConfirmHandler } from './report-flags-confirm.js';
import { reportRecallHandler } from './report-recall.js';
import { reportStatusQuestionHandler } from './report-status-question.js';
import { reportUnrecognisedHandler } from './report-unrecognised.js';
import { supervisorItemsHandler } from './supervisor-items.js';
import { ticketAckRemarkHandler } from './ticket-ack-remark.js';
import { ticketApprovalHandler } from './ticket-approval.js';
import { ticketCommandsHandler } from './ticket-commands.js';
import { ticketDoneAskHandler } from './ticket-done-ask.js';
import { ticketDoneConfirmHandler } from './ticket-done-confirm.js';
import { noteDoneMentions, ticketDoneMentionedHandler } from './ticket-done-mentioned.js';
import { ticketImportHandler } from './ticket-import.js';
import type { AnyMessageHandler } from './types.js';
import { unitAckHandler } from './unit-ack.js';
import { visitProlongedHandler } from './visit-prolonged.js';
import { visitRecordHandler } from './visit-record.js';

/**
 * The message handlers, in the order the router offers them a message. Commands (help, the
 * console link) come before anything that takes answers; answer-clarify asks about a unit's
 * private message nothing took while something waits for it, before the private fallback; the group
 * fallback (only where the bot sees group messages that @ it) is last.
 */
export function messageHandlers(): AnyMessageHandler[] {
  return [
    // A recall notice (撤回) has no text: nothing else reads it.
    reportRecallHandler,
    helpHandler,
    consoleLinkHandler,
    consoleLinkGroupHandler,
    myItemsHandler,
    leaderItemsHandler,
    supervisorItemsHandler,
    reportStatusQuestionHandler,
    visitRecordHandler,
    reportAdoptHandler,
    reportFlagsConfirmHandler,
    ticketImportHandler,
    clusterDismissHandler,
    clusterDetailHandler,
    ticketApprovalHandler,
    approvalBareHandler,
    ticketDoneConfirmHandler,
    answerHeldHandler,
    // 今日工单已全部办结: about the day's tickets, never an item's answer (before anything that takes answers).
    dayStatementHandler,
    unitAckHandler,
    dualAnswerHandler,
    ticketCommandsHandler,
    ticketAckRemarkHandler,
    ticketDoneAskHandler,
    dispatchProgressHandler,
    dispatchPrivateHandler,
    dispatchCreateHandler,
    dispatchAnswerHandler,
    cardUnmatchedHandler,
    reportHandler,
    // 百日攻坚 figures of a lead unit outside a daily report (a report's own are taken with it).
    campaignProgressHandler,
    ticketDoneMentionedHandler,
    visitProlongedHandler,
    reportUnrecognisedHandler,
    answerClarifyHandler,
    // A bare 收到 to the bot that nothing took: the day report's deadline; a greeting to it: a short answer.
    reportAckHandler,
    greetingHandler,
    privateFallbackHandler,
    // Where the bot sees only @-messages, a group message nothing took was addressed to it: answered too.
    groupAtFallbackHandler,
  ];
}

/**
 * Runs after whichever handler took a message: tickets it also says are done are recorded, and tickets the unit says
 * cannot be solved soon open a 四个必到 visit.
 */
export async function afterHandled(
  taken: string,
  msg: IncomingMessage,
  sender: Person,
  ctx: AppContext,
): Promise<void> {
  await noteDoneMentions(taken, msg, sender, ctx);
  if (!['visit-record', 'visit-prolonged', 'ignored-stranger'].includes(taken))
    await noteProlongedSaid(msg, sender, ctx);
}
