import { describe, expect, it } from 'vitest';
import { ticketNamedByTitle } from '../src/domain/tickets/title-match.js';

const T = [
  { number: '1', title: '人民路公交站台顶棚损坏' },
  { number: '2', title: '出租车拒载投诉' },
  { number: '3', title: '解放路公交站台积水' },
];

describe('a ticket named by its title words', () => {
  it.each([
    ['顶棚的事情我们已经联系公交公司了', '1'],
    ['出租车拒载那件已经约谈公司', '2'],
    ['解放路站台积水已经抽干', '3'],
    ['公交站台已经在处理', null], // 1 and 3 alike: no guess
    ['收到，马上处理', null],
    ['工单问题已反映', null],
  ])('%s → %s', (text, number) => {
    expect(ticketNamedByTitle(text, T)?.number ?? null).toBe(number);
  });
});
