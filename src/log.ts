import pino, { type Logger } from 'pino';

/** JSON logs on stderr (stdout belongs to the CLI's JSON Lines); secrets redacted. */
export function createLogger(
  level: string = process.env.LOG_LEVEL ?? 'info',
  destination: NodeJS.WritableStream = process.stderr,
): Logger {
  return pino(
    {
      level,
      base: { app: 'duban' },
      redact: {
        paths: [
          'token',
          '*.token',
          'password',
          '*.password',
          'databaseUrl',
          '*.databaseUrl',
          'DATABASE_URL',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'apiToken',
          'metricsToken',
          'API_TOKEN',
          'METRICS_TOKEN',
          'WECHATY_PUPPET_SERVICE_TOKEN',
          'FALLBACK_WEBHOOK_URL',
          'webhookUrl',
          '*.webhookUrl',
          'connectionString',
          '*.connectionString',
        ],
        censor: '***',
      },
    },
    destination as pino.DestinationStream,
  );
}

export type { Logger };
