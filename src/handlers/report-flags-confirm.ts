import { plainWords } from '../domain/language/intent.js';
import { commandText } from '../domain/messages.js';
import { isFlagConfirmation } from '../domain/report/history.js';
import { unitName } from '../domain/roster.js';
import { historyFlagsConfirmedText } from '../domain/texts/report-corrections.js';
import { localDay } from '../domain/time.js';
import { confirmReportFlags, unconfirmedFlags } from '../store/reports.js';
import { sendAsLastStep, toPerson } from '../usecases/send.js';
import { unitWorkerHandler } from './types.js';

/**
 * 确认无误 / 核实无误 / 数据无误 from a head or liaison whose unit's report of the day has
 * figures the history checks questioned (请核实): they are confirmed, so the summary no longer
 * lists them under 需关注. Takes nothing when nothing waits to be confirmed.
 */
export const reportFlagsConfirmHandler = unitWorkerHandler(
  'report-flags-confirm',
  async (msg, sender, ctx) => {
    if (sender.unit === undefined || !isFlagConfirmation(plainWords(commandText(msg)))) return null;
    const day = localDay(msg.sentAt, ctx.config.timezone);
    return (await unconfirmedFlags(ctx.db, sender.unit, day)).length > 0 ? { unitId: sender.unit, day } : null;
  },
  async (d, msg, sender, ctx) => {
    await confirmReportFlags(ctx.db, d.unitId, d.day, ctx.clock.now());
    await sendAsLastStep(
      ctx,
      toPerson(
        sender.id,
        historyFlagsConfirmedText(unitName(ctx.roster, d.unitId), d.day),
        `report-flags-confirmed:${msg.id}`,
      ),
    );
  },
);
