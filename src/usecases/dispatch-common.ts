/** What the dispatch handlers and dispatch-check share: labels, delivery, states. Not a handler. */

import type { LeaderRef } from '../domain/dispatch/addressing.js';
import { parseDeadline } from '../domain/dispatch/deadline.js';
import { defaultDeadline, targetStatus } from '../domain/dispatch/flow.js';
import { inMessageOrder } from '../domain/dispatch/order.js';
import { parseDispatch } from '../domain/dispatch/parse.js';
import { canonicalNames, mentionInfo, textMentionIds, textTargets } from '../domain/dispatch/targets.js';
import { normalizeDispatchText } from '../domain/dispatch/text.js';
import { isUrgent } from '../domain/dispatch/urgency.js';
import { type Person, responsibleFor, unitName } from '../domain/roster.js';
import { signCard } from '../domain/sign-card.js';
import { CARD_TITLES } from '../domain/texts/card-press.js';
import {
  deliveryText,
  groupLineText,
  LEADER_UNNAMED,
  type LineInput,
  privateDispatchPostText,
  type TargetLabel,
  targetStateText,
} from '../domain/texts/dispatch.js';
import { createDispatch, type Dispatch, type DispatchTarget, markDelivered } from '../store/dispatches.js';
import { type AppContext, wordingOf } from './context.js';
import { toGroup, toPerson } from './send.js';

export function leaderName(ctx: AppContext, id: string): string {
  return ctx.roster.person(id)?.name ?? LEADER_UNNAMED;
}

/** The district's leaders as a unit's words may address them (报告王主任…, @李主任). */
export function leaderRefs(ctx: AppContext): LeaderRef[] {
  return ctx.roster.withRole('leader').map((p) => ({ id: p.id, name: p.name }));
}

/** Who a unit's dispatch goes to: heads and liaisons. */
export function unitContacts(ctx: AppContext, unitId: string): Person[] {
  return ctx.roster.contactsOf(unitId);
}

/** The people named next to a unit in the group line: its heads, else its liaisons. */
function labelPeople(ctx: AppContext, unitId: string): Person[] {
  return responsibleFor(ctx.roster, unitId);
}

export function targetLabels(ctx: AppContext, d: Dispatch): TargetLabel[] {
  return d.targets.map((t) => ({
    unit: unitName(ctx.roster, t.unitId),
    people: labelPeople(ctx, t.unitId).map((p) => p.name),
  }));
}

export function lineInput(ctx: AppContext, d: Dispatch): LineInput {
  return {
    code: d.code,
    targets: targetLabels(ctx, d),
    deadline: d.deadline,
    deadlineGiven: d.deadlineGiven,
    urgent: d.urgent,
    tz: ctx.config.timezone,
    urgentHours: ctx.config.dispatch.urgentAnswerHours,
  };
}

/** What a dispatch text says, for a leader's message: targets as unit ids, deadline, urgency. */
export interface DispatchReading {
  isDispatch: boolean;
  unitIds: string[];
  deadline: string | null;
  urgent: boolean;
}

function unitIdsOf(ctx: AppContext, names: readonly string[]): string[] {
  return names.map((n) => ctx.roster.unitByName(n)?.id).filter((x): x is string => x !== undefined);
}

/** Reads a leader's message with the dispatch parser. */
export function readDispatch(
  ctx: AppContext,
  text: string,
  sentAt: string,
  from: string,
  mentions: readonly string[],
): DispatchReading {
  const p = parseDispatch(
    { text, sentAt, from, mentions: [...mentions] },
    ctx.roster,
    ctx.calendar,
    ctx.config.timezone,
  );
  // The parser lists targets by name (its CLI contract); the bot keeps the message's order.
  const unitIds = inMessageOrder(unitIdsOf(ctx, p.targets), normalizeDispatchText(text), mentions, ctx.roster);
  return { isDispatch: p.isDispatch, unitIds, deadline: p.deadline, urgent: p.urgent };
}

/**
 * Reads a private 转办 body: the parser's reading if it sees a dispatch; otherwise (the
 * command itself says it is one) the units @-named or named as addressees in it.
 */
export function readTransfer(ctx: AppContext, body: string, sentAt: string, from: string): DispatchReading {
  const p = readDispatch(ctx, body, sentAt, from, []);
  if (p.isDispatch && p.unitIds.length > 0) return p;
  const norm = normalizeDispatchText(body);
  const mentioned = mentionInfo(textMentionIds(norm, ctx.roster), ctx.roster).units;
  const named = textTargets(norm, ctx.roster);
  let units = [...mentioned, ...named];
  // "转办 区住建局 …" with no addressee marks: any unit named counts.
  if (units.length === 0) units = ctx.roster.findUnits(norm).map((f) => f.unit);
  return {
    isDispatch: units.length > 0,
    unitIds: inMessageOrder(unitIdsOf(ctx, canonicalNames(units)), norm, [], ctx.roster),
    deadline: parseDeadline(body, sentAt, ctx.calendar, ctx.config.timezone),
    urgent: isUrgent(body),
  };
}

/**
 * Makes the dispatch (once per message), posts the group line (or, for a private 转办, the
 * dispatch itself with the heads @-mentioned) and delivers it point-to-point to each target
 * unit's heads and liaisons. Safe to repeat: every message has its own purpose.
 */
export async function createAndDeliver(
  ctx: AppContext,
  o: { leaderId: string; messageId: string; chat: 'group' | 'private'; text: string; reading: DispatchReading },
): Promise<Dispatch> {
  const now = ctx.clock.now();
  const tz = ctx.config.timezone;
  // A deadline already past when the dispatch is made (a slip, or a late relay) gets the default window.
  const given =
    o.reading.deadline !== null && Date.parse(o.reading.deadline) > now.getTime() ? o.reading.deadline : null;
  if (o.reading.deadline !== null && given === null)
    ctx.log.warn(
      { deadline: o.reading.deadline, message: o.messageId },
      'dispatch deadline already past: default window used',
    );
  const deadline = given ?? defaultDeadline(now, o.reading.urgent, ctx.config.dispatch, ctx.calendar, tz);
  const { dispatch: d } = await createDispatch(ctx.db, {
    leaderId: o.leaderId,
    sourceMessageId: o.messageId,
    chat: o.chat,
    text: o.text,
    urgent: o.reading.urgent,
    deadline,
    deadlineGiven: given !== null,
    createdAt: now,
    unitIds: o.reading.unitIds,
  });
  const leader = leaderName(ctx, d.leaderId);
  const line = lineInput(ctx, d);
  if (d.chat === 'private') {
    const mentions = d.targets.flatMap((t) => labelPeople(ctx, t.unitId).map((p) => p.id));
    await ctx.send(toGroup(privateDispatchPostText(leader, d.text, line), `dispatch:${d.code}:group`, mentions));
  } else {
    await ctx.send(toGroup(groupLineText(line), `dispatch:${d.code}:group`));
  }
  for (const t of d.targets) {
    const people = unitContacts(ctx, t.unitId);
    const text = deliveryText({
      code: d.code,
      leaderName: leader,
      text: d.text,
      unit: unitName(ctx.roster, t.unitId),
      deadline: d.deadline,
      deadlineGiven: d.deadlineGiven,
      urgent: d.urgent,
      tz,
      urgentHours: ctx.config.dispatch.urgentAnswerHours,
      wording: wordingOf(ctx),
    });
    for (const p of people) {
      const purpose = `dispatch:${d.code}:deliver:${t.unitId}:${p.id}`;
      const card = signCard(purpose, CARD_TITLES.dispatch(d.code, d.urgent), {
        kind: 'dispatch',
        code: d.code,
        unitId: t.unitId,
      });
      await ctx.send(toPerson(p.id, text, purpose, { card }));
    }
    if (people.length === 0)
      ctx.log.warn({ code: d.code, unit: t.unitId }, 'dispatch target unit has no head or liaison on the roster');
    await markDelivered(
      ctx.db,
      d.id,
      t.unitId,
      now,
      people.map((p) => p.id),
    );
  }
  return d;
}

/** A unit's state in a dispatch, in words: 未签收 / 已签收 / 已反馈（时间）, and 已超时. */
export function stateText(t: DispatchTarget, deadline: Date, now: Date, tz: string): string {
  const s = targetStatus(t, deadline, now);
  return targetStateText(
    s.state,
    s.state === 'answered' ? t.answeredAt : s.state === 'acknowledged' ? t.ackedAt : null,
    s.late,
    tz,
  );
}
