/**
 * Found in the third play-through (issue 12): leaders ask in everyday words — 修好了没, a
 * one-word topic (路灯的事), a topic nothing matches, 我手上还有哪些事.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchTopic, progressQueryOf } from '../src/domain/leader/questions.js';
import { isMyItemsRequest } from '../src/domain/my-items/request.js';
import { progressPickText } from '../src/domain/texts/dispatch.js';
import { Scenario, say } from './scenario.js';

describe("leaders' questions in everyday words", () => {
  it('修好了没 / 整改到位了吗 / 搞定了没 ask about progress; an instruction does not', () => {
    for (const t of ['建设巷路灯修好了没', '夜市油烟整改到位了吗', '海港路积水那件搞定了没有？'])
      expect(progressQueryOf(t), t).toMatchObject({ kind: 'topic' });
    expect(progressQueryOf('请城管局今天修好路灯')).toBeNull();
  });

  it('a one-word topic matches on that word; a longer one needs two', () => {
    const ds = [{ text: '建设巷路灯不亮，请城管局今天修好' }, { text: '滨海路工地夜间施工扰民，请住建局核查' }];
    expect(matchTopic('路灯', ds)).toEqual([ds[0]]);
    expect(matchTopic('实验小学', ds)).toEqual([]);
  });

  it('a topic nothing matches says so before the list', () => {
    const text = progressPickText(
      [{ code: 'D4', text: '滨海路工地夜间施工扰民，请住建局核查', deadline: '2026-12-01T10:00:00.000Z' }],
      'Asia/Shanghai',
      true,
      '实验小学',
    );
    expect(text.startsWith('没有找到与“实验小学”相关的调度。您交办的未办结调度有1件：')).toBe(true);
  });

  it("我手上还有哪些事 / 手头还有什么事没办 / 我这还有啥事 ask for one's open items", () => {
    for (const t of ['我手上还有哪些事', '手头还有什么事没办', '我这还有啥事？'])
      expect(isMyItemsRequest(t), t).toBe(true);
    expect(isMyItemsRequest('马上去现场')).toBe(false);
  });
});

describe("leaders' questions in everyday words (replay)", () => {
  let s: Scenario;
  const t = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`;
  beforeAll(async () => {
    s = await Scenario.open();
    await s.play(say(t('09:00'), 'wxid_leader_wang', '城管局褚局长，建设巷路灯不亮，今天下班前修好并反馈'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    '修好了没 / 路灯的事进展如何 / 路灯那件搞定了吗 show the dispatch;' + ' an unknown topic says nothing matched',
    async () => {
      for (const [i, q] of ['建设巷路灯修好了没', '路灯的事进展如何', '路灯那件搞定了吗'].entries()) {
        const out = await s.play(say(t(`10:0${i}`), 'wxid_leader_wang', q, { to: 'bot' }));
        expect(out[0]?.text, q).toMatch(/^【D1】/);
      }
      const none = await s.play(say(t('10:10'), 'wxid_leader_wang', '实验小学那个事怎么样了', { to: 'bot' }));
      expect(none[0]?.text).toMatch(/^没有找到与“实验小学”相关的调度。/);
    },
  );
});
