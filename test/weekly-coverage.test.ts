/**
 * Issue 12 (coverage, found playing the first week): the first Friday's weekly summary counts
 * 漏报 only for days the bot was running for the district, as the 月评比 does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, Scenario, say } from './scenario.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

describe("weekly-summary in the bot's first week", () => {
  let s: Scenario;
  beforeAll(async () => {
    // Installed on Wednesday 11-25 at 10:00; its first data is a head's hello.
    s = await Scenario.open(undefined, '2026-11-25T02:00:00Z');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('names only the days since the bot began as missed (Wednesday and Thursday, not Monday and Tuesday)', async () => {
    await s.play(say(t('2026-11-25', '10:00'), 'wxid_zhujian_zhang', '大家好👋'));
    await s.play(
      say(t('2026-11-25', '17:10'), 'wxid_zhujian_zhang', '区住建局今日受理5件，办结5件'),
      say(t('2026-11-26', '17:10'), 'wxid_zhujian_zhang', '住建局：受理3件 办结2件 在办1件'),
      say(t('2026-11-26', '17:20'), 'wxid_jiaoyu_sun', '教育局今天受理2件，办结2件'),
    );
    const out = await s.play(run(t('2026-11-27', '17:00'), 'weekly-summary'));
    expect(out.length).toBeGreaterThan(0);
    const text = out[0]?.text ?? '';
    expect(text).toContain('· 区城市管理局：漏报2天');
    expect(text).toContain('· 区教育局：漏报1天');
    expect(text).not.toContain('区住房和城乡建设局：');
    expect(text).not.toMatch(/漏报 [34] 天/);
  });
});
