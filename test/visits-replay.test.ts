/**
 * 四个必到 (issue 18 §2) through `cli replay`: one ticket per trigger (asks to meet, reopened twice, 不满意, an
 * extension asked) imported from a file, each delivered to its unit's head, three visits recorded in different
 * words, the fourth reminded on the working days before it is due and sent to the supervision team once past due.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from './replay-run.js';
import { HEADER, writeCsv } from './ticket-helpers.js';

interface Out {
  at: string;
  to: string;
  text: string;
  mentions?: string[];
}

const at = (day: string, hhmm: string) => `2026-${day}T${hhmm}:00+08:00`;

const ROWS = [
  [
    '2026113000001',
    '老旧小区漏水',
    '楼顶漏水多次反映未解决，希望住建局领导上门查看',
    '区住建局',
    '城东街道',
    '',
    '2026-11-30 09:00',
    '2026-12-04 18:00',
    '办理中',
    '',
    0,
  ],
  [
    '2026113000002',
    '学校周边施工噪音',
    '施工噪音影响学生午休',
    '区教育局',
    '城东街道',
    '',
    '2026-11-30 09:00',
    '2026-12-04 18:00',
    '办理中',
    '',
    2,
  ],
  [
    '2026113000003',
    '社区卫生站停诊',
    '社区卫生站长期停诊',
    '区卫生健康局',
    '湖滨街道',
    '',
    '2026-11-25 09:00',
    '2026-11-28 18:00',
    '已办结',
    '不满意',
    0,
  ],
  [
    '2026113000004',
    '社保补缴',
    '历史欠费补缴政策咨询',
    '人社局',
    '城西街道',
    '',
    '2026-11-30 09:00',
    '2026-12-04 18:00',
    '延期申请',
    '',
    0,
  ],
];

describe('四个必到 in replay: each trigger, visits recorded, one unrecorded escalated', () => {
  let dir: string;
  let out: Out[] = [];
  let stderr = '';
  const sent = (when: string) => out.filter((o) => o.at === when);
  /** The text of the first message at that time, without the @-mention a group reply starts with. */
  const said = (when: string) => (sent(when)[0]?.text ?? '').replace(/^@\S+ /, '');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'duban-visits-'));
    const csv = writeCsv(join(dir, '工单.csv'), [HEADER, ...ROWS], 'utf8');
    const r = runReplay<Out>([
      { at: at('11-30', '10:00'), from: 'wxid_sup_liu', to: 'bot', file: csv },
      { at: at('11-30', '10:30'), run: 'visit-check' },
      { at: at('11-30', '10:40'), run: 'visit-check' },
      { at: at('12-01', '10:00'), from: 'wxid_jiaoyu_sun', text: 'V1 已上门 张局长 已解决' },
      { at: at('12-02', '10:00'), from: 'wxid_zhujian_xu', text: 'V1 已上门 12月1日 张局长 已与群众达成整改协议' },
      {
        at: at('12-02', '10:05'),
        from: 'wxid_jiaoyu_sun',
        to: 'bot',
        text: 'V2 已走访，已向家长说明情况并约定周五前整改',
      },
      { at: at('12-02', '10:10'), from: 'wxid_weijian_zhou', text: 'V3 已见面 昨天 周局长 双方约定月底前恢复门诊' },
      { at: at('12-02', '10:20'), from: 'wxid_zhujian_zhang', text: 'V1 已到现场 复查整改进度' },
      // A V code the record is not read from: told how to write it, never taken as another item's answer.
      { at: at('12-02', '10:30'), from: 'wxid_zhujian_xu', to: 'bot', text: 'V1 补充：已上门 昨天 张局长 已当面道歉' },
      { at: at('12-02', '10:35'), from: 'wxid_zhujian_zhang', text: 'v1已经去过了，群众表示满意👍' },
      { at: at('12-03', '10:00'), from: 'wxid_renshe_wu', to: 'bot', text: '我的待办' },
      { at: at('12-04', '09:30'), run: 'visit-check' },
      { at: at('12-04', '17:00'), run: 'weekly-summary' },
      { at: at('12-05', '09:30'), run: 'visit-check' },
      { at: at('12-07', '09:30'), run: 'visit-check' },
      { at: at('12-08', '09:30'), run: 'visit-check' },
      { at: at('12-09', '09:30'), run: 'visit-check' },
    ]);
    expect(r.status, r.stderr).toBe(0);
    out = r.out;
    stderr = r.stderr;
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens one item per ticket with its reason and delivers it to the unit head privately, once', () => {
    expect(stderr).not.toMatch(/line \d+:/);
    const opened = sent(at('11-30', '10:30'));
    expect(opened.map((o) => o.to)).toEqual([
      'wxid_zhujian_zhang',
      'wxid_jiaoyu_sun',
      'wxid_weijian_zhou',
      'wxid_renshe_wu',
    ]);
    expect(opened[0]?.text).toMatch(/^【四个必到】V1 区住房和城乡建设局：工单2026113000001.*群众要求面对面沟通/);
    expect(opened[1]?.text).toMatch(/V2 .*工单多次重办/);
    expect(opened[2]?.text).toMatch(/V3 .*群众对办理结果不满意/);
    expect(opened[3]?.text).toMatch(/V4 .*问题短期内难以解决、已申请延期/);
    for (const o of opened) expect(o.text).toContain('12月7日前完成');
    expect(sent(at('11-30', '10:40'))).toEqual([]);
  });

  it('takes visit records in several phrasings from the unit head or liaison, never from another unit', () => {
    expect(said(at('12-01', '10:00'))).toBe('V1是区住房和城乡建设局的必到事项，请由该单位负责人或联络员登记。');
    expect(said(at('12-02', '10:00'))).toBe(
      '已登记V1（工单2026113000001）走访情况：12月1日，张局长上门走访，已与群众达成整改协议。',
    );
    const v2 = sent(at('12-02', '10:05'))[0];
    expect(v2?.to).toBe('wxid_jiaoyu_sun');
    expect(v2?.text).toBe(
      '已登记V2（工单2026113000002）走访情况：12月2日，孙局长上门走访，已向家长说明情况并约定周五前整改。',
    );
    expect(said(at('12-02', '10:10'))).toBe(
      '已登记V3（工单2026113000003）走访情况：12月1日，周局长上门走访，双方约定月底前恢复门诊。',
    );
    expect(said(at('12-02', '10:20'))).toBe('V1已于此前登记走访（12月1日，张局长），本次内容已补充记录。');
    for (const when of [at('12-02', '10:30'), at('12-02', '10:35')]) {
      expect(sent(when)).toHaveLength(1);
      expect(said(when)).toMatch(/^未能识别V1的走访登记。请按“V1 已上门 日期 走访人 达成事项”回复/);
    }
  });

  it('lists the owed visit in 我的待办 of its unit', () => {
    const mine = sent(at('12-03', '10:00'))[0]?.text ?? '';
    expect(mine).toContain('尚有1项领导走访（四个必到）待完成');
    expect(mine).toContain('V4 工单2026113000004：问题短期内难以解决、已申请延期，12月7日前走访');
  });

  it('reminds the unrecorded one on the working day before it is due and on the due day, not on Saturday', () => {
    expect(sent(at('12-04', '09:30')).map((o) => [o.to, o.text.slice(0, 14)])).toEqual([
      ['wxid_renshe_wu', '【四个必到·提醒】V4 工单'],
    ]);
    expect(sent(at('12-05', '09:30'))).toEqual([]);
    expect(sent(at('12-07', '09:30')).map((o) => o.to)).toEqual(['wxid_renshe_wu']);
  });

  it('sends the unrecorded visit past due to the supervision team once', () => {
    const esc = sent(at('12-08', '09:30'));
    expect(esc.map((o) => o.to)).toEqual(['wxid_sup_liu', 'wxid_sup_chen']);
    expect(esc[0]?.text).toMatch(/^【四个必到·逾期未走访】V4 区人力资源和社会保障局 工单2026113000004/);
    expect(sent(at('12-09', '09:30'))).toEqual([]);
  });

  it('the weekly summary lists owed and done visits per unit', () => {
    const weekly = sent(at('12-04', '17:00'));
    expect(weekly.length).toBeGreaterThan(0);
    const text = weekly[0]?.text ?? '';
    expect(text).toContain('【四个必到】领导走访情况：');
    expect(text).toContain('区人力资源和社会保障局：待走访1件，本周已走访0件');
    expect(text).toContain('区住房和城乡建设局：待走访0件，本周已走访1件');
  });
});

describe('四个必到 in replay: a ticket reopened a second time on a later import, an import repeated', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the item at the import that reaches the threshold, once; the same file again opens nothing', () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-visits-'));
    const row = (reopened: number, status: string) => [
      '2026113000009',
      '路灯不亮',
      '小区路灯长期不亮',
      '区住建局',
      '城东街道',
      '',
      '2026-11-30 09:00',
      '2026-12-04 18:00',
      status,
      '',
      reopened,
    ];
    const once = writeCsv(join(dir, '工单1.csv'), [HEADER, row(1, '办理中')], 'utf8');
    const twice = writeCsv(join(dir, '工单2.csv'), [HEADER, row(2, '办理中')], 'utf8');
    const r = runReplay<Out>([
      { at: at('11-30', '10:00'), from: 'wxid_sup_liu', to: 'bot', file: once },
      { at: at('11-30', '10:30'), run: 'visit-check' },
      { at: at('12-01', '10:00'), from: 'wxid_sup_liu', to: 'bot', file: twice },
      { at: at('12-01', '10:10'), from: 'wxid_sup_liu', to: 'bot', file: twice },
      { at: at('12-01', '10:30'), run: 'visit-check' },
      { at: at('12-01', '10:40'), from: 'wxid_zhujian_zhang', to: 'bot', text: 'V1 已到现场，已更换灯具' },
    ]);
    expect(r.status, r.stderr).toBe(0);
    const visits = r.out.filter((o) => o.text.startsWith('【四个必到】'));
    expect(visits.map((o) => [o.at, o.to])).toEqual([[at('12-01', '10:30'), 'wxid_zhujian_zhang']]);
    expect(visits[0]?.text).toContain('V1 区住房和城乡建设局：工单2026113000009（路灯不亮）因工单多次重办');
    expect(r.out.find((o) => o.at === at('12-01', '10:40'))?.text).toBe(
      '已登记V1（工单2026113000009）走访情况：12月1日，张局长上门走访，已更换灯具。',
    );
  }, 180_000);
});
