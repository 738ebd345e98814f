import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';

export interface HealthReport {
  ok: boolean;
  redis: boolean;
  database: boolean;
  chat: 'ready' | 'logged-in' | 'logged-out';
}

export interface HttpDeps {
  health: () => Promise<HealthReport>;
  metrics: Metrics;
  refreshMetrics: () => Promise<void>;
  metricsToken?: string;
  /** Extra routes (the ticket API, the console) register here. */
  register?: (app: FastifyInstance) => void;
  /** Where a request's unexpected error goes (the client only hears "internal error"). */
  log?: Logger;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Bearer token check in constant time: the SHA-256 of what was sent against that of the token,
 * so that neither the comparison nor an early length check tells anything about the token.
 */
export function bearerOk(req: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const h = req.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(h);
  const sent = m ? (m[1] as string) : '';
  const same = timingSafeEqual(sha256(sent), sha256(token));
  return m !== null && same;
}

export function buildHttp(d: HttpDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
  // Never a raw error (a database message, a stack) to the client: 4xx say what was wrong, 5xx only that something was.
  app.setErrorHandler((err: { statusCode?: number; message?: string }, req, reply) => {
    const code =
      typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (code === 500) d.log?.error({ err, url: req.url }, 'http request failed');
    return reply.code(code).send({ error: code === 500 ? 'internal error' : (err.message ?? 'bad request') });
  });
  app.get('/healthz', async (_req, reply) => {
    const h = await d.health();
    return reply.code(h.ok ? 200 : 503).send(h);
  });
  app.get('/metrics', async (req, reply) => {
    if (d.metricsToken && !bearerOk(req, d.metricsToken)) return reply.code(401).send({ error: 'unauthorized' });
    await d.refreshMetrics();
    return reply.header('content-type', d.metrics.registry.contentType).send(await d.metrics.registry.metrics());
  });
  d.register?.(app);
  return app;
}
