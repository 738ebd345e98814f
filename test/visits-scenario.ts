/**
 * The 四个必到 replay (issue 18 §2): one ticket for each trigger recorded and one left unrecorded, in files imported
 * on Monday 11月30日, Tuesday morning and Tuesday night, the units' words, the visit records as heads type them, the
 * reminders and the supervision team's list. Shared by the Wechaty and WeCom replays.
 */
import { join } from 'node:path';
import { HEADER, writeCsv } from './ticket-helpers.js';

export const at = (day: string, hhmm: string) => `2026-${day}T${hhmm}:00+08:00`;

const row = (
  n: string,
  title: string,
  content: string,
  unit: string,
  street: string,
  assigned: string,
  due: string,
  status: string,
  rating: string,
  reopened: number,
) => [n, title, content, unit, street, '', assigned, due, status, rating, reopened];

/** The tickets: V-codes are opened in this order (V1 … V9). */
export const T = {
  meet: row(
    '2026113000001',
    '老旧小区楼顶漏水',
    '楼顶漏水多次反映未解决，希望住建局领导上门查看',
    '区住建局',
    '城东街道',
    '2026-11-30 09:00',
    '2026-12-04 18:00',
    '办理中',
    '',
    0,
  ),
  reopened: row(
    '2026113000002',
    '学校周边施工噪音',
    '施工噪音影响学生午休',
    '区教育局',
    '城东街道',
    '2026-11-20 09:00',
    '2026-12-04 18:00',
    '办理中',
    '',
    2,
  ),
  unsatisfied: row(
    '2026113000003',
    '社区卫生站停诊',
    '社区卫生站长期停诊',
    '区卫生健康局',
    '湖滨街道',
    '2026-11-25 09:00',
    '2026-11-28 18:00',
    '已办结',
    '不满意',
    0,
  ),
  extensionAsked: row(
    '2026113000004',
    '社保补缴',
    '历史欠费补缴政策咨询',
    '人社局',
    '城西街道',
    '2026-11-30 09:00',
    '2026-12-04 18:00',
    '延期申请',
    '',
    0,
  ),
  reopenedUnrecorded: row(
    '2026113000005',
    '小区门口违停',
    '小区门口长期违停，反映多次未解决',
    '公安分局',
    '城东街道',
    '2026-11-16 09:00',
    '2026-12-04 18:00',
    '办理中',
    '',
    3,
  ),
  unsatisfiedUnrecorded: row(
    '2026113000006',
    '工地夜间施工',
    '工地夜间施工噪音扰民',
    '生态环境分局',
    '城西街道',
    '2026-11-20 09:00',
    '2026-11-27 18:00',
    '已办结',
    '不满意',
    0,
  ),
  extended: row(
    '2026113000007',
    '夜市占道经营',
    '建设路夜市占道经营，油烟扰民',
    '城管局',
    '城东街道',
    '2026-11-30 09:00',
    '2026-12-04 18:00',
    '办理中',
    '',
    0,
  ),
  said: row(
    '2026113000008',
    '困难家庭救助',
    '低保申请长期未批复',
    '民政局',
    '城西街道',
    '2026-11-30 09:00',
    '2026-12-04 18:00',
    '办理中',
    '',
    0,
  ),
  meetNight: row(
    '2026120100009',
    '养老补贴发放',
    '老人要求与民政局负责人面对面沟通养老补贴发放问题',
    '民政局',
    '城西街道',
    '2026-12-01 09:00',
    '2026-12-07 18:00',
    '办理中',
    '',
    0,
  ),
};

/**
 * The scenario's lines. `atBot`: group messages start with @督办助手 (on WeCom the bot sees only those; the private
 * ones are the same).
 */
export function visitScenario(dir: string, o: { atBot?: boolean } = {}) {
  const monday = writeCsv(
    join(dir, '工单清单1130.csv'),
    [
      HEADER,
      T.meet,
      T.reopened,
      T.unsatisfied,
      T.extensionAsked,
      T.reopenedUnrecorded,
      T.unsatisfiedUnrecorded,
      T.extended,
      T.said,
    ],
    'utf8',
  );
  // Tuesday: the platform extended the 城管局 ticket's deadline by a week.
  const extendedRow = [...T.extended];
  extendedRow[7] = '2026-12-11 18:00';
  const tuesday = writeCsv(join(dir, '工单清单1201.csv'), [HEADER, extendedRow], 'utf8');
  const night = writeCsv(join(dir, '工单清单1201晚.csv'), [HEADER, T.meetNight], 'utf8');
  const lines = [
    { at: at('11-30', '10:00'), from: 'wxid_sup_liu', to: 'bot', file: monday },
    // Another unit's head tries to record 区住建局's visit.
    { at: at('11-30', '11:00'), from: 'wxid_jiaoyu_sun', text: 'V1 已上门 孙局长 已解决' },
    // A unit says, in its own words, that its ticket cannot be solved soon.
    {
      at: at('11-30', '16:00'),
      from: 'wxid_minzheng_jiang',
      text: '工单2026113000008涉及多个部门，需要协调，短期内难以解决',
    },
    { at: at('12-01', '10:00'), from: 'wxid_sup_liu', to: 'bot', file: tuesday },
    { at: at('12-01', '10:30'), from: 'wxid_zhujian_zhang', text: 'V1 已上门 12月1日 张局长 已与群众达成整改协议' },
    // No code: 区城市管理局 owes exactly one visit.
    {
      at: at('12-01', '15:00'),
      from: 'wxid_chengguan_chu',
      text: '褚局长今天下午已上门走访，向商户和居民说明了整治安排',
    },
    { at: at('12-01', '19:30'), from: 'wxid_sup_liu', to: 'bot', file: night },
    { at: at('12-02', '09:00'), run: 'visit-check' },
    {
      at: at('12-02', '09:40'),
      from: 'wxid_jiaoyu_sun',
      to: 'bot',
      text: 'v2 昨天下午孙局长带队上门了，家长表示理解👍',
    },
    { at: at('12-02', '10:00'), from: 'wxid_weijian_zhou', text: 'V3已走访' },
    { at: at('12-02', '10:05'), from: 'wxid_weijian_zhou', text: 'V3 补充：已与群众约定月底前恢复门诊' },
    { at: at('12-02', '10:10'), from: 'wxid_zhujian_xu', to: 'bot', text: 'V1 补充：群众已在整改协议上签字' },
    { at: at('12-02', '10:15'), from: 'wxid_zhujian_xu', to: 'bot', text: 'V1 更正：走访日期应为11月30日' },
    // No code, and 区民政局 owes two: asked which, then sent again with the code.
    { at: at('12-02', '11:00'), from: 'wxid_minzheng_jiang', text: '蒋局长已上门走访，群众表示理解' },
    { at: at('12-02', '11:05'), from: 'wxid_minzheng_jiang', text: 'V7 蒋局长已上门走访，群众表示理解' },
    { at: at('12-03', '09:50'), from: 'wxid_gongan_feng', to: 'bot', text: 'V5 收到' },
    { at: at('12-03', '10:00'), from: 'wxid_renshe_wu', to: 'bot', text: 'V4 已安排工作人员上门核实' },
    { at: at('12-03', '10:05'), from: 'wxid_renshe_wu', to: 'bot', text: '我的待办' },
    { at: at('12-03', '10:10'), from: 'wxid_leader_li', to: 'bot', text: 'V4进展如何？' },
    { at: at('12-04', '09:00'), run: 'visit-check' },
    { at: at('12-04', '17:00'), run: 'weekly-summary' },
    { at: at('12-05', '09:00'), run: 'visit-check' },
    { at: at('12-07', '09:00'), run: 'visit-check' },
    { at: at('12-08', '09:00'), run: 'visit-check' },
    { at: at('12-08', '09:10'), run: 'visit-check' },
    { at: at('12-09', '09:00'), run: 'visit-check' },
  ];
  const mention = (l: Record<string, unknown>) =>
    o.atBot && typeof l.text === 'string' && l.to === undefined ? { ...l, text: `@督办助手 ${l.text}` } : l;
  return { lines: lines.map(mention) };
}
