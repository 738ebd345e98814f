/**
 * Simulator only: a chat page showing the simulated group and private chats, where the user
 * speaks as any roster person. Registered only when the app runs with the mock world.
 */
import type { FastifyInstance } from 'fastify';
import { CONSOLE_LINK_SLOT } from '../../domain/messages.js';
import { SIM } from '../../domain/texts/console.js';
import { inZone } from '../../domain/time.js';
import type { AppContext } from '../../usecases/context.js';
import { crossSite, sendHtml } from './auth.js';
import { esc, page } from './layout.js';

/** The part of the simulated world (sim/world.ts) the page needs. */
export interface SimulatorChat {
  /** 'wecom': the bot sees only group messages that @ it (the page says so). */
  readonly kind?: 'wechaty' | 'wecom';
  readonly botName?: string;
  say(fromId: string, text: string, o?: { to?: 'group' | 'bot'; mentions?: string[] }): string;
  /** Why the bot did not see a message (WeCom: a group message without @ the bot). */
  notSeen?(messageId: string): string | undefined;
  /** Group members not on the roster (the bot does not know them). */
  strangers?(): Array<{ id: string; name: string }>;
  /** What the bot sent (the page shows the simulated person the login link they got). */
  onSent?(fn: (s: { to: string; text: string }) => void): void;
}

/** A contact id a new group member may have (`wxid_…`); anyone else must be on the roster or already in the group. */
const NEW_MEMBER_ID = /^wxid_[A-Za-z0-9_-]{1,60}$/;

interface Line {
  dir: 'in' | 'out';
  chat: string;
  from: string;
  to: string;
  text: string;
  at: string;
}

async function recent(ctx: AppContext, links: Map<string, string>, limit = 300): Promise<Line[]> {
  const rows = await ctx.db.query<Record<string, unknown>>(
    `select * from (
       select 'in' as dir, chat, sender_id as who, text, file_name, mentions, received_at as at from inbound_messages
       union all
       select 'out' as dir, to_kind as chat, to_id as who, text, file_name, mentions, sent_at as at from ` +
      `outbound_messages where sent_at is not null
     ) m order by at desc limit $1`,
    [limit],
  );
  const name = (id: string) => ctx.roster.person(id)?.name ?? id;
  const tz = ctx.config.timezone;
  return rows.reverse().map((r) => {
    const mentions = (typeof r.mentions === 'string' ? JSON.parse(r.mentions) : (r.mentions ?? [])) as string[];
    // The store keeps login links redacted; the simulated person sees the link they were sent.
    const stored = String(r.text ?? '');
    const body =
      r.dir === 'out' && r.who && stored.includes(CONSOLE_LINK_SLOT)
        ? stored.split(CONSOLE_LINK_SLOT).join(links.get(String(r.who)) ?? CONSOLE_LINK_SLOT)
        : stored;
    const text =
      `${r.dir === 'out' && mentions.length > 0 ? `${mentions.map((m) => `@${name(m)}`).join(' ')} ` : ''}${body}` +
      `${r.file_name ? `\n${SIM.file}${String(r.file_name)}` : ''}`;
    const who = r.who ? name(String(r.who)) : '';
    const group = r.chat === 'group';
    return {
      dir: r.dir === 'out' ? 'out' : 'in',
      chat: group ? 'group' : 'private',
      from: r.dir === 'out' ? SIM.bot : who,
      to: group ? SIM.group : r.dir === 'out' ? who : SIM.bot,
      text,
      at: inZone(r.at as Date, tz).format('MM-DD HH:mm:ss'),
    };
  });
}

const SCRIPT =
  `(function(){
var log=document.getElementById('log'),last='';
function linkify(s){return s.replace(/[&<>"]/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];` +
  `}).replace(/(https?:\\/\\/[^\\s<]+)/g,'<a href="$1" target="_blank" rel="noopener">$1</a>');}
function draw(lines){var h=lines.map(function(m){var p=m.chat==='private';return '<div class="m '+m.dir+(p?' p':'')` +
  `+'"><div class="h">'+(p?'${SIM.privateTag}':'${SIM.groupTag}')+linkify(m.from)+(p?' → '+linkify(m.to):'')+' ` +
  `<span>'+m.at+'</span></div><div class="b">'+linkify(m.text)+'</div></div>';}).join('');
 var atEnd=log.scrollTop+log.clientHeight>=log.scrollHeight-40;log.innerHTML=h||'<p class="muted">${SIM.noMessages}` +
  `</p>';if(atEnd)log.scrollTop=log.scrollHeight;}
function poll(){fetch('/sim/messages',{cache:'no-store'}).then(function(r){return r.json();}).then(function(d){var ` +
  `s=JSON.stringify(d);if(s!==last){last=s;draw(d.messages);}}).catch(function(){}).finally(function()` +
  `{setTimeout(poll,1000);});}
var form=document.getElementById('say'),box=form.text;
var note=document.getElementById('note');
function send(){var t=box.value.trim();if(!t)return;
 fetch('/sim/say',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({from:form.from.valu` +
  `e,to:form.to.value,text:t})}).then(function(r){if(r.ok){box.value='';fit();return r.json();}}).then(function(d)` +
  `{note.textContent=(d&&d.note)||'';});}
function fit(){box.style.height='auto';box.style.height=Math.min(box.scrollHeight,200)+'px';}
form.addEventListener('submit',function(e){e.preventDefault();send();});
box.addEventListener('input',fit);
box.addEventListener('keydown',function(e){if(e.key==='Enter'&&!e.shiftKey&&!e.isComposing&&e.keyCode!==229)` +
  `{e.preventDefault();send();}});
poll();})();`;

const CSS =
  `<style>#log{height:60vh;overflow-y:auto;background:#e9edf1;border-radius:10px;padding:10px}.m{background:#fff;` +
  `border-radius:8px;padding:6px 10px;margin:6px 40px 6px 0;white-space:pre-wrap;word-break:break-all}
.m.out{background:#dcf3d9;margin:6px 0 6px 40px}.m.p{border-left:4px solid #b9770e}.m .h{font-size:12px;` +
  `color:#6b7785}.m .h span{float:right}
form#say{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px;align-items:flex-end}form#say select,form#say ` +
  `textarea{font-size:15px;padding:8px;border:1px solid #c9d3dd;border-radius:6px}form#say textarea{flex:1 1 ` +
  `240px;resize:vertical;min-height:40px;font-family:inherit;line-height:1.4}</style>`;

export function registerSimChat(app: FastifyInstance, ctx: AppContext, world: SimulatorChat): void {
  // The last login link the mock chat delivered to each person (never stored by the bot).
  const links = new Map<string, string>();
  world.onSent?.((s) => {
    const m = /https?:\/\/\S+\/console\/login\?t=[A-Za-z0-9_-]+/.exec(s.text);
    if (m) links.set(s.to, m[0]);
  });
  app.get('/sim', async (_req, reply) => {
    const role = SIM.roles;
    const people = ctx.roster.people
      .map(
        (p) =>
          `<option value="${esc(p.id)}">${esc(p.name)}（` +
          esc(
            [p.unit ? (ctx.roster.unit(p.unit)?.name ?? p.unit) : '', ...p.roles.map((r) => role[r] ?? r)]
              .filter(Boolean)
              .join(' '),
          ) +
          `）</option>`,
      )
      .join('');
    const strangers = (world.strangers?.() ?? [])
      .map((c) => `<option value="${esc(c.id)}">${esc(c.name)}（${esc(SIM.stranger(c.id))}）</option>`)
      .join('');
    const others = strangers ? `<optgroup label="${SIM.strangers}">${strangers}</optgroup>` : '';
    const wecom = world.kind === 'wecom' ? ` ${esc(SIM.wecomHint(world.botName ?? ''))}` : '';
    const body =
      `${CSS}<h1>${esc(SIM.heading(ctx.config.group.topic))}</h1><p class="muted">${SIM.hint}${wecom}</p>
<div id="log"></div><form id="say"><select name="from" aria-label="${SIM.speaker}">${people}${others}` +
      `</select><select name="to" aria-label="${SIM.sendTo}"><option value="group">${SIM.toGroup}` +
      `</option><option value="bot">${SIM.toBot}</option></select>
<textarea name="text" rows="1" placeholder="${SIM.placeholder}" autocomplete="off"></textarea><button class="btn" ` +
      `type="submit">${SIM.send}</button></form><p id="note" class="muted" role="status"></p>` +
      `<script>${SCRIPT}</script>`;
    return sendHtml(reply, page({ title: SIM.title, body }), true);
  });
  app.get('/sim/messages', async (_req, reply) =>
    reply.header('cache-control', 'no-store').send({ messages: await recent(ctx, links) }),
  );
  app.post<{ Body: { from?: unknown; to?: unknown; text?: unknown } }>('/sim/say', async (req, reply) => {
    if (crossSite(req)) return reply.code(403).send({ error: 'cross-site' });
    const { from, to, text } = req.body ?? {};
    // Anyone in the group may speak: a roster person, a member not on the roster, or a new one (wxid_…).
    const known =
      typeof from === 'string' &&
      (ctx.roster.person(from) !== undefined ||
        (world.strangers?.() ?? []).some((c) => c.id === from) ||
        NEW_MEMBER_ID.test(from));
    if (!known || typeof from !== 'string' || typeof text !== 'string' || text.trim() === '' || text.length > 4000)
      return reply.code(400).send({ error: 'from (a group member id) and text are required' });
    const mentions = [
      ...new Set(
        [...text.matchAll(/@([^\s@，,：:]+)/g)]
          .map((m) => ctx.roster.people.find((p) => p.name === m[1])?.id)
          .filter((x): x is string => x !== undefined),
      ),
    ];
    const id = world.say(from, text.replace(/\r\n?/g, '\n'), to === 'bot' ? { to: 'bot' } : { to: 'group', mentions });
    // WeCom: a group message without @ the bot never reached it (as on the platform); the page says so.
    if (world.notSeen?.(id) === 'not-mentioned') return reply.send({ id, note: SIM.notMentioned(world.botName ?? '') });
    return reply.send({ id });
  });
}
