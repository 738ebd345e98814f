/** A unit's page: its last 30 days (chart and table), open tickets and dispatches. */
import type { FastifyInstance } from 'fastify';
import { addDays } from '../../domain/calendar.js';
import { DISPATCH, FIGURE, REPORT_STATE, UNIT as T, VISITS } from '../../domain/texts/console.js';
import { classify } from '../../domain/tickets/digest.js';
import { inZone, localDay } from '../../domain/time.js';
import { unitReports } from '../../store/console.js';
import { dispatchesForUnit } from '../../store/dispatches.js';
import { openTicketsToNag } from '../../store/tickets.js';
import { owedVisits } from '../../store/visits.js';
import type { AppContext } from '../../usecases/context.js';
import { canSeeUnit, forbidden, sendHtml, sendHtmlStatus, viewer } from './auth.js';
import { chart, esc, num, page, pct } from './layout.js';

export function registerUnit(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { id: string } }>('/console/unit/:id', async (req, reply) => {
    const v = await viewer(ctx, req, reply);
    if (!v) return reply;
    const unit = ctx.roster.unit(req.params.id);
    if (!canSeeUnit(v, req.params.id)) return forbidden(reply);
    if (!unit)
      return sendHtmlStatus(
        reply,
        404,
        page({ title: T.notFoundTitle, who: v.person.name, all: v.scope.all, body: `<h1>${T.notFound}</h1>` }),
      );
    const tz = ctx.config.timezone;
    const now = ctx.clock.now();
    const today = localDay(now, tz);
    const from = addDays(today, -29);
    const reports = await unitReports(ctx.db, unit.id, from, today);
    const byDay = new Map(reports.map((r) => [r.day, r]));
    const days: string[] = [];
    for (let d = from; d <= today; d = addDays(d, 1)) days.push(d);
    const label = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8))}`;
    const option = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days.map(label) },
      yAxis: [
        { type: 'value', name: T.axisCount },
        { type: 'value', name: T.axisPercent, min: 50, max: 100, splitLine: { show: false } },
      ],
      series: [
        {
          name: FIGURE.received,
          type: 'bar',
          data: days.map((d) => byDay.get(d)?.received ?? null),
          itemStyle: { color: '#2e86c1' },
        },
        {
          name: FIGURE.completed,
          type: 'bar',
          data: days.map((d) => byDay.get(d)?.completed ?? null),
          itemStyle: { color: '#27ae60' },
        },
        {
          name: FIGURE.satisfactionRate,
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          data: days.map((d) => byDay.get(d)?.satisfactionRate ?? null),
          itemStyle: { color: '#b9770e' },
        },
      ],
    };
    const workdays = days.filter((d) => ctx.calendar.isWorkday(d) && d <= today);
    const reported = workdays.filter((d) => byDay.has(d)).length;
    const late = reports.filter((r) => r.late).length;
    const sum = (k: 'received' | 'completed' | 'overdue' | 'reopened' | 'unsatisfied') =>
      reports.reduce((a, r) => a + (r[k] ?? 0), 0);
    const card = (l: string, n: string | number, bad = false) =>
      `<div class="card${bad ? ' bad' : ''}"><b>${esc(n)}</b><span>${esc(l)}</span></div>`;
    const cards = [
      card(
        T.cards.reported,
        `${reported}/${workdays.length}`,
        workdays.some((d) => d < today && !byDay.has(d)),
      ),
      card(T.cards.late, late, late > 0),
      card(T.cards.received, sum('received')),
      card(T.cards.completed, sum('completed')),
      card(T.cards.overdue, sum('overdue'), sum('overdue') > 0),
      card(T.cards.reopened, sum('reopened'), sum('reopened') > 0),
      card(T.cards.unsatisfied, sum('unsatisfied'), sum('unsatisfied') > 0),
    ].join('');
    const rows = [...days]
      .reverse()
      .filter((d) => byDay.has(d) || ctx.calendar.isWorkday(d))
      .map((d) => {
        const r = byDay.get(d);
        if (!r)
          return (
            `<tr${d < today ? ' class="missing"' : ''}><td>${label(d)}</td><td ` +
            `class="${d < today ? 'bad' : 'muted'}">${d < today ? REPORT_STATE.missing : REPORT_STATE.due}` +
            `</td>${'<td>-</td>'.repeat(7)}</tr>`
          );
        return (
          `<tr${r.late ? ' class="late"' : ''}><td>${label(d)}</td><td class="${r.late ? 'warn' : 'ok'}` +
          `">${r.late ? REPORT_STATE.late : REPORT_STATE.filed} ${esc(inZone(r.receivedAt, tz).format('HH:mm'))}` +
          `</td><td>${num(r.received)}</td><td>${num(r.completed)}</td><td>${num(r.inProgress)}` +
          `</td><td${(r.overdue ?? 0) > 0 ? ' class="bad"' : ''}>${num(r.overdue)}</td><td>${num(r.reopened)}` +
          `</td><td>${num(r.unsatisfied)}</td><td>${pct(r.satisfactionRate)}</td></tr>`
        );
      });
    const tickets = classify(
      (await openTicketsToNag(ctx.db, now)).filter((t) => t.unitId === unit.id),
      now,
      ctx.calendar,
      tz,
    );
    const overdue = tickets.filter((t) => t.daysOverdue >= 0).length;
    const reopened = tickets.filter((t) => t.reopened).length;
    const visits = await owedVisits(ctx.db, unit.id);
    const visitsLate = visits.filter((x) => x.dueDay < today).length;
    const dispatches = (await dispatchesForUnit(ctx.db, unit.id)).filter((d) => d.status === 'open');
    const pending = dispatches.map((d) => {
      const t = d.targets.find((x) => x.unitId === unit.id);
      const state = t?.answeredAt
        ? `<span class="tag green">${DISPATCH.answered}</span>`
        : t?.ackedAt
          ? `<span class="tag">${DISPATCH.acked}</span>`
          : `<span class="tag amber">${DISPATCH.unacked}</span>`;
      return (
        `<li><a href="/console/dispatch#${esc(d.code)}">${esc(d.code)}</a> ${state} ` +
        `${esc(d.text.length > 40 ? `${d.text.slice(0, 40)}…` : d.text)}</li>`
      );
    });
    const body =
      `<h1>${esc(unit.name)}</h1><p class="muted">${T.days(label(from), label(today))}</p>
<div class="cards">${cards}</div>
<div class="panel"><h2 style="margin-top:0">${T.chartTitle}</h2>${chart('unit-chart', option, 320)}</div>
<div class="panel"><h2 style="margin-top:0">${T.pending}</h2><p>${T.tickets.overdue}<b ` +
      `class="${overdue > 0 ? 'bad' : ''}">${overdue}</b> ${T.tickets.reopened}<b>${reopened}</b> ` +
      `${T.tickets.end}<a href="/console/tickets?unit=${encodeURIComponent(unit.id)}">${T.tickets.link}</a></p>
<p id="unit-visits">${VISITS.unitLine(visits.length, visitsLate)}<a ` +
      `href="/console/visits?unit=${encodeURIComponent(unit.id)}">${VISITS.unitLink}</a></p>
` +
      (pending.length > 0
        ? `<p>${T.openDispatches}</p><ul class="alerts">${pending.join('')}</ul>`
        : `<p class="muted">${T.noOpenDispatches}</p>`) +
      `</div>
<div class="panel scroll"><table id="unit-table"><thead><tr>${T.columns.map((h) => `<th>${h}</th>`).join('')}` +
      `</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
    const unitLink = { id: unit.id, name: unit.name };
    return sendHtml(
      reply,
      page({
        title: unit.name,
        active: v.scope.all ? '' : 'unit',
        who: v.person.name,
        all: v.scope.all,
        ...(v.scope.all ? {} : { unitLink }),
        charts: true,
        body,
      }),
    );
  });
}
