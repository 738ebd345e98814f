import type { Person } from '../../domain/roster.js';
import * as T from '../../domain/texts/tickets.js';
import { endOfDay } from '../../domain/tickets/deadline.js';
import { classify, cutDigest, digestsByUnit, inQuietHours, type LadderStep, type NagItem, nagCounts, nagCycle, nextStep } from '../../domain/tickets/digest.js';
import { localDay } from '../../domain/time.js';
import { claimDigests, recordSteps, type StepRecord, stepKey, takenSteps } from '../../store/ticket-nag.js';
import { openTicketsToNag } from '../../store/tickets.js';
import type { HandlerContext } from '../context.js';
import { dailyAt, type Routine } from './types.js';

export interface NagResult {
  cycle: string;
  skipped?: 'not-a-workday' | 'quiet-hours';
  units: number;
  messages: number;
  steps: Record<LadderStep, number>;
}

/** Who a unit's messages go to: its heads, else its liaisons. */
function unitContacts(ctx: HandlerContext, unitId: string): Person[] {
  const heads = ctx.roster.headsOf(unitId);
  return heads.length > 0 ? heads : ctx.roster.contactsOf(unitId, ['liaison']);
}

/**
 * One scan of the stored tickets against the clock: 即时督办 (one group message naming every
 * unit concerned, and each unit's overdue, due-today and reopened tickets privately), then the
 * ladder's later steps — 书面督办 to the head, 现场督办 to the supervision team, 提请督办 to the
 * leaders — each recorded once per ticket and deadline; tickets the unit reported done wait for
 * the platform, listed but not escalated. Working days only, never in quiet hours; a second run
 * in the same cycle sends nothing new.
 */
export async function runTicketNag(ctx: HandlerContext): Promise<NagResult> {
  const { config, calendar, clock, db, roster } = ctx;
  const tz = config.timezone;
  const now = clock.now();
  const today = localDay(now, tz);
  const cycle = nagCycle(now, config.routines.ticketNag, tz);
  const result: NagResult = { cycle, units: 0, messages: 0, steps: { immediate: 0, written: 0, onsite: 0, referral: 0 } };
  if (!calendar.isWorkday(today)) return { ...result, skipped: 'not-a-workday' };
  if (inQuietHours(now, config.quietHours, tz)) return { ...result, skipped: 'quiet-hours' };
  const tc = config.tickets;

  const items = classify(await openTicketsToNag(db, endOfDay(today, tz)), now, calendar, tz);
  const byUnit = digestsByUnit(items);
  const contacts = new Map([...byUnit.keys()].map((u) => [u, unitContacts(ctx, u).map((p) => p.id)]));
  const claimed = await claimDigests(
    db,
    cycle,
    [...byUnit.entries()].map(([u, l]) => ({ unit_id: u, numbers: l.map((i) => i.number), recipients: contacts.get(u) ?? [] })),
    now,
  );
  const mine = [...byUnit.entries()].filter(([u]) => claimed.has(u));
  const overdue = mine.flatMap(([, l]) => l.filter((i) => i.daysOverdue >= 0));
  const taken = await takenSteps(db, overdue);
  const supervisors = roster.withRole('supervisor').map((p) => p.id);
  const leaders = roster.withRole('leader').map((p) => p.id);
  const recipientsOf = (step: LadderStep, unitId: string): string[] =>
    step === 'onsite' ? supervisors : step === 'referral' ? leaders : step === 'written' ? (contacts.get(unitId) ?? []) : tc.nagTo === 'group' ? ['group', ...(contacts.get(unitId) ?? [])] : (contacts.get(unitId) ?? []);
  const planned: StepRecord[] = [];
  for (const i of overdue) {
    // Reported done by the unit: listed (marked) while the platform confirms, not escalated.
    if (i.reportedDone) continue;
    const step = nextStep(i.daysOverdue, tc.ladder, taken.get(stepKey(i.number, i.dueAt)) ?? new Map(), today);
    if (step) planned.push({ ticket_number: i.number, due_at: i.dueAt, step, unit_id: i.unitId, days_overdue: i.daysOverdue, recipients: recipientsOf(step, i.unitId) });
  }
  const recorded = await recordSteps(db, planned, today, cycle, now);
  const stepOf = new Map<string, LadderStep>();
  for (const p of planned) if (recorded.has(`${p.ticket_number}|${p.step}`)) {
    stepOf.set(p.ticket_number, p.step);
    result.steps[p.step]++;
  }

  const send = async (m: Parameters<HandlerContext['send']>[0]) => {
    await ctx.send(m);
    result.messages++;
  };
  const unitName = (u: string) => roster.unit(u)?.name ?? u;
  // nagTo 'group': ONE group message naming every unit concerned (its people @-mentioned), each
  // unit's list privately to its people; a unit with nobody to write to gets its list in the group.
  // nagTo 'head': the lists privately only.
  if (tc.nagTo === 'group' && mine.length > 0) {
    const lines = mine.map(([u, l]) => ({ unitName: unitName(u), people: (contacts.get(u) ?? []).map((id) => roster.person(id)?.name ?? id), counts: nagCounts(l) }));
    const mentions = [...new Set(mine.flatMap(([u]) => contacts.get(u) ?? []))];
    await send({ to: { kind: 'group' }, text: T.nagGroupDigest(now, tz, lines), mentions, purpose: `ticket-nag:${cycle}:group:${mine.map(([u]) => u).join(',')}` });
  }
  for (const [u, list] of mine) {
    result.units++;
    const { shown, more } = cutDigest(list, tc.digestMaxItems);
    const text = T.nagDigest(unitName(u), now, tz, shown, more, list);
    const ids = contacts.get(u) ?? [];
    if (ids.length > 0) {
      for (const id of ids) await send({ to: { kind: 'person', id }, text, mentions: [], purpose: `ticket-nag:${cycle}:${u}:${id}` });
    } else {
      await send({ to: { kind: 'group' }, text, mentions: [], purpose: `ticket-nag:${cycle}:${u}` });
    }
    const written = list.filter((i) => stepOf.get(i.number) === 'written');
    if (written.length > 0) {
      const wText = T.writtenNotice(unitName(u), written, tc.digestMaxItems);
      if (ids.length === 0) await send({ to: { kind: 'group' }, text: wText, mentions: [], purpose: `ticket-written:${cycle}:${u}` });
      for (const id of ids) await send({ to: { kind: 'person', id }, text: wText, mentions: [], purpose: `ticket-written:${cycle}:${u}:${id}` });
    }
  }
  const grouped = (step: LadderStep): T.UnitItems[] =>
    mine
      .map(([u, l]) => ({ unitName: unitName(u), items: l.filter((i: NagItem) => stepOf.get(i.number) === step) }))
      .filter((g) => g.items.length > 0);
  const onsite = grouped('onsite');
  if (onsite.length > 0) {
    const text = T.onSiteRequest(onsite, tc.digestMaxItems);
    for (const id of supervisors) await send({ to: { kind: 'person', id }, text, mentions: [], purpose: `ticket-onsite:${cycle}:${id}` });
  }
  const referral = grouped('referral');
  if (referral.length > 0) {
    const text = T.referralNotice(referral, tc.digestMaxItems);
    for (const id of leaders) await send({ to: { kind: 'person', id }, text, mentions: [], purpose: `ticket-referral:${cycle}:${id}` });
  }
  ctx.log.info({ cycle, units: result.units, messages: result.messages, steps: result.steps }, 'ticket-nag done');
  return result;
}

export const ticketNagRoutine: Routine = {
  name: 'ticket-nag',
  patterns: (config) => config.routines.ticketNag.map(dailyAt),
  run: async (ctx) => {
    await runTicketNag(ctx);
  },
};
