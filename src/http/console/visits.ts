/**
 * 领导走访（四个必到）: the visits each unit owes and those it recorded in the last 30 days, with their reasons,
 * due days, reminders and records. A unit's heads and liaisons see their unit; leaders and supervisors every unit
 * (or one, `?unit=`).
 */
import type { FastifyInstance } from 'fastify';
import { clipTitle } from '../../domain/language/clip.js';
import { VISITS as T, TICKETS } from '../../domain/texts/console.js';
import { dayLabel, dueLabel, reasonsText } from '../../domain/texts/visits.js';
import { formatShort, localDay } from '../../domain/time.js';
import { type VisitItem, visitStepsOf, visitsForConsole } from '../../store/visits.js';
import type { AppContext } from '../../usecases/context.js';
import { canSeeUnit, forbidden, sendHtml, unitAsked, viewer } from './auth.js';
import { esc, page, unitLinkFor } from './layout.js';

const DONE_WINDOW_MS = 30 * 86_400_000;

export function registerVisits(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { unit?: string } }>('/console/visits', async (req, reply) => {
    const v = await viewer(ctx, req, reply);
    if (!v) return reply;
    const only = unitAsked(v, req.query);
    if (only !== undefined && !canSeeUnit(v, only)) return forbidden(reply);
    const tz = ctx.config.timezone;
    const now = ctx.clock.now();
    const today = localDay(now, tz);
    const items = await visitsForConsole(ctx.db, new Date(now.getTime() - DONE_WINDOW_MS), only);
    const steps = await visitStepsOf(
      ctx.db,
      items.map((x) => x.code),
    );
    const owed = (x: VisitItem) => x.recordedAt === null;
    const late = (x: VisitItem) => owed(x) && x.dueDay < today;
    const byUnit = new Map<string, VisitItem[]>();
    for (const x of items) byUnit.set(x.unitId, [...(byUnit.get(x.unitId) ?? []), x]);
    // Units owing most (past due first) on top.
    const units = [...byUnit.keys()].sort((a, b) => {
      const la = byUnit.get(a) ?? [];
      const lb = byUnit.get(b) ?? [];
      return lb.filter(late).length - la.filter(late).length || lb.filter(owed).length - la.filter(owed).length;
    });
    const state = (x: VisitItem): string => {
      if (!owed(x)) return `<span class="tag green">${T.done}</span>`;
      const s = steps.get(x.code);
      const escalated = s?.get('escalate');
      const reminded = s?.get('remind');
      return (
        (late(x) ? `<span class="tag red">${T.overdue}</span>` : `<span class="tag amber">${T.owed}</span>`) +
        (escalated ? `<span class="tag red">${T.escalated}</span>` : '') +
        (reminded && !escalated ? `<br><span class="muted">${esc(T.reminded(formatShort(reminded, tz)))}</span>` : '')
      );
    };
    const record = (x: VisitItem): string =>
      x.recordedAt === null
        ? `<span class="muted">${T.noRecord}</span>`
        : esc(T.record(x.visitedOn ? dayLabel(x.visitedOn) : '', x.visitor, x.agreed));
    const cell = (label: string, html: string, left = false) =>
      `<td data-label="${label}"${left ? ' style="text-align:left"' : ''}>${html}</td>`;
    const C = T.columns;
    const sections = units.map((uid) => {
      const list = byUnit.get(uid) ?? [];
      const rows = list.map(
        (x) =>
          `<tr id="${esc(x.code)}"><td>${esc(x.code)}</td>` +
          cell(C.ticket, `${esc(x.ticketNumber)}${x.title ? `<br>${esc(clipTitle(x.title, 24))}` : ''}`, true) +
          cell(C.reason, esc(reasonsText(x.reasons, x.reopenCount, x.prolongedBy)), true) +
          cell(C.due, esc(dueLabel(x.dueDay))) +
          cell(C.state, state(x)) +
          cell(C.record, record(x), true) +
          `</tr>`,
      );
      const name = ctx.roster.unit(uid)?.name ?? uid;
      const nLate = list.filter(late).length;
      return (
        `<div class="panel" data-unit="${esc(uid)}"><h2 style="margin-top:0"><a ` +
        `href="/console/unit/${encodeURIComponent(uid)}">${esc(name)}</a> ` +
        `<span class="tag amber">${T.owedTag(list.filter(owed).length)}</span>` +
        (nLate > 0 ? `<span class="tag red">${T.overdueTag(nLate)}</span>` : '') +
        `<span class="tag green">${T.doneTag(list.filter((x) => !owed(x)).length)}</span></h2>` +
        `<div class="scroll"><table class="stack"><thead><tr><th>${C.code}</th>` +
        `<th style="text-align:left">${C.ticket}</th><th style="text-align:left">${C.reason}</th><th>${C.due}</th>` +
        `<th>${C.state}</th><th style="text-align:left">${C.record}</th></tr></thead>` +
        `<tbody>${rows.join('')}</tbody></table></div></div>`
      );
    });
    const nOwed = items.filter(owed).length;
    const nLate = items.filter(late).length;
    const card = (label: string, n: number, bad = false) =>
      `<div class="card${bad ? ' bad' : ''}"><b>${n}</b><span>${label}</span></div>`;
    const cards =
      `<div class="cards" id="visit-cards">${card(T.cards.owed, nOwed)}${card(T.cards.overdue, nLate, nLate > 0)}` +
      `${card(T.cards.done, items.length - nOwed)}</div>`;
    const scopeName = only ? (ctx.roster.unit(only)?.name ?? only) : TICKETS.district;
    const body =
      `<h1>${esc(T.heading(scopeName))}</h1><p class="muted">${T.rule}</p>` +
      `${only && v.scope.all ? `<div class="nav2"><a href="/console/visits">${T.allUnits}</a></div>` : ''}` +
      `${cards}${items.length === 0 ? `<div class="panel"><p>${T.empty}</p></div>` : ''}${sections.join('')}`;
    const unitLink = unitLinkFor(v.scope, ctx.roster);
    return sendHtml(
      reply,
      page({
        title: T.title,
        active: 'tickets',
        who: v.person.name,
        all: v.scope.all,
        ...(unitLink ? { unitLink } : {}),
        body,
      }),
    );
  });
}
