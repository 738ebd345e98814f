/**
 * A statement about the whole day's tickets (今日工单已全部办结 / 今天的件都办完了 / 工单均已按时办结): it names no
 * ticket, dispatch or 双派单 round, so it is never any item's answer (pure). With figures it is a daily report, read as
 * such before this.
 */
import { plainWords } from '../language/intent.js';

/** All of them: 全部 / 都 / 均 / 全 / 所有 / 一律. */
const ALL = /全部|都|均|全|所有|一律|悉数|统统/;
/** Done: 办结 / 办完 / 处理完 / 完成 … */
const DONE = /办结|办完|处理完|处置完|办理完毕|处理完毕|完成|解决|答复完|回复完/;
/** The day's tickets: 工单 / 件 / 单子 / 诉求, or today. */
const TICKETS = /工单|件|单子|诉求|热线/;
/** A count (5件, 五件): figures make a report, not this. */
const FIGURES = /\d+\s*件|[零一二三四五六七八九十两百]+件/;
/** Words such a statement is made of; anything else left over names something. */
const FILLER = new RegExp(
  [
    '办结|办完|处理完|处置完|办理完毕|处理完毕|完毕|完成|解决|答复完|回复完|办理|处理|处置|答复|回复',
    '工单|件|单子|诉求|热线|12345|派单|受理|接到|接收|收到|交办|转办|新增',
    '今日|今天|当日|当天|本日|截至目前|截止目前|目前|现在|昨日|昨天|今',
    '已经|已|都|均|全部|全|所有|一律|悉数|统统|按时|按期|及时|准时|顺利|在时限内|时限内',
    '的|了|啦|哈|呢|各位领导|领导|报告|汇报|请知悉|特此报告|谢谢|好的|嗯',
    '(?:我们|我|本)(?:局|单位|镇|街道|科|中心|分局)?|局里|单位',
  ].join('|'),
  'g',
);

export function isDayTicketsStatement(text: string): boolean {
  const s = plainWords(text);
  if (s === '' || s.length > 60 || FIGURES.test(s)) return false;
  if (!ALL.test(s) || !DONE.test(s) || !TICKETS.test(s)) return false;
  return s.replace(FILLER, '').replace(/[^\u4e00-\u9fa5]/g, '') === '';
}
