import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TicketField } from '../config/schema.js';
import { UNSTORABLE_TEXT } from '../domain/texts/limits.js';
import type { RejectedRow } from '../domain/texts/tickets.js';
import type { AppContext } from '../usecases/context.js';
import { importPushedRecords } from '../usecases/ticket-import.js';
import { bearerOk } from './server.js';

const text = (max: number) => z.string().max(max).optional().nullable();
const when = z
  .union([z.string().max(40), z.number()])
  .optional()
  .nullable();

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
    reopenCount: z
      .union([z.number().int().min(0).max(999), z.string().max(10)])
      .optional()
      .nullable(),
    category: text(200),
    subcategory: text(100),
    address: text(300),
  })
  .strict();

/** NUL or a lone surrogate: valid JSON, but PostgreSQL text cannot hold it. */
const unstorable = (s: string) =>
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

export const MAX_API_TICKETS = 10_000;
export const apiBodySchema = z.array(apiTicketSchema).min(1).max(MAX_API_TICKETS);

export interface TicketApiDeps {
  ctx: AppContext;
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
  const refuse = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!bearerOk(req, token)) return reply.code(401).send({ error: 'unauthorized' });
  };
  // The token is checked when the request arrives, before its body is read or parsed.
  app.post('/api/tickets', { bodyLimit: deps.bodyLimit ?? 8 * 1024 * 1024, onRequest: refuse }, async (req, reply) => {
    if (!bearerOk(req, token)) return reply.code(401).send({ error: 'unauthorized' });
    const parsed = apiBodySchema.safeParse(req.body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
      return reply.code(400).send({ error: 'invalid body: expected a JSON array of tickets', issues });
    }
    const { ctx } = deps;
    // A text the database cannot store (NUL, a lone surrogate) rejects its row, not the request.
    const early: RejectedRow[] = [];
    const rowNos: number[] = [];
    const records: Array<Partial<Record<TicketField, unknown>>> = [];
    parsed.data.forEach((t, i) => {
      const r: Partial<Record<TicketField, unknown>> = {};
      for (const [k, v] of Object.entries(t))
        if (v !== null && v !== undefined)
          r[k as TicketField] = typeof v === 'number' && k === 'number' ? String(v) : v;
      const bad = Object.values(r).some((v) => typeof v === 'string' && unstorable(v));
      if (bad) {
        const n = typeof r.number === 'string' && !unstorable(r.number) ? r.number : null;
        early.push({ row: i + 1, number: n, reason: UNSTORABLE_TEXT });
        return;
      }
      rowNos.push(i + 1);
      records.push(r);
    });
    const result =
      records.length > 0
        ? await importPushedRecords(ctx, records)
        : { kind: 'imported' as const, counts: { created: 0, updated: 0, unchanged: 0, rejected: 0 }, rejected: [] };
    if (result.kind !== 'imported') return reply.code(400).send({ error: result.kind });
    const rejected = [...early, ...result.rejected.map((x) => ({ ...x, row: rowNos[x.row - 1] ?? x.row }))].sort(
      (a, b) => a.row - b.row,
    );
    const counts = { ...result.counts, rejected: result.counts.rejected + early.length };
    ctx.log.info({ ...counts }, 'tickets imported through the API');
    return reply.send({ ...counts, rejectedRows: rejected });
  });
}
