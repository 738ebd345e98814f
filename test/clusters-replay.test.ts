/**
 * Repeat warnings (issue 18 §1) through the replay pipeline, with the exports as a supervisor drops them in the
 * group: a cluster forming from three imports and growing at a fourth, told to the unit's head point-to-point, the
 * street's head and the supervision team in the group, once per size (a re-import of the same file sends nothing);
 * a near-identical ticket suggested for 并单; dismissed clusters (忽略 C1, in the ways people type it) that stay
 * quiet, then warn again after growing by `regrow` (2).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Out, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm = '09:30') => `2026-11-${day}T${hhmm}:00+08:00`;
const SUP = 'wxid_sup_liu';
const SUP2 = 'wxid_sup_chen';
const HEAD = 'wxid_zhujian_zhang';
const STREET = 'wxid_chengdong_zhu';
const dir = tempDir();

interface Ticket {
  number: string;
  title: string;
  content: string;
  day: string;
  /** 承办单位: 区住建局 unless given. */
  unit?: string;
}

const row = (x: Ticket) => [
  x.number,
  x.title,
  x.content,
  x.unit ?? '区住建局',
  '城东街道',
  '',
  `2026-11-${x.day} 09:00`,
  '2026-12-20 18:00',
  '办理中',
  '',
  0,
];

const GARBAGE: Ticket[] = [
  {
    number: '2026111000101',
    title: '阳光花园垃圾清运问题',
    content: '来电人反映：阳光花园小区3栋楼下垃圾长期无人清理，气味难闻，希望尽快处理。',
    day: '10',
  },
  {
    number: '2026111200214',
    title: '小区垃圾堆放',
    content: '市民称阳光花园垃圾堆放无人清理，气味难闻，蚊虫多。',
    day: '12',
  },
  {
    number: '2026111400087',
    title: '垃圾清运不及时',
    content: '投诉阳光花园小区垃圾清运不及时，楼下垃圾桶满了没人管。',
    day: '14',
  },
  {
    number: '2026111600302',
    title: '阳光花园垃圾问题',
    content: '阳光花园5栋门口垃圾满溢无人清理，已经好几天了。',
    day: '16',
  },
  {
    number: '2026111700045',
    title: '垃圾无人清运',
    content: '阳光花园小区垃圾桶周边脏乱，垃圾无人清运，希望相关部门处理。',
    day: '17',
    unit: '区城管局',
  },
];

/** The same citizen calling again about the first ticket, in nearly the same words. */
const AGAIN: Ticket = {
  number: '2026111800150',
  title: '阳光花园垃圾清运问题',
  content: '来电人反映：阳光花园小区3栋楼下垃圾长期无人清理，气味难闻，希望尽快处理。',
  day: '18',
};

const LIFT: Ticket[] = [
  { number: '2026111000520', title: '电梯故障', content: '翠湖苑2号楼电梯经常故障停运，老人上下楼困难。', day: '10' },
  { number: '2026111100611', title: '电梯停运', content: '翠湖苑5号楼电梯又坏了，故障停运三天无人维修。', day: '11' },
  { number: '2026111200733', title: '电梯困人', content: '反映翠湖苑电梯故障困人，要求彻底检修。', day: '12' },
  { number: '2026111500808', title: '电梯维修', content: '翠湖苑2号楼电梯故障停运，物业迟迟不修。', day: '15' },
];

/** One export a supervisor drops in the group, of these tickets. */
async function importFile(s: Scenario, at: string, name: string, tickets: Ticket[]): Promise<Out[]> {
  const file = await writeXlsx(join(dir, name), [HEADER, ...tickets.map(row)]);
  return s.play({ at, from: SUP, to: 'group', file });
}

/** How the group warnings start: the supervision team @-mentioned (U+2005 between two, a space before the text). */
const AT_TEAM = '@刘组长\u2005@陈科员 ';
const warnings = (out: Out[]) => out.filter((o) => o.text.includes('重复诉求预警'));
const texts = (out: Out[]) => out.map((o) => o.text);

describe('a cluster forms from three imports and grows', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('01', '08:00'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('two imports: no warning yet', async () => {
    expect(warnings(await importFile(s, t('10'), '11月10日工单.xlsx', [GARBAGE[0] as Ticket]))).toEqual([]);
    expect(warnings(await importFile(s, t('12'), '11月12日工单.xlsx', [GARBAGE[1] as Ticket]))).toEqual([]);
  });

  it('the third: the head of 住建局 and of the street privately, the supervision team in the group', async () => {
    const w = warnings(await importFile(s, t('14'), '11月14日工单.xlsx', [GARBAGE[2] as Ticket]));
    expect(w.map((o) => o.to).sort()).toEqual(['group', HEAD, STREET].sort());
    const numbers = '工单：2026111000101、2026111200214、2026111400087。';
    const head = '阳光花园近30日内同类诉求3件（11月10日至11月14日），承办单位：区住房和城乡建设局。';
    expect(w.find((o) => o.to === 'group')?.text).toBe(
      `${AT_TEAM}【重复诉求预警 C1】${head}\n${numbers}\n` + '请督导专班关注跟进。经核实无需跟进的，请回复“忽略 C1”。',
    );
    expect(w.find((o) => o.to === 'group')?.mentions.sort()).toEqual([SUP2, SUP].sort());
    expect(w.find((o) => o.to === HEAD)?.text).toBe(
      '【重复诉求预警 C1】阳光花园近30日内同类诉求3件（11月10日至11月14日），均由贵单位承办。\n' +
        `${numbers}\n请贵单位举一反三、统筹研判，从源头解决，避免群众再次投诉。`,
    );
    expect(w.find((o) => o.to === STREET)?.text).toBe(
      `【重复诉求预警 C1】${head}\n${numbers}\n请城东街道作为属地配合排查，协助从源头解决。`,
    );
  });

  it('the same file again, and a later export listing the same tickets: nothing new is sent', async () => {
    expect(warnings(await importFile(s, t('14', '10:00'), '11月14日工单.xlsx', [GARBAGE[2] as Ticket]))).toEqual([]);
    expect(
      warnings(await importFile(s, t('15', '09:00'), '11月15日全量.xlsx', GARBAGE.slice(0, 3) as Ticket[])),
    ).toEqual([]);
  });

  it('the fourth: grown, told again with the new number and the earlier ones', async () => {
    const w = warnings(await importFile(s, t('16'), '11月16日工单.xlsx', [GARBAGE[3] as Ticket]));
    expect(w.map((o) => o.to).sort()).toEqual(['group', HEAD, STREET].sort());
    expect(w.find((o) => o.to === 'group')?.text).toBe(
      `${AT_TEAM}【重复诉求预警 C1】阳光花园同类诉求新增1件，累计4件（11月10日至11月16日），` +
        '承办单位：区住房和城乡建设局。\n新增工单：2026111600302。\n' +
        '此前工单：2026111000101、2026111200214、2026111400087。\n' +
        '请督导专班关注跟进。经核实无需跟进的，请回复“忽略 C1”。',
    );
  });

  it('the same citizen again in nearly the same words, and one at 城管局: grown, with 并单 suggested', async () => {
    const w = warnings(await importFile(s, t('18'), '11月18日工单.xlsx', [AGAIN, GARBAGE[4] as Ticket]));
    const group = w.find((o) => o.to === 'group')?.text ?? '';
    expect(group).toContain('阳光花园同类诉求新增2件，累计6件（11月10日至11月18日）');
    expect(group).toContain('新增工单：2026111700045、2026111800150。');
    expect(group).toContain(
      '其中2026111800150与2026111000101诉求内容基本相同，疑为同一群众重复来电，建议核实后按规定并单。',
    );
    // 住建局 has five of the six: still the responsible unit, told how many are its own.
    expect(group).toContain('承办单位：区住房和城乡建设局。');
    const unit = w.find((o) => o.to === HEAD)?.text ?? '';
    expect(unit).toContain('累计6件（11月10日至11月18日），其中贵单位承办5件。');
    expect(unit).toContain('其中2026111800150与2026111000101诉求内容基本相同');
    expect(w.map((o) => o.to)).not.toContain('wxid_chengguan_chu');
    // The street is told of the cluster, not asked about merging the unit's tickets.
    expect(w.find((o) => o.to === STREET)?.text).not.toContain('并单');
  });
});

describe('dismissed clusters stay quiet, then warn again after growing by 2', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('01', '08:00'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('two clusters form in one import (C1 阳光花园, C2 翠湖苑)', async () => {
    await importFile(s, t('12', '09:00'), '11月10日至12日工单.xlsx', [
      ...(GARBAGE.slice(0, 2) as Ticket[]),
      ...(LIFT.slice(0, 3) as Ticket[]),
    ]);
    const w = warnings(await importFile(s, t('14', '09:00'), '11月14日工单.xlsx', [GARBAGE[2] as Ticket]));
    expect(texts(w.filter((o) => o.to === 'group'))[0]).toContain('【重复诉求预警 C2】阳光花园近30日内同类诉求3件');
    expect(texts(s.out.filter((o) => o.to === 'group' && o.text.includes('C1'))).join('\n')).toContain(
      '【重复诉求预警 C1】翠湖苑近30日内同类诉求3件（11月10日至11月12日）',
    );
  });

  it('a unit head may not dismiss; unknown codes and repeats are answered', async () => {
    expect(texts(await s.play(say(t('14', '10:00'), HEAD, '忽略C1')))).toEqual([
      '@张局长 抱歉，忽略预警 C1 需由督导专班确认。如认为无需跟进，请联系督导专班。',
    ]);
    expect(texts(await s.play(say(t('14', '10:02'), SUP, '忽略 C1，已核实为同一诉求')))).toEqual([
      '@刘组长 已忽略预警 C1。此后如再新增2件同类诉求，将重新提示。',
    ]);
    expect(texts(await s.play(say(t('14', '10:03'), SUP2, 'c2 忽略')))).toEqual([
      '@陈科员 已忽略预警 C2。此后如再新增2件同类诉求，将重新提示。',
    ]);
    expect(texts(await s.play(say(t('14', '10:04'), SUP2, '忽略C1')))).toEqual([
      '@陈科员 预警 C1 此前已忽略，无需重复操作。',
    ]);
    expect(texts(await s.play(say(t('14', '10:05'), SUP, '忽略 C9')))).toEqual(['@刘组长 未找到预警 C9，请核对编号。']);
  });

  it('one more each: quiet', async () => {
    const out = await importFile(s, t('16', '09:00'), '11月16日工单.xlsx', [GARBAGE[3] as Ticket, LIFT[3] as Ticket]);
    expect(warnings(out)).toEqual([]);
  });

  it('a second more at 阳光花园: C2 warns again with the two new numbers; C1 stays quiet', async () => {
    const w = warnings(await importFile(s, t('17', '09:00'), '11月17日工单.xlsx', [GARBAGE[4] as Ticket]));
    expect(w.map((o) => o.to).sort()).toEqual(['group', HEAD, STREET].sort());
    const group = w.find((o) => o.to === 'group')?.text ?? '';
    expect(group).toContain('【重复诉求预警 C2】阳光花园同类诉求忽略后又新增2件，累计5件（11月10日至11月17日）');
    expect(group).toContain('新增工单：2026111600302、2026111700045。');
    expect(group).toContain('此前工单：2026111000101、2026111200214、2026111400087。');
    expect(group).toContain('忽略 C2');
  });

  it('dismissed again, it answers once more and the next one is quiet', async () => {
    expect(texts(await s.play(say(t('17', '10:00'), SUP, '忽略预警C2。')))).toEqual([
      '@刘组长 已忽略预警 C2。此后如再新增2件同类诉求，将重新提示。',
    ]);
    expect(warnings(await importFile(s, t('18', '09:00'), '11月18日工单.xlsx', [AGAIN]))).toEqual([]);
  });
});
