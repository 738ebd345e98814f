import type { Logger } from 'pino';

/**
 * A second way to reach the supervision team when the chat itself is down (logged out,
 * watchdog reset): a WeCom group robot (企业微信群机器人) webhook. Its URL carries the robot's
 * key, so it is a secret: it comes from the environment only and is never logged.
 */
export interface FallbackChannel {
  /** Sends one text; resolves false (and logs why, without the URL) when it could not. */
  notify(text: string): Promise<boolean>;
}

export interface WebhookOptions {
  /** Mobile numbers the robot @-mentions ("@all" for everyone). */
  mentionedMobiles?: string[];
  timeoutMs?: number;
}

/** The WeCom group-robot body: `{"msgtype":"text","text":{"content":…,"mentioned_mobile_list":[…]}}`. */
export function webhookBody(text: string, mentionedMobiles: string[] = []): string {
  return JSON.stringify({ msgtype: 'text', text: { content: text, mentioned_mobile_list: mentionedMobiles } });
}

export function webhookFallback(url: string, log: Logger, o: WebhookOptions = {}): FallbackChannel {
  return {
    async notify(text) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: webhookBody(text, o.mentionedMobiles),
          signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
        });
        // WeCom answers 200 with {"errcode":0,"errmsg":"ok"}; anything else is a failure.
        const body = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
        if (!res.ok || (body.errcode !== undefined && body.errcode !== 0)) {
          log.error(
            { status: res.status, errcode: body.errcode, errmsg: body.errmsg },
            'fallback webhook refused the notice',
          );
          return false;
        }
        log.info('supervision team notified through the fallback webhook');
        return true;
      } catch (err) {
        // Never log the URL (it carries the robot key); fetch errors do not include it.
        log.error({ err: (err as Error).name }, 'fallback webhook unreachable');
        return false;
      }
    },
  };
}
