/**
 * 调度: open dispatches (and the last 7 days' answered ones), each unit's state and the timeline; the 双派单 rounds
 * likewise.
 */
import type { FastifyInstance } from 'fastify';
import { SIDE_LABEL } from '../../domain/dual/sides.js';
import { dualSideState, dualTimelineText, DISPATCH as T } from '../../domain/texts/console.js';
import { colourOf } from '../../domain/tickets/colour.js';
import { formatDeadline, formatShort } from '../../domain/time.js';
import { consoleDualRoundIds, recentlyAnsweredDispatchIds } from '../../store/console.js';
import {
  type Dispatch,
  type DispatchEvent,
  dispatchByCode,
  dispatchEvents,
  openDispatches,
} from '../../store/dispatches.js';
import { type DualRound, roundById } from '../../store/dual.js';
import { getTicket } from '../../store/tickets.js';
import type { AppContext } from '../../usecases/context.js';
import { type EvidenceRow, evidenceRows } from '../../usecases/dual-evidence.js';
import { sendHtml, type Viewer, viewer } from './auth.js';
import { colourTag, esc, page, unitLinkFor } from './layout.js';

/** One 双派单 round as the console shows it. */
export interface DualRoundView {
  code: string;
  ticketNumber: string;
  title: string;
  opened: Date;
  sides: Array<{ unitId: string; role: string; state: string; late: boolean }>;
  timeline: Array<{ at: Date; text: string }>;
}

/**
 * The 双派单 rounds the page shows, from the store: open ones, those awaiting the back-check,
 * and those closed since `closedSince`; each side's state and the round's timeline (the
 * 双问责 evidence's own rows).
 */
export async function dualRoundViews(ctx: AppContext, closedSince: Date): Promise<DualRoundView[]> {
  const now = ctx.clock.now();
  const rounds = (
    await Promise.all((await consoleDualRoundIds(ctx.db, closedSince)).map((id) => roundById(ctx.db, id)))
  ).filter((r): r is DualRound => r !== undefined);
  const evidence = new Map<string, EvidenceRow[]>();
  const views: DualRoundView[] = [];
  for (const r of rounds) {
    let rows = evidence.get(r.ticketNumber);
    if (!rows) {
      rows = (await evidenceRows(ctx, r.ticketNumber)).rows;
      evidence.set(r.ticketNumber, rows);
    }
    views.push({
      code: r.code,
      ticketNumber: r.ticketNumber,
      title: (await getTicket(ctx.db, r.ticketNumber))?.title ?? '',
      opened: r.createdAt,
      sides: r.sides.map((s) => ({
        unitId: s.unitId,
        role: SIDE_LABEL[s.side],
        state: dualSideState(s),
        late: s.lateAt !== null || (s.answeredAt === null && r.deadline.getTime() < now.getTime()),
      })),
      timeline: rows
        .filter((e) => e.round === r.code)
        .map((e) => ({
          at: e.at,
          text: dualTimelineText({ ...e, text: e.text.length > 60 ? `${e.text.slice(0, 60)}…` : e.text }),
        })),
    });
  }
  return views;
}

function unitState(t: Dispatch['targets'][number], now: Date, deadline: Date): string {
  if (t.answeredAt) return `<span class="tag green">${T.answered}</span>`;
  const late = t.lateAt || deadline.getTime() < now.getTime() ? `<span class="tag red">${T.late}</span>` : '';
  if (t.ackedAt) return `<span class="tag">${T.acked}</span>${late}`;
  if (t.deliveredAt) return `<span class="tag amber">${T.unacked}</span>${late}`;
  return `<span class="tag amber">${T.undelivered}</span>${late}`;
}

function dispatchPanel(ctx: AppContext, v: Viewer, d: Dispatch, events: DispatchEvent[]): string {
  const tz = ctx.config.timezone;
  const now = ctx.clock.now();
  const mine = (u: string | null) => v.scope.all || u === null || u === v.scope.unitId;
  const when = (x: Date | null) => (x ? esc(formatShort(x, tz)) : '-');
  const due = esc(formatDeadline(d.deadline, tz, { weekday: true }));
  const who = (id: string | null) => (id ? esc(ctx.roster.person(id)?.name ?? id) : '');
  const rows = d.targets
    .filter((t) => mine(t.unitId))
    .map(
      (t) =>
        `<tr><td><a href="/console/unit/${encodeURIComponent(t.unitId)}` +
        `">${esc(ctx.roster.unit(t.unitId)?.name ?? t.unitId)}</a></td><td data-label="${T.columns.state}" ` +
        `style="text-align:left">${unitState(t, now, d.deadline)}</td><td data-label="${T.columns.delivered}` +
        `">${when(t.deliveredAt)}</td><td data-label="${T.columns.acked}">${when(t.ackedAt)} ${who(t.ackedBy)}` +
        `</td><td data-label="${T.columns.answered}">${when(t.answeredAt)} ${who(t.answeredBy)}</td></tr>`,
    );
  const tl = events
    .filter((e) => mine(e.unitId))
    .map((e) => {
      const unit = e.unitId ? (ctx.roster.unit(e.unitId)?.name ?? e.unitId) : '';
      const text = e.text ? `：${e.text.length > 60 ? `${e.text.slice(0, 60)}…` : e.text}` : '';
      return (
        `<li>${esc(formatShort(e.at, tz))} ${esc(T.events[e.kind] ?? e.kind)} ${esc(unit)} ${who(e.actorId)}` +
        `${esc(text)}</li>`
      );
    });
  const overdue = d.status === 'open' && d.deadline.getTime() < now.getTime();
  const colour =
    d.status === 'open' ? colourOf({ dueAt: d.deadline }, now, ctx.calendar, tz, ctx.config.tickets.colours) : null;
  return (
    `<div class="panel" id="${esc(d.code)}"><h2 style="margin-top:0">${esc(d.code)} ` +
    `${d.urgent ? `<span class="tag red">${T.urgent}</span>` : ''}` +
    (d.status === 'answered'
      ? `<span class="tag green">${T.done}</span>`
      : overdue
        ? `<span class="tag red">${T.overdue}</span>`
        : `<span class="tag">${T.inProgress}</span>`) +
    colourTag(colour) +
    `</h2>
<p>${esc(d.text)}</p><p ` +
    `class="muted">${T.issued(who(d.leaderId), when(d.createdAt), due, d.deadlineGiven)}</p>
<div class="scroll"><table class="stack"><thead><tr><th>${T.columns.unit}</th><th ` +
    `style="text-align:left">${T.columns.state}</th><th>${T.columns.delivered}</th><th>${T.columns.acked}` +
    `</th><th>${T.columns.answered}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
<details><summary>${T.timeline(tl.length)}</summary><ol class="tl">${tl.join('')}</ol></details></div>`
  );
}

function dualPanel(ctx: AppContext, r: DualRoundView): string {
  const tz = ctx.config.timezone;
  const sides = r.sides.map(
    (s) =>
      `<tr><td>${esc(ctx.roster.unit(s.unitId)?.name ?? s.unitId)}</td><td data-label="${T.columns.side}` +
      `">${esc(s.role)}</td><td data-label="${T.columns.state}" style="text-align:left">${esc(s.state)}` +
      `${s.late ? ` <span class="tag red">${T.late}</span>` : ''}</td></tr>`,
  );
  return (
    `<div class="panel"><h2 style="margin-top:0">${esc(T.dualHeading(r.code, r.ticketNumber))}` +
    `</h2><p>${esc(r.title)}</p>
<div class="scroll"><table class="stack"><thead><tr><th>${T.columns.unit}</th><th>${T.columns.side}</th><th ` +
    `style="text-align:left">${T.columns.state}</th></tr></thead><tbody>${sides.join('')}</tbody></table></div>
<details><summary>${T.timeline(r.timeline.length)}</summary><ol ` +
    `class="tl">${r.timeline.map((e) => `<li>${esc(formatShort(e.at, tz))} ${esc(e.text)}</li>`).join('')}</ol></` +
    `details></div>`
  );
}

export function registerDispatch(app: FastifyInstance, ctx: AppContext): void {
  app.get('/console/dispatch', async (req, reply) => {
    const v = await viewer(ctx, req, reply);
    if (!v) return reply;
    const now = ctx.clock.now();
    const visible = (d: Dispatch) => v.scope.all || d.targets.some((t) => !v.scope.all && t.unitId === v.scope.unitId);
    const open = (await openDispatches(ctx.db)).filter(visible);
    const done: Dispatch[] = [];
    for (const code of await recentlyAnsweredDispatchIds(ctx.db, new Date(now.getTime() - 7 * 86_400_000))) {
      const d = await dispatchByCode(ctx.db, code);
      if (d && visible(d)) done.push(d);
    }
    const panels = async (list: Dispatch[]) =>
      (await Promise.all(list.map(async (d) => dispatchPanel(ctx, v, d, await dispatchEvents(ctx.db, d.id))))).join('');
    const late = open.filter((d) => d.deadline.getTime() < now.getTime()).length;
    const unacked = open.reduce(
      (a, d) => a + d.targets.filter((t) => !t.ackedAt && (v.scope.all || t.unitId === v.scope.unitId)).length,
      0,
    );
    const cards =
      `<div class="cards"><div class="card"><b>${open.length}</b><span>${T.cards.open}</span></div><div ` +
      `class="card${late > 0 ? ' bad' : ''}"><b>${late}</b><span>${T.cards.overdue}</span></div><div ` +
      `class="card${unacked > 0 ? ' bad' : ''}"><b>${unacked}</b><span>${T.cards.unacked}</span></div><div ` +
      `class="card"><b>${done.length}</b><span>${T.cards.recentDone}</span></div></div>`;
    const rounds = (await dualRoundViews(ctx, new Date(now.getTime() - 7 * 86_400_000))).filter(
      (r) => v.scope.all || r.sides.some((s) => !v.scope.all && s.unitId === v.scope.unitId),
    );
    const dual =
      `<h2>${T.dual}</h2>` +
      (rounds.length === 0
        ? `<div class="panel"><p>${T.noDual}</p></div>`
        : rounds.map((r) => dualPanel(ctx, r)).join(''));
    const body =
      `<h1>${T.heading}</h1>${cards}` +
      `${open.length === 0 ? `<div class="panel"><p>${T.noOpen}</p></div>` : await panels(open)}${dual}` +
      `${done.length > 0 ? `<h2>${T.recentDone}</h2>${await panels(done)}` : ''}`;
    const unitLink = unitLinkFor(v.scope, ctx.roster);
    return sendHtml(
      reply,
      page({
        title: T.title,
        active: 'dispatch',
        who: v.person.name,
        all: v.scope.all,
        ...(unitLink ? { unitLink } : {}),
        body,
      }),
    );
  });
}
