/** 工单: overdue and reopened tickets by unit, with their escalation step. */
import type { FastifyInstance } from 'fastify';
import { clipTitle } from '../../domain/language/clip.js';
import { TICKETS, VISITS } from '../../domain/texts/console.js';
import { colourOf, redThresholds } from '../../domain/tickets/colour.js';
import { classify, LADDER_LABEL, LADDER_ORDER, type LadderStep, orderForDigest } from '../../domain/tickets/digest.js';
import { formatAt, formatShort } from '../../domain/time.js';
import { shortName } from '../../render/day-card.js';
import { ticketSteps } from '../../store/console.js';
import { digestHistory } from '../../store/ticket-nag.js';
import { openTicketsToNag } from '../../store/tickets.js';
import type { AppContext } from '../../usecases/context.js';
import { canSeeUnit, forbidden, sendHtml, unitAsked, viewer } from './auth.js';
import { chart, colourTag, esc, page, unitLinkFor } from './layout.js';

export function registerTickets(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { unit?: string } }>('/console/tickets', async (req, reply) => {
    const v = await viewer(ctx, req, reply);
    if (!v) return reply;
    const only = unitAsked(v, req.query);
    if (only !== undefined && !canSeeUnit(v, only)) return forbidden(reply);
    const tz = ctx.config.timezone;
    const now = ctx.clock.now();
    const th = ctx.config.tickets.colours;
    const open = (await openTicketsToNag(ctx.db, now, redThresholds(th))).filter(
      (t) => only === undefined || t.unitId === only,
    );
    // Overdue, reopened, or red by their history (三色督办: extended or rated 不满意 too often).
    const items = orderForDigest(
      classify(open, now, ctx.calendar, tz, th).filter((t) => t.daysOverdue >= 0 || t.reopened || t.redBy),
    );
    const steps = await ticketSteps(
      ctx.db,
      items.map((t) => t.number),
    );
    // What the chat sent: every 即时督办 list a ticket was in (reported-done ones too, which
    // take no ladder step), so the page says 即时督办 ×3 where the chat sent it three times.
    const sent = await digestHistory(
      ctx.db,
      items.map((t) => t.number),
    );
    const byUnit = new Map<string, typeof items>();
    for (const t of items) byUnit.set(t.unitId, [...(byUnit.get(t.unitId) ?? []), t]);
    const units = [...byUnit.keys()].sort((a, b) => (byUnit.get(b)?.length ?? 0) - (byUnit.get(a)?.length ?? 0));
    const top = (n: string): { step: LadderStep; at: Date } | undefined => {
      const l = steps.get(n) ?? [];
      let best: { step: LadderStep; at: Date } | undefined;
      for (const s of l)
        if (!best || LADDER_ORDER.indexOf(s.step as LadderStep) > LADDER_ORDER.indexOf(best.step))
          best = { step: s.step as LadderStep, at: s.at };
      const h = sent.get(n);
      if (!best && h) best = { step: 'immediate', at: h.last };
      return best;
    };
    const stepCell = (n: string): string => {
      const st = top(n);
      if (!st) return `<span class="muted">${TICKETS.notStarted}</span>`;
      const h = sent.get(n);
      const note =
        st.step === 'immediate' && h
          ? TICKETS.immediateTimes(h.times, formatAt(h.last, tz))
          : `${formatAt(st.at, tz)}${h ? TICKETS.withImmediate(h.times) : ''}`;
      return `${esc(LADDER_LABEL[st.step])}<br><span class="muted">${esc(note)}</span>`;
    };
    const sections = units.map((uid) => {
      const list = byUnit.get(uid) ?? [];
      const name = ctx.roster.unit(uid)?.name ?? uid;
      const rows = list.map((t) => {
        const colour =
          t.reportedDone || t.returnApproved ? null : colourOf(t, now, ctx.calendar, tz, ctx.config.tickets.colours);
        const state = [
          colourTag(colour),
          t.daysOverdue >= 0 ? `<span class="tag red">${TICKETS.overdueDays(t.daysOverdue)}</span>` : '',
          t.reopened ? `<span class="tag amber">${TICKETS.reopenedTimes(t.reopenCount)}</span>` : '',
          t.redBy === 'extensions' ? `<span class="tag red">${TICKETS.extendedTimes(t.extensions ?? 0)}</span>` : '',
          t.redBy === 'unsatisfied'
            ? `<span class="tag red">${TICKETS.unsatisfiedTimes(t.unsatisfied ?? 0)}</span>`
            : '',
          t.returnApproved
            ? `<span class="tag">${TICKETS.returnApproved}</span>`
            : t.reportedDone
              ? `<span class="tag">${TICKETS.reportedDone}</span>`
              : '',
        ].join('');
        return (
          `<tr><td>${esc(t.number)}</td><td ` +
          `style="text-align:left">` +
          `${t.title ? esc(clipTitle(t.title, 24)) : `<span class="muted">${TICKETS.noTitle}</span>`}` +
          `</td><td>${esc(formatShort(t.dueAt, tz))}</td><td>${state}</td><td>${stepCell(t.number)}</td></tr>`
        );
      });
      const od = list.filter((t) => t.daysOverdue >= 0).length;
      return (
        `<div class="panel"><h2 style="margin-top:0"><a href="/console/unit/${encodeURIComponent(uid)}` +
        `">${esc(name)}</a> <span class="tag red">${TICKETS.overdueTag(od)}</span> <span class="tag ` +
        `amber">${TICKETS.reopenedTag(list.filter((t) => t.reopened).length)}</span></h2>
<div class="scroll"><table><thead><tr><th>${TICKETS.columns.number}</th><th ` +
        `style="text-align:left">${TICKETS.columns.title}</th><th>${TICKETS.columns.due}` +
        `</th><th>${TICKETS.columns.state}</th><th>${TICKETS.columns.step}` +
        `</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></div>`
      );
    });
    const totalOverdue = items.filter((t) => t.daysOverdue >= 0).length;
    const totalReopened = items.filter((t) => t.reopened).length;
    const stepCount = (s: LadderStep) => items.filter((t) => top(t.number)?.step === s).length;
    const cards =
      `<div class="cards"><div class="card${totalOverdue > 0 ? ' bad' : ''}"><b>${totalOverdue}` +
      `</b><span>${TICKETS.overdueCard}</span></div><div class="card"><b>${totalReopened}` +
      `</b><span>${TICKETS.reopenedCard}</span></div>` +
      LADDER_ORDER.map(
        (s) => `<div class="card"><b>${stepCount(s)}</b><span>${esc(LADDER_LABEL[s])}</span></div>`,
      ).join('') +
      `</div>`;
    const option = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: units.map((u) => {
          const x = ctx.roster.unit(u);
          return x ? shortName(x) : u;
        }),
        axisLabel: { interval: 0, rotate: units.length > 6 ? 40 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: TICKETS.seriesOverdue,
          type: 'bar',
          stack: 'n',
          data: units.map((u) => (byUnit.get(u) ?? []).filter((t) => t.daysOverdue >= 0).length),
          itemStyle: { color: '#c0392b' },
        },
        {
          name: TICKETS.seriesReopened,
          type: 'bar',
          stack: 'n',
          data: units.map((u) => (byUnit.get(u) ?? []).filter((t) => t.daysOverdue < 0).length),
          itemStyle: { color: '#b9770e' },
        },
      ],
    };
    const scopeName = only ? (ctx.roster.unit(only)?.name ?? only) : TICKETS.district;
    const empty = items.length === 0 ? `<div class="panel"><p>${TICKETS.empty}</p></div>` : '';
    const body =
      `<h1>${esc(TICKETS.heading(scopeName))}</h1>` +
      `<div class="nav2">${only && v.scope.all ? `<a href="/console/tickets">${TICKETS.allUnits}</a>` : ''}` +
      `<a href="/console/visits${only ? `?unit=${encodeURIComponent(only)}` : ''}">${VISITS.link}</a></div>` +
      `${cards}${units.length > 1 ? `<div class="panel">${chart('tickets-chart', option, 300)}</div>` : ''}` +
      `${empty}${sections.join('')}`;
    const unitLink = unitLinkFor(v.scope, ctx.roster);
    return sendHtml(
      reply,
      page({
        title: TICKETS.title,
        active: 'tickets',
        who: v.person.name,
        all: v.scope.all,
        ...(unitLink ? { unitLink } : {}),
        charts: units.length > 1,
        body,
      }),
    );
  });
}
