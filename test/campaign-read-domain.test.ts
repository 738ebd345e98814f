import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { campaignItems, itemsLedBy } from '../src/domain/campaign/items.js';
import { splitMeasure } from '../src/domain/campaign/measure.js';
import { readCampaign } from '../src/domain/campaign/read.js';

const district = loadDistrictFile(join(import.meta.dirname, '../config/district.example.yaml'));
const items = campaignItems(district.campaign, district.units);
const of = (unit: string) => itemsLedBy(items, unit);
/** The figures read, as item → [today, cumulative]. */
function read(unit: string, text: string): Record<string, [number | null, number | null]> {
  return Object.fromEntries(readCampaign(text, of(unit)).items.map((i) => [i.item, [i.today, i.cumulative]]));
}

describe('百日攻坚: an item measure', () => {
  it.each([
    ['个小区', { word: '个', noun: '小区' }],
    ['部电梯', { word: '部', noun: '电梯', words: ['部', '台'] }],
    ['人', { word: '人', noun: '' }],
    ['人次', { word: '人次', noun: '' }],
    ['万平方米', { word: '万平方米', noun: '' }],
    ['学位', { word: '', noun: '学位', words: [] }],
  ])('%s', (m, want) => expect(splitMeasure(m)).toMatchObject(want));
});

describe('百日攻坚: progress read from ten styles of campaign paragraph (pure)', () => {
  it("1. numbered 一是 / 二是 after the hotline part (the issue's own example)", () => {
    const text =
      '【区住建局】11月30日群众诉求办理情况：\n一、12345热线工单：今日受理12件，办结10件，在办2件，无超期。\n' +
      '二、百日攻坚推进情况。一是老旧小区改造：今日完成2个小区雨污管网改造，召开业主见面会2场，累计完成改造11个小区；' +
      '二是加装电梯：今日完工1部，累计完工21部。';
    expect(read('zhujian', text)).toEqual({ laojiu: [2, 11], dianti: [1, 21] });
  });

  it("2. numbered 1. / 2. lines, 累计 before today's figure", () => {
    const text =
      '区住建局百日攻坚进展：\n1.老旧小区改造：累计完成11个，其中今日新增1个；\n' +
      '2.加装电梯：截至目前累计完工21部，今日完工2部。';
    expect(read('zhujian', text)).toEqual({ laojiu: [1, 11], dianti: [2, 21] });
  });

  it('3. （一）/（二） headings, each item on its own lines', () => {
    const text =
      '区住建局今日受理8件，办结8件。\n百日攻坚：\n（一）老旧小区改造\n今日完成外墙保温1个小区。\n' +
      '截至目前，已完成9个小区。\n' +
      '（二）加装电梯\n今日无新增，累计完工18部。';
    expect(read('zhujian', text)).toEqual({ laojiu: [1, 9], dianti: [0, 18] });
  });

  it('4. a table pasted from Excel (tabs), with a target and a rate column set aside', () => {
    const text =
      '区住建局11月30日日报：受理6件，办结6件。\n百日攻坚推进表\n项目\t今日完成\t累计完成\t目标任务\t完成率\n' +
      '老旧小区改造\t2\t11\t16\t68.8%\n加装电梯\t0\t21\t30\t70%';
    expect(read('zhujian', text)).toEqual({ laojiu: [2, 11], dianti: [0, 21] });
  });

  it('5. a single line, items separated by ；', () => {
    const text = '百日攻坚：老旧小区改造今日完成1个，累计9个；加装电梯今日2部，累计20部。';
    expect(read('zhujian', text)).toEqual({ laojiu: [1, 9], dianti: [2, 20] });
  });

  it('6. emoji and decorations', () => {
    const text =
      '📌卫健局今日受理9件✅办结8件\n🔥百日攻坚🔥\n🏥家庭医生签约👉今日新签约126人👍累计签约2380人✅\n' +
      '家医团队入户随访慢病患者86人次。';
    expect(read('weijian', text)).toEqual({ jiayi: [126, 2380] });
  });

  it('7. full-width digits', () => {
    const text = '区教育局：今日受理２件，办结２件。学位攻坚：新增学位今日１２０个，累计新增学位９６０个。';
    expect(read('jiaoyu', text)).toEqual({ xuewei: [120, 960] });
  });

  it('8. Chinese numerals (二十一部, 两个)', () => {
    const text = '攻坚进展：老旧小区改造今日完成两个小区，累计十一个小区；加装电梯累计完工二十一部。';
    expect(read('zhujian', text)).toEqual({ laojiu: [2, 11], dianti: [null, 21] });
  });

  it("9. the item's measure word or a synonym only (台 for 部; 人次 is not 人; plans are not done)", () => {
    const text =
      '百日攻坚：加装电梯今日完工3台，召开协调会2场，计划本月再完工5台；\n' +
      '家庭医生签约：今日服务群众230人次，签约88名，累计签约2468人，目标5000人。';
    expect(read('zhujian', text)).toEqual({ dianti: [3, null] });
    expect(read('weijian', text)).toEqual({ jiayi: [88, 2468] });
  });

  it('10. no campaign part: nothing, even with an item word in the hotline part', () => {
    const text = '区住建局今日受理老旧小区改造类工单3件，办结3件，在办0件，无超期，满意率100%。';
    expect(readCampaign(text, of('zhujian'))).toEqual({ part: false, items: [] });
  });

  it('11. no heading word, items named in their own sentences after the hotline figures', () => {
    const text = '城管局……不对，区住建局：受理5件，办结5件。老旧小区改造今日完工1个，累计12个。加装电梯今日暂无进展。';
    expect(read('zhujian', text)).toEqual({ laojiu: [1, 12], dianti: [0, null] });
  });

  it('12. 9/16: done so far of the whole; 开工 and 在建 are not done', () => {
    const text = '二、攻坚推进：老旧小区改造新开工2个，在建5个，今日完工1个，累计完成9/16个。';
    expect(read('zhujian', text)).toEqual({ laojiu: [1, 9] });
  });

  it("13. an item named in another's point: its measure word takes it there", () => {
    const text = '百日攻坚：一是老旧小区改造同步加装电梯，今日完工2部；二是老旧小区改造今日完成1个小区。';
    expect(read('zhujian', text)).toEqual({ dianti: [2, null], laojiu: [1, null] });
  });

  it('14. a unit with one item: figures with its noun count without its name (新增学位 forecasts do not)', () => {
    expect(read('jiaoyu', '区教育局 受理2件，办结1件；学位攻坚：新建学校项目主体完工，预计新增学位1600个。')).toEqual(
      {},
    );
    expect(read('jiaoyu', '百日攻坚：今日新增学位60个，累计新增960个学位。')).toEqual({ xuewei: [60, 960] });
  });

  it("15. 本周 / 本月 / 今年 figures are neither the day's nor the campaign's 累计", () => {
    const text = '百日攻坚：城镇新增就业本周新增126人，本月累计新增410人，今日新增32人，累计新增860人。';
    expect(read('renshe', text)).toEqual({ jiuye: [32, 860] });
  });

  it('16. the seed 006 style of 人社局 (招聘会, 岗位, 就业意向): no figure of the item', () => {
    expect(
      read(
        'renshe',
        '人社局：\n今日新接工单５件，办结４件。\n就业攻坚：今日举办招聘会1场，提供岗位320个，达成就业意向47人。',
      ),
    ).toEqual({});
  });

  it('17. approvals and works under way are not done (可研批复, 正在施工); 竣工验收 is', () => {
    const text = '百日攻坚：加装电梯已完成可研批复3部，正在施工5部，今日竣工验收2部，累计投用21部。';
    expect(read('zhujian', text)).toEqual({ dianti: [2, 21] });
  });

  it('18. 截止今日累计 is the cumulative figure (今日 before 累计 dates it); 本周 figures are nothing', () => {
    const text = '百日攻坚推进情况：1、老旧小区改造，截止今日累计完成12个；2、加装电梯，本周完工3部，累计22部。';
    expect(read('zhujian', text)).toEqual({ laojiu: [null, 12], dianti: [null, 22] });
  });

  it('keeps the words it read from, and the day order of the district file', () => {
    const r = readCampaign('百日攻坚：加装电梯今日完工1部。老旧小区改造今日完成1个。', of('zhujian'));
    expect(r.part).toBe(true);
    expect(r.items.map((i) => i.item)).toEqual(['laojiu', 'dianti']);
    expect(r.items[1]?.said).toBe('加装电梯今日完工1部。');
  });
});
