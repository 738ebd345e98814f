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

describe('a unit writes about a ticket by its words, without the number', () => {
  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });
  const SHEN = 'wxid_jiaotong_shen';
  const bus = [...TICKET_ROWS.gonganOverdue];
  bus[0] = '2026111700266';
  bus[1] = '人民路公交站台顶棚损坏';
  bus[3] = '区交通运输局';
  const other = [...TICKET_ROWS.gonganOverdue];
  other[0] = '2026111700267';
  other[1] = '出租车拒载投诉';
  other[3] = '区交通运输局';

  for (const text of [
    '公交站台的事情我们已经联系公交公司了，本周内更换顶棚',
    '人民路那个站台顶棚，公交集团说下周换',
    '站台顶棚已经在修了🙏',
  ])
    it(`"${text}" is answered with how to write about ticket 2026111700266`, async () => {
      s = await Scenario.open(undefined, '2026-11-30T08:00:00+08:00');
      const file = await writeXlsx(join(tempDir(), '工单.xlsx'), [HEADER, bus, other]);
      await s.play({ at: '2026-11-30T08:40:00+08:00', from: 'wxid_sup_liu', file, to: 'group' });
      await s.play(run('2026-11-30T09:00:00+08:00', 'ticket-nag'));
      const answer = await s.play(say('2026-11-30T09:45:00+08:00', SHEN, text, { to: 'bot' }));
      const reply = answer.map((o) => o.text).join('\n');
      expect(reply).toContain('如是工单2026111700266（人民路公交站台顶棚损坏）的办理进展');
      expect(reply).not.toContain('2026111700267');
    }, 120_000);
});
