/**
 * QA of issue 18: 褚局长's `收到👌` with the ticket list and a 双派单 round both unsigned signed the list only, in
 * silence about the round (which then got its 尚未签收 reminder). A bare acknowledgement after the digest still signs
 * the digest (the message it answers), and the answer now names what else waits to be signed.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Out, run, Scenario, say } from './scenario.js';
import { HEADER, TICKET_ROWS, tempDir, writeXlsx } from './ticket-helpers.js';

const ZHENG = 'wxid_shengtai_zheng';
const shengtaiOverdue = [...TICKET_ROWS.gonganOverdue];
shengtaiOverdue[0] = '2026112400555';
shengtaiOverdue[1] = '河道漂浮垃圾';
shengtaiOverdue[3] = '生态环境分局';

describe('a bare 收到 after the ticket list, with a 双派单 round also unsigned', () => {
  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const ack of ['收到👌', '好的', '收到，马上安排']) {
    it(`"${ack}" signs the list and names the round still unsigned`, async () => {
      s = await Scenario.open(undefined, '2026-11-30T08:00:00+08:00');
      const dir = tempDir();
      const file = await writeXlsx(join(dir, '工单.xlsx'), [HEADER, TICKET_ROWS.shengtaiUnsatisfied, shengtaiOverdue]);
      const imported = await s.play({ at: '2026-11-30T09:40:00+08:00', from: 'wxid_sup_liu', file, to: 'group' });
      expect(imported.map((o) => o.text).join('\n')).toContain('SP1');
      const nag = await s.play(run('2026-11-30T15:00:00+08:00', 'ticket-nag'));
      expect(nag.some((o: Out) => o.to === ZHENG && o.text.includes('2026112400555'))).toBe(true);
      const answer = await s.play(say('2026-11-30T15:10:00+08:00', ZHENG, ack));
      const text = answer.map((o) => o.text).join('\n');
      expect(text).toContain('已签收工单督办清单');
      expect(text).toContain('SP1 尚未签收');
      expect(text).toContain('“SP1 签收”');
      // Signing the round then works as asked.
      const second = await s.play(say('2026-11-30T15:12:00+08:00', ZHENG, 'SP1 签收'));
      expect(second.map((o) => o.text).join('\n')).not.toContain('未能识别');
      expect(second.length).toBeGreaterThan(0);
    }, 120_000);
  }
});
