/**
 * Repeat warnings at a backlog's first import (issue 18 §1): a district's first export, November's tickets at once,
 * forms 15 clusters. Nobody gets one message per cluster: the supervision team one list in the group (the 10 largest,
 * the rest counted), each unit's head one list of its own, each street's head one list of its area (a unit with only
 * one cluster gets that one's usual warning). Re-importing sends nothing; a later single growth is told in detail as
 * before. Anyone on the roster can then ask for one cluster whole (查看 C8, C8, 看一下c8的工单？…).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlogRow, backlogTickets, moreTickets } from './clusters-backlog-fixture.js';
import { rosterConfig } from './helpers.js';
import { type Out, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const at = (day: string, hhmm: string) => `2026-${day}T${hhmm}:00+08:00`;
const SUP = 'wxid_sup_liu';
const SUP2 = 'wxid_sup_chen';
const LEADER = 'wxid_leader_li';
const ZHUJIAN = 'wxid_zhujian_zhang';
const CHENGGUAN = 'wxid_chengguan_chu';
const SHENGTAI = 'wxid_shengtai_zheng';
const GONGAN = 'wxid_gongan_feng';
const CHENGDONG = 'wxid_chengdong_zhu';
const CHENGXI = 'wxid_chengxi_qin';
const HUBIN = 'wxid_hubin_you';
const dir = tempDir();

const warnings = (out: Out[]) => out.filter((o) => o.text.includes('重复诉求预警'));
const to = (out: Out[], who: string) => out.filter((o) => o.to === who).map((o) => o.text);

async function importBacklog(s: Scenario, when: string, name: string, extra: unknown[][] = []): Promise<Out[]> {
  const file = await writeXlsx(join(dir, name), [HEADER, ...backlogTickets().map(backlogRow), ...extra]);
  return s.play({ at: when, from: SUP, to: 'group', file });
}

const SEE = '如需查看某处的全部工单，请回复“查看”加编号';

describe("a backlog's first import: one message per recipient", () => {
  let s: Scenario;
  let out: Out[] = [];
  beforeAll(async () => {
    s = await Scenario.open(undefined, at('11-01', '08:00'));
    out = warnings(await importBacklog(s, at('11-30', '09:00'), '11月工单.xlsx'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('eight messages for 15 clusters: one to the group, one to each head concerned', () => {
    expect(out.map((o) => o.to).sort()).toEqual(
      ['group', ZHUJIAN, CHENGGUAN, SHENGTAI, GONGAN, CHENGDONG, CHENGXI, HUBIN].sort(),
    );
  });

  it('the group: the 10 largest, the rest counted, the supervision team @-mentioned once', () => {
    const [group] = out.filter((o) => o.to === 'group');
    expect(group?.mentions.sort()).toEqual([SUP, SUP2].sort());
    expect(group?.text).toBe(
      [
        '@刘组长\u2005@陈科员 【重复诉求预警】本次导入的工单中，新发现或扩大的重复诉求共15处，以下列出件数最多的10处：',
        '1. C15 阳光花园同类诉求8件（11月2日至11月23日），区住房和城乡建设局承办，' +
          '工单2026110200101、2026110500102、2026110800103等',
        '2. C3 和平路同类诉求7件（11月3日至11月21日），区城市管理局承办，' +
          '工单2026110300109、2026110600110、2026110900111等',
        '3. C5 建设路同类诉求6件（11月4日至11月19日），区生态环境分局承办，' +
          '工单2026110400116、2026110700117、2026111000118等',
        '4. C2 人民路同类诉求5件（11月6日至11月18日），区城市管理局承办，' +
          '工单2026110600127、2026110900128、2026111200129等',
        '5. C11 翠湖苑同类诉求5件（11月5日至11月17日），区住房和城乡建设局承办，' +
          '工单2026110500122、2026110800123、2026111100124等',
        '6. C1 东风路同类诉求4件（11月9日至11月18日），区生态环境分局承办，' +
          '工单2026110900140、2026111200141、2026111500142等',
        '7. C8 滨江花园同类诉求4件（11月8日至11月17日），区城市管理局承办，' +
          '工单2026110800136、2026111100137、2026111400138等',
        '8. C13 金色家园同类诉求4件（11月7日至11月16日），区住房和城乡建设局承办，' +
          '工单2026110700132、2026111000133、2026111300134等',
        '9. C4 幸福家园同类诉求3件（11月11日至11月17日），城东街道承办，' +
          '工单2026111100147、2026111400148、2026111700149',
        '10. C6 张家村同类诉求3件（11月14日至11月20日），区生态环境分局承办，' +
          '工单2026111400156、2026111700157、2026112000158',
        '另有5处未列出。各承办单位、属地镇街均已分别收到各自涉及的预警。',
        '经比对，有1组工单诉求内容基本相同，疑为同一群众重复来电，已提示承办单位核实后按规定并单。',
        `请督导专班关注跟进。${SEE}，如“查看 C15”；经核实无需跟进的，请回复“忽略”加编号。`,
      ].join('\n'),
    );
  });

  it("a unit's head: all of its own, largest first, with how many are its own and the 并单 pair", () => {
    expect(to(out, ZHUJIAN)).toEqual([
      [
        '【重复诉求预警】本次导入的工单中，新发现或扩大的重复诉求涉及贵单位4处，按件数排列如下：',
        '1. C15 阳光花园同类诉求8件（11月2日至11月23日），工单2026110200101、2026110500102、2026110800103等',
        '2. C11 翠湖苑同类诉求5件（11月5日至11月17日），工单2026110500122、2026110800123、2026111100124等',
        '3. C13 金色家园同类诉求4件（11月7日至11月16日），工单2026110700132、2026111000133、2026111300134等',
        '4. C14 锦绣花园同类诉求3件（11月10日至11月16日），工单2026111000144、2026111300145、2026111600146',
        `请贵单位举一反三、统筹研判，逐处从源头解决，避免群众再次投诉。${SEE}，如“查看 C15”。`,
      ].join('\n'),
    ]);
    const [chengguan] = to(out, CHENGGUAN);
    expect(chengguan).toContain('涉及贵单位5处，按件数排列如下：');
    // One of 和平路's seven is at 区市场监管局, whose head is not told: 城管局 has most.
    expect(chengguan).toContain(
      '1. C3 和平路同类诉求7件（11月3日至11月21日），其中贵单位承办6件，' +
        '工单2026110300109、2026110600110、2026110900111等',
    );
    expect(chengguan).toContain(
      '以下工单诉求内容基本相同，疑为同一群众重复来电，建议核实后按规定并单：\n2026111700139与2026110800136（C8）\n',
    );
    expect(
      to(out, SHENGTAI)[0]
        ?.split('\n')
        .filter((l) => /^\d+\. C\d+ /.test(l)),
    ).toHaveLength(4);
  });

  it('a unit with one cluster gets its usual warning, nothing else', () => {
    expect(to(out, GONGAN)).toEqual([
      '【重复诉求预警 C10】红星路近30日内同类诉求3件（11月15日至11月21日），均由贵单位承办。\n' +
        '工单：2026111500159、2026111800160、2026112100161。\n' +
        '请贵单位举一反三、统筹研判，从源头解决，避免群众再次投诉。',
    ]);
  });

  it("a street's head: its own, then those in its area another unit handles", () => {
    expect(to(out, CHENGDONG)).toEqual([
      [
        '【重复诉求预警】本次导入的工单中，新发现或扩大的重复诉求涉及贵单位5处。',
        '一、由贵单位承办的1处：',
        '1. C4 幸福家园同类诉求3件（11月11日至11月17日），工单2026111100147、2026111400148、2026111700149',
        '二、辖区内由其他单位承办的4处：',
        '1. C15 阳光花园同类诉求8件（11月2日至11月23日），区住房和城乡建设局承办，' +
          '工单2026110200101、2026110500102、2026110800103等',
        '2. C3 和平路同类诉求7件（11月3日至11月21日），区城市管理局承办，' +
          '工单2026110300109、2026110600110、2026110900111等',
        '3. C5 建设路同类诉求6件（11月4日至11月19日），区生态环境分局承办，' +
          '工单2026110400116、2026110700117、2026111000118等',
        '4. C11 翠湖苑同类诉求5件（11月5日至11月17日），区住房和城乡建设局承办，' +
          '工单2026110500122、2026110800123、2026111100124等',
        '请贵单位举一反三、统筹研判，从源头解决，避免群众再次投诉；辖区内由其他单位承办的，请作为属地配合排查。' +
          `${SEE}，如“查看 C4”。`,
      ].join('\n'),
    ]);
    const [chengxi] = to(out, CHENGXI);
    expect(chengxi?.split('\n')[0]).toBe(
      '【重复诉求预警】本次导入的工单中，新发现或扩大的重复诉求在城西街道辖区内有5处，按件数排列如下：',
    );
    expect(chengxi).toContain('4. C10 红星路同类诉求3件（11月15日至11月21日），区公安分局承办，');
    expect(chengxi?.split('\n').at(-1)).toBe(`请城西街道作为属地配合排查，协助从源头解决。${SEE}，如“查看 C2”。`);
    // The street is told where, not asked to merge another unit's tickets.
    expect(to(out, HUBIN)[0]).not.toContain('并单');
  });

  it('every list short enough to read in one message', () => {
    for (const o of out) expect([...o.text].length, o.to).toBeLessThanOrEqual(1500);
  });

  it('the same file again sends nothing', async () => {
    expect(warnings(await importBacklog(s, at('11-30', '10:00'), '11月工单.xlsx'))).toEqual([]);
  });

  it('a later export with one more call at 阳光花园: that one told in detail, as usual', async () => {
    const more = [
      '2026120100301',
      '电梯又停运了',
      '阳光花园3栋电梯故障停运，老人下不了楼，请尽快维修。',
      '区住建局',
      '城东街道',
      '',
      '2026-12-01 08:30',
      '2026-12-20 18:00',
      '办理中',
      '',
      0,
    ];
    const w = warnings(await importBacklog(s, at('12-01', '09:00'), '截至12月1日工单.xlsx', [more]));
    expect(w.map((o) => o.to).sort()).toEqual(['group', ZHUJIAN, CHENGDONG].sort());
    expect(to(w, 'group')[0]).toBe(
      '@刘组长\u2005@陈科员 【重复诉求预警 C15】阳光花园同类诉求新增1件，累计9件（11月2日至12月1日），' +
        '承办单位：区住房和城乡建设局。\n新增工单：2026120100301。\n' +
        '此前工单：2026110200101、2026110500102、2026110800103、2026111100104、2026111400105、2026111700106、' +
        '2026112000107、2026112300108。\n' +
        '请督导专班关注跟进。经核实无需跟进的，请回复“忽略 C15”。',
    );
  });

  it('one cluster whole on request, however it is asked, where it is asked', async () => {
    expect((await s.play(say(at('12-01', '09:10'), SUP, '查看 C8'))).map((o) => [o.to, o.text])).toEqual([
      [
        'group',
        [
          '@刘组长 【重复诉求预警 C8】滨江花园同类诉求4件（11月8日至11月17日），均由区城市管理局承办；属地：湖滨街道。',
          '工单如下：',
          '1. 2026110800136（11月8日）垃圾清运',
          '2. 2026111100137（11月11日）垃圾堆放',
          '3. 2026111400138（11月14日）垃圾清运不及时',
          '4. 2026111700139（11月17日）垃圾清运',
          '其中2026111700139与2026110800136诉求内容基本相同，疑为同一群众重复来电，建议核实后按规定并单。',
        ].join('\n'),
      ],
    ]);
    const zhang = await s.play(say(at('12-01', '09:11'), ZHUJIAN, 'C15', { to: 'bot' }));
    expect(zhang.map((o) => o.to)).toEqual([ZHUJIAN]);
    expect(zhang[0]?.text.split('\n').slice(0, 2)).toEqual([
      '【重复诉求预警 C15】阳光花园同类诉求9件（11月2日至12月1日），均由区住房和城乡建设局承办；属地：城东街道。',
      '工单如下：',
    ]);
    expect(zhang[0]?.text.split('\n').at(-1)).toBe('9. 2026120100301（12月1日）电梯又停运了');
    const heard = async (who: string, text: string, extra: Record<string, unknown> = {}) =>
      (await s.play(say(at('12-01', '09:20'), who, text, extra))).map((o) => o.text.split('\n')[0]);
    expect(await heard(CHENGGUAN, '看一下c3的工单？', { to: 'bot' })).toEqual([
      '【重复诉求预警 C3】和平路同类诉求7件（11月3日至11月21日），' +
        '承办单位：区城市管理局6件、区市场监督管理局1件；属地：城东街道。',
    ]);
    expect(await heard(CHENGDONG, '预警C4详情🙏', { to: 'bot' })).toEqual([
      '【重复诉求预警 C4】幸福家园同类诉求3件（11月11日至11月17日），均由城东街道承办；属地：城东街道。',
    ]);
    expect(await heard(LEADER, '@督办助手 c2的情况？')).toEqual([
      '@李主任 【重复诉求预警 C2】人民路同类诉求5件（11月6日至11月18日），均由区城市管理局承办；属地：城西街道。',
    ]);
    expect(await heard(SUP2, '请发一下C5的全部工单')).toEqual([
      '@陈科员 【重复诉求预警 C5】建设路同类诉求6件（11月4日至11月19日），均由区生态环境分局承办；属地：城东街道。',
    ]);
    expect(await heard(SUP, '查看 C99')).toEqual(['@刘组长 未找到预警 C99，请核对编号。']);
    // A unit answering about a cluster is not asking to see it.
    expect(
      warnings(await s.play(say(at('12-01', '09:30'), CHENGGUAN, 'C3 已安排执法队员整治', { to: 'bot' }))),
    ).toEqual([]);
  });
});

describe('lists longer than one message', () => {
  let s: Scenario;
  let out: Out[] = [];
  beforeAll(async () => {
    const config = rosterConfig();
    s = await Scenario.open(
      { ...config, clusters: { ...config.clusters, maxListedInGroup: 30 } },
      at('11-01', '08:00'),
    );
    out = warnings(await importBacklog(s, at('11-30', '09:00'), '11月工单.xlsx', moreTickets().map(backlogRow)));
  });
  afterAll(async () => {
    await s?.close();
  });

  const listed = (texts: readonly string[]) =>
    texts.flatMap((t) => t.split('\n')).filter((l) => /^\d+\. C\d+ /.test(l));

  it('the group: all 25, in two messages; the second goes on from the first without @-mentioning again', () => {
    const group = out.filter((o) => o.to === 'group');
    expect(group).toHaveLength(2);
    const [first, second] = group;
    expect(first?.mentions.sort()).toEqual([SUP, SUP2].sort());
    expect(first?.text.split('\n')[0]).toBe(
      '@刘组长\u2005@陈科员 【重复诉求预警】本次导入的工单中，新发现或扩大的重复诉求共25处，按件数排列如下：',
    );
    expect(second?.mentions).toEqual([]);
    expect(second?.text.split('\n')[0]).toBe('【重复诉求预警】（续上条）');
    const lines = listed(group.map((o) => o.text));
    expect(lines.map((l) => Number(l.split('.')[0]))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(second?.text).not.toContain('另有');
    expect(second?.text.split('\n').at(-1)).toContain('经核实无需跟进的，请回复“忽略”加编号。');
  });

  it("湖滨街道's 15: each cluster once, in parts of at most 1,500 characters", () => {
    const hubin = to(out, HUBIN);
    expect(hubin.slice(1).every((t) => t.startsWith('【重复诉求预警】（续上条）\n'))).toBe(true);
    expect(listed(hubin)).toHaveLength(15);
    expect(new Set(listed(hubin).map((l) => l.split(' ')[1])).size).toBe(15);
  });

  it('every message at most 1,500 characters; one list per head (its parts aside)', () => {
    for (const o of out) expect([...o.text].length, o.to).toBeLessThanOrEqual(1500);
    const firsts = out.filter((o) => !o.text.startsWith('【重复诉求预警】（续上条）'));
    expect(firsts.map((o) => o.to).sort()).toEqual(
      ['group', ZHUJIAN, CHENGGUAN, SHENGTAI, GONGAN, CHENGDONG, CHENGXI, HUBIN].sort(),
    );
  });
});
