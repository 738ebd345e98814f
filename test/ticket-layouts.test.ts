/**
 * Issue 13: exports laid out as real platforms lay them out, each imported the first time with
 * no configuration — right counts, the columns named in the answer, finished tickets never
 * nagged, 不满意 / 重办 rows opening 双派单 rounds. Through the real pipeline (harness, store, nag).
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTicket } from '../src/store/tickets.js';
import { run, Scenario } from './scenario.js';
import { excelSerial, tempDir, writeCsv } from './ticket-helpers.js';

const SUP = 'wxid_sup_liu';
const t = (hhmm: string, day = '2026-11-20') => `${day}T${hhmm}:00+08:00`;
const file = (at: string, path: string) => ({ at, from: SUP, file: path, to: 'group' });
const local = (s: string) => new Date(s).toISOString();

/** A workbook as the platforms write it: rows (holes allowed), merged ranges. */
async function xlsx(path: string, rows: unknown[][], merges: string[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  await wb.xlsx.writeFile(path);
  return path;
}

const answerOf = (out: Array<{ text: string }>) =>
  out.find((o) => o.text.includes('已导入') || o.text.includes('不是工单清单'))?.text ?? '';
const rounds = (text: string) => /已启动双派单 ([^。]+)。/.exec(text)?.[1]?.split('、') ?? [];

describe('platform exports imported without configuration (issue 13)', () => {
  let s: Scenario;
  const dir = tempDir();
  let beijing = '';
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('Beijing 接诉即办: title and export lines, a merged two-row header, a totals and a note row', async () => {
    beijing = await xlsx(
      join(dir, '接诉即办工单明细.xlsx'),
      [
        ['北京市示范区接诉即办工单明细（2026年11月）'],
        ['导出时间：2026-11-20 08:00'],
        ['序号', '工单编号', '工单信息', null, null, null, '办理情况', null, null, null, '回访情况', null],
        [
          null,
          null,
          '来电时间',
          '主要内容',
          '被反映街乡镇',
          '派单时间',
          '主办单位',
          '承诺完成时间',
          '工单状态',
          '是否重启流程工单',
          '是否满意',
          '回访总体满意度',
        ],
        [
          1,
          'BJ001',
          new Date(Date.UTC(2026, 10, 16, 8, 30)),
          '市民来电反映：城东街道某小区路灯不亮，夜间出行不便。',
          '城东街道',
          new Date(Date.UTC(2026, 10, 16, 9, 0)),
          '区住建局',
          '2026-11-19',
          '办理中',
          '否',
          '',
          '',
        ],
        [
          2,
          'BJ002',
          excelSerial(2026, 11, 16, 9),
          '反映学校门口接送车辆拥堵。',
          '湖滨街道',
          excelSerial(2026, 11, 16, 10),
          '教育局',
          '2026-11-18',
          '已办结',
          '否',
          '否',
          '不满意',
        ],
        [
          3,
          'BJ003',
          excelSerial(2026, 11, 17, 9),
          '咨询医保报销流程。',
          '城西街道',
          excelSerial(2026, 11, 17, 10),
          '卫健局',
          '2026-11-19',
          '回复完成',
          '否',
          '是',
          '满意',
        ],
        [
          4,
          'BJ004',
          excelSerial(2026, 11, 17, 9),
          '反映小区垃圾清运不及时，前次办理后仍未解决。',
          '城东街道',
          excelSerial(2026, 11, 17, 11),
          '城管局',
          '2026-11-24',
          '办理中',
          '是',
          '',
          '',
        ],
        [
          5,
          'BJ005',
          excelSerial(2026, 11, 12, 9),
          '反映施工噪音扰民。',
          '湖滨街道',
          excelSerial(2026, 11, 12, 10),
          '生态环境分局',
          '2026-11-16',
          '挂起',
          '否',
          '',
          '',
        ],
        ['合计', null, null, '共5件', null, null, null, null, null, null, null, null],
        ['制表人：王某某        审核人：李某某'],
      ],
      ['A1:L1', 'A2:L2', 'A3:A4', 'B3:B4', 'C3:F3', 'G3:J3', 'K3:L3', 'A11:L11'],
    );
    const text = answerOf(await s.play(file(t('10:00'), beijing)));
    expect(text).toContain('新增5条，更新0条，无变化0条，未导入0条');
    expect(text).toContain(
      '识别：工单编号，承办单位←主办单位，派单时间，办理时限←承诺完成时间，状态←工单状态，满意度←是否满意，' +
        '重办次数←是否重启流程工单',
    );
    expect(text).toContain('属地镇街←被反映街乡镇');
    expect(text).toMatch(/未使用的列：.*序号.*来电时间/);
    expect(text).toContain('已略过合计、说明等非工单行2行');
    expect(text).not.toContain('未导入的行');
    expect(rounds(text)).toHaveLength(2); // BJ002 不满意, BJ004 重启
    expect(await getTicket(s.h.app.db, 'BJ001')).toMatchObject({
      unitId: 'zhujian',
      street: '城东街道',
      done: false,
      dueAt: new Date(local('2026-11-19T18:00:00+08:00')),
    });
    expect(await getTicket(s.h.app.db, 'BJ002')).toMatchObject({ done: true, rating: '不满意' });
    expect(await getTicket(s.h.app.db, 'BJ003')).toMatchObject({ done: true, rating: '满意' });
    expect(await getTicket(s.h.app.db, 'BJ004')).toMatchObject({ done: false, reopenCount: 1 });
    expect((await getTicket(s.h.app.db, 'BJ001'))?.title).toBe('城东街道某小区路灯不亮，夜间出行不便');
  });

  it('Shanghai-style 诉求 list, UTF-8 CSV with BOM, no deadline column: says what it looked for', async () => {
    const rows = [
      ['诉求编号', '诉求标题', '诉求内容', '街道名称', '登记时间', '承办部门', '事件状态', '评价满意度'],
      ['SH001', '人行道破损', '人行道地砖破损', '城西街道', '2026/11/17 14:30', '区城市管理局', '处理中', ''],
      ['SH002', '噪音扰民', '夜间施工', '城东街道', '2026/11/17 15:00', '生态环境分局', '已反馈', '非常满意'],
      ['SH003', '占道经营', '菜市场门口占道', '城西街道', '2026/11/16 09:00', '城管局', '延时申请', ''],
      ['SH004', '供暖不热', '家中暖气不热', '湖滨街道', '2026/11/16 10:00', '住建局', '完结', '不满意'],
      ['SH005', '医保咨询', '咨询异地就医', '城东街道', '2026/11/16 11:00', '人社局', '退单', '未评价'],
      ['合计', '', '', '', '', '', '', ''],
    ];
    const text = answerOf(await s.play(file(t('10:10'), writeCsv(join(dir, '诉求清单.csv'), rows, 'utf8-bom'))));
    expect(text).toContain('新增5条，更新0条，无变化0条，未导入0条');
    expect(text).toContain('承办单位←承办部门');
    expect(text).toContain('派单时间←登记时间');
    expect(text).toMatch(
      /未找到“办理时限”列（查找过：办理时限、办结时限、处置时限.*），时限按派单时间起两个工作日（两日办结）计算/,
    );
    expect(text).toContain('已略过合计、说明等非工单行1行');
    expect(rounds(text)).toHaveLength(1); // SH004 不满意
    // 两日办结 from 登记时间 (Tue 11-17): the end of Thu 11-19's work.
    expect((await getTicket(s.h.app.db, 'SH001'))?.dueAt.toISOString()).toBe(local('2026-11-19T18:00:00+08:00'));
    expect(await getTicket(s.h.app.db, 'SH002')).toMatchObject({ done: true, rating: '满意' });
    expect(await getTicket(s.h.app.db, 'SH005')).toMatchObject({ done: false, rating: null });
  });

  it('Jinan-style list, GB18030 CSV (Excel on Chinese Windows), text dates, a 说明 row', async () => {
    const rows = [
      ['济南市12345市民服务热线工单', '', '', '', '', '', '', ''],
      ['工单号', '来电时间', '诉求内容', '承办单位', '办理时限', '办理状态', '回访满意度', '重办次数'],
      ['JN001', '2026年11月18日 9时', '小区门口井盖缺失', '城管局', '2026年11月20日', '待签收', '', '0'],
      ['JN002', '2026-11-16 10:00', '学校食堂卫生', '教育局', '2026年11月18日', '办结', '理解', '0'],
      ['JN003', '2026-11-16 11:00', '社保卡补办', '人社局', '2026年11月18日', '回复完成', '联系不上', '0'],
      ['JN004', '2026-11-16 14:00', '楼道堆放杂物', '城东街道', '2026年11月18日', '已处置', '满意', '2次'],
      ['JN005', '2026-11-19 16:00', '路口信号灯故障', '交通局', '', '办理中', '', ''],
      ['说明：本表数据截至2026年11月20日8时。', '', '', '', '', '', '', ''],
    ];
    const text = answerOf(await s.play(file(t('10:20'), writeCsv(join(dir, '济南工单.csv'), rows, 'gb18030'))));
    expect(text).toContain('新增5条，更新0条，无变化0条，未导入0条');
    expect(text).toContain('工单编号←工单号');
    expect(text).toContain('派单时间←来电时间');
    expect(text).toContain('满意度←回访满意度');
    expect(rounds(text)).toHaveLength(1); // JN004 重办2次
    expect(await getTicket(s.h.app.db, 'JN001')).toMatchObject({
      done: false,
      dueAt: new Date(local('2026-11-20T18:00:00+08:00')),
    });
    expect(await getTicket(s.h.app.db, 'JN002')).toMatchObject({ done: true, rating: '基本满意' });
    expect(await getTicket(s.h.app.db, 'JN003')).toMatchObject({ done: true, rating: null });
    expect(await getTicket(s.h.app.db, 'JN004')).toMatchObject({ done: true, reopenCount: 2 });
  });

  it('a county 办件 system in 繁體, title row with gaps, Excel serial dates, totals row', async () => {
    const path = await xlsx(join(dir, '辦件清單.xlsx'), [
      [null, '示範縣12345辦件清單', null, '', null],
      [],
      [
        '辦件編號',
        '辦件標題',
        '承辦單位（主辦）',
        '屬地鎮街',
        '交辦時間',
        '辦結時限',
        '辦件狀態',
        '滿意度',
        '重辦次數',
      ],
      [
        'XB001',
        '路燈不亮',
        '區住建局',
        '城東街道',
        excelSerial(2026, 11, 18, 9),
        excelSerial(2026, 11, 23),
        '已簽收',
        '',
        0,
      ],
      [
        'XB002',
        '垃圾清運',
        '城管局',
        '城西街道',
        excelSerial(2026, 11, 16, 9),
        excelSerial(2026, 11, 18),
        '已回訪',
        '滿意',
        0,
      ],
      [
        'XB003',
        '佔道經營',
        '城管局',
        '城西街道',
        excelSerial(2026, 11, 16, 9),
        excelSerial(2026, 11, 18),
        '退單',
        '',
        0,
      ],
      [
        'XB004',
        '醫保諮詢',
        '衛健局',
        '湖濱街道',
        excelSerial(2026, 11, 16, 9),
        excelSerial(2026, 11, 18),
        '代簽收',
        '',
        0,
      ],
      ['總計', null, null, null, null, null, null, null, 4],
    ]);
    const text = answerOf(await s.play(file(t('10:30'), path)));
    expect(text).toContain('新增4条，更新0条，无变化0条，未导入0条');
    expect(text).toContain('工单编号←辦件編號');
    expect(text).toContain('已略过合计、说明等非工单行1行');
    expect(await getTicket(s.h.app.db, 'XB001')).toMatchObject({
      unitId: 'zhujian',
      street: '城东街道',
      done: false,
      dueAt: new Date(local('2026-11-23T18:00:00+08:00')),
    });
    expect(await getTicket(s.h.app.db, 'XB002')).toMatchObject({ done: true, rating: '满意' });
    expect(await getTicket(s.h.app.db, 'XB004')).toMatchObject({ unitId: 'weijian', street: '湖滨街道', done: false });
  });

  it('a 城运 / 网格 case system: holes before the header, time limits as durations', async () => {
    const path = await xlsx(join(dir, '网格案件.xlsx'), [
      [undefined, '网格化服务管理平台 案件列表', undefined, '', null],
      ['查询条件：2026-11-01 至 2026-11-20'],
      [
        '案件编号',
        '案件来源',
        '问题描述',
        '发生地址',
        '所属街道',
        '所属网格',
        '上报时间',
        '派遣时间',
        '处置部门',
        '处置时限',
        '案件状态',
        '结案时间',
      ],
      [
        'CY001',
        '网格员上报',
        '道路积水',
        '城东路1号',
        '城东街道',
        '城东一网格',
        '2026-11-17 08:00',
        '2026-11-17 09:00',
        '区城管局',
        '3个工作日',
        '处置中',
        '',
      ],
      [
        'CY002',
        '巡查发现',
        '护栏损坏',
        '城西路2号',
        '城西街道',
        '城西二网格',
        '2026-11-16 08:00',
        '2026-11-16 09:00',
        '交通局',
        '3个工作日',
        '已处置',
        '2026-11-18 10:00',
      ],
      [
        'CY003',
        '网格员上报',
        '井盖松动',
        '湖滨路3号',
        '湖滨街道',
        '湖滨三网格',
        '2026-11-18 08:00',
        '2026-11-18 09:00',
        '住建局',
        '24小时',
        '处置中',
        '',
      ],
      [
        'CY004',
        '热线转办',
        '违建',
        '新港路4号',
        '新港镇',
        '新港四网格',
        '2026-11-13 08:00',
        '2026-11-13 09:00',
        '资规分局',
        '5个工作日',
        '暂停',
        '',
      ],
    ]);
    const text = answerOf(await s.play(file(t('10:40'), path)));
    expect(text).toContain('新增4条，更新0条，无变化0条，未导入0条');
    expect(text).toContain('承办单位←处置部门');
    expect(text).toContain('派单时间←派遣时间');
    expect(text).toContain('办理时限←处置时限');
    expect(text).toContain('网格←所属网格');
    expect((await getTicket(s.h.app.db, 'CY001'))?.dueAt.toISOString()).toBe(local('2026-11-20T18:00:00+08:00'));
    expect((await getTicket(s.h.app.db, 'CY003'))?.dueAt.toISOString()).toBe(local('2026-11-19T09:00:00+08:00'));
    expect(await getTicket(s.h.app.db, 'CY002')).toMatchObject({ done: true });
  });

  it('a 民心网-style 诉求请示单: merged title, a note row, bad rows still rejected with their reason', async () => {
    const path = await xlsx(
      join(dir, '民心网诉求.xlsx'),
      [
        ['民心网诉求办理情况一览表', null, null, null, null, null, null],
        ['受理编号', '投诉标题', '投诉内容', '责任部门', '投诉时间', '拟办时间', '状态'],
        ['MX001', '物业不作为', '小区物业长期不维修电梯', '住建局', '2026-11-18', '2026-11-25', '处理中'],
        ['MX002', '违规收费', '学校违规收取资料费', '教育局', '2026-11-10', '2026-11-17', '办结'],
        ['MX003', '拖欠工资', '某公司拖欠工资', '火星局', '2026-11-18', '2026-11-25', '未处理'],
        ['', '饮用水异味', '自来水有异味', '住建局', '2026-11-18', '2026-11-25', '未处理'],
        ['MX005', '排污', '河道排污', '生态环境分局', '2026-11-12', '2026-11-19', '超时'],
        ['MX006', '噪音', '广场舞噪音', '公安分局', '2026-11-19', '2026-11-26', '未处理'],
        ['备注：本表由系统自动生成，仅供参考。', null, null, null, null, null, null],
      ],
      ['A1:G1', 'A9:G9'],
    );
    const text = answerOf(await s.play(file(t('10:50'), path)));
    expect(text).toContain('新增4条，更新0条，无变化0条，未导入2条');
    expect(text).toContain('工单编号←受理编号');
    expect(text).toContain('承办单位←责任部门');
    expect(text).toContain('办理时限←拟办时间');
    expect(text).toContain('第5行（MX003）：承办单位「火星局」不在名册中');
    expect(text).toContain('第6行：缺少工单编号');
    expect(text).not.toMatch(/第[19]行/);
    expect(await getTicket(s.h.app.db, 'MX002')).toMatchObject({ done: true });
    expect(await getTicket(s.h.app.db, 'MX005')).toMatchObject({
      done: false,
      dueAt: new Date(local('2026-11-19T18:00:00+08:00')),
    });
  });

  it('names the columns it looked for when a spreadsheet is no ticket list', async () => {
    const path = await xlsx(join(dir, '统计表.xlsx'), [
      ['单位', '受理', '办结', '满意率'],
      ['区住建局', 12, 10, '98%'],
    ]);
    const text = answerOf(await s.play(file(t('11:00'), path)));
    expect(text).toContain('不是工单清单');
    expect(text).toMatch(/查找过的列名：工单编号（工单编号、工单号、受理编号、诉求编号/);
    expect(text).toContain('tickets.columns');
  });

  it(
    'the nag pursues the open and overdue ones only: ' + 'finished, 挂起, 延时申请 and 退单 tickets are never nagged',
    async () => {
      const out = await s.play(run(t('15:00'), 'ticket-nag'));
      // 三色督办: JN005 (due Monday by 两日办结) is blue on Friday: one 蓝色提醒 to its unit, not in the 即时督办.
      const blue = out.filter((o) => o.text.startsWith('【蓝色提醒】'));
      expect(blue.map((o) => o.text).join('\n')).toContain('JN005');
      const all = out
        .filter((o) => !blue.includes(o))
        .map((o) => o.text)
        .join('\n');
      for (const n of ['BJ001', 'SH001', 'JN001', 'CY001', 'CY003', 'MX005', 'XB004']) expect(all, n).toContain(n);
      for (const n of [
        'BJ002',
        'BJ003',
        'BJ005',
        'SH002',
        'SH003',
        'SH004',
        'SH005',
        'JN002',
        'JN003',
        'JN004',
        'JN005',
        'XB002',
        'XB003',
        'CY002',
        'CY004',
        'MX002',
      ]) {
        expect(all, n).not.toContain(n);
      }
    },
  );

  it('the same export again: nothing new, no new 双派单', async () => {
    const text = answerOf(await s.play(file(t('15:30'), beijing)));
    expect(text).toContain('新增0条，更新0条，无变化5条，未导入0条');
    expect(rounds(text)).toEqual([]);
  });

  it("我的待办 leaves out what the platform holds: a unit's list, the supervision team's counts", async () => {
    // 城管局: BJ004 reopened (listed); SH003 延时申请 and XB003 退单 held; XB002 done.
    for (const text of ['我的待办', '我们还有哪些超期？', '@督办助手 查一下超期工单🙏']) {
      const mine = (await s.play({ at: t('16:00'), from: 'wxid_chengguan_chu', text, to: 'bot' }))
        .map((o) => o.text)
        .join('\n');
      expect(mine).toContain('BJ004');
      // Held tickets are not the unit's to chase; SH003's extension does owe a leader's visit (四个必到, issue 18).
      const [items = '', visits = ''] = mine.split('待完成的领导走访');
      for (const n of ['SH003', 'XB003', 'XB002']) expect(items, n).not.toContain(n);
      expect(visits).toMatch(/V\d+ 工单SH003（占道经营）：已申请延期，问题短期内难以解决/);
    }
    const sup = (await s.play({ at: t('16:05'), from: 'wxid_sup_chen', text: '待办', to: 'bot' }))
      .map((o) => o.text)
      .join('\n');
    // Overdue and open at 16:05: BJ001, SH001, CY003, MX005, XB004 — not BJ005 挂起, SH003 延时申请, SH005 / XB003
    // 退单.
    expect(sup).toMatch(/超期[^0-9]{0,12}5件/);
  });
});
