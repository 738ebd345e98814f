import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
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
}

/** Constant-time bearer token check. */
export function bearerOk(req: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const h = req.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(h);
  if (!m) return false;
  const a = Buffer.from(m[1] as string);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function buildHttp(d: HttpDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
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
