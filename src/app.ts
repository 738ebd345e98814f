import { join } from 'node:path';
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CardAction, CardVerdict, ChannelCapabilities, ChannelDeps, ChatChannel } from './bot/channel.js';
import { type ChannelChoice, createChannel } from './bot/factory.js';
import type { FallbackChannel } from './bot/fallback.js';
import type { DistrictConfig } from './config/schema.js';
import { WorkCalendar } from './domain/calendar.js';
import { type Clock, systemClock } from './domain/clock.js';
import { Roster } from './domain/roster.js';
import { channelWording, FALLBACK_TEXTS } from './domain/texts/channel.js';
import { formatShort } from './domain/time.js';
import { mintConsoleLink } from './handlers/console-link.js';
import { afterHandled, messageHandlers } from './handlers/index.js';
import { createRouter } from './handlers/router.js';
import { registerConsole, type SimulatorChat } from './http/console/index.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { buildHttp } from './http/server.js';
import { registerTicketApi } from './http/tickets-api.js';
import { DualQueue, startDualWorker } from './jobs/dual.js';
import { InboundQueue, startInboundWorker } from './jobs/inbound.js';
import { Outbox, type OutboxLimits, startOutboxWorker } from './jobs/outbox.js';
import { createRedis } from './jobs/redis.js';
import { RoutineScheduler, startRoutineWorker } from './jobs/scheduler.js';
import { createLogger } from './log.js';
import { routines } from './routines/index.js';
import type { Routine } from './routines/types.js';
import { type Db, type DbOptions, openDb } from './store/db.js';
import { recordDeployment } from './store/deployment.js';
import { migrate } from './store/migrate.js';
import { expireReceivedFiles } from './store/received-files.js';
import { pressCard } from './usecases/card-press.js';
import type { AppContext } from './usecases/context.js';
import { completeRound, deliverSide } from './usecases/dual-flow.js';

export interface AppOptions {
  config: DistrictConfig;
  redisUrl: string;
  queuePrefix: string;
  /** An open database, or how to open one. */
  db: Db | DbOptions;
  /** Which chat to talk through, or a function that builds a channel from the app's deps (tests). */
  channel: ChannelChoice | ((deps: ChannelDeps) => ChatChannel | Promise<ChatChannel>);
  dataDir: string;
  clock?: Clock;
  log?: Logger;
  http?: { host: string; port: number; metricsToken?: string; apiToken?: string } | false;
  outboxLimits?: Partial<OutboxLimits>;
  /** Register the cron job schedulers (off for replay, which runs routines by name). */
  schedule?: boolean;
  /** Simulator mode: the mock world, so the HTTP server adds the /sim chat page (never in production). */
  simulator?: SimulatorChat;
  /** Tells the supervision team when the chat connection is lost and back (FALLBACK_WEBHOOK_URL). */
  fallback?: FallbackChannel;
}

export interface App {
  readonly config: DistrictConfig;
  readonly roster: Roster;
  readonly calendar: WorkCalendar;
  readonly clock: Clock;
  readonly db: Db;
  readonly channel: ChatChannel;
  readonly outbox: Outbox;
  readonly inbound: InboundQueue;
  readonly scheduler: RoutineScheduler<Routine>;
  readonly metrics: Metrics;
  readonly ctx: AppContext;
  readonly log: Logger;
  /** A card's button pressed (what the channel calls through ChannelDeps.onCardAction): see usecases/card-press. */
  readonly onCardAction: (a: CardAction) => Promise<CardVerdict>;
  http: FastifyInstance | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True when no inbound, routine or outbox job is waiting, delayed or running. */
  idle(): Promise<boolean>;
}

/**
 * The outbox worker's limits: the account's window is the stricter of ours (config.outbox.perMinute)
 * and the chat's declared one (0 / null: none); a per-conversation window where the chat declares
 * one (or the options set one); confirmations combined within one window whenever sending is paced.
 */
export function pacedLimits(
  ours: OutboxLimits,
  chat: ChannelCapabilities['sendLimits'],
  coalesceMs?: number,
): OutboxLimits {
  const positive = [ours.max, chat.perMinute ?? 0].filter((n) => n > 0);
  const max = positive.length > 0 ? Math.min(...positive) : 0;
  const perConversation = ours.perConversation ?? chat.perConversationPerMinute ?? 0;
  return {
    ...ours,
    max,
    perConversation,
    coalesceMs: coalesceMs ?? (max > 0 || perConversation > 0 ? ours.windowMs : 0),
  };
}

function isDb(x: Db | DbOptions): x is Db {
  return typeof (x as Db).query === 'function';
}

/** Builds the whole bot without starting anything (no side effects until start()). */
export async function buildApp(o: AppOptions): Promise<App> {
  const log = o.log ?? createLogger();
  const clock = o.clock ?? systemClock;
  const config = o.config;
  const roster = Roster.fromConfig(config);
  const calendar = new WorkCalendar(config.calendar);
  const db = isDb(o.db) ? o.db : await openDb(o.db);
  const metrics = createMetrics();
  const redis: Redis = createRedis(o.redisUrl);
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  const prefix = o.queuePrefix;
  const perMinute = config.outbox.perMinute;
  const limits: OutboxLimits = {
    max: perMinute,
    windowMs: 60_000,
    attempts: config.outbox.attempts,
    backoffMs: config.outbox.backoffMs,
    ...o.outboxLimits,
  };
  const outbox = new Outbox(redis, prefix, db, clock, limits);
  const inbound = new InboundQueue(redis, prefix);
  const scheduler = new RoutineScheduler(redis, prefix, routines());
  const dual = new DualQueue(redis, prefix);
  // Queues re-emit connection errors (already logged above); without a listener BullMQ prints
  // each one raw to stderr during a Redis outage.
  for (const q of [outbox.queue, inbound.queue, scheduler.queue, dual.queue] as Array<{
    on(e: 'error', f: (err: Error) => void): unknown;
    name: string;
  }>) {
    q.on('error', (err) => log.debug({ err: err.message, queue: q.name }, 'queue connection error'));
  }
  const ctx: AppContext = {
    config,
    roster,
    calendar,
    clock,
    db,
    send: (m) => outbox.send(m),
    log,
    dataDir: o.dataDir,
    dual,
  };
  const onCardAction = (a: CardAction): Promise<CardVerdict> => pressCard(ctx, (m) => inbound.add(m), a);
  const deps: ChannelDeps = {
    group: { topic: config.group.topic, ...(config.group.id ? { id: config.group.id } : {}) },
    roster,
    clock,
    maxAgeSeconds: config.inbound.maxAgeSeconds,
    filesDir: join(o.dataDir, 'files'),
    maxFileBytes: config.limits.fileMaxBytes,
    // Our own limit as this app runs it (0 in replay and most tests), for channels whose limit is ours.
    sendPerMinute: limits.max,
    receive: (m) => inbound.add(m),
    // A 签收 button pressed: the message it stands for goes the way of every received message.
    onCardAction,
    log,
  };
  const channel = typeof o.channel === 'function' ? await o.channel(deps) : await createChannel(o.channel, deps);
  // The texts say how to answer the bot on this channel (@ it, or a button): decided once.
  ctx.wording = channelWording(channel.capabilities, config.group.botName);
  const pacing = pacedLimits(limits, channel.capabilities.sendLimits, o.outboxLimits?.coalesceMs);
  channel.onState((s) => {
    if (s.kind === 'login' || s.kind === 'ready') metrics.chatLoggedIn.set(1);
    if (s.kind === 'logged-out') metrics.chatLoggedIn.set(0);
    if (s.kind === 'logged-out') void connectionLost();
    if (s.kind === 'login') void connectionBack();
  });
  // Chat connection lost (logout, watchdog reset): the outbox keeps its messages (the worker
  // waits while the chat is not ready) and the supervision team hears it through the fallback
  // channel, once per outage; the first login after an outage says it is back.
  let outage = false;
  const connectionLost = async () => {
    if (outage) return;
    outage = true;
    log.error(
      { fallback: o.fallback ? 'webhook' : 'none' },
      'chat connection lost: messages are kept in the outbox until login',
    );
    await o.fallback?.notify(FALLBACK_TEXTS.lost(formatShort(clock.now(), config.timezone)));
  };
  const connectionBack = async () => {
    if (!outage) return;
    outage = false;
    const c = await outbox.queue
      .getJobCounts('waiting', 'prioritized', 'delayed', 'active')
      .catch(() => ({}) as Record<string, number>);
    const queued = Object.values(c).reduce((a, b) => a + b, 0);
    log.warn({ queued }, 'chat connection back: sending resumes');
    await o.fallback?.notify(FALLBACK_TEXTS.restored(formatShort(clock.now(), config.timezone), queued));
  };
  const router = createRouter(messageHandlers(), ctx, {
    onProcessed: (h) => metrics.messagesIn.inc({ handler: h }),
    after: afterHandled,
  });
  const workers: Worker[] = [];
  // Received files expire (the audit keeps their name, hash and sender): at start, then hourly.
  const expireFiles = () =>
    expireReceivedFiles(db, join(o.dataDir, 'files'), config.limits.fileKeepDays * 86_400_000, clock.now())
      .then((n) => n > 0 && log.info({ removed: n }, 'expired received files removed'))
      .catch((err) => log.warn({ err: (err as Error).message }, 'could not expire received files'));
  let expiry: NodeJS.Timeout | undefined;
  let http: FastifyInstance | undefined;
  let stopped = false;

  const app: App = {
    config,
    roster,
    calendar,
    clock,
    db,
    channel,
    outbox,
    inbound,
    scheduler,
    metrics,
    ctx,
    log,
    onCardAction,
    http: undefined,
    async start() {
      await migrate(db);
      await recordDeployment(
        db,
        config.units.map((u) => u.id),
        clock.now(),
      );
      await expireFiles();
      expiry = setInterval(() => void expireFiles(), 3_600_000);
      expiry.unref();
      workers.push(startInboundWorker(redis, prefix, (ms) => router.routeBatch(ms), log));
      log.info(
        { perMinute: pacing.max, perConversation: pacing.perConversation, coalesceMs: pacing.coalesceMs },
        'outbox pacing',
      );
      workers.push(
        startOutboxWorker({
          connection: redis,
          prefix,
          db,
          clock,
          chat: channel,
          limits: pacing,
          account: 'main',
          log,
          onSent: (_m, via) => metrics.messagesOut.inc({ via }),
          onFailed: () => metrics.failures.inc({ kind: 'send' }),
          prepare: (m) => mintConsoleLink(ctx, m),
        }),
      );
      workers.push(
        startDualWorker(redis, prefix, { side: (j) => deliverSide(ctx, j), round: (j) => completeRound(ctx, j) }, log),
      );
      workers.push(startRoutineWorker(redis, prefix, scheduler, (r) => r.run(ctx), log));
      const recovered = await outbox.recover();
      if (recovered > 0) log.info({ recovered }, 'unsent outbox messages re-enqueued');
      if (o.schedule !== false) await scheduler.sync(config);
      if (o.http) {
        const apiToken = o.http.apiToken;
        http = buildHttp({
          metrics,
          log,
          register: (f) => {
            registerTicketApi(f, { ctx, token: apiToken });
            registerConsole(f, ctx, o.simulator ? { simulator: o.simulator } : {});
          },
          ...(o.http.metricsToken ? { metricsToken: o.http.metricsToken } : {}),
          health: async () => {
            const [r, d] = await Promise.all([
              redis.ping().then(
                () => true,
                () => false,
              ),
              db.ping(),
            ]);
            const chat = channel.status();
            return { ok: r && d && chat === 'ready', redis: r, database: d, chat };
          },
          refreshMetrics: async () => {
            for (const q of [inbound.queue, outbox.queue, scheduler.queue, dual.queue]) {
              const c = await q.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
              for (const [state, n] of Object.entries(c)) metrics.queueDepth.set({ queue: q.name, state }, n);
            }
          },
        });
        app.http = http;
        await http.listen({ host: o.http.host, port: o.http.port });
      }
      await channel.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (expiry) clearInterval(expiry);
      await http?.close().catch(() => undefined);
      await channel.stop();
      // Close workers first: each finishes its running job; waiting jobs stay in Redis.
      await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
      await Promise.all(
        [outbox.close(), inbound.close(), scheduler.close(), dual.close()].map((p) => p.catch(() => undefined)),
      );
      redis.disconnect();
      await db.close().catch(() => undefined);
    },
    async idle() {
      if (channel.pending() > 0) return false;
      for (const q of [inbound.queue, scheduler.queue, dual.queue, outbox.queue]) {
        const c = await q.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children');
        if (Object.values(c).some((n) => n > 0)) return false;
      }
      return true;
    },
  };
  return app;
}
