import { historyFlags } from '../domain/report/history.js';
import { changesBetween, foldVersions } from '../domain/report/merge.js';
import { unitName } from '../domain/roster.js';
import { campaignWithdrawnText } from '../domain/texts/campaign.js';
import {
  describeChange,
  historyFlagText,
  lateCorrectionNoteText,
  reportWithdrawnText,
} from '../domain/texts/report-corrections.js';
import { progressOfMessage, withdrawProgress } from '../store/campaign.js';
import { reportContext, reportVersions, versionOfMessage, withdrawVersion } from '../store/reports.js';
import { campaignItemsOf } from '../usecases/campaign.js';
import type { AppContext } from '../usecases/context.js';
import { sendAsLastStep, toPerson } from '../usecases/send.js';
import { historyDays, summaryRecipients } from './report-save.js';
import type { MessageHandler } from './types.js';

/**
 * 撤回 (the chat's recall) of a message: when it made a version of a unit's daily report, that
 * version is withdrawn and the report stands as the other versions make it (the previous one,
 * or none); the one who withdrew it is told. Takes every recall notice (it has no text for
 * anyone else); a recall of anything else changes nothing here.
 */
export const reportRecallHandler: MessageHandler = {
  name: 'report-recall',
  matches: (msg) => msg.kind === 'recall',
  async handle(_, msg, sender, ctx) {
    if (!msg.recalledId) return;
    const v = await versionOfMessage(ctx.db, msg.recalledId);
    // 百日攻坚 figures the message gave no longer count either; told apart only when it was no report.
    const campaign = await withdrawCampaign(ctx, msg.recalledId, sender.id);
    if (campaign !== null && !v) {
      await sendAsLastStep(ctx, toPerson(sender.id, campaign, `campaign-withdrawn:${msg.id}`));
      return;
    }
    // Only its sender can withdraw a message in the chat; anything else is not this recall.
    if (!v || v.withdrawn || v.senderId !== sender.id) return;
    const all = await reportVersions(ctx.db, v.unitId, v.day);
    const before = foldVersions(all);
    const rest = all.map((x) => ({ ...x, withdrawn: x.withdrawn || x.messageId === v.messageId }));
    const figures = foldVersions(rest);
    const last = [...rest].reverse().find((x) => !x.withdrawn);
    const cur = await reportContext(ctx.db, {
      unitId: v.unitId,
      day: v.day,
      historyDays: historyDays(ctx, v.day),
      summaryStepKey: `daily-summary:${v.day}`,
    });
    const standing =
      figures && last
        ? {
            figures,
            version: last.version,
            messageId: last.messageId,
            senderId: last.senderId,
            receivedAt: last.receivedAt,
            flags: historyFlags(figures, cur.history, ctx.config.reports.historyChecks).map(historyFlagText),
          }
        : null;
    if (!(await withdrawVersion(ctx.db, v.messageId, ctx.clock.now(), standing))) return;
    ctx.log.info(
      { id: msg.id, recalled: v.messageId, unit: v.unitId, day: v.day, version: v.version },
      'report version withdrawn (撤回)',
    );
    const unit = unitName(ctx.roster, v.unitId);
    await sendAsLastStep(
      ctx,
      toPerson(
        sender.id,
        reportWithdrawnText(unit, v.day, v.version, standing?.figures ?? null),
        `report-withdrawn:${msg.id}`,
      ),
    );
    // The summary went out with other figures: whoever got it is told, as for a late correction.
    const changes = figures ? changesBetween(before, figures).map(describeChange) : [];
    if (figures && changes.length > 0 && ctx.config.reports.lateCorrection === 'note' && cur.summarySent) {
      const note = lateCorrectionNoteText(unit, v.day, changes, figures);
      for (const to of summaryRecipients(ctx))
        await sendAsLastStep(ctx, {
          to,
          text: note,
          mentions: [],
          purpose: `report-late-correction:${msg.id}:${to.kind === 'person' ? to.id : 'group'}`,
        });
    }
  },
};

/** Withdraws the campaign figures a message gave (its sender's only); the text telling so, or null when none. */
async function withdrawCampaign(ctx: AppContext, messageId: string, senderId: string): Promise<string | null> {
  const rows = (await progressOfMessage(ctx.db, messageId)).filter((r) => !r.withdrawn && r.senderId === senderId);
  const first = rows[0];
  if (first === undefined || !(await withdrawProgress(ctx.db, messageId, ctx.clock.now()))) return null;
  const names = rows.map((r) => campaignItemsOf(ctx).find((i) => i.id === r.itemId)?.name ?? r.itemId);
  ctx.log.info({ recalled: messageId, items: rows.map((r) => r.itemId) }, 'campaign progress withdrawn (撤回)');
  return campaignWithdrawnText(unitName(ctx.roster, first.unitId), first.day, ctx.config.campaign.name, names);
}
