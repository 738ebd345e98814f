/**
 * How much one member can make the bot say (issue 14): every answer goes through one rate-limited
 * line to the chat, so one person's flood must not delay everyone's messages. Per sender, at most
 * `max` of their messages are answered within a sliding window; the first message over it gets one
 * polite "稍后再试" notice, the rest are processed but not answered until the window frees up. The
 * same message again within `repeatMs` (identical text once blanks are collapsed) that would get
 * the same answer is not answered at all; a rephrased question always is.
 * A confirmation of work the message recorded (a report stored, an answer filed, a list imported)
 * is outside the budget (`counts` false): a unit's person is never left without a word on what
 * they handed in, and such answers wait behind relays in their lane anyway. They still get no
 * second identical answer.
 * In memory: a restart starts every budget afresh, which only ever lets more answers through.
 */
export interface AnswerBudgetOptions {
  max: number;
  windowMs: number;
  repeatMs: number;
}

export type AnswerDecision = 'send' | 'notice' | 'drop';

interface SenderState {
  /** When each answered message (by id) was first answered. */
  answered: Map<string, number>;
  /** Messages answered outside the budget (confirmations of work handed in), by id: a retry of one is no repeat. */
  free: Map<string, number>;
  /** Recent (message text, answer text) pairs, with when. */
  texts: Map<string, number>;
  noticedAt: number | null;
}

export class AnswerBudget {
  private readonly senders = new Map<string, SenderState>();

  constructor(private readonly o: AnswerBudgetOptions) {}

  /**
   * Decides about one answer (`text`) to `senderId`'s message `messageId` (whose text is
   * `asked`) at `now` (ms). A
   * message already answered may send more answers (a handler's second line); a message over
   * the budget gets 'notice' once per window, then 'drop'.
   */
  decide(senderId: string, messageId: string, asked: string, text: string, now: number, counts = true): AnswerDecision {
    const st = this.state(senderId);
    for (const [t, at] of st.texts) if (now - at >= this.o.repeatMs) st.texts.delete(t);
    for (const [id, at] of st.answered) if (now - at >= this.o.windowMs) st.answered.delete(id);
    for (const [id, at] of st.free) if (now - at >= Math.max(this.o.windowMs, this.o.repeatMs)) st.free.delete(id);
    // A message with no text (a file; a fresh login link, see the router) is never a repeat.
    const key = asked.trim() === '' ? `\u0000${messageId}` : `${normalise(asked)}\u0000${normalise(text)}`;
    if (this.o.repeatMs > 0 && st.texts.has(key) && !st.answered.has(messageId) && !st.free.has(messageId)) {
      st.texts.set(key, now);
      return 'drop';
    }
    if (counts && !st.answered.has(messageId)) {
      if (st.answered.size >= this.o.max) {
        if (st.noticedAt !== null && now - st.noticedAt < this.o.windowMs) return 'drop';
        st.noticedAt = now;
        return 'notice';
      }
      st.answered.set(messageId, now);
    }
    if (!counts && !st.free.has(messageId)) st.free.set(messageId, now);
    st.texts.set(key, now);
    return 'send';
  }

  private state(id: string): SenderState {
    let st = this.senders.get(id);
    if (!st) {
      st = { answered: new Map(), free: new Map(), texts: new Map(), noticedAt: null };
      this.senders.set(id, st);
    }
    return st;
  }
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
