import { addDays } from '../domain/calendar.js';
import { mondayOf, weeklyDay } from '../domain/dual/periods.js';
import { countedDays } from '../domain/ranking.js';
import { unitName } from '../domain/roster.js';
import { campaignCardCaption } from '../domain/texts/campaign.js';
import * as T from '../domain/texts/dual.js';
import { localDay, localIso } from '../domain/time.js';
import { campaignCardFile } from '../render/campaign-card.js';
import { readDeployment } from '../store/deployment.js';
import { lateSides, reportsOfDays, weekRounds, weekTickets } from '../store/ranking.js';
import { claimStep } from '../store/steps.js';
import { weeklyCampaign } from '../usecases/campaign.js';
import type { AppContext } from '../usecases/context.js';
import { weeklyHotspotMessage } from '../usecases/hotspots.js';
import { toPerson } from '../usecases/send.js';
import { weeklyVisitsText } from '../usecases/visits.js';
import { workdayToday } from './gate.js';
import { dailyAt, type Routine } from './types.js';

/** The week's figures (Monday 00:00 up to now), for the leaders. */
export async function weeklyInput(ctx: AppContext, today: string): Promise<T.WeeklyInput> {
  const tz = ctx.config.timezone;
  const monday = mondayOf(today);
  const from = new Date(localIso(monday, 0, 0, tz));
  const now = ctx.clock.now();
  const tickets = await weekTickets(ctx.db, from, now);
  const name = (u: string) => unitName(ctx.roster, u);
  const byUnit = new Map<string, T.WeeklyUnitLine>();
  for (const t of tickets) {
    const l = byUnit.get(t.unitId) ?? { unitName: name(t.unitId), unsatisfied: 0, reopened: 0, closed: 0, open: [] };
    if (t.unsatisfied) l.unsatisfied++;
    if (t.reopened) l.reopened++;
    if (t.done) l.closed++;
    else l.open.push(t.number);
    byUnit.set(t.unitId, l);
  }
  // Working days of the week so far; today's report is due later, so only a late one counts today.
  const days: string[] = [];
  for (let d = monday; d <= today; d = addDays(d, 1)) if (ctx.calendar.isWorkday(d)) days.push(d);
  const reports = await reportsOfDays(ctx.db, days);
  const sides = await lateSides(ctx.db, from, now);
  // A day counts as missed only if its deadline passed while the bot was running for the
  // district, and for a unit only since it is on the roster (as in the 月评比).
  const dep = await readDeployment(ctx.db);
  const [dh, dm] = ctx.config.routines.reportDeadline.split(':').map(Number) as [number, number];
  const deadlineOf = (day: string) => new Date(localIso(day, dh, dm, tz));
  const running = countedDays(days, deadlineOf, dep.startedAt, now);
  const lateUnits = ctx.roster.units
    .map((u) => {
      const mine = reports.get(u.id) ?? new Map<string, boolean>();
      const since = dep.unitsSince.get(u.id);
      const owed = since ? countedDays(running, deadlineOf, since, now) : running;
      return {
        unitName: u.name,
        reportsLate: u.reports ? days.filter((d) => mine.get(d) === true).length : 0,
        reportsMissing: u.reports ? owed.filter((d) => d < today && !mine.has(d)).length : 0,
        sidesLate: sides.get(u.id) ?? 0,
      };
    })
    .filter((u) => u.reportsLate + u.reportsMissing + u.sidesLate > 0);
  const units = [...byUnit.values()];
  return {
    from: monday,
    to: today,
    units,
    total: {
      tickets: tickets.length,
      closed: tickets.filter((t) => t.done).length,
      open: tickets.filter((t) => !t.done).length,
    },
    rounds: await weekRounds(ctx.db, from, now),
    lateUnits,
  };
}

/**
 * 每周汇总 (Friday 17:00 by default; the last working day before it when Friday is a
 * holiday): the week's 不满意 and 重办 tickets by unit, closed and still open, the 双派单
 * rounds, the units late with reports or rounds, 四个必到 visits and 本周热点 (with its chart card
 * when something rose); to each leader point-to-point.
 */
export const weeklySummaryRoutine: Routine = {
  name: 'weekly-summary',
  patterns: (c) => [dailyAt(c.routines.weeklySummary)],
  async run(ctx) {
    const { run, day } = await workdayToday(ctx);
    if (!run || weeklyDay(day, ctx.config.routines.weeklySummaryWeekday, ctx.calendar) !== day) return;
    const w = await weeklyInput(ctx, day);
    const from = new Date(localIso(w.from, 0, 0, ctx.config.timezone));
    // 本周热点: a failure costs the summary only that section (logged).
    const hot = await weeklyHotspotMessage(ctx, day).catch((err) => {
      ctx.log.error({ err }, 'weekly-summary: hotspots not computed');
      return { text: '', card: undefined };
    });
    // 百日攻坚: the items' state and the week's gain, and the week's card.
    const campaign = await weeklyCampaign(ctx, w.from, day);
    const text =
      T.weeklySummaryText(w) +
      (await weeklyVisitsText(ctx, from, ctx.clock.now(), day)) +
      (hot.text ? `\n\n${hot.text}` : '') +
      campaign.text;
    const campaignFile = campaign.card ? await campaignCardFile(ctx, w.from, campaign.card) : undefined;
    for (const p of ctx.roster.withRole('leader')) {
      await ctx.send(toPerson(p.id, text, `weekly-summary:${w.from}:${p.id}`));
      if (hot.card)
        await ctx.send(
          toPerson(p.id, hot.card.caption, `weekly-summary:${w.from}:hotspots:${p.id}`, { file: hot.card.file }),
        );
      if (campaign.card && campaignFile)
        await ctx.send(
          toPerson(p.id, campaignCardCaption(campaign.card), `weekly-summary:${w.from}:campaign:${p.id}`, {
            file: campaignFile,
          }),
        );
    }
    await claimStep(ctx.db, `weekly-summary:${w.from}`, 'weekly-summary', ctx.clock.now(), day, {
      total: w.total,
      rounds: w.rounds,
      hotspots: hot.text !== '',
      hotspotCard: hot.card?.file.name ?? null,
    });
    ctx.log.info(
      { week: w.from, day: localDay(ctx.clock.now(), ctx.config.timezone), ...w.total },
      'weekly-summary sent',
    );
  },
};
