import { Counter, Gauge, Registry } from 'prom-client';

/** The bot's Prometheus metrics, in a registry of its own (no globals). */
export function createMetrics() {
  const registry = new Registry();
  const messagesIn = new Counter({
    name: 'duban_messages_in_total',
    help: 'Messages received, by chat and handler',
    labelNames: ['handler'],
    registers: [registry],
  });
  const messagesOut = new Counter({
    name: 'duban_messages_out_total',
    help: 'Messages sent, by delivery',
    labelNames: ['via'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'duban_failures_total',
    help: 'Failures, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: 'duban_queue_depth',
    help: 'Jobs waiting or delayed, by queue',
    labelNames: ['queue', 'state'],
    registers: [registry],
  });
  const chatLoggedIn = new Gauge({
    name: 'duban_chat_logged_in',
    help: '1 when the chat account is logged in',
    registers: [registry],
  });
  return { registry, messagesIn, messagesOut, failures, queueDepth, chatLoggedIn };
}

export type Metrics = ReturnType<typeof createMetrics>;
