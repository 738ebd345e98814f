/** Ticket titles are cut at a clause or word boundary (never 交通秩…, 上下…) in the nag, 我的待办 and the console. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipTitle } from '../src/domain/language/clip.js';
import { run, Scenario, say } from './scenario.js';
import { tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

describe('clipTitle (pure)', () => {
  it.each([
    ['城西街道锦绣路一学校门口上下学时段交通秩序混乱…', 20, '城西街道锦绣路一学校门口上下学时段交通…'],
    ['市民咨询灵活就业人员社保补贴申领条件及所需材料和办理流程', 20, '市民咨询灵活就业人员社保补贴申领条件…'],
    ['新港镇海港路菜市场周边流动摊贩占道经营严重影响通行，请处理', 16, '新港镇海港路菜市场周边…'],
    ['凤凰镇幸福里小区二期楼顶漏水，物业推诿…', 16, '凤凰镇幸福里小区二期楼顶漏水…'],
    ['学校门口交通秩序', 16, '学校门口交通秩序'],
    ['咨询社保卡补办需要哪些材料和手续以及办理地点', 20, '咨询社保卡补办需要哪些材料和手续以及办理地点'],
  ])('%s (%i)', (text, max, want) => {
    expect(clipTitle(text, max)).toBe(want);
  });
});

describe('titles in the nag, 我的待办 and the console are cut at a word boundary (replay)', () => {
  let s: Scenario;
  const HEADER = ['工单编号', '诉求内容', '承办单位', '属地镇街', '派单时间', '办理时限', '状态', '满意度', '重办次数'];
  const BAD = [/交通秩…/, /上下…/, /摊贩占…/, /申领条…/, /学时…/];
  beforeAll(async () => {
    s = await Scenario.open();
    const path = await writeXlsx(join(tempDir(), 'cut.xlsx'), [
      HEADER,
      [
        'G001',
        '市民来电反映：城西街道锦绣路一学校门口上下学时段交通秩序混乱，家长车辆乱停，存在安全隐患',
        '公安分局',
        '',
        '2026-11-20 09:00',
        '2026-11-24 18:00',
        '办理中',
        '',
        0,
      ],
      [
        'G002',
        '新港镇海港路菜市场周边流动摊贩占道经营严重影响通行，请处理',
        '城管局',
        '',
        '2026-11-20 09:00',
        '2026-11-24 18:00',
        '办理中',
        '',
        0,
      ],
      [
        'G003',
        '市民咨询灵活就业人员社保补贴申领条件及所需材料和办理流程',
        '人社局',
        '',
        '2026-11-20 09:00',
        '2026-11-24 18:00',
        '办理中',
        '',
        0,
      ],
    ]);
    await s.play({ at: t('2026-11-25', '08:30'), from: 'wxid_sup_liu', file: path, to: 'group' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the nag lists', async () => {
    const out = await s.play(run(t('2026-11-25', '09:00'), 'ticket-nag'));
    const to = (id: string) => out.find((o) => o.to === id)?.text ?? '';
    expect(to('wxid_gongan_feng')).toContain('G001 城西街道锦绣路一学校门口上下学时段交通秩序…（');
    expect(to('wxid_chengguan_chu')).toContain('G002 新港镇海港路菜市场周边流动摊贩占道经营…（');
    expect(to('wxid_renshe_wu')).toContain('G003 市民咨询灵活就业人员社保补贴申领条件…（');
    for (const o of out) for (const re of BAD) expect(o.text).not.toMatch(re);
  });

  it.each([
    ['wxid_gongan_feng', '我们还有几件超期', 'G001（城西街道锦绣路一学校门口上下学时段交通…）'],
    ['wxid_chengguan_chu', '我的待办', 'G002（新港镇海港路菜市场周边流动摊贩占道经营…）'],
    ['wxid_renshe_wu', '查一下我们局的待办😊', 'G003（市民咨询灵活就业人员社保补贴申领条件…）'],
  ])('我的待办 of %s: %s', async (from, text, want) => {
    const out = await s.play(say(t('2026-11-25', '10:00'), from, text, { to: 'bot' }));
    expect(out[0]?.text).toContain(want);
    for (const re of BAD) expect(out[0]?.text).not.toMatch(re);
  });
});
