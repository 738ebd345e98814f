/**
 * The SDK's rejections, as the outbox understands them (ChannelSendError). The SDK rejects a send
 * with the raw answer frame when WeCom answers with a non-zero `errcode`, and with an Error when
 * no answer came in 5 s, when the connection closed while the answer was awaited, or when the
 * socket was not open (index.esm.js sendReply / clearPendingMessages / send).
 */
import { ChannelSendError } from '../channel.js';

/**
 * Error codes that mean "too fast": 45009 (API call over its limit), 45011 (minute quota),
 * 45033 (too many concurrent calls). The AI bot's own codes are not documented (design doc §4.3).
 */
export const TOO_FAST_CODES: ReadonlySet<number> = new Set([45009, 45011, 45033]);

/**
 * -1, WeCom's "系统繁忙，请稍候再试" (global error codes): nothing was sent and it passes; waited out like
 * "too fast" (after one window, no attempt used), so a busy minute never fails a message for good.
 */
export const BUSY_CODES: ReadonlySet<number> = new Set([-1]);

/** How long the outbox waits after a "too fast" answer: one rate window. */
export const TOO_FAST_RETRY_MS = 60_000;

interface ErrFrame {
  errcode: number;
  errmsg?: string;
}

function isErrFrame(x: unknown): x is ErrFrame {
  return typeof x === 'object' && x !== null && typeof (x as { errcode?: unknown }).errcode === 'number';
}

/** Maps whatever the SDK rejected with to a ChannelSendError (never loses the code). */
export function sendErrorOf(err: unknown, what = 'send'): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  if (isErrFrame(err)) {
    const msg = `${what}: WeCom answered errcode ${err.errcode}${err.errmsg ? ` (${err.errmsg})` : ''}`;
    if (TOO_FAST_CODES.has(err.errcode) || BUSY_CODES.has(err.errcode))
      return new ChannelSendError(msg, 'too-fast', err.errcode, TOO_FAST_RETRY_MS);
    return new ChannelSendError(msg, 'rejected', err.errcode);
  }
  const text = err instanceof Error ? err.message : String(err);
  if (/not connected/i.test(text)) return new ChannelSendError(`${what}: not connected`, 'not-connected');
  // No answer in time, or the socket closed / was closed while the answer was awaited: the
  // message may have reached the chat.
  if (/ack timeout|connection closed|cancelled|disconnected|manually closed/i.test(text))
    return new ChannelSendError(`${what}: outcome unknown (${text})`, 'unknown-outcome');
  return new ChannelSendError(`${what}: ${text}`, 'rejected');
}
