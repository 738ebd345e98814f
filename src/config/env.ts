import { z } from 'zod';
import { formatIssues } from './load.js';

const flag = z
  .string()
  .optional()
  .transform((v) => v !== undefined && /^(1|true|yes|on)$/i.test(v));

/** Process settings and secrets: from the environment only, validated once at start. */
export const envSchema = z.object({
  DISTRICT_CONFIG: z.string().default('config/district.example.yaml'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('duban'),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  WECHATY_PUPPET_SERVICE_ENDPOINT: z.string().optional(),
  WECHATY_PUPPET_SERVICE_NO_TLS: flag,
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  API_TOKEN: z.string().min(16, 'API_TOKEN must be at least 16 characters').optional(),
  METRICS_TOKEN: z.string().min(16).optional(),
  /** WeCom group-robot webhook (企业微信群机器人) told when the chat connection is lost. A secret. */
  FALLBACK_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Terminal simulator (mock puppet) instead of a chat token. Default: on when there is no token. */
  SIMULATOR: z.string().optional(),
});

export type Env = z.infer<typeof envSchema> & { simulator: boolean };

export function readEnv(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = envSchema.safeParse(cleaned);
  if (!r.success) {
    throw new Error(`环境变量有误 / invalid environment:\n  ${formatIssues(r.error).join('\n  ')}`);
  }
  const simulator = r.data.SIMULATOR !== undefined ? /^(1|true|yes|on)$/i.test(r.data.SIMULATOR) : !r.data.WECHATY_PUPPET_SERVICE_TOKEN;
  return { ...r.data, simulator };
}

/** A URL with its password hidden, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
