import { isHeadOrLiaison, isLeader, isOversight, isSupervisor, type Person } from '../roster.js';
import { type ChannelWording, filesWhere, RECALL_UNSEEN, WORDING_READS_ALL } from './channel.js';

/** What the bot really does that a help text may promise (from the district file). */
export interface HelpFacts {
  reportDeadline: string;
  reportEscalation: string;
  /** 双问责 from this round of a ticket's 双派单. */
  accountabilityRound: number;
  /** Whether the daily ticket nag runs at all. */
  ticketNag: boolean;
  /** 三色督办: working days before the deadline day the 蓝色提醒 goes out (0: none). */
  blueLeadWorkdays: number;
}

const DEFAULT_FACTS: HelpFacts = {
  reportDeadline: '18:00',
  reportEscalation: '18:30',
  accountabilityRound: 3,
  ticketNag: true,
  blueLeadWorkdays: 1,
};

/**
 * The help text, by the asker's roles. Each line says only what the bot does for that role
 * (who gets which escalation is in the routines: report-escalation and dispatch-check to the
 * supervision team, ticket 现场督办 to the supervision team and 提请督办 to the leaders, 双问责 to
 * the supervision team and discipline, weekly summary to the leaders, 回头看 and 月评比 to both).
 */
export function helpText(p: Person, f: HelpFacts = DEFAULT_FACTS, w: ChannelWording = WORDING_READS_ALL): string {
  const lines = ['您好，我是督办助手，负责本群12345热线工作的日报汇总、工单督办和点对点调度。'];
  // Where the bot reads only @-messages, every answer in the group must @ it (or be sent privately).
  const send = w.readsAll ? '在群内发送' : `@${w.bot} 发送（或私聊${w.bot}）`;
  const tap = (reply: string) => (w.cards ? `点击卡片下方“签收”，或回复${reply}` : `回复${reply}`);
  if (isHeadOrLiaison(p)) {
    lines.push(
      `· 每个工作日${f.reportDeadline}前${send}本单位日报，无需固定格式，以单位名称开头，写明受理、办结、` +
        `在办、超期、重办、不满意等件数即可。报错了直接发更正，如“更正：受理应为7件”，只改所写的数字；` +
        // Where recalls are never seen, a recall cancels nothing: say so instead.
        (w.recalls ? '撤回日报即作废该次报送。' : RECALL_UNSEEN),
    );
    if (!w.readsAll) lines.push(`· 在群内回复我时请@${w.bot}，也可直接私聊${w.bot}。`);
    lines.push(`· 收到调度后${tap('“收到”')}签收，办理后直接回复结果（同时有多件调度时请注明编号，如 D12）。`);
    lines.push(
      `· 收到工单督办后${tap('“签收”')}，办结后可回复“工单编号 已办结 说明”；申请退办、不再办理请发“申请退办 ` +
        '工单编号 理由”或“申请不再办理 工单编号 理由”。',
    );
    const dualSign = w.cards ? '点击卡片下方“签收”或回复“SP3 签收”，办理情况回复' : '回复“SP3 签收”或';
    lines.push(`· 双派单（编号 SP 开头）${dualSign}“SP3 办理情况”，倒查问题回复“SP3 倒查 1. … 2. …”。`);
    lines.push(
      '· “四个必到”走访事项（编号 V 开头）须由单位负责同志亲自上门，走访后回复“V7 已上门 日期 走访人 达成事项”，' +
        '补充或更正回复“V7 补充：…”“V7 更正：…”；工单短期内难以解决的，回复“工单编号 短期内难以解决 原因”。',
    );
    const blue =
      f.blueLeadWorkdays > 0
        ? `到期前${f.blueLeadWorkdays === 1 ? '一' : f.blueLeadWorkdays}个工作日【蓝色提醒】，`
        : '';
    lines.push(
      `· 督办提醒按三色标注：${blue}到期当日【黄色预警】，超期或多次延期、多次不满意【红色督办】；` +
        '书面督办另附《催办通知书》，请按通知要求书面反馈。',
    );
    lines.push('· 发送“我的待办”可查看本单位未答复的调度、双派单、超期和重办工单及待完成的领导走访。');
  }
  if (isLeader(p)) {
    const at = w.readsAll ? '在群内@相关负责同志' : `在群内@${w.bot} 并@相关负责同志`;
    lines.push(`· ${at}或写明单位即可下达点对点调度，我会逐一转办并跟踪；也可私信我“转办 单位：事项”。`);
    lines.push('· 发送“调度进展”查看未办结的调度，发送“调度进展 D12”查看一件调度的全过程。');
    lines.push('· 发送“必到走访情况”可查看全区“四个必到”待走访情况。');
    lines.push('· 退办、不再办理申请回复“同意 TB001”或“不同意 TB001 理由”。');
    const tickets = f.ticketNag ? '工单经即时、书面、现场督办仍未办结的，我会点对点提请您督办（附《督办函》）；' : '';
    lines.push(
      `· ${tickets}每周汇总（附本周热点：近7天工单明显上升的问题分类和地点）、每月回头看和月评比结果会私信发送给您。`,
    );
  }
  if (isSupervisor(p)) {
    const tickets = f.ticketNag ? '工单经书面督办仍未办结的，会提请您赴现场督办；' : '';
    lines.push(
      `· ${f.reportEscalation}仍未报送日报的单位、超过时限仍未反馈的调度，会点对点提请您督办；${tickets}` +
        `每月回头看和月评比结果也会私信发送给您。`,
    );
    lines.push(
      '· 导入工单后，同一地点同类诉求近期多次出现的，我会在群内发出重复诉求预警（编号 C 开头）；' +
        '回复“查看 C12”可查看一处的全部工单，无需跟进的回复“忽略 C12”。',
    );
    lines.push(
      '· “四个必到”领导走访逾期未登记的，我会私信提请您跟进；发送“必到走访情况”可查看全区待走访情况，' +
        '各项明细可在控制台查看。',
    );
  }
  if (isSupervisor(p) || p.roles.includes('discipline')) {
    lines.push(
      `· 同一工单双派单达到第${f.accountabilityRound}轮，或两方均超过答复时限经各级督办仍未答复的，` +
        `我会将双问责案件及证据链点对点发送给您，供依规核查。`,
    );
  }
  if (isOversight(p)) {
    lines.push(`· ${filesWhere(w)}12345平台导出的工单清单（.xlsx 或 .csv）即可导入。`);
  }
  lines.push('· 私信我“控制台”可获取控制台登录链接。');
  return lines.join('\n');
}

/** The help facts of a district file. */
export function helpFacts(c: {
  routines: { reportDeadline: string; reportEscalation: string; ticketNag: readonly string[] };
  dual: { accountabilityRound: number };
  tickets: { colours: { blueLeadWorkdays: number } };
}): HelpFacts {
  return {
    reportDeadline: c.routines.reportDeadline,
    reportEscalation: c.routines.reportEscalation,
    accountabilityRound: c.dual.accountabilityRound,
    ticketNag: c.routines.ticketNag.length > 0,
    blueLeadWorkdays: c.tickets.colours.blueLeadWorkdays,
  };
}

/** The answer to a greeting addressed to the bot (@督办助手 早 / 你好 / 在吗), once a day per person. */
export function greetingText(unitWorker: boolean): string {
  return unitWorker ? '您好！需要帮助可发送“帮助”，查看本单位待办可发送“我的待办”。' : '您好！需要帮助可发送“帮助”。';
}
