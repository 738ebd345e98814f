import { describe, expect, it } from 'vitest';
import { isVisitsQuestion } from '../src/domain/visits/question.js';

describe('a question about 四个必到 as a whole', () => {
  it.each([
    ['必到走访情况', true],
    ['四个必到情况', true],
    ['四个必到', true],
    ['还有多少必到没走访？', true],
    ['必到走访进展怎么样了', true],
    ['V4进展如何？', false],
    ['请住建局落实四个必到要求，本周内上门走访滨江花园业主，并将情况报我', false],
    ['收到', false],
  ])('%s → %s', (text, yes) => {
    expect(isVisitsQuestion(text)).toBe(yes);
  });
});
