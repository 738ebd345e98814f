/**
 * Repeat warnings (issue 18 §1) through the replay pipeline: a cluster forming from three imports
 * and growing at a fourth, told to the unit's head point-to-point and to the supervision team in
 * the group once per size; a dismissed cluster (忽略 C1) that stays quiet, then warns again after
 * growing by `regrow` (2).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Out, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm = '09:30') => `2026-11-${day}T${hhmm}:00+08:00`;
const SUP = 'wxid_sup_liu';
const HEAD = 'wxid_zhujian_zhang';
const STREET = 'wxid_chengdong_zhu';
const dir = tempDir();

const row = (number: string, content: string, day: string) => [
  number,
  '物业管理',
  content,
  '区住建局',
  '城东街道',
  '',
  `2026-11-${day} 09:00`,
  '2026-12-20 18:00',
  '办理中',
  '',
  0,
];

const CONTENTS = [
  '市民反映阳光花园小区3栋楼下垃圾长期无人清理',
  '阳光花园垃圾堆放发臭，物业不清理',
  '投诉阳光花园小区垃圾清运不及时',
  '阳光花园5栋门口垃圾满溢无人清理',
  '阳光花园小区垃圾桶周边脏乱，垃圾无人清运',
];

async function importOne(s: Scenario, i: number, day: string): Promise<Out[]> {
  const n = `20261100${String(i + 1).padStart(5, '0')}`;
  const file = await writeXlsx(join(dir, `工单-${day}-${i}.xlsx`), [HEADER, row(n, CONTENTS[i] as string, day)]);
  return s.play({ at: t(day), from: SUP, to: 'group', file });
}

const warnings = (out: Out[]) => out.filter((o) => o.text.includes('重复诉求预警'));

describe('a cluster forms from three imports and grows at a fourth', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('01', '08:00'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('two imports: no warning yet', async () => {
    expect(warnings(await importOne(s, 0, '10'))).toEqual([]);
    expect(warnings(await importOne(s, 1, '12'))).toEqual([]);
  });

  it('the third: the head of 住建局 privately and the supervision team in the group, with the numbers', async () => {
    const w = warnings(await importOne(s, 2, '14'));
    expect(w.map((o) => o.to).sort()).toEqual(['group', HEAD, STREET].sort());
    const group = w.find((o) => o.to === 'group') as Out;
    expect(group.text).toContain('【重复诉求预警 C1】阳光花园近30日同类诉求3件，承办单位：区住房和城乡建设局。');
    expect(group.text).toContain('工单：2026110000001、2026110000002、2026110000003。');
    expect(group.text).toContain('忽略 C1');
    expect(group.mentions.sort()).toEqual(['wxid_sup_chen', SUP].sort());
    const unit = w.find((o) => o.to === HEAD) as Out;
    expect(unit.text).toContain('阳光花园近30日内出现同类诉求3件');
    expect(unit.text).toContain('请区住房和城乡建设局举一反三');
    expect(w.find((o) => o.to === STREET)?.text).toContain('请城东街道作为属地配合排查');
  });

  it('the same file again: nothing new, no second warning', async () => {
    const file = await writeXlsx(join(dir, 'again.xlsx'), [HEADER, row('2026110000003', CONTENTS[2] as string, '14')]);
    expect(warnings(await s.play({ at: t('14', '10:00'), from: SUP, to: 'group', file }))).toEqual([]);
  });

  it('the fourth: the cluster has grown, told again with four numbers', async () => {
    const w = warnings(await importOne(s, 3, '16'));
    expect(w.map((o) => o.to).sort()).toEqual(['group', HEAD, STREET].sort());
    expect(w.find((o) => o.to === 'group')?.text).toContain('阳光花园近30日同类诉求增至4件');
    expect(w.find((o) => o.to === HEAD)?.text).toContain('又有新增，已达4件');
    expect(w[0]?.text).toContain('2026110000004');
  });
});

describe('a dismissed cluster stays quiet, then warns again after growing by 2', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('01', '08:00'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('forms, a head may not dismiss it, a supervisor does', async () => {
    await importOne(s, 0, '10');
    await importOne(s, 1, '11');
    expect(warnings(await importOne(s, 2, '12')).length).toBe(3);
    const refused = await s.play(say(t('12', '10:00'), HEAD, '忽略 C1'));
    expect(refused.map((o) => o.text)).toEqual([
      '@张局长 抱歉，忽略预警 C1 需由督导专班确认。如认为无需跟进，请联系督导专班。',
    ]);
    const ok = await s.play(say(t('12', '10:05'), SUP, '忽略 C1'));
    expect(ok.map((o) => o.text)).toEqual(['@刘组长 已忽略预警 C1。此后如再新增2件同类诉求，将重新提示。']);
    const unknown = await s.play(say(t('12', '10:06'), SUP, '忽略 C9'));
    expect(unknown.map((o) => o.text)).toEqual(['@刘组长 未找到预警 C9，请核对编号。']);
  });

  it('one more: quiet', async () => {
    expect(warnings(await importOne(s, 3, '13'))).toEqual([]);
  });

  it('two more: warned again, with all five numbers', async () => {
    const w = warnings(await importOne(s, 4, '14'));
    expect(w.map((o) => o.to).sort()).toEqual(['group', HEAD, STREET].sort());
    expect(w.find((o) => o.to === 'group')?.text).toContain('增至5件');
  });
});
