import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TicketField } from '../config/schema.js';
import type { HandlerContext } from '../handlers/context.js';
import { openDualRounds } from '../handlers/dual-flow.js';
import { importRecords } from '../store/ticket-import.js';
import { bearerOk } from './server.js';

const text = (max: number) => z.string().max(max).optional().nullable();
const when = z.union([z.string().max(40), z.number()]).optional().nullable();

/** One ticket as the platform's push sends it (field names, or the Chinese headers). */
export const apiTicketSchema = z
  .object({
    number: z.union([z.string().min(1).max(64), z.number().int()]),
    title: text(500),
    content: text(8000),
    unit: z.string().min(1).max(100),
    street: text(100),
    grid: text(100),
    assignedAt: when,
    deadline: when,
    status: text(40),
    rating: text(20),
    reopenCount: z.union([z.number().int().min(0).max(999), z.string().max(10)]).optional().nullable(),
  })
  .strict();

export const MAX_API_TICKETS = 10_000;
export const apiBodySchema = z.array(apiTicketSchema).min(1).max(MAX_API_TICKETS);

export interface TicketApiDeps {
  ctx: HandlerContext;
  /** API_TOKEN from the environment; absent means the endpoint is off (404). */
  token: string | undefined;
  /** Request body limit in bytes. */
  bodyLimit?: number;
}

/**
 * `POST /api/tickets`: a JSON array of tickets, bearer token compared in constant time,
 * zod-validated, imported like a file (upsert by number, events, one bad row never stops the
 * others). Answers the same counts and rejected rows the chat gets.
 */
export function registerTicketApi(app: FastifyInstance, deps: TicketApiDeps): void {
  if (!deps.token) return;
  const token = deps.token;
  app.post('/api/tickets', { bodyLimit: deps.bodyLimit ?? 8 * 1024 * 1024 }, async (req, reply) => {
    if (!bearerOk(req, token)) return reply.code(401).send({ error: 'unauthorized' });
    const parsed = apiBodySchema.safeParse(req.body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
      return reply.code(400).send({ error: 'invalid body: expected a JSON array of tickets', issues });
    }
    const { ctx } = deps;
    const records = parsed.data.map((t) => {
      const r: Partial<Record<TicketField, unknown>> = {};
      for (const [k, v] of Object.entries(t)) if (v !== null && v !== undefined) r[k as TicketField] = typeof v === 'number' && k === 'number' ? String(v) : v;
      return r;
    });
    const result = await importRecords(records, { db: ctx.db, roster: ctx.roster, calendar: ctx.calendar, config: ctx.config, now: ctx.clock.now() }, { source: 'api' });
    if (result.kind !== 'imported') return reply.code(400).send({ error: result.kind });
    ctx.log.info({ ...result.counts }, 'tickets imported through the API');
    await openDualRounds(ctx).catch((err) => ctx.log.error({ err }, 'dual: rounds not made after the API import (dual-check will)'));
    return reply.send({ ...result.counts, rejectedRows: result.rejected });
  });
}
