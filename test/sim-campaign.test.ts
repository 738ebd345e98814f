/**
 * 百日攻坚 in the terminal simulator: the example district, `/play` of the replayed two-week campaign
 * (test/fixtures/campaign-two-weeks.jsonl) on the simulated clock, the routines firing on the way: the daily
 * summaries show the behind items, the lead units' heads are told.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { parseStartTime, SimClock } from '../src/sim/clock.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { SimSession } from '../src/sim/session.js';
import { FIXTURES, REDIS_URL, REPO, testLogger } from './helpers.js';

let h: Harness | undefined;
afterAll(async () => {
  await h?.close();
});

describe('simulator: /play of the two-week campaign', () => {
  it('plays the file on the clock; the summaries show the items behind, the heads are told', async () => {
    const config = loadDistrictFile(join(REPO, 'config/district.example.yaml'));
    const clock = new SimClock(parseStartTime('2026-11-16 09:00', config.timezone) as Date, false);
    h = await startHarness({ config, redisUrl: REDIS_URL, clock, log: testLogger() });
    const lines: string[] = [];
    const session = new SimSession({ app: h.app, world: h.world, clock, print: (s) => lines.push(...s.split('\n')) });
    await session.feed(`/play ${join(FIXTURES, 'campaign-two-weeks.jsonl')}`);
    const out = lines.join('\n');
    expect(out).toContain('[17:30] 张局长: 【区住建局】11月16日日报');
    expect(out).toMatch(/场景 .*campaign-two-weeks\.jsonl 已演练完毕，共60条消息/);
    // The 18:40 summary ran by the clock each working day (the file's own run lines are left to it).
    expect(out.match(/12345热线日报汇总】/g)?.length).toBe(10);
    expect(out).toContain('百日攻坚第40天，剩60天。7项攻坚任务中3项进度滞后：');
    expect(out).toContain('· 加装电梯（区住房和城乡建设局）：连续6个工作日无进展，完成14/30部（46.7%），时间进度40%');
    expect(out).toContain('【百日攻坚进度提醒】区人力资源和社会保障局：“城镇新增就业”进度滞后');
  }, 300_000);
});
