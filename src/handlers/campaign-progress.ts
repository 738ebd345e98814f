import type { CampaignReading } from '../domain/campaign/read.js';
import { isUnitWorker, type Unit } from '../domain/roster.js';
import { campaignReceivedText } from '../domain/texts/campaign.js';
import { localDay } from '../domain/time.js';
import { readCampaignOf, recordCampaign } from '../usecases/campaign.js';
import { sendAsLastStep, toPerson } from '../usecases/send.js';
import { parsedReport } from './report-parse.js';
import type { MessageHandler } from './types.js';

/** Words saying an earlier figure was wrong (更正, 应为 …): the confirmation says 已更正; 补充 / 另外 add, not fix. */
const FIXED = /更正|改正|纠正|修正|订正|改为|改成|应为|应是|应该是|有误|报错|写错|填错|打错|搞错|错了/;

interface Decision {
  unit: Unit;
  day: string;
  reading: CampaignReading;
}

/**
 * 百日攻坚: a lead unit's head or liaison giving campaign figures in a message that is not a daily report
 * (百日攻坚：加装电梯累计21部, 更正：加装电梯累计21部, progress sent apart from the hotline figures). Stored for the
 * day the message is about (as a report's date) and confirmed point-to-point, with any question about a
 * cumulative figure. A daily report's campaign part is taken with the report (report-save.ts).
 */
export const campaignProgressHandler: MessageHandler<Decision> = {
  name: 'campaign-progress',
  matches(msg, sender, ctx, readings) {
    if (!isUnitWorker(sender) || msg.kind === 'recall') return null;
    const unit = ctx.roster.unitOf(sender.id);
    if (unit === undefined) return null;
    const p = readings.of(parsedReport);
    if (p?.parse.isReport || p?.never) return null;
    const reading = readCampaignOf(ctx, unit.id, msg.text);
    if (reading === null) return null;
    return { unit, day: p?.parse.date ?? localDay(msg.sentAt, ctx.config.timezone), reading };
  },
  async handle(d, msg, sender, ctx) {
    const rec = await recordCampaign(
      ctx,
      { unit: d.unit, day: d.day, text: msg.text, messageId: msg.id, senderId: sender.id, sentAt: msg.sentAt },
      d.reading,
    );
    if (rec === null) return;
    const text = campaignReceivedText(
      d.unit.name,
      d.day,
      ctx.config.campaign.name,
      rec.parts,
      rec.questions,
      FIXED.test(msg.text),
    );
    await sendAsLastStep(ctx, toPerson(sender.id, text, `campaign-confirm:${msg.id}`));
  },
};
