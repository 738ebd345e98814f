import { AnswerBudget } from '../domain/answer-budget.js';
import type { IncomingMessage, OutgoingMessage } from '../domain/messages.js';
import type { Person } from '../domain/roster.js';
import { ANSWER_LIMIT_NOTICE } from '../domain/texts/limits.js';
import { HANDLER_ERROR_TEXT } from '../domain/texts/system.js';
import { laneOf } from '../jobs/lanes.js';
import { KeyedSerializer } from '../lib/keyed-serializer.js';
import { InboundLedger } from '../store/inbound-ledger.js';
import type { AppContext } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import { type AnyMessageHandler, isDecision, MessageReadings } from './types.js';

export interface RouterOptions {
  onProcessed?: (handler: string) => void;
  /** Where the audit records go (batched); one on ctx.db unless given. */
  ledger?: InboundLedger;
  /** Runs after the handler that took a roster sender's message (`taken`: its name, or 'none'). */
  after?: (taken: string, msg: IncomingMessage, sender: Person, ctx: AppContext) => Promise<void>;
  /** Per-sender answer limits (issue 14); from the district's `limits` unless given; false: none. */
  answerBudget?: AnswerBudget | false;
}

/**
 * An answer to the message's sender (not a relay to others, not a reminder): keyed by the
 * message id, in the reply, chat or confirm lane, and addressed to the sender.
 */
function isAnswerTo(msg: IncomingMessage, m: OutgoingMessage): boolean {
  if (!m.purpose.includes(`:${msg.id}`)) return false;
  const lane = laneOf(m.purpose);
  if (lane !== 'reply' && lane !== 'chat' && lane !== 'confirm') return false;
  return m.to.kind === 'person' ? m.to.id === msg.senderId : m.mentions.includes(msg.senderId);
}

/**
 * Answers that confirm work the message recorded: outside the per-sender budget (never silence
 * on a report, an answer or a file handed in); only questions, help and chit-chat answers count.
 */
const RECORDED_KINDS: ReadonlySet<string> = new Set([
  'report-confirm',
  'report-receipt',
  'report-withdrawn',
  'report-adopted',
  'report-flags-confirmed',
  'ticket-import',
  'ticket-approval-reply',
  'ticket-done-ask',
  'ticket-done-mentioned',
  'dual-reply',
  'dispatch',
  'handler-error',
]);

export interface Router {
  /**
   * Processes messages received together: recorded in one round trip, then side by side
   * across units and in arrival order within a unit (a correction never overtakes its
   * report). The per-unit order is fixed synchronously, before the first await, so batches
   * started one after another keep it too. Rejects if any message could not be processed.
   */
  routeBatch(msgs: IncomingMessage[]): Promise<void>;
}

/**
 * Processes received messages: records each (the audit trail), ignores strangers (logged,
 * never obeyed), then gives it to the first handler that takes it. Processing the same
 * message id twice does nothing the second time.
 */
export function createRouter(handlers: AnyMessageHandler[], ctx: AppContext, opts: RouterOptions = {}): Router {
  const ledger = opts.ledger ?? new InboundLedger(ctx.db);
  const l = ctx.config.limits;
  const budget =
    opts.answerBudget === false
      ? undefined
      : (opts.answerBudget ??
        new AnswerBudget({
          max: l.answersPerSender,
          windowMs: l.answerWindowMinutes * 60_000,
          repeatMs: l.repeatMinutes * 60_000,
        }));
  const serial = new KeyedSerializer();
  const orderKey = (m: IncomingMessage) => ctx.roster.unitOf(m.senderId)?.id ?? m.senderId;

  /**
   * Handles one recorded message. Its processed mark is handed to `settle` rather than awaited:
   * the unit's next message need not wait for it, and the caller awaits every mark before the
   * job completes (a crash in between only repeats idempotent work). The mark waits for the
   * messages the handler sent as its last step (`deferSend`).
   */
  async function dispatch(msg: IncomingMessage, settle: (mark: Promise<void>) => void): Promise<void> {
    const deferred: Array<Promise<unknown>> = [];
    // One member's flood must not hold up everyone's messages: answers over their budget are not sent.
    const gate = (m: OutgoingMessage): OutgoingMessage | null => {
      if (!budget || !isAnswerTo(msg, m)) return m;
      // A fresh login link is never a repeat (the first may be spent or lost); the budget still counts it.
      const counts = !RECORDED_KINDS.has(m.purpose.split(':')[0] ?? '');
      const d = budget.decide(
        msg.senderId,
        msg.id,
        m.consoleLink ? '' : msg.text,
        m.text,
        ctx.clock.now().getTime(),
        counts,
      );
      if (d === 'send') return m;
      ctx.log.info(
        { id: msg.id, from: msg.senderId, purpose: m.purpose, decision: d },
        "answer over the sender's budget or repeated: not sent",
      );
      return d === 'notice' ? replyTo(msg, ANSWER_LIMIT_NOTICE, `answer-limit:${msg.id}`) : null;
    };
    const hctx: AppContext = {
      ...ctx,
      send: async (m) => {
        const g = gate(m);
        return g ? ctx.send(g) : '';
      },
      deferSend: (m) => {
        const g = gate(m);
        if (!g) return;
        const queued = ctx.send(g);
        queued.catch(() => undefined);
        deferred.push(queued);
      },
    };
    const mark = (handler: string, error?: string) => {
      settle(Promise.all(deferred).then(() => ledger.markProcessed(msg.id, handler, ctx.clock.now(), error)));
      opts.onProcessed?.(error === undefined ? handler : 'error');
    };
    const sender = ctx.roster.person(msg.senderId);
    if (!sender) {
      ctx.log.warn(
        { id: msg.id, from: msg.senderId, name: msg.senderName },
        'message from a contact not on the roster: recorded, ignored',
      );
      mark('ignored-stranger');
      return;
    }
    let taken = 'none';
    const readings = new MessageReadings(msg, hctx);
    for (const h of handlers) {
      const decision = await h.matches(msg, sender, hctx, readings);
      if (!isDecision(decision)) continue;
      taken = h.name;
      try {
        await h.handle(decision, msg, sender, hctx);
      } catch (err) {
        // The database down: let the queue retry later. Anything else is our fault with this
        // input: keep the record, answer politely, and move on instead of retrying forever.
        if (!(await ctx.db.ping())) throw err;
        ctx.log.error({ err, id: msg.id, handler: h.name }, 'handler failed on this message');
        await ctx.send(replyTo(msg, HANDLER_ERROR_TEXT, `handler-error:${msg.id}`));
        mark(h.name, (err as Error).message);
        return;
      }
      break;
    }
    if (opts.after) {
      try {
        await opts.after(taken, msg, sender, hctx);
      } catch (err) {
        if (!(await ctx.db.ping())) throw err;
        ctx.log.error({ err, id: msg.id, handler: taken }, 'after-handler step failed on this message');
      }
    }
    mark(taken);
  }

  const known = (m: IncomingMessage) => ctx.roster.person(m.senderId) !== undefined;
  // A mark is awaited only once the whole batch is done: its failure must not count as unhandled meanwhile.
  const keep = (marks: Promise<void>[]) => (p: Promise<void>) => {
    p.catch(() => undefined);
    marks.push(p);
  };

  return {
    async routeBatch(msgs) {
      const recorded = ledger.recordMany(msgs.map((m) => ({ m, knownSender: known(m) })));
      // Awaited by each message's task, which may start only after the unit's earlier work: a
      // failure (database down) must not count as unhandled meanwhile.
      recorded.catch(() => undefined);
      const marks: Promise<void>[] = [];
      const runs = msgs.map((m, i) =>
        serial.run(orderKey(m), async () => {
          if ((await recorded)[i]?.processed !== false) return;
          await dispatch(m, keep(marks));
        }),
      );
      // Every message and mark settles before the job does: a retry never runs beside a first attempt.
      const settled = await Promise.allSettled(runs);
      settled.push(...(await Promise.allSettled(marks)));
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
