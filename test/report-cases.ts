/** Hand-written report cases from the parsing contract (not copied from the samples). */
import type { ReportParse } from '../src/domain/report/parse.js';

export interface ReportCase {
  name: string;
  text: string;
  sentAt?: string;
  from?: string;
  expect: Partial<ReportParse>;
}

export const OWN_CASES: ReportCase[] = [
  // ── orders, numerals, widths, units ─────────────────────────────────────
  {
    name: 'number before keyword',
    text: '城西街道：3件已办结，今日受理工单5件，2件正在办理。',
    expect: { isReport: true, unit: '城西街道', received: 5, completed: 3, inProgress: 2 },
  },
  {
    name: 'chinese numerals 十二/两',
    text: '湖滨街道今日接收工单十二件，办结十件，在办两件。',
    expect: { received: 12, completed: 10, inProgress: 2 },
  },
  {
    name: 'chinese numeral 一百零五',
    text: '双河镇：今日受理一百零五件，办结一百件，在办五件。',
    expect: { received: 105, completed: 100, inProgress: 5 },
  },
  {
    name: 'chinese numeral 二十',
    text: '【城东街道】受理工单二十件，办结二十件，无超期。',
    expect: { received: 20, completed: 20, overdue: 0 },
  },
  {
    name: 'full-width digits and percent',
    text: '新港镇：受理１２件，办结１０件，在办２件，满意率９８．５％。',
    expect: { unit: '新港镇', received: 12, completed: 10, inProgress: 2, satisfactionRate: 98.5 },
  },
  {
    name: 'spaces and ascii commas',
    text: '凤凰镇 ：今日受理工单 6 件 , 办结5 件 ,在办 1件 .',
    expect: { unit: '凤凰镇', received: 6, completed: 5, inProgress: 1 },
  },
  {
    name: '个 as the measure word',
    text: '城管局：今日受理8个，办结7个，在办1个。',
    expect: { unit: '区城市管理局', received: 8, completed: 7, inProgress: 1 },
  },
  {
    name: '单 as the measure word',
    text: '交通局：今日派单6单，办结6单，超期0单。',
    expect: { unit: '区交通运输局', received: 6, completed: 6, overdue: 0 },
  },
  {
    name: 'no punctuation between figures',
    text: '民政局今日受理4件办结3件在办1件',
    expect: { unit: '区民政局', received: 4, completed: 3, inProgress: 1 },
  },
  {
    name: 'colon table, one per line',
    text:
      '区卫健局日报\n新受理：9件\n已办结：8\n正在办理：1\n逾期：0\n重办：1件\n不满意：0件\n退办：0\n按时办结率：' +
      '100%\n群众满意率：97.3%',
    expect: {
      unit: '区卫生健康局',
      received: 9,
      completed: 8,
      inProgress: 1,
      overdue: 0,
      reopened: 1,
      unsatisfied: 0,
      returned: 0,
      onTimeRate: 100,
      satisfactionRate: 97.3,
    },
  },
  {
    name: 'respectively list',
    text: '城东街道今日受理、办结、在办工单分别为12、10、2件。',
    expect: { received: 12, completed: 10, inProgress: 2 },
  },
  {
    name: 'approximate 余',
    text: '区市场监管局：今日受理投诉举报类工单20余件，办结18件。',
    expect: { received: 20, completed: 18 },
  },
  // ── decorations (issue 12): emoji, bracket emoticons, bullets, circled numbers, stray spaces ──
  {
    name: 'figures set off in brackets after their names',
    text: '⭐生态环境分局⭐ 今日受理【5】件，办结【4】件，在办（1）件，满意率「100%」',
    expect: { unit: '区生态环境分局', received: 5, completed: 4, inProgress: 1, satisfactionRate: 100 },
  },
  {
    name: 'list numbers in brackets opening a clause stay list numbers',
    text: '城管局今日：（1）受理5件（2）办结4件（3）在办1件',
    expect: { unit: '区城市管理局', received: 5, completed: 4, inProgress: 1 },
  },
  {
    name: 'bare counts, a rate right after the last one',
    text: '环境分局 受理4 办结2 在办2 不满意1 满意率80%',
    expect: { unit: '区生态环境分局', received: 4, completed: 2, inProgress: 2, unsatisfied: 1, satisfactionRate: 80 },
  },
  {
    name: 'bare count before 按时办结率 and 满意率',
    text: '环境分局 受理4，办结2，不满意1，按时办结率90%，满意率80%',
    expect: { received: 4, completed: 2, unsatisfied: 1, onTimeRate: 90, satisfactionRate: 80 },
  },
  {
    name: 'bare 重办 count before 群众满意率',
    text: '城管局受理10 办结9 重办1 群众满意率95%',
    expect: { received: 10, completed: 9, reopened: 1, satisfactionRate: 95 },
  },
  {
    name: 'leading thumbs-up and trailing biceps',
    text: '👍人社局今日受理6件✅办结5件，在办1件，超期0，满意率100%💪',
    expect: {
      isReport: true,
      unit: '区人力资源和社会保障局',
      received: 6,
      completed: 5,
      inProgress: 1,
      overdue: 0,
      satisfactionRate: 100,
    },
  },
  {
    name: 'skin tone and ZWJ emoji',
    text: '👍🏻👨‍💼城西街道今日受理7件，办结6件👌🏼在办1件🙏',
    expect: { isReport: true, unit: '城西街道', received: 7, completed: 6, inProgress: 1 },
  },
  {
    name: 'WeChat bracket emoticons',
    text: '[强][强]湖滨街道：今日受理5件，办结5件[抱拳]，满意率100%[玫瑰]',
    expect: { isReport: true, unit: '湖滨街道', received: 5, completed: 5, satisfactionRate: 100 },
  },
  {
    name: 'keycap list numbers',
    text: '区民政局\n1️⃣受理4件\n2️⃣办结3件\n3️⃣在办1件',
    expect: { isReport: true, received: 4, completed: 3, inProgress: 1 },
  },
  {
    name: 'circled numbers inline',
    text: '双河镇：①受理5件②办结4件③在办1件④超期0件',
    expect: { isReport: true, received: 5, completed: 4, inProgress: 1, overdue: 0 },
  },
  {
    name: 'stars, arrows and check marks',
    text: '★新港镇★\n☑️受理→8件\n✔️办结→8件\n❌超期→无',
    expect: { isReport: true, unit: '新港镇', received: 8, completed: 8, overdue: 0 },
  },
  {
    name: 'stray spaces, tabs and full-width forms',
    text: '凤凰镇\t今日 受 理 ６ 件，办　结 ５ 件，满意率 １００％',
    expect: { isReport: true, unit: '凤凰镇', received: 6, completed: 5, satisfactionRate: 100 },
  },
  // ── 满意度 is the 满意率 when a figure follows (play2) ──
  // ── 接件 is 受理; 百分百 is 100% (play3) ──
  {
    name: '接件 bare count, 满意度百分百',
    text: '教育局 今日接件6 办结6 满意度百分百',
    expect: { isReport: true, unit: '区教育局', received: 6, completed: 6, satisfactionRate: 100 },
  },
  {
    name: '接件 with measure word',
    text: '城西街道今日接件8件，办结7件，在办1件，满意率百分百',
    expect: { isReport: true, unit: '城西街道', received: 8, completed: 7, inProgress: 1, satisfactionRate: 100 },
  },
  {
    name: '新接件 and 满意度达百分百',
    text: '双河镇：新接件5件，办结5件，满意度达百分百👍',
    expect: { isReport: true, unit: '双河镇', received: 5, completed: 5, satisfactionRate: 100 },
  },
  {
    name: '满意率为百分百 after colon table',
    text: '民政局\n接件：3\n办结：3\n满意率：百分百',
    expect: { isReport: true, unit: '区民政局', received: 3, completed: 3, satisfactionRate: 100 },
  },
  {
    name: '满意度 right before the figure',
    text: '卫健局 今天接了6件 全部办完了 没有超期 满意度100%',
    expect: { isReport: true, unit: '区卫生健康局', received: 6, overdue: 0, satisfactionRate: 100 },
  },
  {
    name: '群众满意度 with a colon',
    text: '湖滨街道今日受理6件，办结5件，在办1件，群众满意度：97.3%',
    expect: { received: 6, completed: 5, inProgress: 1, satisfactionRate: 97.3 },
  },
  {
    name: '满意度达 in words',
    text: '凤凰镇今天受理5件，办结5件，满意度达百分之百👍',
    expect: { received: 5, completed: 5, satisfactionRate: 100 },
  },
  {
    name: '回访满意度为 a decimal',
    text: '区民政局：受理4件，办结4件，回访满意度为98.5%',
    expect: { received: 4, completed: 4, satisfactionRate: 98.5 },
  },
  {
    name: '满意度 without a figure is no rate',
    text: '城西街道今日受理7件，办结7件，群众满意度较高',
    expect: { received: 7, completed: 7, satisfactionRate: null },
  },
  { name: 'emoji-only chit-chat stays chit-chat', text: '好的👌[抱拳]', expect: { isReport: false } },
  {
    name: '[转发] is a marker, not an emoticon',
    text: '[转发]城东街道今日受理8件，办结8件。',
    from: 'wxid_hubin_you',
    expect: { isReport: false },
  },
  {
    name: 'a report forwarded by its own head',
    text: '[转发]城东街道今日受理8件，办结8件。',
    from: 'wxid_chengdong_zhu',
    expect: { isReport: true, unit: '城东街道', received: 8, completed: 8 },
  },
  // ── zero forms ───────────────────────────────────────────────────────────
  {
    name: 'suffix zero words',
    text: '城东街道：受理3件，办结3件，超期：无，重办没有，不满意暂无。',
    expect: { overdue: 0, reopened: 0, unsatisfied: 0 },
  },
  {
    name: '无一 and 均为0',
    text: '城西街道：受理5件，办结5件，无一超期，重办、不满意工单均为0。',
    expect: { overdue: 0, reopened: 0, unsatisfied: 0 },
  },
  {
    name: '清零 and 零 before keyword',
    text: '湖滨街道：今日受理4件，办结4件，超期工单清零，零不满意。',
    expect: { overdue: 0, unsatisfied: 0, reopened: null },
  },
  {
    name: '无超期、重办 sets both',
    text: '双河镇：受理2件，办结2件，无超期、重办工单。',
    expect: { overdue: 0, reopened: 0, unsatisfied: null },
  },
  {
    name: '没有…和… sets both',
    text: '凤凰镇：今日受理3件，全部办结，没有逾期和不满意的。',
    expect: { received: 3, completed: 3, overdue: 0, unsatisfied: 0 },
  },
  {
    name: 'zero received',
    text: '区农业农村局：今日受理0件，无在办工单，满意率100%。',
    expect: { received: 0, inProgress: 0, completed: null, satisfactionRate: 100 },
  },
  { name: 'zero with 零 after keyword', text: '区教育局：受理2件，办结2件，超期为零。', expect: { overdue: 0 } },
  {
    name: '无新增 qualifies the next keyword',
    text: '城东街道：今日受理6件，办结6件，无新增超期工单。',
    expect: { received: 6, overdue: 0 },
  },
  {
    name: 'no tickets at all',
    text: '区自然资源和规划分局：今日暂无新增工单。',
    expect: { isReport: true, received: 0, completed: null },
  },
  {
    name: 'unmentioned field is null',
    text: '城西街道：受理7件，办结6件。',
    expect: {
      overdue: null,
      reopened: null,
      unsatisfied: null,
      returned: null,
      onTimeRate: null,
      satisfactionRate: null,
      inProgress: null,
    },
  },
  // ── periods ───────────────────────────────────────────────────────────────
  {
    name: '累计 before today',
    text: '区公安分局：本年累计受理工单1024件，累计办结1019件；今日受理6件，办结6件。',
    expect: { received: 6, completed: 6 },
  },
  {
    name: '本周 / 本月 figures only',
    text: '城东街道：本周受理32件，本月累计办结120件，满意率100%。',
    expect: { received: null, completed: null },
  },
  {
    name: '本月 marked rate ignored, today rate kept',
    text: '新港镇：今日受理3件，办结3件，满意率100%；本月满意率96.2%，本年按时办结率99.1%。',
    expect: { satisfactionRate: 100, onTimeRate: null },
  },
  {
    name: 'comparison is not a count',
    text: '城西街道：今日受理9件，较昨日增加3件，办结8件。',
    expect: { received: 9, completed: 8 },
  },
  // ── narrative numbers ─────────────────────────────────────────────────────
  {
    name: 'narrative measures',
    text: '区人社局：今日受理3件，办结3件。举办招聘会2场，提供岗位500个，服务群众300人次，收集建议12条，走访15个小区。',
    expect: { received: 3, completed: 3, inProgress: null },
  },
  {
    name: '新增学位 and 收到感谢信 are not received',
    text: '区教育局：今日收到家长感谢信2件，新增学位360个，办结工单3件。',
    expect: { received: null, completed: 3 },
  },
  {
    name: '收到 tickets is received',
    text: '区交通运输局：今日收到12345工单4件，办结3件，1件正在办理。',
    expect: { received: 4, completed: 3, inProgress: 1 },
  },
  {
    name: 'hotline number and clock time ignored',
    text: '城东街道截至18:00，今日接收12345热线工单7件，办结7件。',
    expect: { received: 7, completed: 7 },
  },
  // ── the day's received count as heads write it: today + (hotline) + ticket object + N件 ──
  {
    name: '今天12345工单N件 is received',
    text: '今天12345工单5件，已办结4件',
    expect: { isReport: true, received: 5, completed: 4 },
  },
  {
    name: '今日12345热线工单N件 is received',
    text: '城东街道：今日12345热线工单5件，已办结4件，在办1件。',
    expect: { isReport: true, unit: '城东街道', received: 5, completed: 4, inProgress: 1 },
  },
  {
    name: '今日热线工单N件 is received',
    text: '今日热线工单5件，办结5件',
    expect: { isReport: true, received: 5, completed: 5 },
  },
  {
    name: '今天12345热线N件: the hotline words stand for the object',
    text: '今天12345热线5件，办结4件',
    expect: { isReport: true, received: 5, completed: 4 },
  },
  {
    name: '今日共接12345工单N件 is received',
    text: '区城市管理局今日共接12345工单5件，办结4件',
    expect: { isReport: true, received: 5, completed: 4 },
  },
  {
    name: '12345工单今日N件: the hotline first, the day after it',
    text: '12345工单今日5件，办结3件，在办2件',
    expect: { isReport: true, received: 5, completed: 3, inProgress: 2 },
  },
  {
    name: '今日12345来电N件 is received',
    text: '今日12345来电5件，均已办结',
    expect: { isReport: true, received: 5, completed: 5 },
  },
  {
    name: '本日市民热线工单 with numbers in words',
    text: '本日市民热线工单五件，办结五件',
    expect: { isReport: true, received: 5, completed: 5 },
  },
  {
    name: '今日接 + hotline + 工单 + 共计 N件',
    text: '今日接12345工单共计6件，办结5件，在办1件',
    expect: { isReport: true, received: 6, completed: 5, inProgress: 1 },
  },
  {
    name: '当天12345平台工单：N件',
    text: '当天12345平台工单：7件，办结7件',
    expect: { isReport: true, received: 7, completed: 7 },
  },
  {
    name: '12345热线今日共接N件',
    text: '12345热线今日共接4件，办结3件',
    expect: { isReport: true, received: 4, completed: 3 },
  },
  {
    name: '共接 / 共收 alone before a ticket object are received',
    text: '今日共收工单5件，办结4件',
    expect: { isReport: true, received: 5, completed: 4 },
  },
  {
    name: 'not stolen: 今日办结工单N件 stays completed',
    text: '今日办结工单4件',
    expect: { received: null, completed: 4 },
  },
  {
    name: 'not stolen: 今日12345工单办结N件 is completed',
    text: '今日12345工单办结4件，在办1件',
    expect: { received: null, completed: 4, inProgress: 1 },
  },
  {
    name: "not stolen: 累计12345工单 is not the day's",
    text: '累计12345工单100件，今日办结4件',
    expect: { received: null, completed: 4 },
  },
  {
    name: 'not stolen: 重办12345工单今日N件 stays reopened',
    text: '今日受理6件，办结6件，重办12345工单今日2件',
    expect: { received: 6, reopened: 2 },
  },
  {
    name: 'not stolen: 共接听…来电 is not received, 受理 is',
    text: '今日共接听12345来电50个，受理工单5件，办结5件',
    expect: { received: 5, completed: 5 },
  },
  {
    name: "the day's calls are not the tickets received when 受理 is given: 今日12345来电N个，受理工单M件",
    text: '今日12345来电50个，受理工单5件，办结4件',
    expect: { received: 5, completed: 4 },
  },
  {
    name: "the day's calls alone stand for received: 今天12345来电6个，办结5个",
    text: '今天12345来电6个，办结5个，在办1个',
    expect: { received: 6, completed: 5, inProgress: 1 },
  },
  {
    name: "the day phrase after a cumulative figure is the day's again",
    text: '本月累计受理100件；今日12345工单5件，办结4件',
    expect: { received: 5, completed: 4 },
  },
  {
    name: 'the day phrase is the first figure only: 今日12345工单N件 then 受理 elsewhere',
    text: '今日12345工单5件，受理3件',
    expect: { received: 5 },
  },
  // ── reopened, completed and sub-counts ───────────────────────────────────
  {
    name: '重新交办 is reopened',
    text: '城东街道：受理6件，办结6件，重新交办1件。',
    expect: { received: 6, reopened: 1 },
  },
  {
    name: 'sub-count of overdue does not set completed',
    text: '城西街道：今日受理5件，正在办理5件；超期2件，已办结1件。',
    expect: { completed: null, overdue: 2, inProgress: 5 },
  },
  {
    name: 'reopened 均已办结 does not set completed',
    text: '湖滨街道：重办工单2件，均已办结；不满意1件。',
    expect: { completed: null, reopened: 2, unsatisfied: 1 },
  },
  {
    name: 'breakdown of received sets completed',
    text: '区城管局：今日受理15件，其中已办结12件，在办3件。',
    expect: { received: 15, completed: 12, inProgress: 3 },
  },
  {
    name: 'bare 已办结 after received',
    text: '区民政局：今日受理2件，已办结。',
    expect: { received: 2, completed: 2 },
  },
  { name: '已全部办结', text: '双河镇：今日新接工单4件，已全部办结。', expect: { received: 4, completed: 4 } },
  {
    name: 'bare 办结率 is neither rate nor count',
    text: '区公安分局：今日受理10件，办结率100%，满意率99%。',
    expect: { completed: null, onTimeRate: null, satisfactionRate: 99 },
  },
  {
    name: '超期未办结 is overdue',
    text: '区住建局：受理5件，办结4件，超期未办结1件。',
    expect: { overdue: 1, inProgress: null },
  },
  // ── returned ─────────────────────────────────────────────────────────────
  { name: '退办 + 不再办理', text: '城管局：受理9件，办结7件，退办1件，不再办理1件。', expect: { returned: 2 } },
  { name: '各N件 = 2N', text: '区住建局：受理8件，办结8件；退办、不再办理各2件。', expect: { returned: 4 } },
  {
    name: '申请退办 counts',
    text: '区生态环境分局：受理4件，办结3件，申请退办1件（已报分管领导审批）。',
    expect: { returned: 1, completed: 3 },
  },
  { name: '不再办理 alone', text: '城西街道：受理3件，办结2件，不再办理1件。', expect: { returned: 1 } },
  // ── rates ────────────────────────────────────────────────────────────────
  { name: '百分之百', text: '凤凰镇：受理2件，办结2件，满意率百分之百。', expect: { satisfactionRate: 100 } },
  {
    name: 'rate without %',
    text: '新港镇：受理4件，办结4件，按时办结率100，满意率98.6。',
    expect: { onTimeRate: 100, satisfactionRate: 98.6, received: 4 },
  },
  {
    name: '回访满意率 and 按期办结率',
    text: '区卫健局：受理3件，办结3件，按期办结率100%，回访满意率97%。',
    expect: { onTimeRate: 100, satisfactionRate: 97 },
  },
  {
    name: '满意度 with a figure is the 满意率, 不满意率 is no rate',
    text: '区教育局：受理2件，办结2件，群众满意度98%，不满意率2%。',
    expect: { satisfactionRate: 98, onTimeRate: null },
  },
  {
    name: '不满意率 alone is no rate',
    text: '区教育局：受理2件，办结2件，不满意率2%。',
    expect: { satisfactionRate: null, onTimeRate: null },
  },
  {
    name: 'shared rate with 均为',
    text: '城东街道：受理5件，办结5件，按时办结率、满意率均为100%。',
    expect: { onTimeRate: 100, satisfactionRate: 100 },
  },
  {
    name: 'rate with 达到',
    text: '区市场监管局：受理6件，办结6件，及时办结率达到99.5%，群众满意率为96%。',
    expect: { onTimeRate: 99.5, satisfactionRate: 96 },
  },
  // ── dates ────────────────────────────────────────────────────────────────
  { name: 'X月X号', text: '城西街道11月19号群众诉求：受理4件，办结4件。', expect: { date: '2026-11-19' } },
  { name: 'X.X in brackets', text: '湖滨街道诉求办理情况（11.19）受理3件，办结3件。', expect: { date: '2026-11-19' } },
  {
    name: 'X/X',
    text: '区交通局 11/18 日报：受理2件，办结2件。',
    expect: { date: '2026-11-18', unit: '区交通运输局' },
  },
  {
    name: 'YYYY年X月X日',
    text: '2026年11月19日城东街道群众诉求办理情况：受理5件，办结5件。',
    expect: { date: '2026-11-19' },
  },
  { name: 'YYYY.X.X', text: '区住建局2026.11.18日报：受理3件，办结2件，在办1件。', expect: { date: '2026-11-18' } },
  {
    name: 'chinese numeral date',
    text: '双河镇十一月十九日诉求办理：受理两件，办结两件。',
    expect: { date: '2026-11-19', received: 2 },
  },
  {
    name: 'bare day takes the closest month',
    text: '城东街道30日工单情况：受理3件，办结3件。',
    sentAt: '2026-12-01T09:10:00+08:00',
    expect: { date: '2026-11-30' },
  },
  {
    name: 'year boundary',
    text: '新港镇12月31日日报：受理1件，办结1件。',
    sentAt: '2027-01-01T08:30:00+08:00',
    expect: { date: '2026-12-31' },
  },
  {
    name: '昨日',
    text: '区民政局补报昨天的情况：受理2件，办结2件。',
    sentAt: '2026-11-21T08:50:00+08:00',
    expect: { date: '2026-11-20' },
  },
  {
    name: '今日 before 06:00 is the day before',
    text: '凤凰镇今日受理3件，办结3件。',
    sentAt: '2026-11-21T01:20:00+08:00',
    expect: { date: '2026-11-20' },
  },
  {
    name: 'narrative dates ignored',
    text: '区住建局：自11月1日以来累计受理86件。今日受理4件，办结3件，计划11月25日前完成剩余1件。',
    expect: { date: '2026-11-20', received: 4, completed: 3 },
  },
  // ── units ────────────────────────────────────────────────────────────────
  {
    name: 'closing signature',
    text: '今日受理工单6件，办结6件，无超期。\n——城东街道',
    expect: { unit: '城东街道', received: 6 },
  },
  {
    name: 'partner units are not the unit',
    text: '今日受理5件，办结5件。按照区住建局部署，会同城管局、公安分局清理违建4处。——湖滨街道',
    expect: { unit: '湖滨街道' },
  },
  {
    name: '配合 partner before the real unit',
    text: '配合区城管局整治占道经营12处。城西街道今日受理3件，办结3件。',
    expect: { unit: '城西街道', received: 3 },
  },
  {
    name: '我局 names none',
    text: '我局今日受理工单3件，办结3件，满意率100%。',
    expect: { unit: null, isReport: true },
  },
  { name: 'alias in a header bracket', text: '【区教体局】今日受理1件，办结1件。', expect: { unit: '区教育局' } },
  // ── not reports ──────────────────────────────────────────────────────────
  { name: 'ack', text: '收到！', expect: { isReport: false } },
  { name: 'question', text: '城东街道今天的日报怎么还没报？', expect: { isReport: false } },
  { name: 'question with a keyword', text: '请问超期工单已办结的还要算在超期里吗', expect: { isReport: false } },
  {
    name: 'bulletin of several units',
    text: '【专班通报】今日城东街道受理8件、办结8件；城西街道受理6件、办结5件；湖滨街道受理4件、办结4件。',
    from: 'wxid_sup_liu',
    expect: { isReport: false },
  },
  {
    name: 'bulletin of several units, unknown sender',
    text: '今日各镇街诉求办理：城东街道受理8件办结8件，城西街道受理6件办结5件，新港镇受理3件办结3件。',
    expect: { isReport: false },
  },
  {
    name: 'leader comment quoting figures',
    text: '城西街道今天受理7件全部办结，满意率100%，很好，继续保持！',
    expect: { isReport: false },
  },
  { name: 'data later', text: '城东街道：今日数据正在统计，稍后报送。', expect: { isReport: false } },
  {
    name: 'instruction',
    text: '请城东街道今天下班前报送超期工单2件的办理情况。',
    from: 'wxid_leader_wang',
    expect: { isReport: false },
  },
  {
    name: 'notice to all units',
    text: '各单位：自明日起日报须增加退办、不再办理件数，请按时报送。',
    expect: { isReport: false },
  },
  // ── more phrasings ───────────────────────────────────────────────────────
  {
    name: 'list numbering after a colon',
    text: '城西街道日报：1、受理8件；2、办结7件；3、在办1件；4、满意率100%。',
    expect: { received: 8, completed: 7, inProgress: 1, satisfactionRate: 100 },
  },
  {
    name: 'numbered lines with suffix zero',
    text:
      '区住建局：\n1.今日受理：5件\n2.今日办结：4件\n3.在办：1件\n4.超期：无\n5.重办：无\n6.不满意：' +
      '无\n7.退办及不再办理：无',
    expect: { received: 5, completed: 4, inProgress: 1, overdue: 0, reopened: 0, unsatisfied: 0, returned: 0 },
  },
  {
    name: '一是/二是 list',
    text: '区人社局今日群众诉求办理情况如下：一是受理工单3件；二是办结3件；三是无超期、重办、不满意工单。',
    expect: { received: 3, completed: 3, overdue: 0, reopened: 0, unsatisfied: 0 },
  },
  {
    name: 'breakdown in brackets is not a count',
    text: '区住建局：今日共受理群众诉求工单7件（其中咨询类3件、投诉类4件），已办结6件，剩余1件正在办理中。',
    expect: { received: 7, completed: 6, inProgress: 1 },
  },
  {
    name: 'colloquial',
    text: '城东街道：今天接了6个单子，办完了5个，还有1个在办。',
    expect: { received: 6, completed: 5, inProgress: 1 },
  },
  { name: '今日工单0件', text: '湖滨街道：今日工单0件。', expect: { isReport: true, received: 0 } },
  {
    name: 'no tickets, 未接到',
    text: '区生态环境分局：今日未接到12345工单。',
    expect: { isReport: true, received: 0 },
  },
  {
    name: 'comparison with 同期 does not leak',
    text: '新港镇：今日受理工单5件，较上周同期减少2件，已办结5件。',
    expect: { received: 5, completed: 5 },
  },
  {
    name: 'rate after a comparison',
    text: '凤凰镇：受理6件，办结5件，满意率较昨日提升2个百分点，达98%。',
    expect: { satisfactionRate: 98 },
  },
  {
    name: 'monthly rate in brackets',
    text: '双河镇：受理5件，办结5件，满意率98%（本月96%）。',
    expect: { satisfactionRate: 98 },
  },
  {
    name: 'all counts and both rates',
    text:
      '区住建局：今日受理12件，办结10件，在办2件，超期2件，重办1件，不满意1件，退办1件，不再办理0件，' +
      '按时办结率83.3%，满意率91.7%。',
    expect: {
      received: 12,
      completed: 10,
      inProgress: 2,
      overdue: 2,
      reopened: 1,
      unsatisfied: 1,
      returned: 1,
      onTimeRate: 83.3,
      satisfactionRate: 91.7,
    },
  },
  {
    name: 'reopened sub-counts after top-level ones',
    text: '区城管局：今日受理工单18件，办结16件，在办2件；重办工单3件，已办结2件，在办1件；超期0件。',
    expect: { received: 18, completed: 16, inProgress: 2, reopened: 3, overdue: 0 },
  },
  {
    name: '重办 then 均已办结 in its own clause',
    text: '城东街道：今日受理3件，重办2件，均已办结。',
    expect: { received: 3, reopened: 2, completed: null },
  },
  {
    name: '重办率 and 不满意率 are not counts',
    text: '双河镇：今日受理工单3件，办结3件，按时办结率100%，满意率100%，重办率0，不满意率0。',
    expect: { reopened: null, unsatisfied: null, onTimeRate: 100, satisfactionRate: 100 },
  },
  {
    name: 'chinese numeral percent',
    text: '区公安分局：今日受理工单九件，办结八件，正在办理一件。满意率九十八%。',
    expect: { received: 9, completed: 8, inProgress: 1, satisfactionRate: 98 },
  },
  {
    name: '收件 / 结案',
    text: '区民政局今日诉求办理：收件2件，结案2件，满意率100%。',
    expect: { received: 2, completed: 2, satisfactionRate: 100 },
  },
  {
    name: 'campaign objects of 新增 / 收到',
    text: '城东街道：今日受理4件，办结4件。百日攻坚：今日新增养老床位20张，收到群众锦旗1面。',
    expect: { received: 4, completed: 4 },
  },
  {
    name: 'whole-district summary is not a unit report',
    text: '今日全区共受理工单126件，办结118件，满意率97.2%。',
    expect: { isReport: false },
  },
  {
    name: "leader's instruction naming a person",
    text: '李主任批示：城东街道今日超期2件，要认真分析原因，明天上午报专班。',
    expect: { isReport: false },
  },
  {
    name: 'praise with a thumbs-up',
    text: '城东街道受理8件，全部办结，满意率100%，为你们点赞👍',
    expect: { isReport: false },
  },
  {
    name: 'meeting notice',
    text: '明天上午9:00召开12345工单调度会，请城管局、住建局主要负责同志参加。',
    expect: { isReport: false },
  },
  {
    name: '前一日',
    text: '城东街道前一日工单：受理6件，办结6件。',
    sentAt: '2026-11-21T09:00:00+08:00',
    expect: { date: '2026-11-20' },
  },
  {
    name: 'N日内 is not a date',
    text: '城东街道：今日受理6件，办结6件，5日内完成回访。',
    expect: { date: '2026-11-20', received: 6 },
  },
  {
    name: '3号楼 is not a date',
    text: '城东街道：今日受理6件，办结6件，3号楼漏水问题已协调解决。',
    sentAt: '2026-11-20T17:00:00+08:00',
    expect: { date: '2026-11-20' },
  },
  {
    name: 'category named like a unit is not a second unit',
    text: '【城东街道】今日群众诉求：受理5件（其中住建类2件、城管类3件），已全部办结。',
    expect: { isReport: true, unit: '城东街道', received: 5, completed: 5 },
  },
  {
    name: 'partner units inside the body',
    text: '区住建局：今日会同城东街道、城西街道现场处置3件诉求，受理工单6件，办结6件。',
    expect: { isReport: true, unit: '区住房和城乡建设局', received: 6, completed: 6 },
  },
  {
    name: 'table with bare numbers',
    text:
      '区城管局11月20日：受理：15；办结：14；在办：1；超期：0；重办：0；不满意：0；退办：0；不再办理：0；' +
      '按时办结率：100；满意率：99.3',
    expect: {
      date: '2026-11-20',
      received: 15,
      completed: 14,
      inProgress: 1,
      overdue: 0,
      reopened: 0,
      unsatisfied: 0,
      returned: 0,
      onTimeRate: 100,
      satisfactionRate: 99.3,
    },
  },
  {
    name: 'overdue sub-count in brackets, completed after it',
    text: '城东街道：今日受理6件，1件超期（已办结），5件已办结。',
    expect: { received: 6, completed: 5, overdue: 1 },
  },
  {
    name: 'suffix zero after object words',
    text: '城东街道：今日受理6件，办结6件，逾期工单暂无，回访不满意的无。',
    expect: { overdue: 0, unsatisfied: 0 },
  },
  // ── everyday verbs as heads type them (issue 12, item 3) ─────────────────
  {
    name: 'everyday verbs 收了 / 结了 / 在弄 with 个',
    text: '生态今天收了5个 结了4个 还有1个在弄',
    expect: { isReport: true, received: 5, completed: 4, inProgress: 1 },
  },
  {
    name: 'everyday verbs 接了 / 办完 / 还在处理',
    text: '生态环境分局今天接了5件，办完4件，1件还在处理',
    expect: { isReport: true, unit: '区生态环境分局', received: 5, completed: 4, inProgress: 1 },
  },
  {
    name: 'everyday verbs 新收 / 搞定 / 还在办 with 单',
    text: '今天新收3单，搞定2单，1单还在办',
    expect: { isReport: true, received: 3, completed: 2, inProgress: 1 },
  },
  {
    name: 'everyday verbs 来件 / 处理完 / 没办完 with 条',
    text: '民政今日来件6条 处理完5条 没办完1条',
    expect: { isReport: true, received: 6, completed: 5, inProgress: 1 },
  },
  {
    name: 'everyday verbs 收到…件 / 办好 / 正在弄',
    text: '今天收到工单5件，办好4件，1件正在弄',
    expect: { isReport: true, received: 5, completed: 4, inProgress: 1 },
  },
  {
    name: '接件 / 结件 are received / completed',
    text: '接件5，结件4',
    expect: { isReport: true, received: 5, completed: 4, inProgress: null },
  },
  {
    name: '接件 / 结件 / 在办 between emoji',
    text: '🔥🔥环境分局今日接件5，结件4，在办1🔥🔥',
    expect: { isReport: true, unit: '区生态环境分局', received: 5, completed: 4, inProgress: 1 },
  },
  {
    name: '💯 right after 满意率 is 100%',
    text: '📢📢今日情况：受理5件，办结4件，满意率💯',
    expect: { isReport: true, received: 5, completed: 4, satisfactionRate: 100 },
  },
  {
    name: '💯 elsewhere is a decoration',
    text: '今日受理5件，办结5件💯',
    expect: { isReport: true, received: 5, completed: 5, satisfactionRate: null },
  },
  {
    name: 'everyday verbs in a dispatch answer are not figures',
    text: '湖滨路路灯修好了3个，还有2个在弄',
    expect: { isReport: false, inProgress: null },
  },
  {
    name: 'everyday verbs without what came in are not a report',
    text: '今天办好了3个，还有2个在弄',
    expect: { isReport: false, completed: null, inProgress: null },
  },
  {
    name: 'everyday verbs naming a case code are not a report',
    text: 'D2 收了5个摊位，搞定4个，还有1个在弄',
    expect: { isReport: false, received: null, completed: null, inProgress: null },
  },
  {
    name: 'a bare 收到 before a break is an acknowledgement, not 受理',
    text: '收到，5个都结了',
    expect: { isReport: false, received: null, completed: null },
  },
  {
    name: 'everyday verbs beside a usual figure fill in',
    text: '凤凰镇今天结了6个，满意率100%',
    expect: { isReport: true, received: null, completed: 6, satisfactionRate: 100 },
  },
  {
    name: 'chit-chat with 来了 / 搞定 is not a report',
    text: '领导来了2个小时，事情都搞定了',
    expect: { isReport: false },
  },
];
