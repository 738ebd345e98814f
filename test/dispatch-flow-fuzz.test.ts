import { describe, expect, it } from 'vitest';
import { classifyReply, findCodes, linkReply } from '../src/domain/dispatch/flow-answer.js';

/** Deterministic pseudo-random strings made of the characters replies are made of. */
function* inputs(n: number): Generator<string> {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pieces = [
    '收到',
    '签收',
    '已阅',
    'D',
    'd',
    '12',
    '编号',
    '已',
    '处置',
    '办结',
    '完成',
    '到现场',
    '反馈如下',
    '@',
    '督办助手',
    '，',
    '。',
    ' ',
    '\u2005',
    '\n',
    '😀',
    '申请',
    '帮助',
    '0',
    '９',
    'Ｄ',
    '\\',
    '"',
    '%s',
    '\u0000',
  ];
  for (let i = 0; i < n; i++) {
    const len = Math.floor(rnd() * 14);
    let s = '';
    for (let k = 0; k < len; k++) s += pieces[Math.floor(rnd() * pieces.length)];
    yield s;
  }
}

describe('reply classification never crashes', () => {
  it('on 5000 random replies, in the group and privately', () => {
    for (const s of inputs(5000)) {
      for (const chat of ['group', 'private'] as const) {
        const c = classifyReply(s, { chat, mentionsBot: s.length % 2 === 0 });
        if (c) {
          expect(['ack', 'answer']).toContain(c.kind);
          expect(c.codes.every((x) => /^D\d+$/.test(x))).toBe(true);
          const link = linkReply(c.kind, c.codes, [{ code: 'D12', acked: false, answered: false }]);
          expect(['linked', 'ask', 'none']).toContain(link.kind);
        }
      }
      expect(Array.isArray(findCodes(s))).toBe(true);
    }
  });
  it('on a very long text', () => {
    const long = '已处置'.repeat(20_000);
    expect(classifyReply(long, { chat: 'group', mentionsBot: false })?.kind).toBe('answer');
  });
});
