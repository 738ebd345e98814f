import { figureLabels } from './figures.js';
/** Every console text the bot sends in the chat, and the console's fixed page texts (zh-CN). */

export const CONSOLE_COMMAND = /^(控制台|后台|看板|登录控制台)$/;

export function consoleLinkText(url: string, minutes: number, scope: string): string {
  return `控制台登录链接（${minutes}分钟内有效，仅可使用一次，请勿转发）：\n${url}\n登录后可查看：${scope}。`;
}

/** Said in the group instead of a login link when the person cannot be messaged privately. */
export const CONSOLE_LINK_WITHHELD = '登录链接只能私聊发送。请先添加督办助手为好友，再私聊发送“控制台”获取。';
/** To 控制台 typed in the group: the link is never posted there. */
export const CONSOLE_ASK_PRIVATELY = '控制台登录链接只在私聊中发送，请私聊督办助手发送“控制台”获取。';
/** The same for any other message that must stay private. */
export const WITHHELD_NOTICE = '有一条消息只能私聊发送，请先添加督办助手为好友后私聊获取。';

export const CONSOLE_SCOPE_ALL = '全区今日日报、工单督办、调度进展和月度评比';
export const consoleScopeUnit = (unitName: string) => `${unitName}的日报、工单和调度`;

export const CONSOLE_NOT_ALLOWED = '控制台仅向区领导、督导专班和各单位负责同志、联络员开放。如需查看，请联系督导专班。';

export const CONSOLE_NEED_LOGIN = '请私聊督办助手发送“控制台”获取登录链接。';
export const CONSOLE_LINK_INVALID = '登录链接无效或已过期（链接仅可使用一次）。';
export const CONSOLE_FORBIDDEN = '您无权查看此页面：单位负责同志和联络员仅可查看本单位情况。';

/** A 双派单 side's state on the 调度 page. */
export function dualSideState(s: {
  deliveredAt: unknown;
  ackedAt: unknown;
  answeredAt: unknown;
  backcheckAskedAt: unknown;
  backcheckAt: unknown;
}): string {
  if (s.backcheckAt) return '已倒查';
  if (s.backcheckAskedAt) return '待倒查答复';
  if (s.answeredAt) return '已答复';
  if (s.ackedAt) return '已签收';
  if (s.deliveredAt) return '未签收';
  return '待送达';
}

/** One line of a 双派单 round's timeline (the evidence's own wording: unit, what, who, text). */
export const dualTimelineText = (e: { unit: string; what: string; who: string; text: string }): string =>
  `${e.unit}${e.what}${e.who ? `（${e.who}）` : ''}${e.text ? `：${e.text}` : ''}`;

// ---- The console's pages (src/http/console/): titles, labels, empty states, errors. The HTML stays there. ----

/** The shell: brand, tabs, sign-out, the page title's suffix. */
export const SHELL = {
  brand: '督办控制台',
  tabs: { today: '今日', tickets: '工单', dispatch: '调度', ranking: '月评比', campaign: '百日攻坚' },
  logout: '退出',
  /** The browser tab's title: the page's, then the brand. */
  title: (page: string) => (page === '督办控制台' ? page : `${page} · 督办控制台`),
  chartFailed: '图表加载失败',
} as const;

/** Login, sign-out and refusals. */
export const AUTH = {
  forbiddenTitle: '无权查看',
  back: '返回',
  needLoginTitle: '请先登录',
  linkInvalidTitle: '链接无效',
  cannotLoginTitle: '无法登录',
  loginTitle: '督办控制台',
  loginHint: '点击下方按钮登录。登录链接仅可使用一次。',
  loginButton: '进入控制台',
} as const;

/** Report states in the 今日 and unit tables. */
export const REPORT_STATE = { missing: '未报', due: '待报', late: '迟报', filed: '已报' } as const;
/** A report's figures (column heads, chart series, cards). */
export const FIGURE = figureLabels([
  'received',
  'completed',
  'inProgress',
  'overdue',
  'reopened',
  'unsatisfied',
  'satisfactionRate',
]);

/** 今日. */
export const TODAY = {
  title: (monthDay: string, isToday: boolean) => `${monthDay} 日报${isToday ? '（今日）' : ''}`,
  reportedUnits: '已报单位',
  late: '迟报',
  /** A total's card: 件, with how many units gave it when only some did. */
  figureCard: (label: string, givenBy: number | null) => `${label}（件${givenBy !== null ? `·${givenBy}个单位` : ''}）`,
  attention: '需关注',
  columns: ['单位', '状态', '受理', '办结', '在办', '超期', '重办', '不满意', '满意率', '报送时间'],
  chartTitle: '各单位受理与办结',
  previousDay: '‹ 前一天',
  nextDay: '后一天 ›',
  today: '今天',
  notWorkday: '当天不是工作日，无需报送。',
} as const;

/** 工单. */
export const TICKETS = {
  title: '工单',
  heading: (scope: string) => `工单督办 · ${scope}`,
  district: '全区',
  allUnits: '全部单位',
  notStarted: '未启动',
  immediateTimes: (times: number, last: string) => `共${times}次，最近${last}`,
  withImmediate: (times: number) => `（即时督办${times}次）`,
  overdueDays: (days: number) => `超期${days}个工作日`,
  reopenedTimes: (n: number) => `重办${n}次`,
  /** 三色督办: why a ticket not overdue is red (its history). */
  extendedTimes: (n: number) => `延期${n}次`,
  unsatisfiedTimes: (n: number) => `不满意${n}次`,
  returnApproved: '退办已获批准，待平台处理',
  reportedDone: '单位已报办结，待平台确认',
  noTitle: '—',
  overdueTag: (n: number) => `超期${n}`,
  reopenedTag: (n: number) => `重办${n}`,
  columns: { number: '工单编号', title: '标题', due: '办理时限', state: '情况', step: '督办步骤' },
  overdueCard: '超期工单',
  reopenedCard: '重办工单',
  seriesOverdue: '超期',
  seriesReopened: '重办（未超期）',
  empty: '没有超期或重办的工单。',
} as const;

/** 调度 (dispatches and 双派单 rounds). */
export const DISPATCH = {
  title: '调度',
  heading: '点对点调度',
  /** A dispatch's timeline events. */
  events: {
    created: '下达',
    delivered: '送达',
    posted: '群内发布',
    ack: '签收',
    answer: '答复',
    forwarded: '转告领导',
    'ask-which': '询问编号',
    'ack-reminder': '催签收',
    'blue-reminder': '蓝色提醒',
    'due-reminder': '到期提醒',
    late: '逾期',
    supervisors: '提请督导专班',
    'leader-status': '向领导报告进展',
  } as Record<string, string>,
  answered: '已答复',
  late: '逾期',
  acked: '已签收',
  unacked: '未签收',
  undelivered: '待送达',
  urgent: '急',
  done: '已办结',
  overdue: '已逾期',
  inProgress: '办理中',
  issued: (who: string, at: string, due: string, defaultDue: boolean) =>
    `${who} · ${at} 下达 · 时限 ${due}${defaultDue ? '' : '（默认）'}`,
  columns: { unit: '单位', state: '状态', delivered: '送达', acked: '签收', answered: '答复', side: '一方' },
  timeline: (n: number) => `全程记录（${n}）`,
  dualHeading: (code: string, ticket: string) => `${code} 工单 ${ticket}`,
  cards: { open: '未办结调度', overdue: '已逾期', unacked: '未签收（单位次）', recentDone: '近7天办结' },
  dual: '双派单',
  noDual: '没有进行中的双派单。',
  noOpen: '没有未办结的调度。',
  recentDone: '近7天已办结',
} as const;

/** 四个必到: the visits owed and done, per unit. */
export const VISITS = {
  title: '领导走访',
  heading: (scope: string) => `领导走访（四个必到） · ${scope}`,
  link: '领导走访（四个必到）',
  allUnits: '全部单位',
  cards: { owed: '待走访', overdue: '逾期未走访', done: '近30天已走访' },
  owedTag: (n: number) => `待走访${n}`,
  overdueTag: (n: number) => `逾期${n}`,
  doneTag: (n: number) => `已走访${n}`,
  columns: { code: '编号', ticket: '工单', reason: '原因', due: '时限', state: '情况', record: '走访记录' },
  done: '已走访',
  owed: '待走访',
  overdue: '已逾期',
  escalated: '已报督导专班',
  reminded: (at: string) => `最近提醒 ${at}`,
  record: (day: string, visitor: string | null, agreed: string | null) =>
    `${day} ${visitor ?? '（走访人未注明）'}${agreed ? `：${agreed}` : ''}`,
  noRecord: '—',
  rule:
    '群众要求面对面沟通、工单多次重办、群众不满意、问题短期内难以解决的，须由单位负责同志亲自上门走访。' +
    '列出待走访和近30天已走访的事项。',
  empty: '没有待走访或近30天已走访的事项。',
  unitLine: (owed: number, overdue: number) =>
    `领导走访（四个必到）：待走访${owed}件${overdue > 0 ? `，其中逾期${overdue}件` : ''} · `,
  unitLink: '查看走访',
} as const;

/** 月评比. */
export const RANKING = {
  title: '月评比',
  heading: (month: string, current: boolean) => `${month} 月度评比${current ? '（本月截至今日）' : ''}`,
  trialLabel: '试运行/数据不完整',
  trial: (c: { workdays: number; counted: number; share: number }, minCoverage: number) =>
    `：该月${c.workdays}个工作日中，督办助手运行了${c.counted}天（${Math.round(c.share * 100)}%，` +
    `不足${Math.round(minCoverage * 100)}%），结果仅供参考，不在群内公布。`,
  empty: '该月没有日报数据，暂无评比。',
  columns: ['名次 单位', '得分', '按时办结率', '满意率', '重办率', '签收及时率', '报送及时率'],
  radar: ['按时办结率', '满意率', '非重办率', '签收及时率', '报送及时率'],
  rank: '名次',
  scoreChart: '综合得分',
  radarChart: '前三与后三',
  historyChart: '近6个月名次',
} as const;

/** A unit's page. */
export const UNIT = {
  notFoundTitle: '未找到',
  notFound: '没有这个单位',
  days: (from: string, to: string) => `近30天（${from}–${to}）`,
  axisCount: '件',
  axisPercent: '%',
  cards: {
    reported: '报送（工作日）',
    late: '迟报（次）',
    received: '受理（件）',
    completed: '办结（件）',
    overdue: '超期（件次）',
    reopened: '重办（件）',
    unsatisfied: '不满意（件）',
  },
  chartTitle: '近30天受理、办结与满意率',
  pending: '待办',
  tickets: { overdue: '工单：超期 ', reopened: '件，重办 ', end: '件 · ', link: '查看工单' },
  openDispatches: '未办结调度：',
  noOpenDispatches: '没有未办结的调度。',
  columns: ['日期', '状态', '受理', '办结', '在办', '超期', '重办', '不满意', '满意率'],
} as const;

/** The simulator's chat page (/sim). */
export const SIM = {
  title: '模拟群',
  heading: (topic: string) => `模拟群：${topic}`,
  hint:
    '模拟模式：以名单中任何人的身份发言；Enter 发送，Shift+Enter 换行（多行日报照常粘贴）；' +
    '私聊“控制台”可获取控制台登录链接。',
  roles: {
    leader: '区领导',
    supervisor: '督导专班',
    discipline: '纪检监察',
    head: '负责人',
    liaison: '联络员',
  } as Record<string, string>,
  stranger: (id: string) => `${id}，不在名单上`,
  strangers: '名单外的群成员（机器人不认识）',
  speaker: '发言人',
  sendTo: '发到',
  toGroup: '群内',
  toBot: '私聊机器人',
  placeholder: '例如：今日受理12件，办结10件（Shift+Enter 换行）',
  send: '发送',
  bot: '督办助手',
  group: '群',
  file: '（文件）',
  privateTag: '[私聊] ',
  groupTag: '[群] ',
  noMessages: '还没有消息。',
  /** WeCom AI-bot mode: a group message without @ never reaches the bot. */
  wecomHint: (bot: string) => `企业微信智能机器人模式：群里须 @${bot} 机器人才看得到，私聊都看得到。`,
  notMentioned: (bot: string) => `机器人没有看到这条群消息：须 @${bot}，或改为私聊。`,
} as const;

/** 百日攻坚: per field and item, target, done, time gone against done, and a sparkline. */
export const CAMPAIGN = {
  title: '百日攻坚',
  heading: (counter: string | null, name: string, day: string) => counter ?? `${name}（${day}）`,
  asOf: (monthDay: string) => `数据截至${monthDay}，按各牵头单位日报中报送的进展计算。`,
  empty: '配置文件中尚未列出百日攻坚任务（campaign.items）。',
  cards: { items: '攻坚任务', behind: '进度滞后', onTrack: '按计划推进', unreported: '未报进展', done: '已完成' },
  columns: ['任务', '牵头单位', '目标', '已完成', '完成进度', '时间进度', '状态', '走势'],
  states: {
    behind: '滞后',
    'on-track': '正常',
    unreported: '未报进展',
    done: '已完成',
    'not-started': '未开始',
  },
  milestone: (monthDay: string, value: string, note: string | undefined) =>
    `节点：${monthDay}前累计${value}${note ? `（${note}）` : ''}`,
  sparkline: '实线为累计完成，虚线为计划进度',
} as const;
