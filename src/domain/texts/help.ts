import type { Person } from '../roster.js';

/** The help text, by the asker's roles. */
export function helpText(p: Person): string {
  const lines = ['您好，我是督办助手，负责本群12345热线工作的日报汇总、工单督办和点对点调度。'];
  if (p.roles.includes('head') || p.roles.includes('liaison')) {
    lines.push('· 每个工作日18:00前在群内发送本单位日报，无需固定格式，以单位名称开头，写明受理、办结、在办、超期、重办、不满意等件数即可。');
    lines.push('· 收到调度后回复“收到”签收，办理后直接回复结果（同时有多件调度时请注明编号，如 D12）。');
    lines.push('· 收到工单催办后回复“签收”，办结后可回复“<工单编号> 已办结 <说明>”；申请退办、不再办理请发“申请退办 <工单编号> <理由>”或“申请不再办理 <工单编号> <理由>”。');
    lines.push('· 双派单（编号 SP 开头）回复“SP3 签收”或“SP3 <办理情况>”，倒查问题回复“SP3 倒查 1. … 2. …”。');
    lines.push('· 发送“我的待办”可查看本单位未答复的调度、双派单和超期、重办工单。');
  }
  if (p.roles.includes('leader')) {
    lines.push('· 在群内@相关负责同志或写明单位即可下达点对点调度，我会逐一转办并跟踪；也可私信我“转办 单位：事项”。');
    lines.push('· 发送“调度进展”查看未办结的调度，发送“调度进展 D12”查看一件调度的全过程。');
    lines.push('· 退办、不再办理申请回复“同意 <编号>”或“不同意 <编号> <理由>”。');
  }
  if (p.roles.includes('supervisor') || p.roles.includes('discipline')) {
    lines.push('· 未按时报送、逾期未办的事项会点对点提请您督办。');
  }
  if (p.roles.includes('supervisor') || p.roles.includes('leader')) {
    lines.push('· 在群内或私信发送12345平台导出的工单清单（.xlsx 或 .csv）即可导入。');
  }
  lines.push('· 私信我“控制台”可获取控制台登录链接。');
  return lines.join('\n');
}
