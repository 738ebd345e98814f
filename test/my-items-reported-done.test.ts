/**
 * 我的待办 agrees with the nag: tickets the unit reported done are marked; a round awaiting 倒查 gets the 倒查 example.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (hhmm: string, day = '2026-11-30') => `${day}T${hhmm}:00+08:00`;
const FENG = 'wxid_gongan_feng';
const ZJ = 'wxid_zhujian_zhang';

describe('我的待办 after the unit reported a ticket done (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
    const path = await writeXlsx(join(tempDir(), 'list.xlsx'), [
      HEADER,
      [
        'GD20261123012',
        '学校门口交通秩序',
        '城西街道锦绣路一学校门口上下学时段交通秩序混乱',
        '公安分局',
        '',
        '',
        '2026-11-23 09:00',
        '2026-11-26 18:00',
        '办理中',
        '',
        0,
      ],
      [
        'GD20261123013',
        '夜间飙车噪音扰民',
        '湖滨路夜间飙车噪音扰民',
        '公安分局',
        '',
        '',
        '2026-11-23 09:00',
        '2026-11-26 18:00',
        '办理中',
        '',
        0,
      ],
      [
        'GD20261125017',
        '幸福里小区二期楼顶漏水',
        '凤凰镇幸福里小区二期楼顶漏水，物业推诿',
        '住建局',
        '',
        '',
        '2026-11-20 09:00',
        '2026-11-27 18:00',
        '已办结',
        '不满意',
        1,
      ],
    ]);
    await s.play({ at: t('09:00'), from: 'wxid_sup_liu', file: path, to: 'group' });
    await s.play(say(t('15:00'), FENG, 'GD20261123012已办结，已协调交警大队在上下学时段定岗执勤'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it.each([['我们还有几件超期'], ['我的待办'], ['查一下我们局还有几件超期工单？']])('%s', async (text) => {
    const out = await s.play(say(t('16:00'), FENG, text, { to: 'bot' }));
    expect(out).toHaveLength(1);
    expect(out[0]?.text).toContain('GD20261123012（学校门口交通秩序）（单位已报办结，待平台确认）');
    expect(out[0]?.text).toMatch(/GD20261123013（夜间飙车噪音扰民）(?!（单位已报办结)/);
  });

  it('a round waiting for the 倒查 answers is shown with the 倒查 example', async () => {
    const sp = s.out.find((o) => o.to === ZJ && o.text.startsWith('【双派单 SP'))?.text ?? '';
    const code = /【双派单 (SP\d+)】/.exec(sp)?.[1] ?? 'SP?';
    await s.play(
      say(t('16:10'), ZJ, `${code} 幸福里二期楼顶已重新做防水，物业承诺一周内完成，已与市民沟通`, { to: 'bot' }),
    );
    for (const text of ['我的待办', '待办', '还有哪些没办的？']) {
      const out = await s.play(say(t('16:20'), ZJ, text, { to: 'bot' }));
      expect(out[0]?.text).toContain('待答复倒查问题');
      expect(out[0]?.text).toContain(`如“${code} 倒查 1. … 2. …”`);
      expect(out[0]?.text).not.toContain('办理情况……');
    }
  });
});
