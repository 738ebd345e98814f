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
export function dualSideState(s: { deliveredAt: unknown; ackedAt: unknown; answeredAt: unknown; backcheckAskedAt: unknown; backcheckAt: unknown }): string {
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
