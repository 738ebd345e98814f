import { join } from 'node:path';
import { z } from 'zod';
import { NO_CHAT_TOKEN, SIMULATOR_ON_DATABASE } from '../domain/texts/simulator.js';
import { invalidEnvText } from '../domain/texts/system.js';
import { WECOM_MISSING_CREDENTIALS } from '../domain/texts/wecom.js';
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
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .default('duban'),
  /** Which chat: a Wechaty puppet (default) or the official WeCom AI bot (智能机器人, long connection). */
  CHAT_CHANNEL: z.enum(['wechaty', 'wecom']).default('wechaty'),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  WECHATY_PUPPET_SERVICE_ENDPOINT: z.string().optional(),
  WECHATY_PUPPET_SERVICE_NO_TLS: flag,
  /** The WeCom AI bot's id and secret (admin console, API mode, long connection). The secret is never logged. */
  WECOM_BOT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  WECOM_BOT_SECRET: z.string().min(8).optional(),
  /** The long-connection URL, where it is not WeCom's own (政务微信, a private deployment). */
  WECOM_WS_URL: z.url({ protocol: /^wss?$/ }).optional(),
  /** The group's chat id; else the district file's group.id; else learned from the first @-message. */
  WECOM_GROUP_CHAT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_@.-]+$/)
    .optional(),
  /**
   * How the bot @-mentions people: `userid` writes `<@userid>` in its markdown (the default, as the group
   * robot does); `name` writes plain `@名字` (third parties report that the AI bot shows `<@userid>` as
   * text: check it on the first day, README 生产部署（企业微信智能机器人）).
   */
  WECOM_MENTIONS: z.enum(['userid', 'name']).optional(),
  /** Sending limits of the AI bot (only third-party figures exist): per minute, per conversation per minute. */
  WECOM_PER_MINUTE: z.coerce.number().int().min(1).max(600).optional(),
  WECOM_PER_CONVERSATION_PER_MINUTE: z.coerce.number().int().min(1).max(600).optional(),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  API_TOKEN: z.string().min(16, 'API_TOKEN must be at least 16 characters').optional(),
  METRICS_TOKEN: z.string().min(16).optional(),
  /** WeCom group-robot webhook (企业微信群机器人) told when the chat connection is lost. A secret. */
  FALLBACK_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Terminal simulator (mock puppet) instead of the real chat. Off unless asked: SIMULATOR=1, or
   * `npm start` in a source checkout with no chat token (scripts/start.mjs sets DUBAN_CHECKOUT).
   */
  SIMULATOR: z.string().optional(),
  /** Lets the simulator run on a configured DATABASE_URL (never by default: it is production's). */
  SIMULATOR_FORCE: flag,
  /** Set by scripts/start.mjs when `npm start` runs in a source checkout (not in the image). */
  DUBAN_CHECKOUT: flag,
  NODE_ENV: z.string().optional(),
});

export type Env = z.infer<typeof envSchema> & { simulator: boolean };

export function readEnv(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = envSchema.safeParse(cleaned);
  if (!r.success) {
    throw new Error(invalidEnvText(formatIssues(r.error)));
  }
  const d = r.data;
  // Asked for explicitly, or `npm start` in a checkout without a token (never in production).
  const simulator =
    d.SIMULATOR !== undefined
      ? /^(1|true|yes|on)$/i.test(d.SIMULATOR)
      : !hasChatCredentials(d) && d.DUBAN_CHECKOUT && d.NODE_ENV !== 'production';
  return { ...d, simulator };
}

/**
 * Why this process must not start, or null: the simulator on a configured database (unless
 * forced), or the real bot without its chat's credentials (it never falls back to the simulator).
 */
export function startRefusal(env: Env): string | null {
  if (env.simulator && env.DATABASE_URL && !env.SIMULATOR_FORCE) return SIMULATOR_ON_DATABASE;
  if (!env.simulator && !hasChatCredentials(env))
    return env.CHAT_CHANNEL === 'wecom' ? WECOM_MISSING_CREDENTIALS : NO_CHAT_TOKEN;
  return null;
}

/** Whether the chosen chat's credentials are set: the puppet token, or the AI bot's id and secret. */
function hasChatCredentials(
  e: Pick<Env, 'CHAT_CHANNEL' | 'WECHATY_PUPPET_SERVICE_TOKEN' | 'WECOM_BOT_ID' | 'WECOM_BOT_SECRET'>,
): boolean {
  return e.CHAT_CHANNEL === 'wecom' ? !!e.WECOM_BOT_ID && !!e.WECOM_BOT_SECRET : !!e.WECHATY_PUPPET_SERVICE_TOKEN;
}

/** The simulator's own data folder (its PGlite, files, log, private Redis): never production's. */
export function simulatorDataDir(env: Pick<Env, 'DATA_DIR'>): string {
  return join(env.DATA_DIR, 'simulator');
}

/** A URL with its password hidden, for logs. */
export function redactUrl(url: string): string {
  // The user name may be empty (redis://:password@host): the password is hidden all the same.
  return url.replace(/\/\/([^:/@]*):([^@]+)@/, '//$1:***@');
}
