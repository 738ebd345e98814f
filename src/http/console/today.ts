/** 今日: every unit reported / late / missing with its figures, totals, anomalies first. */
import type { FastifyInstance } from 'fastify';
import { addDays } from '../../domain/calendar.js';
import { summarizeDay } from '../../domain/report/summary.js';
import { FIGURE, REPORT_STATE, TODAY } from '../../domain/texts/console.js';
import { monthDay } from '../../domain/texts/reports.js';
import { inZone, localDay } from '../../domain/time.js';
import { orderedRows, shortName } from '../../render/day-card.js';
import { reportsForDay } from '../../store/reports.js';
import type { AppContext } from '../../usecases/context.js';
import { sendHtml, viewer } from './auth.js';
import { chart, esc, num, page, pct, unitLinkFor } from './layout.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function registerToday(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { day?: string } }>('/console/', async (req, reply) => {
    const v = await viewer(ctx, req, reply);
    if (!v) return reply;
    const tz = ctx.config.timezone;
    const today = localDay(ctx.clock.now(), tz);
    const day = typeof req.query.day === 'string' && DAY.test(req.query.day) ? req.query.day : today;
    const all = ctx.roster.reportingUnits();
    const units = v.scope.all ? all : all.filter((u) => !v.scope.all && u.id === v.scope.unitId);
    const stored = (await reportsForDay(ctx.db, day)).filter((r) => units.some((u) => u.id === r.unitId));
    const s = summarizeDay({ day, units, reports: stored, lowRate: ctx.config.reports.lowRate });
    const byUnit = new Map(stored.map((r) => [r.unitId, r]));
    const workday = ctx.calendar.isWorkday(day);
    const lowRate = ctx.config.reports.lowRate;

    const card = (label: string, n: number | string, bad = false) =>
      `<div class="card${bad ? ' bad' : ''}"><b>${esc(n)}</b><span>${esc(label)}</span></div>`;
    const cards = [
      card(TODAY.reportedUnits, `${s.reported}/${s.total}`, s.missing.length > 0),
      card(TODAY.late, s.late.length, s.late.length > 0),
      ...(
        [
          ['received', false],
          ['completed', false],
          ['inProgress', false],
          ['overdue', true],
          ['reopened', true],
          ['unsatisfied', true],
        ] as const
      ).map(([k, alarm]) => {
        // Only the units that gave a figure are summed: "—" when none did, their count when only some did.
        const given = s.givenBy[k];
        const some = given > 0 && given < s.reported;
        return card(
          TODAY.figureCard(FIGURE[k], some ? given : null),
          given === 0 && s.reported > 0 ? '—' : s.totals[k],
          alarm && s.totals[k] > 0,
        );
      }),
    ].join('');
    const alerts =
      s.anomalies.length > 0
        ? `<div class="panel"><h2 style="margin-top:0">${TODAY.attention}</h2><ul ` +
          `class="alerts">${s.anomalies.map((a) => `<li>${esc(a)}</li>`).join('')}</ul></div>`
        : '';
    const badRate = (n: number | null) => n !== null && n < lowRate;
    const rows = orderedRows(units, stored, lowRate).map(({ unit, r }) => {
      const link = `<a href="/console/unit/${encodeURIComponent(unit.id)}">${esc(unit.name)}</a>`;
      const full = byUnit.get(unit.id);
      if (!r || !full)
        return (
          `<tr class="missing" data-unit="${esc(unit.id)}"><td>${link}</td><td ` +
          `class="bad">${REPORT_STATE.missing}</td>${'<td>-</td>'.repeat(8)}</tr>`
        );
      const status = r.late
        ? `<td class="warn">${REPORT_STATE.late}</td>`
        : `<td class="ok">${REPORT_STATE.filed}</td>`;
      const cell = (n: number | null, bad: boolean) => `<td${bad ? ' class="bad"' : ''}>${num(n)}</td>`;
      return (
        `<tr${r.late ? ' class="late"' : ''} data-unit="${esc(unit.id)}"><td>${link}</td>${status}` +
        `${cell(r.received, false)}${cell(r.completed, false)}${cell(r.inProgress, false)}` +
        `${cell(r.overdue, (r.overdue ?? 0) > 0)}${cell(r.reopened, (r.reopened ?? 0) > 0)}` +
        `${cell(r.unsatisfied, (r.unsatisfied ?? 0) > 0)}<td${badRate(r.satisfactionRate) ? ' class="bad"' : ''}` +
        `>${pct(r.satisfactionRate)}</td><td>${esc(inZone(full.receivedAt, tz).format('HH:mm'))}</td></tr>`
      );
    });
    const table =
      `<div class="panel scroll"><table ` +
      `id="today-table"><thead><tr>${TODAY.columns.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>` +
      `${rows.join('')}</tbody></table></div>`;
    const reported = units.filter((u) => byUnit.has(u.id));
    const option = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: reported.map(shortName),
        axisLabel: { interval: 0, rotate: reported.length > 6 ? 40 : 0 },
      },
      yAxis: { type: 'value' },
      series: [
        {
          name: FIGURE.received,
          type: 'bar',
          data: reported.map((u) => byUnit.get(u.id)?.received ?? 0),
          itemStyle: { color: '#2e86c1' },
        },
        {
          name: FIGURE.completed,
          type: 'bar',
          data: reported.map((u) => byUnit.get(u.id)?.completed ?? 0),
          itemStyle: { color: '#27ae60' },
        },
        {
          name: FIGURE.overdue,
          type: 'bar',
          data: reported.map((u) => byUnit.get(u.id)?.overdue ?? 0),
          itemStyle: { color: '#c0392b' },
        },
      ],
    };
    const charts =
      reported.length > 1
        ? `<div class="panel"><h2 style="margin-top:0">${TODAY.chartTitle}` +
          `</h2>${chart('today-chart', option, 340)}</div>`
        : '';
    const nav =
      `<div class="nav2"><a href="/console/?day=${addDays(day, -1)}">${TODAY.previousDay}</a>` +
      (day < today
        ? `<a href="/console/?day=${addDays(day, 1)}">${TODAY.nextDay}</a><a href="/console/">${TODAY.today}</a>`
        : '') +
      `</div>`;
    const note = workday ? '' : `<p class="muted">${TODAY.notWorkday}</p>`;
    const title = TODAY.title(monthDay(day), day === today);
    const unitLink = unitLinkFor(v.scope, ctx.roster);
    return sendHtml(
      reply,
      page({
        title,
        active: 'today',
        who: v.person.name,
        all: v.scope.all,
        ...(unitLink ? { unitLink } : {}),
        charts: charts !== '',
        body:
          `<h1>${esc(title)}</h1>${nav}${note}<div class="cards" id="totals">${cards}</div>${alerts}${table}` +
          `${charts}`,
      }),
    );
  });
}
