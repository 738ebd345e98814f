/**
 * Console access: a single-use login link (from the bot, on 控制台 in a private chat) opens a
 * session kept in an HttpOnly, SameSite=Strict cookie. Every page asks `viewer()` first.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { consolePublicUrl } from '../../config/schema.js';
import type { Person } from '../../domain/roster.js';
import { AUTH, CONSOLE_FORBIDDEN, CONSOLE_LINK_INVALID, CONSOLE_NEED_LOGIN } from '../../domain/texts/console.js';
import { endSession, issueToken, pruneTokens, redeemLink, sessionPerson } from '../../store/console.js';
import { type ConsoleScope, consoleScope } from '../../usecases/console-scope.js';
import type { AppContext } from '../../usecases/context.js';
import { esc, messagePage } from './layout.js';

export const COOKIE = 'duban_console';

export interface Viewer {
  person: Person;
  scope: Exclude<ConsoleScope, null>;
}

export function readCookie(req: FastifyRequest, name = COOKIE): string | undefined {
  const raw = req.headers.cookie ?? '';
  for (const part of raw.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

// Scripts only from the console's own files; no framing; no referrer (links carry no token, but still).
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "frame-ancestors 'none'; form-action 'self'";

const html = (reply: FastifyReply, code: number, body: string, csp = CSP) =>
  reply
    .code(code)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', csp)
    .send(body);

/** A 200 page; `inlineScript` allows the page's own inline script (the simulator page only). */
export const sendHtml = (reply: FastifyReply, body: string, inlineScript = false): FastifyReply =>
  html(reply, 200, body, inlineScript ? CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") : CSP);

/** A page with another status (a 404), with the same security headers. */
export const sendHtmlStatus = (reply: FastifyReply, code: number, body: string): FastifyReply =>
  html(reply, code, body);

/** 403 with the zh-CN explanation. */
export const forbidden = (reply: FastifyReply): FastifyReply =>
  html(reply, 403, messagePage(AUTH.forbiddenTitle, CONSOLE_FORBIDDEN, `<p><a href="/console/">${AUTH.back}</a></p>`));

/** The signed-in viewer, or a redirect to the "how to log in" page (returns undefined). */
export async function viewer(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<Viewer | undefined> {
  const token = readCookie(req);
  const personId = token ? await sessionPerson(ctx.db, token, ctx.clock.now()) : null;
  const person = personId ? ctx.roster.person(personId) : undefined;
  const scope = consoleScope(person);
  if (!person || !scope) {
    await reply.code(302).header('location', '/console/need-login').header('cache-control', 'no-store').send();
    return undefined;
  }
  return { person, scope };
}

/** May this viewer see this unit? */
export const canSeeUnit = (v: Viewer, unitId: string): boolean => v.scope.all || v.scope.unitId === unitId;

/**
 * The one unit a page shows: `?unit=` when given, else the viewer's own (a unit's person), else none (all, for
 * leaders and supervisors). Whether the viewer may see it is `canSeeUnit`'s to say.
 */
export function unitAsked(v: Viewer, query: { unit?: string }): string | undefined {
  if (typeof query.unit === 'string' && query.unit !== '') return query.unit;
  return v.scope.all ? undefined : v.scope.unitId;
}

/** A request from another site (a form posted from elsewhere) is refused; so is an Origin that is not a URL. */
export function crossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/** The host name of a Host header ('' when it is not one). */
function hostName(host: string | undefined): string {
  if (!host) return '';
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * The host names the console answers to: publicUrl's, the loopback names and
 * `console.allowedHosts`. A page fetched under any other name (a DNS-rebinding site that points
 * its own name at this address) is refused before anything else.
 */
export function allowedHosts(ctx: AppContext): Set<string> {
  const names = [
    'localhost',
    '127.0.0.1',
    '[::1]',
    hostName(new URL(consolePublicUrl(ctx.config.console)).host),
    ...ctx.config.console.allowedHosts.map((h) => hostName(h) || h.toLowerCase()),
  ];
  return new Set(names.filter((n) => n !== ''));
}

export function registerHostCheck(app: FastifyInstance, ctx: AppContext): void {
  const allowed = allowedHosts(ctx);
  app.addHook('onRequest', async (req, reply) => {
    if (!allowed.has(hostName(req.headers.host))) {
      return reply
        .code(421)
        .header('content-type', 'text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('host not allowed');
    }
  });
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  const secure = consolePublicUrl(ctx.config.console).startsWith('https:');
  app.get('/console/need-login', async (_req, reply) =>
    html(reply, 401, messagePage(AUTH.needLoginTitle, CONSOLE_NEED_LOGIN)),
  );

  // The link opens a page with a button: chat apps fetch links for previews, and a preview
  // must not spend a single-use link. Only the button's POST redeems it.
  app.get<{ Querystring: { t?: string } }>('/console/login', async (req, reply) => {
    const t = typeof req.query.t === 'string' ? req.query.t : '';
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(t))
      return html(reply, 400, messagePage(AUTH.linkInvalidTitle, CONSOLE_LINK_INVALID));
    const form =
      `<form method="post" action="/console/login"><input type="hidden" name="t" value="${esc(t)}"><button ` +
      `class="btn" type="submit">${AUTH.loginButton}</button></form>`;
    return html(reply, 200, messagePage(AUTH.loginTitle, AUTH.loginHint, form));
  });

  app.post<{ Body: { t?: string } }>('/console/login', async (req, reply) => {
    if (crossSite(req)) return html(reply, 403, messagePage(AUTH.cannotLoginTitle, CONSOLE_LINK_INVALID));
    const t = typeof req.body?.t === 'string' ? req.body.t : '';
    const now = ctx.clock.now();
    const personId = t ? await redeemLink(ctx.db, t, now) : null;
    if (!personId || !consoleScope(ctx.roster.person(personId))) {
      return html(
        reply,
        400,
        messagePage(AUTH.linkInvalidTitle, CONSOLE_LINK_INVALID, `<p class="muted">${esc(CONSOLE_NEED_LOGIN)}</p>`),
      );
    }
    const hours = ctx.config.console.sessionHours;
    const session = await issueToken(ctx.db, 'session', personId, now, hours * 3_600_000);
    await pruneTokens(ctx.db, now).catch(() => undefined);
    ctx.log.info({ person: personId }, 'console login');
    const cookie =
      `${COOKIE}=${session}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${Math.round(hours * 3600)}` +
      `${secure ? '; Secure' : ''}`;
    return reply
      .code(303)
      .header('set-cookie', cookie)
      .header('location', '/console/')
      .header('cache-control', 'no-store')
      .send();
  });

  app.get('/console/logout', async (req, reply) => {
    const t = readCookie(req);
    if (t) await endSession(ctx.db, t, ctx.clock.now());
    return reply
      .code(302)
      .header('set-cookie', `${COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0`)
      .header('location', '/console/need-login')
      .send();
  });
}
