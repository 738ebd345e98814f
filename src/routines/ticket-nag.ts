import type { OutgoingMessage } from '../domain/messages.js';
import { idsWithRole, type Person, personName, responsibleFor, unitName } from '../domain/roster.js';
import { type CardMeaning, signCard } from '../domain/sign-card.js';
import { CARD_TITLES } from '../domain/texts/card-press.js';
import * as T from '../domain/texts/tickets.js';
import { blueWindowEnd, COLOUR_ORDER, type Colour, colourOf, redThresholds } from '../domain/tickets/colour.js';
import { endOfDay } from '../domain/tickets/deadline.js';
import {
  classify,
  cutDigest,
  digestsByUnit,
  inQuietHours,
  type LadderStep,
  type NagItem,
  nagCounts,
  nagCycle,
  nextStep,
} from '../domain/tickets/digest.js';
import { localDay } from '../domain/time.js';
import { claimStep } from '../store/steps.js';
import { claimDigests, lastAcks, recordSteps, type StepRecord, stepKey, takenSteps } from '../store/ticket-nag.js';
import { openTicketsDueBetween, openTicketsToNag } from '../store/tickets.js';
import { type AppContext, wordingOf } from '../usecases/context.js';
import { noticeFile } from '../usecases/notices.js';
import { type MessageExtras, toGroup, toPerson } from '../usecases/send.js';
import { dailyAt, type Routine } from './types.js';

export interface NagResult {
  cycle: string;
  skipped?: 'not-a-workday' | 'quiet-hours';
  units: number;
  messages: number;
  steps: Record<LadderStep, number>;
  /** Tickets told their 蓝色提醒 in this run. */
  blue: number;
}

/** The most urgent colour of a list (red over yellow over blue), null when none has one. */
function worst(items: ReadonlyArray<{ colour?: Colour | null }>): Colour | null {
  let best = -1;
  for (const i of items) if (i.colour) best = Math.max(best, COLOUR_ORDER.indexOf(i.colour));
  return best < 0 ? null : (COLOUR_ORDER[best] ?? null);
}

/**
 * A unit's message: to each of its contacts privately (purpose `base:<id>`), or, with no one to
 * write to, once in the group (purpose `base`); `extras` gives each its card or file.
 */
function toUnit(
  ids: readonly string[],
  text: string,
  base: string,
  extras: (purpose: string) => MessageExtras = () => ({}),
): OutgoingMessage[] {
  if (ids.length === 0) return [toGroup(text, base, [], extras(base))];
  return ids.map((id) => toPerson(id, text, `${base}:${id}`, extras(`${base}:${id}`)));
}

/** Who a unit's messages go to: its heads, else its liaisons. */
function unitContacts(ctx: AppContext, unitId: string): Person[] {
  return responsibleFor(ctx.roster, unitId);
}

/**
 * One scan of the stored tickets against the clock: 即时督办 (one group message naming every
 * unit with tickets still to handle, and each unit's overdue, due-today and reopened tickets
 * privately), then the ladder's later steps — 书面督办 to the head, 现场督办 to the supervision team, 提请督办 to the
 * leaders — each recorded once per ticket and deadline; tickets the unit reported done wait for
 * the platform, listed but not escalated. A unit gets one message per ticket per cycle: a ticket
 * at its 书面督办 is in that notice only (with the unit's last 签收 noted). Working days only, never in quiet hours; a
 * second run in the same cycle sends nothing new.
 */
export async function runTicketNag(ctx: AppContext): Promise<NagResult> {
  const { config, calendar, clock, db, roster } = ctx;
  const tz = config.timezone;
  const now = clock.now();
  const today = localDay(now, tz);
  const cycle = nagCycle(now, config.routines.ticketNag, tz);
  const result: NagResult = {
    cycle,
    units: 0,
    messages: 0,
    steps: { immediate: 0, written: 0, onsite: 0, referral: 0 },
    blue: 0,
  };
  if (!calendar.isWorkday(today)) return { ...result, skipped: 'not-a-workday' };
  if (inQuietHours(now, config.quietHours, tz)) return { ...result, skipped: 'quiet-hours' };
  const tc = config.tickets;

  // A ticket whose 退办 / 不再办理 a leader approved waits for the platform: not nagged, not escalated.
  // 三色督办: also the tickets red by their history (extended or rated 不满意 too often), whatever their deadline.
  const open = (await openTicketsToNag(db, endOfDay(today, tz), redThresholds(tc.colours))).filter(
    (t) => t.returnApproved !== true,
  );
  // Each listed ticket's colour, shown on its line in the unit's list and per unit in the group.
  const items = classify(open, now, calendar, tz, tc.colours).map((i) => ({
    ...i,
    colour: i.reportedDone ? null : colourOf(i, now, calendar, tz, tc.colours),
  }));
  const byUnit = digestsByUnit(items);
  const contacts = new Map([...byUnit.keys()].map((u) => [u, unitContacts(ctx, u).map((p) => p.id)]));
  const claimed = await claimDigests(
    db,
    cycle,
    [...byUnit.entries()].map(([u, l]) => ({
      unit_id: u,
      numbers: l.map((i) => i.number),
      recipients: contacts.get(u) ?? [],
    })),
    now,
  );
  const mine = [...byUnit.entries()].filter(([u]) => claimed.has(u));
  const overdue = mine.flatMap(([, l]) => l.filter((i) => i.daysOverdue >= 0));
  const taken = await takenSteps(db, overdue);
  const supervisors = idsWithRole(roster, 'supervisor');
  const leaders = idsWithRole(roster, 'leader');
  const recipientsOf = (step: LadderStep, unitId: string): string[] =>
    step === 'onsite'
      ? supervisors
      : step === 'referral'
        ? leaders
        : step === 'written'
          ? (contacts.get(unitId) ?? [])
          : tc.nagTo === 'group'
            ? ['group', ...(contacts.get(unitId) ?? [])]
            : (contacts.get(unitId) ?? []);
  const planned: StepRecord[] = [];
  for (const i of overdue) {
    // Reported done by the unit: listed (marked) while the platform confirms, not escalated.
    if (i.reportedDone) continue;
    const step = nextStep(i.daysOverdue, tc.ladder, taken.get(stepKey(i.number, i.dueAt)) ?? new Map(), today);
    if (step)
      planned.push({
        ticket_number: i.number,
        due_at: i.dueAt,
        step,
        unit_id: i.unitId,
        days_overdue: i.daysOverdue,
        recipients: recipientsOf(step, i.unitId),
      });
  }
  const recorded = await recordSteps(db, planned, today, cycle, now);
  const stepOf = new Map<string, LadderStep>();
  for (const p of planned)
    if (recorded.has(`${p.ticket_number}|${p.step}`)) {
      stepOf.set(p.ticket_number, p.step);
      result.steps[p.step]++;
    }

  const send = async (m: Parameters<AppContext['send']>[0]) => {
    await ctx.send(m);
    result.messages++;
  };
  // nagTo 'group': ONE group message naming every unit with tickets still to handle (its people
  // @-mentioned), counting only those: a unit whose listed tickets are all reported done
  // (awaiting the platform) is not named in public; each unit's list goes privately to its
  // people; a unit with nobody to write to gets its list in the group. nagTo 'head': privately only.
  const named = mine.filter(([, l]) => l.some((i) => !i.reportedDone));
  if (tc.nagTo === 'group' && named.length > 0) {
    const lines = named.map(([u, l]) => ({
      unitName: unitName(roster, u),
      people: (contacts.get(u) ?? []).map((id) => personName(roster, id)),
      colour: worst(l.filter((i) => !i.reportedDone)),
      counts: {
        ...nagCounts(l.filter((i) => !i.reportedDone)),
        written: l.filter((i) => stepOf.get(i.number) === 'written').length,
      },
    }));
    const mentions = [...new Set(named.flatMap(([u]) => contacts.get(u) ?? []))];
    const purpose = `ticket-nag:${cycle}:group:${named.map(([u]) => u).join(',')}`;
    // One card for every unit named: a press signs the presser's own unit (its latest digest).
    const card = signCard(purpose, CARD_TITLES.digest(null, worst(lines)), {
      kind: 'digest',
      cycle,
      unitIds: named.map(([u]) => u),
    });
    await send(toGroup(T.nagGroupDigest(now, tz, lines, wordingOf(ctx)), purpose, mentions, { card }));
  }
  for (const [u, list] of mine) {
    result.units++;
    const ids = contacts.get(u) ?? [];
    // One message per ticket per cycle, at the highest step reached: a ticket whose 书面督办 is
    // due now is in the written notice only, not listed again in the 即时督办 list.
    const written = list.filter((i) => stepOf.get(i.number) === 'written');
    const immediate = list.filter((i) => stepOf.get(i.number) !== 'written');
    if (immediate.length > 0) {
      const { shown, more } = cutDigest(immediate, tc.digestMaxItems);
      const text = T.nagDigest(unitName(roster, u), now, tz, shown, more, immediate, wordingOf(ctx));
      const meaning: CardMeaning = { kind: 'digest', cycle, unitIds: [u] };
      const colour = worst(immediate.filter((i) => !i.reportedDone));
      const withCard = (purpose: string) => ({
        card: signCard(purpose, CARD_TITLES.digest(unitName(roster, u), colour), meaning),
      });
      for (const m of toUnit(ids, text, `ticket-nag:${cycle}:${u}`, withCard)) await send(m);
    }
    if (written.length > 0) {
      const acks = await lastAcks(
        db,
        u,
        written.map((i) => i.number),
      );
      // The 《催办通知书》 (督〔YYYY〕N号) follows the text as a Word file, one number per unit and cycle; the text
      // names it and asks what it asks.
      const file = await noticeFile(ctx, {
        kind: 'written',
        key: `ticket-written:${cycle}:${u}`,
        units: [{ unitId: u, items: written }],
      });
      const wText = T.writtenNotice(
        unitName(roster, u),
        written.map((i) => ({ ...i, ackedAt: acks.get(i.number) ?? null })),
        tc.digestMaxItems,
        tz,
        file,
      );
      const extras = file ? { file: { name: file.name, path: file.path } } : {};
      for (const m of toUnit(ids, wText, `ticket-written:${cycle}:${u}`, () => extras)) await send(m);
    }
  }
  // 现场督办 and 提请督办 say whether the unit signed the earlier steps (its last 签收).
  const grouped = async (step: LadderStep): Promise<T.UnitItems[]> => {
    const out: T.UnitItems[] = [];
    for (const [u, l] of mine) {
      const items = l.filter((i: NagItem) => stepOf.get(i.number) === step);
      if (items.length === 0) continue;
      const acks = await lastAcks(
        db,
        u,
        items.map((i) => i.number),
      );
      out.push({
        unitName: unitName(roster, u),
        items: items.map((i) => ({ ...i, ackedAt: acks.get(i.number) ?? null })),
      });
    }
    return out;
  };
  const onsite = await grouped('onsite');
  if (onsite.length > 0) {
    const text = T.onSiteRequest(onsite, tc.digestMaxItems, tz);
    for (const id of supervisors) await send(toPerson(id, text, `ticket-onsite:${cycle}:${id}`));
  }
  const referral = await grouped('referral');
  if (referral.length > 0) {
    // The 《督办函》 (督〔YYYY〕N号) follows as a Word file: one per cycle, all the units referred.
    const units = mine
      .map(([u, l]) => ({ unitId: u, items: l.filter((i) => stepOf.get(i.number) === 'referral') }))
      .filter((x) => x.items.length > 0);
    const file = await noticeFile(ctx, { kind: 'referral', key: `ticket-referral:${cycle}`, units });
    const text = T.referralNotice(referral, tc.digestMaxItems, tz, file);
    const extras = file ? { file: { name: file.name, path: file.path } } : {};
    for (const id of leaders) await send(toPerson(id, text, `ticket-referral:${cycle}:${id}`, extras));
  }
  await sendBlue(ctx, today, cycle, contacts, new Set(items.map((i) => i.number)), send, result);
  ctx.log.info(
    { cycle, units: result.units, messages: result.messages, steps: result.steps, blue: result.blue },
    'ticket-nag done',
  );
  return result;
}

/**
 * 蓝色提醒, the step before the ladder: tickets due on the next `blueLeadWorkdays` working days
 * (not those in the nag's list: reopened or red by their history), each told once per deadline, in
 * one message per unit to its heads (else in the group).
 */
async function sendBlue(
  ctx: AppContext,
  today: string,
  cycle: string,
  contacts: Map<string, string[]>,
  listed: ReadonlySet<string>,
  send: (m: Parameters<AppContext['send']>[0]) => Promise<void>,
  result: NagResult,
): Promise<void> {
  const { config, calendar, clock, db, roster } = ctx;
  const tz = config.timezone;
  const lead = config.tickets.colours.blueLeadWorkdays;
  if (lead <= 0) return;
  const now = clock.now();
  const due = await openTicketsDueBetween(db, endOfDay(today, tz), endOfDay(blueWindowEnd(today, calendar, lead), tz));
  const byUnit = new Map<string, typeof due>();
  for (const t of due) {
    if (t.reopenCount > 0 || listed.has(t.number)) continue;
    if (!(await claimStep(db, `ticket-blue:${t.number}:${t.dueAt.toISOString()}`, 'ticket-nag', now, today))) continue;
    result.blue++;
    const l = byUnit.get(t.unitId) ?? [];
    l.push(t);
    byUnit.set(t.unitId, l);
  }
  for (const [u, list] of [...byUnit.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const text = T.blueReminder(unitName(roster, u), list, config.tickets.digestMaxItems, tz);
    const ids = contacts.get(u) ?? unitContacts(ctx, u).map((p) => p.id);
    for (const m of toUnit(ids, text, `ticket-blue:${cycle}:${u}`)) await send(m);
  }
}

export const ticketNagRoutine: Routine = {
  name: 'ticket-nag',
  patterns: (config) => config.routines.ticketNag.map(dailyAt),
  run: async (ctx) => {
    await runTicketNag(ctx);
  },
};
