import { isPlanOnly } from '../domain/language/intent.js';
import { matchTopic, type ProgressQuery, progressQueryOf } from '../domain/leader/questions.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import { isLeader, isOversight, type Person, personName, unitName } from '../domain/roster.js';
import {
  dispatchStatusText,
  dispatchStepText,
  type ProgressUnitItem,
  progressDetailText,
  progressListText,
  progressNotFoundText,
  progressPickText,
} from '../domain/texts/dispatch.js';
import { roundNotFoundText, roundProgressText, roundsListText } from '../domain/texts/dual.js';
import {
  type Dispatch,
  type DispatchEvent,
  dispatchByCode,
  dispatchEvents,
  hasDispatchFrom,
  openDispatches,
  recentlyAnsweredDispatches,
} from '../store/dispatches.js';
import { type DualRound, liveRounds, roundByCode } from '../store/dual.js';
import { getTicket } from '../store/tickets.js';
import { type AppContext, wordingOf } from '../usecases/context.js';
import { leaderName, readDispatch, stateText } from '../usecases/dispatch-common.js';
import { replyTo } from '../usecases/send.js';
import type { MessageHandler } from './types.js';

/** How far back a question about a dispatch also matches those already answered. */
const RECENT_DAYS = 7;

const PROGRESS = /^(?:调度进展|调度进度|调度情况)\s*[:：]?\s*(?:([Dd]\s?\d{1,7}))?\s*[?？。]?$/;

function actorName(ctx: AppContext, id: string | null): string {
  return id ? personName(ctx.roster, id) : '';
}

function eventText(ctx: AppContext, d: Dispatch, e: DispatchEvent): string | null {
  const unit = e.unitId ? unitName(ctx.roster, e.unitId) : '';
  const who = actorName(ctx, e.actorId);
  switch (e.kind) {
    case 'created':
      return dispatchStepText({
        kind: 'created',
        leader: leaderName(ctx, d.leaderId),
        units: d.targets.map((t) => unitName(ctx.roster, t.unitId)),
      });
    case 'delivered':
      return dispatchStepText({
        kind: 'delivered',
        unit,
        to: Array.isArray(e.detail.to) ? (e.detail.to as string[]).map((id) => actorName(ctx, id)) : [],
      });
    case 'ack':
      return dispatchStepText({ kind: 'ack', unit, who, plan: e.text && isPlanOnly(e.text) ? e.text : null });
    case 'answer':
      return dispatchStepText({ kind: 'answer', unit, who, text: e.text ?? '' });
    case 'forwarded':
    case 'leader-status':
      return dispatchStepText({ kind: e.kind, leader: leaderName(ctx, d.leaderId) });
    case 'ask-which':
    case 'ack-reminder':
    case 'blue-reminder':
    case 'due-reminder':
    case 'late':
      return dispatchStepText({ kind: e.kind, unit, who });
    case 'supervisors':
      return dispatchStepText({ kind: 'supervisors' });
    default:
      return null;
  }
}

/** What a leader's or supervisor's message asks about dispatch progress, or null. */
function queryOf(msg: IncomingMessage, sender: Person, ctx: AppContext): ProgressQuery | null {
  if (!isOversight(sender)) return null;
  const text = commandText(msg);
  let q: ProgressQuery | null = PROGRESS.test(text) ? progressQueryOf(text) : null;
  // The natural forms (D1 进展怎么样了？ / 湖滨路夜市那件现在什么情况): never a dispatch to someone.
  if (q === null && msg.mentionIds.every((id) => ctx.roster.person(id) === undefined)) {
    q = progressQueryOf(text);
    if (q !== null && readDispatch(ctx, text, msg.sentAt, sender.id, msg.mentionIds).isDispatch) q = null;
  }
  return q;
}

async function detail(ctx: AppContext, d: Dispatch): Promise<string> {
  const tz = ctx.config.timezone;
  const now = ctx.clock.now();
  const events = await dispatchEvents(ctx.db, d.id);
  const timeline = events.flatMap((e) => {
    const text = eventText(ctx, d, e);
    return text ? [{ at: e.at, text }] : [];
  });
  return progressDetailText({
    code: d.code,
    leaderName: leaderName(ctx, d.leaderId),
    createdAt: d.createdAt,
    text: d.text,
    urgent: d.urgent,
    deadline: d.deadline,
    deadlineGiven: d.deadlineGiven,
    status: dispatchStatusText(d.status === 'answered', d.targets.length),
    units: d.targets.map((t) => ({ unit: unitName(ctx.roster, t.unitId), state: stateText(t, d.deadline, now, tz) })),
    timeline,
    tz,
  });
}

async function list(ctx: AppContext): Promise<string> {
  const tz = ctx.config.timezone;
  const now = ctx.clock.now();
  const open = await openDispatches(ctx.db);
  const byUnit = new Map<string, ProgressUnitItem[]>();
  for (const d of open) {
    for (const t of d.targets) {
      if (t.answeredAt) continue;
      const items = byUnit.get(t.unitId) ?? [];
      items.push({ code: d.code, text: d.text, state: stateText(t, d.deadline, now, tz), deadline: d.deadline });
      byUnit.set(t.unitId, items);
    }
  }
  const order = ctx.roster.units.map((u) => u.id);
  const units = [...byUnit.entries()]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([unitId, items]) => ({ unit: unitName(ctx.roster, unitId), items }));
  return progressListText(units, open.length, tz);
}

async function roundDetail(ctx: AppContext, r: DualRound): Promise<string> {
  const t = await getTicket(ctx.db, r.ticketNumber);
  const title = t ? t.title || (t.content ?? '').replace(/\s+/g, ' ').trim().slice(0, 20) : '';
  return roundProgressText({
    code: r.code,
    ticketNumber: r.ticketNumber,
    title,
    reason: r.reason,
    seq: r.seq,
    deadline: r.deadline,
    status: r.status,
    sides: r.sides.map((s) => ({
      side: s.side,
      unitName: unitName(ctx.roster, s.unitId),
      ackedAt: s.ackedAt,
      answeredAt: s.answeredAt,
      backcheckAskedAt: s.backcheckAskedAt,
      backcheckAt: s.backcheckAt,
    })),
    now: ctx.clock.now(),
    tz: ctx.config.timezone,
  });
}

async function roundsList(ctx: AppContext): Promise<string> {
  const items = [];
  for (const r of await liveRounds(ctx.db)) {
    const backcheck = r.status === 'answered';
    const waiting = r.sides
      .filter((s) => (backcheck ? !s.backcheckAt : !s.answeredAt))
      .map((s) => unitName(ctx.roster, s.unitId));
    const t = await getTicket(ctx.db, r.ticketNumber);
    items.push({
      code: r.code,
      ticketNumber: r.ticketNumber,
      title: t?.title ?? '',
      deadline: r.deadline,
      waiting,
      backcheck,
    });
  }
  return roundsListText(items, ctx.config.timezone);
}

/**
 * `调度进展` (leaders and supervisors): open dispatches by unit; `调度进展 D12`, `D12 进展怎么样了？`,
 * `D1进展如何`: one in full. A question naming a place or topic (湖滨路夜市那件现在什么情况) is
 * matched to the asker's open dispatches (a leader's own; a supervisor's, all): one match shows
 * it, else the bot lists them with their codes.
 */
export const dispatchProgressHandler: MessageHandler<ProgressQuery> = {
  name: 'dispatch-progress',
  matches: queryOf,
  async handle(q, msg, sender, ctx) {
    const reply = (text: string) => ctx.send(replyTo(msg, text, `dispatch-progress:${msg.id}`));
    if (q.kind === 'round') {
      const r = await roundByCode(ctx.db, q.code);
      await reply(r ? await roundDetail(ctx, r) : roundNotFoundText(q.code));
      return;
    }
    if (q.kind === 'rounds') {
      await reply(await roundsList(ctx));
      return;
    }
    if (q.kind === 'code') {
      const d = await dispatchByCode(ctx.db, q.code);
      await reply(d ? await detail(ctx, d) : progressNotFoundText(q.code));
      return;
    }
    if (q.kind === 'list' && PROGRESS.test(commandText(msg))) {
      await reply(await list(ctx));
      return;
    }
    const own = isLeader(sender);
    const open = (await openDispatches(ctx.db)).filter((d) => !own || d.leaderId === sender.id);
    let hits = q.kind === 'topic' ? matchTopic(q.words, open) : [];
    if (q.kind === 'topic' && hits.length === 0) {
      // Maybe one that was answered lately (海港路那个方案报上来没): shown with the answers received.
      const since = new Date(ctx.clock.now().getTime() - RECENT_DAYS * 86_400_000);
      const recent = (await recentlyAnsweredDispatches(ctx.db, since)).filter((d) => !own || d.leaderId === sender.id);
      const done = matchTopic(q.words, recent);
      if (done.length === 1) hits = done;
    }
    if (hits.length === 1) {
      await reply(await detail(ctx, hits[0] as Dispatch));
      return;
    }
    // A topic that matches nothing says so before listing, never as if one of the list were meant.
    const missed = q.kind === 'topic' && hits.length === 0 ? q.words : undefined;
    const items = hits.length > 1 ? hits : open;
    // Never "均已办结" for a leader none of whose dispatches was ever received.
    const onRecord = !own || items.length > 0 || (await hasDispatchFrom(ctx.db, sender.id));
    await reply(progressPickText(items, ctx.config.timezone, own, missed, { onRecord, wording: wordingOf(ctx) }));
  },
};
