/**
 * 百日攻坚 messages as lead units send them, apart from or before their hotline figures (example district): what
 * the bot answers each, and what it keeps.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { reportsForDay } from '../src/store/reports.js';
import { campaignStatuses } from '../src/usecases/campaign.js';
import { REPO } from './helpers.js';
import { Scenario, say } from './scenario.js';

const at = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`;
let s: Scenario;
beforeAll(async () => {
  s = await Scenario.open(loadDistrictFile(join(REPO, 'config/district.example.yaml')), '2026-11-30T00:00:00Z');
});
afterAll(async () => {
  await s?.close();
});

describe('百日攻坚 messages', () => {
  it('a campaign part sent first, then the hotline figures: each confirmed as what it is', async () => {
    const [first] = await s.play(
      say(
        at('17:40'),
        'wxid_zhujian_zhang',
        '区住建局百日攻坚进展：老旧小区改造今日完成1个，累计9个；加装电梯今日完工2部，累计21部。',
      ),
    );
    expect(first?.text).toBe(
      '已收到区住房和城乡建设局11月30日百日攻坚进展：老旧小区改造今日1个、累计9个；加装电梯今日2部、累计21部。\n' +
        '本条未包含12345热线工单数据，请另行报送今日受理、办结等件数。',
    );
    const [second] = await s.play(
      say(at('17:45'), 'wxid_zhujian_zhang', '区住建局今日受理12件，办结10件，在办2件，无超期。'),
    );
    expect(second?.text).toBe('已收到区住房和城乡建设局11月30日日报：受理12件、办结10件、在办2件、超期0件。');
    const [r] = (await reportsForDay(s.h.app.db, '2026-11-30')).filter((x) => x.unitId === 'zhujian');
    expect(r).toMatchObject({ received: 12, completed: 10, version: 2 });
  });

  it('补充 adds campaign figures (已收到), 更正 corrects them (已更正); another unit counts for nothing', async () => {
    const out = await s.play(
      say(at('17:50'), 'wxid_weijian_zhou', '区卫健局今日受理6件，办结6件。'),
      say(at('17:52'), 'wxid_weijian_zhou', '补充：家庭医生签约今日新签约80人，累计签约2380人'),
      say(at('17:55'), 'wxid_weijian_zhou', '不好意思，家庭医生签约累计应为2390人'),
      say(at('17:56'), 'wxid_chengdong_zhu', '城东街道配合加装电梯今日完工1部。'),
    );
    expect(out.map((o) => o.text)).toEqual([
      '已收到区卫生健康局11月30日日报：受理6件、办结6件。',
      '已收到区卫生健康局11月30日百日攻坚进展：家庭医生签约今日80人、累计2380人。',
      '已更正区卫生健康局11月30日百日攻坚进展：家庭医生签约累计2390人。',
    ]);
    // 城东街道 leads no item: its words about the lifts are nobody's figures (and, in the group, get no answer).
    const rows = await s.h.app.db.query<{ unit_id: string }>('select distinct unit_id from campaign_progress');
    expect(rows.map((r) => r.unit_id).sort()).toEqual(['weijian', 'zhujian']);
    const jiayi = (await campaignStatuses(s.h.app.ctx, '2026-11-30')).find((x) => x.item.id === 'jiayi');
    expect(jiayi).toMatchObject({ done: 2390, lastProgress: '2026-11-30' });
  });
});
