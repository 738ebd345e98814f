/**
 * 百日攻坚: per field and item, the target, what is done, the share of time gone against the share done, the state
 * (behind and why) and a sparkline of done by day against the planned line. Server-drawn (no script): readable on a
 * phone, where the table stacks. Leaders and supervisors see every item; a lead unit's head or liaison its own.
 */
import type { FastifyInstance } from 'fastify';
import { addDays } from '../../domain/calendar.js';
import { daysFrom } from '../../domain/campaign/schedule.js';
import { behindReason } from '../../domain/texts/campaign.js';
import { CAMPAIGN as T } from '../../domain/texts/console.js';
import { monthDay } from '../../domain/texts/reports.js';
import { localDay } from '../../domain/time.js';
import { type BoardItem, campaignBoard } from '../../usecases/campaign.js';
import type { AppContext } from '../../usecases/context.js';
import { forbidden, sendHtml, viewer } from './auth.js';
import { esc, page, pct, unitLinkFor } from './layout.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const W = 132;
const H = 34;

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 10) / 10));

/** Done by day (solid) against the planned line (dashed), over the item's whole days; a dot marks the day shown. */
export function sparkline(b: BoardItem, day: string): string {
  const it = b.status.item;
  const total = b.status.days;
  const x = (d: string) => (Math.max(0, Math.min(total, daysFrom(addDays(it.start, -1), d))) / total) * (W - 4) + 2;
  const y = (v: number) => H - 2 - (Math.max(0, Math.min(it.target, v)) / it.target) * (H - 4);
  const plan = [
    [addDays(it.start, -1), 0] as const,
    ...it.milestones.map((m) => [m.by, m.value] as const),
    [it.end, it.target] as const,
  ]
    .map(([d, v]) => `${x(d).toFixed(1)},${y(v).toFixed(1)}`)
    .join(' ');
  const pts = b.series.filter((p) => p.day >= addDays(it.start, -1) && p.day <= day);
  const colour = b.status.state === 'behind' ? '#c0392b' : '#1f4e79';
  let done = '';
  if (pts.length > 0) {
    // A step line: the figure holds until the next day reported, and up to the day shown.
    const steps: string[] = [];
    let last = pts[0]?.done ?? 0;
    for (const p of pts) {
      steps.push(`${x(p.day).toFixed(1)},${y(last).toFixed(1)}`, `${x(p.day).toFixed(1)},${y(p.done).toFixed(1)}`);
      last = p.done;
    }
    steps.push(`${x(day).toFixed(1)},${y(last).toFixed(1)}`);
    done =
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${steps.join(' ')}"/>` +
      `<circle cx="${x(day).toFixed(1)}" cy="${y(last).toFixed(1)}" r="2.6" fill="${colour}"/>`;
  }
  return (
    `<svg class="spark" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" ` +
    `aria-label="${esc(T.sparkline)}">` +
    `<line x1="${x(day).toFixed(1)}" y1="0" x2="${x(day).toFixed(1)}" y2="${H}" stroke="#d5dde6"/>` +
    `<polyline fill="none" stroke="#8a97a6" stroke-width="1.2" stroke-dasharray="3 2" points="${plan}"/>${done}</svg>`
  );
}

const TAG: Record<string, string> = {
  behind: 'red',
  'on-track': 'green',
  unreported: 'amber',
  done: 'green',
  'not-started': '',
};

function row(b: BoardItem, day: string): string {
  const s = b.status;
  const it = s.item;
  const m = b.line.measure;
  const cells: Array<[string, string]> = [
    [
      T.columns[0],
      `${esc(it.name)}${it.milestones
        .map((x) => `<div class="muted">${esc(T.milestone(monthDay(x.by), `${fmt(x.value)}${m}`, x.note))}</div>`)
        .join('')}`,
    ],
    [T.columns[1], `<a href="/console/unit/${encodeURIComponent(it.lead)}">${esc(b.line.unitName)}</a>`],
    [T.columns[2], esc(`${fmt(it.target)}${m}`)],
    [T.columns[3], s.done === null ? '-' : esc(`${fmt(s.done)}${m}`)],
    [T.columns[4], `<b class="${s.state === 'behind' ? 'bad' : ''}">${pct(s.donePct)}</b>`],
    [T.columns[5], pct(s.timePct)],
    [
      T.columns[6],
      `<span class="tag ${TAG[s.state] ?? ''}">${T.states[s.state]}</span>` +
        (s.state === 'behind' ? `<div class="muted why">${esc(behindReason(b.line))}</div>` : ''),
    ],
    [T.columns[7], sparkline(b, day)],
  ];
  return (
    `<tr data-item="${esc(it.id)}" data-state="${s.state}"${s.state === 'behind' ? ' class="missing"' : ''}>` +
    cells.map(([label, html]) => `<td data-label="${esc(label)}"><div>${html}</div></td>`).join('') +
    '</tr>'
  );
}

const CSS =
  '<style>.why{white-space:normal;max-width:340px;margin-top:2px}.spark{display:block;margin-left:auto}' +
  'table.stack td .muted{font-weight:400}tr.field td{background:#eef3f8;font-weight:600;text-align:left}' +
  '#campaign-table td:first-child{white-space:normal;min-width:150px}' +
  '@media (max-width:600px){#campaign-table tr.field{padding:0}#campaign-table tr.field td{padding:8px 6px}' +
  '#campaign-table td:first-child{display:block;text-align:left}}</style>';

export function registerCampaign(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { day?: string } }>('/console/campaign', async (req, reply) => {
    const v = await viewer(ctx, req, reply);
    if (!v) return reply;
    const today = localDay(ctx.clock.now(), ctx.config.timezone);
    const day = typeof req.query.day === 'string' && DAY.test(req.query.day) ? req.query.day : today;
    const board = await campaignBoard(ctx, day);
    const items = board.items.filter((b) => v.scope.all || b.status.item.lead === v.scope.unitId);
    if (!v.scope.all && items.length === 0) return forbidden(reply);
    const count = (state: string) => items.filter((b) => b.status.state === state).length;
    const card = (label: string, n: number, bad = false) =>
      `<div class="card${bad ? ' bad' : ''}"><b>${n}</b><span>${esc(label)}</span></div>`;
    const cards =
      `<div class="cards" id="campaign-cards">${card(T.cards.items, items.length)}` +
      `${card(T.cards.behind, count('behind'), count('behind') > 0)}${card(T.cards.onTrack, count('on-track'))}` +
      `${card(T.cards.unreported, count('unreported'))}${card(T.cards.done, count('done'))}</div>`;
    // One table (the columns line up), a row per field before its items.
    const fields = [...new Set(items.map((b) => b.status.item.field))];
    const rows = fields.flatMap((f) => [
      `<tr class="field"><td colspan="${T.columns.length}">${esc(f)}</td></tr>`,
      ...items.filter((b) => b.status.item.field === f).map((b) => row(b, day)),
    ]);
    const table =
      `<div class="panel scroll"><table class="stack" id="campaign-table"><thead><tr>` +
      `${T.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>` +
      `<tbody>${rows.join('')}</tbody></table></div>`;
    const body =
      `${CSS}<h1 id="campaign-heading">${esc(T.heading(board.counter, ctx.config.campaign.name, monthDay(day)))}</h1>` +
      `<p class="muted">${esc(T.asOf(monthDay(day)))} ${esc(T.sparkline)}。</p>` +
      (items.length === 0 ? `<div class="panel"><p>${esc(T.empty)}</p></div>` : cards + table);
    return sendHtml(
      reply,
      page({
        title: T.title,
        active: 'campaign',
        who: v.person.name,
        all: v.scope.all,
        unitLink: v.scope.all ? undefined : unitLinkFor(v.scope, ctx.roster),
        body,
      }),
    );
  });
}
