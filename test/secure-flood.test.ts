/**
 * Issue 14 item 3: one member cannot delay every bot message. A leader's dispatch goes before a
 * flood of answers; one sender gets a bounded number of answers (and one polite "稍后再试");
 * the same answer to a repeated message is not sent again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerBudget } from '../src/domain/answer-budget.js';
import { ANSWER_LIMIT_NOTICE } from '../src/domain/texts/limits.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import type { SentRecord } from '../src/sim/mock-world.js';
import { outboxOrder, placeInOutbox } from '../src/sim/outbox-order.js';
import { REDIS_URL, rosterConfig, testLogger, waitFor } from './helpers.js';

const LIAISON = 'wxid_zhujian_xu';
const LEADER = 'wxid_leader_li';
const HEAD = 'wxid_zhujian_zhang';
const CHITCHAT = [
  '在吗',
  '你好呀😀',
  '今天几点下班？',
  '请问怎么报日报',
  '好的',
  '谢谢！',
  '在不在',
  '嗯嗯',
  '哈哈',
  '明白了吗',
  '喂',
  '這個怎麼用',
];

async function processed(h: Harness): Promise<number> {
  const [r] = await h.app.db.query<{ n: number }>(
    'select count(*)::int as n from inbound_messages where processed_at is not null',
  );
  return r?.n ?? 0;
}

describe('a flood from one member', () => {
  let h: Harness;
  const sent: SentRecord[] = [];
  beforeAll(async () => {
    h = await startHarness({ config: rosterConfig(), redisUrl: REDIS_URL, log: testLogger() });
    h.world.onSent((s) => sent.push(s));
  });
  afterAll(async () => {
    await h?.close();
  });

  it("48 private messages from a liaison, then a leader's urgent dispatch: the dispatch is first in line; the " +
    'liaison gets at most 10 answers and one notice', async () => {
    await h.app.outbox.queue.pause();
    for (let i = 0; i < 48; i++)
      h.world.say(LIAISON, `${CHITCHAT[i % CHITCHAT.length]}${i >= CHITCHAT.length ? ` ${i}` : ''}`, { to: 'bot' });
    await waitFor(async () => (await processed(h)) >= 48, 60_000);
    h.world.say(LEADER, '@张局长 环海路小区污水外溢，请三个工作日内到现场处置并反馈。', { mentions: [HEAD] });
    await waitFor(async () => (await processed(h)) >= 49, 30_000);
    await waitFor(async () => (await outboxOrder(h.app)).some((p) => p.startsWith('dispatch:')), 10_000);
    const order = await outboxOrder(h.app);
    expect(await placeInOutbox(h.app, 'dispatch:')).toBe(1);
    const toLiaison = order.filter((p) => !p.startsWith('dispatch:'));
    expect(toLiaison.length).toBeLessThanOrEqual(11);
    expect(toLiaison.filter((p) => p.startsWith('answer-limit:')).length).toBeLessThanOrEqual(1);
    await h.app.outbox.queue.resume();
    expect(await h.drain(60_000)).toBe(true);
    // The dispatch's messages (the order to the unit, the confirmation to the leader) went first.
    const nDispatch = order.filter((p) => p.startsWith('dispatch:')).length;
    expect(nDispatch).toBeGreaterThan(0);
    for (const s of sent.slice(0, nDispatch)) expect(s.text).toMatch(/环海路|D1/);
    // Every message was still recorded and processed.
    expect(await processed(h)).toBe(49);
  }, 120_000);

  it('the same question again and again in the group is answered once', async () => {
    sent.length = 0;
    for (const text of ['帮助', '帮助', ' 帮助 ', '帮助']) h.world.say('wxid_jiaoyu_sun', text);
    expect(await h.drain()).toBe(true);
    expect(sent.filter((s) => s.mentions.includes('wxid_jiaoyu_sun'))).toHaveLength(1);
  });

  it('a head over the budget with questions still gets the confirmation of the report handed in, and of its ' +
    'correction', async () => {
    sent.length = 0;
    const head = 'wxid_weijian_zhou';
    for (let i = 1; i <= 14; i++) h.world.say(head, `请问第${i}个问题：这个怎么弄？`, { to: 'bot' });
    h.world.say(head, '【区卫健委】今日受理工单6件，办结5件，在办1件，无超期，满意率97%👍');
    h.world.say(head, '更正：办结应为6件');
    expect(await h.drain(60_000)).toBe(true);
    const toHead = sent.filter((s) => s.to === head || s.mentions.includes(head));
    expect(toHead.filter((s) => s.text === ANSWER_LIMIT_NOTICE)).toHaveLength(1);
    expect(toHead.length).toBeLessThanOrEqual(10 + 1 + 2);
    expect(toHead.some((s) => /受理6件/.test(s.text))).toBe(true);
    expect(toHead.some((s) => /办结 5→6件/.test(s.text))).toBe(true);
  }, 120_000);
});

describe('the answer budget', () => {
  it('answers up to the limit, then one notice per window, then nothing; frees up as the window slides', () => {
    const b = new AnswerBudget({ max: 3, windowMs: 60_000, repeatMs: 10_000 });
    const d = (id: string, text: string, at: number) => b.decide('p', id, `q-${id}`, text, at);
    expect([d('m1', 'a', 0), d('m2', 'b', 1), d('m3', 'c', 2)]).toEqual(['send', 'send', 'send']);
    // A second answer to an answered message is fine.
    expect(d('m3', 'c2', 3)).toBe('send');
    expect([d('m4', 'd', 4), d('m5', 'e', 5), d('m6', 'f', 6)]).toEqual(['notice', 'drop', 'drop']);
    expect(d('m7', 'g', 60_001)).toBe('send');
    // Another sender has a budget of their own.
    expect(b.decide('q', 'n1', 'x', 'a', 7)).toBe('send');
  });

  it('does not answer the same message again within the repeat window (not after); a rephrased one is answered', () => {
    const b = new AnswerBudget({ max: 100, windowMs: 60_000, repeatMs: 10_000 });
    expect(b.decide('p', 'm1', '帮助', '您好 这是帮助', 0)).toBe('send');
    expect(b.decide('p', 'm2', ' 帮助 ', '您好  这是帮助', 5_000)).toBe('drop');
    // The same answer to another question is sent (several phrasings of one question).
    expect(b.decide('p', 'm2b', '怎么用', '您好 这是帮助', 5_500)).toBe('send');
    // Each repeat extends the quiet: a bot-like loop never gets through.
    expect(b.decide('p', 'm3', '帮助', '您好 这是帮助', 14_000)).toBe('drop');
    expect(b.decide('p', 'm4', '帮助', '您好 这是帮助', 30_000)).toBe('send');
    // Files are never repeats.
    expect(b.decide('p', 'f1', '', '已导入', 30_001)).toBe('send');
    expect(b.decide('p', 'f2', '', '已导入', 30_002)).toBe('send');
  });

  it(
    'a confirmation of work handed in is outside the budget; its retry (same message) is sent again, a copy is ' +
      'not',
    () => {
      const b = new AnswerBudget({ max: 1, windowMs: 60_000, repeatMs: 10_000 });
      expect(b.decide('p', 'q1', '在吗', '您好', 0)).toBe('send');
      expect(b.decide('p', 'r1', '受理5件', '已收到日报', 1, false)).toBe('send');
      // The queue retries the same message after a failure: not a repeat.
      expect(b.decide('p', 'r1', '受理5件', '已收到日报', 2, false)).toBe('send');
      // The same text sent again as a new message within the repeat window: a repeat.
      expect(b.decide('p', 'r2', '受理5件', '已收到日报', 3, false)).toBe('drop');
      expect(b.decide('p', 'q2', '请问', '您好', 4)).toBe('notice');
    },
  );

  it('the notice is polite zh-CN', () => {
    expect(ANSWER_LIMIT_NOTICE).toMatch(/稍后再试/);
  });
});
