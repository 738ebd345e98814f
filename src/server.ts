/**
 * Process start-up: `npm start`. Reads the environment and the district file, checks Redis,
 * builds the app and runs it until SIGINT/SIGTERM. The terminal simulator (mock puppet) runs
 * only when asked (SIMULATOR=1, or `npm start` in a checkout without a chat token), never on a
 * configured DATABASE_URL unless forced; the real bot without its chat's credentials (a puppet
 * token, or the WeCom AI bot's id and secret with CHAT_CHANNEL=wecom) refuses to start.
 */
import { join } from 'node:path';
import { buildApp } from './app.js';
import type { ChannelChoice } from './bot/factory.js';
import { webhookFallback } from './bot/fallback.js';
import { readEnv, redactUrl, simulatorDataDir, startRefusal } from './config/env.js';
import { ConfigError, loadDistrictFile } from './config/load.js';
import { consolePublicUrl } from './config/schema.js';
import { simulatorPageLine, startFailedLine } from './domain/texts/startup.js';
import { checkRedisSafety, createRedis, pingRedis, REDIS_MISSING_HELP } from './jobs/redis.js';
import { createLogger } from './log.js';
import { startSimulatorRedis } from './sim/private-redis.js';

async function main(): Promise<void> {
  const t0 = performance.now();
  const env = readEnv(process.env);
  const refusal = startRefusal(env);
  if (refusal) {
    process.stderr.write(`${refusal}\n`);
    process.exit(2);
  }
  // The simulator keeps its data (PGlite, files, log, private Redis) apart from production's.
  if (env.simulator) env.DATA_DIR = simulatorDataDir(env);
  const sim = env.simulator ? await import('./sim/setup.js') : undefined;
  const simLog = sim?.simulatorLog(env, process.env);
  const log = simLog?.log ?? createLogger(env.LOG_LEVEL);
  const config = loadDistrictFile(env.DISTRICT_CONFIG);
  const clock = sim?.simulatorClock(process.argv.slice(2), config.timezone);
  if (clock && 'error' in clock) {
    process.stderr.write(`${clock.error}\n`);
    process.exit(2);
  }
  const ping = await pingRedis(env.REDIS_URL);
  // No Redis: the simulator starts its own where redis-server is installed; otherwise stop and say how.
  const privateRedis = ping.ok ? undefined : await startSimulatorRedis(env, env.DATA_DIR);
  if (!ping.ok && !privateRedis) {
    process.stderr.write(`${REDIS_MISSING_HELP}\n(REDIS_URL=${redactUrl(env.REDIS_URL)}: ${ping.error})\n`);
    process.exit(1);
  }
  if (privateRedis) env.REDIS_URL = privateRedis.url;
  const probe = createRedis(env.REDIS_URL);
  for (const w of await checkRedisSafety(probe)) log.warn(w);
  probe.disconnect();

  const dbOptions = env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: join(env.DATA_DIR, 'pg') };
  log.info(
    {
      database: env.DATABASE_URL ? redactUrl(env.DATABASE_URL) : `PGlite ${dbOptions.dataDir ?? ''}`,
      simulator: env.simulator,
    },
    'starting',
  );

  let world: import('./sim/world.js').SimWorld | undefined;
  let channel: ChannelChoice;
  if (env.simulator) {
    // The simulated chat: Wechaty's mock puppet, or (CHAT_CHANNEL=wecom, or --channel wecom) the WeCom
    // AI bot's channel on the fake long-connection server.
    const argChannel = sim?.simulatorChannel(process.argv.slice(2));
    if (typeof argChannel === 'object') {
      process.stderr.write(`${argChannel.error}\n`);
      process.exit(2);
    }
    if ((argChannel ?? env.CHAT_CHANNEL) === 'wecom') {
      const { WecomWorld } = await import('./sim/wecom-world.js');
      world = await WecomWorld.create(config);
    } else {
      const { MockWorld } = await import('./sim/mock-world.js');
      world = new MockWorld(config);
    }
    if (clock) world.clock = clock;
    channel = world.channel;
  } else if (env.CHAT_CHANNEL === 'wecom') {
    channel = {
      kind: 'wecom',
      botId: env.WECOM_BOT_ID as string,
      secret: env.WECOM_BOT_SECRET as string,
      ...(config.group.botName ? { botName: config.group.botName } : {}),
      ...(env.WECOM_WS_URL ? { wsUrl: env.WECOM_WS_URL } : {}),
      ...(env.WECOM_GROUP_CHAT_ID ? { groupChatId: env.WECOM_GROUP_CHAT_ID } : {}),
      ...(env.WECOM_PER_MINUTE ? { perMinute: env.WECOM_PER_MINUTE } : {}),
      ...(env.WECOM_MENTIONS ? { mentionStyle: env.WECOM_MENTIONS } : {}),
      ...(env.WECOM_PER_CONVERSATION_PER_MINUTE
        ? { perConversationPerMinute: env.WECOM_PER_CONVERSATION_PER_MINUTE }
        : {}),
    };
  } else {
    channel = {
      kind: 'wechaty',
      puppet: {
        kind: 'service',
        token: env.WECHATY_PUPPET_SERVICE_TOKEN as string,
        ...(env.WECHATY_PUPPET_SERVICE_ENDPOINT ? { endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT } : {}),
        noTls: env.WECHATY_PUPPET_SERVICE_NO_TLS,
      },
    };
  }
  // Console links point at this process's own address unless the district file names one.
  config.console.publicUrl = consolePublicUrl(config.console, { host: env.HTTP_HOST, port: env.HTTP_PORT });
  const app = await buildApp({
    config,
    redisUrl: env.REDIS_URL,
    // The simulator has queues of its own per data folder, never production's.
    queuePrefix: sim ? sim.simulatorQueuePrefix(env.DATA_DIR, process.env) : env.QUEUE_PREFIX,
    db: dbOptions,
    channel,
    dataDir: env.DATA_DIR,
    log,
    // The simulator's routines run on its own clock (SimSession), and it sends at once.
    ...(world && clock ? { simulator: world, clock, schedule: false, outboxLimits: { max: 0 } } : {}),
    ...(env.FALLBACK_WEBHOOK_URL ? { fallback: webhookFallback(env.FALLBACK_WEBHOOK_URL, log) } : {}),
    http: {
      host: env.HTTP_HOST,
      port: env.HTTP_PORT,
      ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
      ...(env.API_TOKEN ? { apiToken: env.API_TOKEN } : {}),
    },
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await app.stop();
    await world?.close();
    await privateRedis?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.start();
  if (sim) await sim.dropWallClockSchedulers(app);
  world?.login();
  const ready = () =>
    log.info(
      {
        ms: Math.round(performance.now()),
        sinceMain: Math.round(performance.now() - t0),
        rssMb: Math.round(process.memoryUsage().rss / 1048576),
      },
      'ready',
    );
  if (world) {
    while (!app.channel.isReady()) await new Promise((r) => setTimeout(r, 20));
    ready();
    process.stdout.write(`${simulatorPageLine(`http://${env.HTTP_HOST}:${env.HTTP_PORT}/sim`)}\n`);
    if (sim && clock) process.stdout.write(`${sim.simulatorBanner(clock, config, simLog?.file, world)}\n`);
    const { runTerminal } = await import('./sim/terminal.js');
    if (clock) await runTerminal(app, world, clock, process.stdin, process.stdout);
    // Input ended: let what was typed be answered before stopping.
    for (let i = 0; i < 500 && !(await app.idle()); i++) await new Promise((r) => setTimeout(r, 20));
    await shutdown('stdin closed');
  } else {
    // The chat's log-in steps, as the channel reports them: a code to scan, then the first login.
    let loggedIn = false;
    app.channel.onState((s) => {
      if (s.kind === 'qr-code') log.info({ qrcode: s.qrcode }, 'scan the QR code to log in');
      if (s.kind === 'login' && !loggedIn) {
        loggedIn = true;
        ready();
      }
    });
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`${startFailedLine(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
  process.exit(1);
});
