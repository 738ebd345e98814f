/** The console's HTML shell: zh-CN, mobile first, no build step; charts by ECharts from a local file. */
import { type Roster, unitName } from '../../domain/roster.js';
import { SHELL } from '../../domain/texts/console.js';
import { COLOUR_LABEL } from '../../domain/texts/tickets.js';
import type { Colour } from '../../domain/tickets/colour.js';
import type { ConsoleScope } from '../../usecases/console-scope.js';

export const esc = (s: string | number | null | undefined): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A chart container; console.js initialises it with ECharts from its JSON option. */
export function chart(id: string, option: unknown, height = 320): string {
  return (
    `<div class="chart" id="${esc(id)}" style="height:${height}px" data-chart="${esc(JSON.stringify(option))}` +
    `"></div>`
  );
}

export const num = (n: number | null | undefined): string => (n === null || n === undefined ? '-' : String(n));
export const pct = (n: number | null | undefined): string =>
  n === null || n === undefined ? '-' : `${Math.round(n * 10) / 10}%`;

export interface Shell {
  title: string;
  /** Which nav tab is active ('' for none). */
  active?: 'today' | 'tickets' | 'dispatch' | 'ranking' | 'campaign' | 'unit' | '';
  /** Signed-in person's name (no nav when absent). */
  who?: string;
  /** false: a unit head's view (no district-wide tabs). */
  all?: boolean;
  unitLink?: { id: string; name: string };
  body: string;
  charts?: boolean;
}

const CSS =
  `
*{box-sizing:border-box}body{margin:0;font:15px/1.55 -apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Micro ` +
  `Hei","Noto Sans CJK SC",sans-serif;color:#1f2d3d;background:#f2f5f8}
a{color:#1f4e79}header{background:#1f4e79;color:#fff;padding:10px 14px;display:flex;flex-wrap:wrap;` +
  `align-items:center;gap:8px 16px}
header .brand{font-weight:600;font-size:17px;white-space:nowrap}header nav{display:flex;gap:4px;margin-right:auto;` +
  `min-width:0}
header a{color:#fff;text-decoration:none;padding:4px 8px;border-radius:6px;white-space:nowrap}
header a.on{background:rgba(255,255,255,.22)}header .who{font-size:13px;opacity:.85;white-space:nowrap}header .who ` +
  `a{padding:0 2px}
main{max-width:1200px;margin:0 auto;padding:12px}h1{font-size:20px;margin:6px 0 12px}h2{font-size:17px;margin:18px 0 ` +
  `8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(104px,1fr));gap:8px;margin-bottom:12px}
.card{background:#fff;border-radius:10px;padding:10px;text-align:center;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.card b{display:block;font-size:24px}.card span{font-size:12px;color:#6b7785}.card.bad b{color:#c0392b}
.panel{background:#fff;border-radius:10px;padding:12px;margin-bottom:12px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}table{border-collapse:collapse;width:100%;font-size:14px;` +
  `white-space:nowrap}
th,td{padding:7px 8px;border-bottom:1px solid #e5e9ee;text-align:right}th{background:#eef3f8;font-weight:600}
th:first-child,td:first-child{text-align:left;position:sticky;left:0;background:inherit}tr{background:#fff}
tr.missing{background:#fdecea}tr.late{background:#fff6e0}.bad{color:#c0392b;font-weight:600}.ok{color:#1e8449}.warn{c` +
  `olor:#b9770e}
.tag{display:inline-block;font-size:12px;padding:1px 6px;border-radius:4px;background:#eef3f8;margin-left:4px}
.tag.red{background:#fdecea;color:#c0392b}.tag.blue{background:#e8f0fb;color:#1f5fa8}` +
  `.tag.amber{background:#fff6e0;color:#b9770e}.tag.green{background:#e8f6ee;` +
  `color:#1e8449}
ul.alerts{margin:0;padding-left:20px}ul.alerts li{margin:2px 0}.muted{color:#6b7785;font-size:13px}
.chart{width:100%;min-height:200px}.nav2{display:flex;gap:12px;flex-wrap:wrap;margin:4px 0 10px;font-size:14px}
details{margin:6px 0}summary{cursor:pointer;color:#1f4e79}ol.tl{margin:6px 0;padding-left:20px;font-size:13px}
.msg{max-width:560px;margin:0 auto;text-align:center;padding:40px 16px}.btn{display:inline-block;background:#1f4e79;` +
  `color:#fff;border:0;border-radius:8px;padding:10px 22px;font-size:16px;text-decoration:none;cursor:pointer}
@media (max-width:600px){main{padding:8px}h1{font-size:18px}.card b{font-size:20px}th,td{padding:6px 6px}
header{padding:8px 10px;gap:6px}header .who{margin-left:auto}header nav{order:3;flex:1 0 100%;margin:0 -4px;` +
  `overflow-x:auto;-webkit-overflow-scrolling:touch}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}table.stack thead{display:none}
table.stack tr{border-bottom:1px solid #e5e9ee;padding:4px 0}table.stack td{display:flex;` +
  `justify-content:space-between;gap:12px;border:0;padding:3px 2px;white-space:normal;text-align:right;` +
  `position:static}
table.stack td::before{content:attr(data-label);color:#6b7785;font-size:13px;text-align:left;flex:none}table.stack ` +
  `td:first-child{font-weight:600}table.stack td:first-child::before{content:none}}
`;

export function page(s: Shell): string {
  const tab = (key: Shell['active'], href: string, label: string) =>
    `<a href="${href}"${s.active === key ? ' class="on"' : ''}>${label}</a>`;
  const nav = !s.who
    ? ''
    : s.all === false
      ? `${s.unitLink ? tab('unit', `/console/unit/${encodeURIComponent(s.unitLink.id)}`, esc(s.unitLink.name)) : ''}` +
        `${tab('today', '/console/', SHELL.tabs.today)}${tab('tickets', '/console/tickets', SHELL.tabs.tickets)}` +
        `${tab('dispatch', '/console/dispatch', SHELL.tabs.dispatch)}`
      : `${tab('today', '/console/', SHELL.tabs.today)}${tab('tickets', '/console/tickets', SHELL.tabs.tickets)}` +
        `${tab('dispatch', '/console/dispatch', SHELL.tabs.dispatch)}` +
        `${tab('ranking', '/console/ranking', SHELL.tabs.ranking)}` +
        `${tab('campaign', '/console/campaign', SHELL.tabs.campaign)}`;
  const who = s.who ? `<span class="who">${esc(s.who)} · <a href="/console/logout">${SHELL.logout}</a></span>` : '';
  const scripts = s.charts
    ? '<script src="/console/assets/echarts.min.js"></script><script src="/console/assets/console.js"></script>'
    : '';
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" ` +
    `content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="alternate ` +
    `icon" href="/favicon.ico"><title>${esc(SHELL.title(s.title))}</title><style>${CSS}</style></head>
<body><header><span class="brand">${SHELL.brand}</span>${nav ? `<nav>${nav}</nav>` : ''}${who}` +
    `</header><main>${s.body}</main>${scripts}</body></html>`
  );
}

/** A one-message page (need login, forbidden, bad link). */
export function messagePage(title: string, text: string, extra = ''): string {
  return page({ title, body: `<div class="msg"><h1>${esc(title)}</h1><p>${esc(text)}</p>${extra}</div>` });
}

/** The header's tab to a head's own unit page (none for those who see every unit). */
export function unitLinkFor(scope: ConsoleScope & object, roster: Roster): Shell['unitLink'] {
  return scope.all ? undefined : { id: scope.unitId, name: unitName(roster, scope.unitId) };
}

/** 三色督办: a ticket's or a dispatch's colour as a tag (empty when it has none). */
export function colourTag(c: Colour | null): string {
  if (!c) return '';
  return `<span class="tag ${c === 'yellow' ? 'amber' : c}">${COLOUR_LABEL[c]}</span>`;
}
