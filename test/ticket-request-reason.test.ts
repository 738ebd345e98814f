/**
 * A 退办 said in the unit's own words: the reason reads as typed, with no stray space where the ticket number was cut
 * out.
 */
import { describe, expect, it } from 'vitest';
import { parseTicketCommand } from '../src/domain/tickets/commands.js';

const reason = (s: string) => {
  const c = parseTicketCommand(s);
  return c?.kind === 'request' ? c.reason : null;
};

describe('loose 退办 reason', () => {
  it.each([
    [
      '柳树村垃圾那个单子不是我们农业农村局的事，GD20261122103 请求退回，应由双河镇环卫所负责',
      '柳树村垃圾那个单子不是我们农业农村局的事，请求退回，应由双河镇环卫所负责',
    ],
    ['这个单子 GD20261122103 不归我们管，应由双河镇负责', '这个单子不归我们管，应由双河镇负责'],
    ['医保报销那件GD20261124105　不属于我局职责，请求退回。', '医保报销那件不属于我局职责'],
    ['路灯那个 GD20261122103 ，非我局管辖，申请退回', '路灯那个，非我局管辖'],
  ])('%s', (text, want) => {
    const r = reason(text);
    expect(r).toBe(want);
    expect(r).not.toMatch(/[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]\s|\s[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]/);
  });
});
