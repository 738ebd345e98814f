/**
 * Synonym tables for the daily-report parser. Pure data: the tokenizer matches these
 * leftmost-longest, so a longer phrase (未办结, 不满意, 重新交办) beats its parts.
 */

export type CountField = 'received' | 'completed' | 'inProgress' | 'overdue' | 'reopened' | 'unsatisfied' | 'returned';
export type RateField = 'onTimeRate' | 'satisfactionRate';
/** 退办 and 不再办理 are summed into `returned`; each part is kept on its own first. */
export type ReturnedPart = 'tuiban' | 'buzai';

export type LexEntry =
  | {
      text: string;
      kind: 'kw';
      field: CountField;
      weak?: boolean;
      part?: ReturnedPart;
      zero?: boolean;
      /** Everyday verbs (收了, 结了, 在弄): they count only in a report-like message (see colloquial.ts). */
      colloquial?: boolean;
    }
  | { text: string; kind: 'zero' }
  | { text: string; kind: 'cumul' | 'compare' | 'reset' | 'all' | 'each' | 'resp' | 'filler' | 'sub' };

function kws(
  field: CountField,
  words: readonly string[],
  extra: { weak?: boolean; part?: ReturnedPart; zero?: boolean; colloquial?: boolean } = {},
): LexEntry[] {
  return words.map((text) => ({ text, kind: 'kw' as const, field, ...extra }));
}

function plain(
  kind: 'zero' | 'cumul' | 'compare' | 'reset' | 'all' | 'each' | 'resp' | 'filler' | 'sub',
  words: readonly string[],
): LexEntry[] {
  return words.map((text) => ({ text, kind }) as LexEntry);
}

/** Receiving verbs that take any ticket object (受理噪声类工单7件). */
const RECEIVED_STRONG = [
  '新受理',
  '受理',
  '新接收',
  '接收',
  '新接',
  '新收',
  '承办',
  '接单',
  '新接单',
  '收件',
  '新收件',
  '接件',
  '新接件',
  // 共接 / 共收 (RECEIVED_WEAK) would cut these short.
  '共接收',
  '共接单',
  '共接件',
  '共收件',
];
/** Receiving verbs that also take other objects (新增学位, 收到感谢信): need a ticket object. */
const RECEIVED_WEAK = [
  '新增',
  '收到',
  '接到',
  '接了',
  '共接',
  '共收',
  '共接到',
  '共收到',
  '今日工单',
  '今天工单',
  '当日工单',
  '当天工单',
  '交办',
  '派发',
  '派单',
  '新派',
  '下派',
  '来件',
  '转来',
  '分派',
  '转派',
];
/** "No tickets" phrases: received = 0. */
const RECEIVED_ZERO = [
  '无工单',
  '暂无工单',
  '没有工单',
  '无新工单',
  '零工单',
  '未接到工单',
  '未收到工单',
  '未接到',
  '未收到',
  '未接收',
  '无诉求',
  '暂无诉求',
  '无新诉求',
  '无来电',
  '无新增',
  '暂无新增',
  '没有新增',
  '未新增',
  '无新受理',
  '未受理新',
];

const COMPLETED = ['办结', '办理完毕', '处理完毕', '办毕', '结案', '办完', '完结', '结办', '办理完结', '结件', '结单'];
const IN_PROGRESS = [
  '在办',
  '正在办理',
  '正在处理',
  '正在办',
  '办理中',
  '处理中',
  '处置中',
  '未办结',
  '尚未办结',
  '未办完',
  '尚在办理',
  '待办结',
  '待办',
  '在途',
  '仍在办理',
  '在办理中',
  '正在办理中',
  '跟进中',
  '正在跟进',
  '未结办',
  '未完结',
  // Longer than the everyday 在处理 / 还在处理 (IN_PROGRESS_COLLOQUIAL) that start them: still plain words.
  '在处理中',
  '还在处理中',
];
/**
 * The figures as heads type them on a phone (收了5个 结了4个 还有1个在弄, 新收3单 搞定2单): taken only when the
 * message is report-like (colloquial.ts), so that chatter and a dispatch answer (路灯修好了3个，还有2个在弄) stay
 * what they are. A bare 收到 is an acknowledgement: only 收到…件 (RECEIVED_WEAK) reads as received.
 */
const RECEIVED_COLLOQUIAL = ['收了', '新收了', '新接了', '来了'];
const COMPLETED_COLLOQUIAL = ['结了', '办好', '处理完', '处理好', '搞定', '弄完', '弄好', '结掉', '处理掉'];
const IN_PROGRESS_COLLOQUIAL = [
  '在弄',
  '还在弄',
  '正在弄',
  '在处理',
  '还在处理',
  '还在办',
  '没办完',
  '没有办完',
  '还没办完',
  '没处理完',
  '没弄完',
  '没结',
  '还没结',
  '未结',
  // 剩1个明天回访 / 还剩2件 / 剩下1件: what is left is still being handled.
  '剩',
  '还剩',
  '剩下',
  '剩了',
];
const OVERDUE = [
  '超期',
  '逾期',
  '超时',
  '超期未办结',
  '逾期未办结',
  '超时未办结',
  '超期未办',
  '逾期未办',
  '超期未结',
  '超出时限',
  '超过时限',
  '超时限',
];
const REOPENED = [
  '重办',
  '回退重办',
  '退回重办',
  '重新交办',
  '重新办理',
  '二次交办',
  '再次交办',
  '重新派单',
  '重派',
  '二次办理',
  '重新派发',
  '被退回重办',
  '返工重办',
  '退回重新办理',
];
const UNSATISFIED = ['不满意', '差评', '不满意件'];
const RETURNED_TUIBAN = ['退办', '退单', '申请退办'];
const RETURNED_BUZAI = ['不再办理', '申请不再办理', '无需再办理', '不予办理'];

/** Words meaning zero before (无超期) or after (超期：无) a keyword. 零 is handled as a numeral. */
const ZERO = [
  '无',
  '没有',
  '暂无',
  '无一',
  '未发生',
  '未出现',
  '未产生',
  '未有',
  '均无',
  '并无',
  '皆无',
  '都没有',
  '均没有',
  '不存在',
  '无任何',
];
/** Words starting with 无 that are not a zero (无法办结 is not completed = 0). */
const NOT_ZERO = [
  '无法',
  '无需',
  '无须',
  '无论',
  '无人',
  '无证',
  '无照',
  '无序',
  '无误',
  '无异议',
  '无偿',
  '无障碍',
  '无主',
  '无物业',
  '无效',
  '无关',
  '无力',
  '无故',
  '无理',
  '无明显',
  '无意',
  '无缝',
  '无感',
  '无休',
  '无忧',
  '无死角',
  '无纸化',
  '无遗漏',
  '无差别',
  '没有办法',
  '没有及时',
  '有无',
  '无人机',
];
/** Markers that make a figure a cumulative / other-period one: it never fills a field. */
const CUMUL = [
  '累计',
  '本月',
  '本年',
  '今年',
  '本周',
  '本季度',
  '本季',
  '全年',
  '当月',
  '上月',
  '上周',
  '去年',
  '年度',
  '月度',
  '年内',
  '月份',
  '以来',
  '至今',
  '截至目前',
  '截止目前',
  '截至当前',
  '截止当前',
  '截至现在',
  '历年',
  '近一周',
  '近一月',
  '近一个月',
  '近七日',
  '近7日',
  '近三日',
  '近一年',
  '本轮',
  '总量',
  '上半年',
  '下半年',
  '季度',
  '同期',
  '全月',
  '整月',
  '当年',
  '本年度',
  '月累计',
  '年累计',
  '周累计',
  '历史',
  '存量',
  '往年',
  '昨日累计',
];
/** Comparison words: the figure in that clause is a difference, not a count. */
const COMPARE = [
  '较',
  '同比',
  '环比',
  '比昨',
  '比上',
  '相比',
  '与昨日',
  '与上',
  '增加',
  '减少',
  '下降',
  '上升',
  '增长',
];
/** Words that bring the figures back to today after a marker. */
const RESET = ['今日', '今天', '当日', '本日', '当天', '截至今日'];
const ALL = ['均', '全部', '都', '悉数', '全数', '一律', '全都', '均已全部', '已全部'];
const EACH = ['各'];
const RESP = ['分别', '依次'];
const SUB = ['其中'];
/** Fillers that must beat a shorter keyword starting at the same place. */
const FILLER = [
  '满意度',
  '办理情况',
  '各单位',
  '各镇街',
  '各部门',
  '各街道',
  '各社区',
  '各网格',
  '各村',
  '各类',
  '各项',
  '各级',
  '各方',
  '都市',
  '首都',
  '均衡',
  '人均',
  '平均',
  '全部门',
  '受理员',
  '办结单',
  '接收人',
  '承办人',
  '承办单位',
  '交办单',
  '接收站',
  '派单员',
  '收到后',
  '共接听',
  '共接待',
  '共收集',
  '收到请回复',
  '待办事项',
  '超期预警',
];

export const LEXICON: readonly LexEntry[] = [
  ...kws('received', RECEIVED_STRONG),
  ...kws('received', RECEIVED_WEAK, { weak: true }),
  ...kws('received', RECEIVED_ZERO, { zero: true }),
  ...kws('completed', COMPLETED),
  ...kws('inProgress', IN_PROGRESS),
  ...kws('received', RECEIVED_COLLOQUIAL, { weak: true, colloquial: true }),
  ...kws('completed', COMPLETED_COLLOQUIAL, { colloquial: true }),
  ...kws('inProgress', IN_PROGRESS_COLLOQUIAL, { colloquial: true }),
  ...kws('overdue', OVERDUE),
  ...kws('reopened', REOPENED),
  ...kws('unsatisfied', UNSATISFIED),
  ...kws('returned', RETURNED_TUIBAN, { part: 'tuiban' }),
  ...kws('returned', RETURNED_BUZAI, { part: 'buzai' }),
  ...plain('zero', ZERO),
  ...plain('filler', NOT_ZERO),
  ...plain('cumul', CUMUL),
  ...plain('compare', COMPARE),
  ...plain('reset', RESET),
  ...plain('all', ALL),
  ...plain('each', EACH),
  ...plain('resp', RESP),
  ...plain('sub', SUB),
  ...plain('filler', FILLER),
];

/** Entries grouped by first character, longest first, for leftmost-longest matching. */
const BY_FIRST = new Map<string, LexEntry[]>();
for (const e of LEXICON) {
  const c = e.text[0] as string;
  const list = BY_FIRST.get(c) ?? [];
  list.push(e);
  BY_FIRST.set(c, list);
}
for (const list of BY_FIRST.values()) list.sort((a, b) => b.text.length - a.text.length);

/** The longest lexicon entry starting at `i`, if any. */
export function matchLexicon(s: string, i: number): LexEntry | undefined {
  const list = BY_FIRST.get(s[i] as string);
  if (list === undefined) return undefined;
  for (const e of list) if (s.startsWith(e.text, i)) return e;
  return undefined;
}

/** Whether a count keyword (not a marker or filler) starts at `i`. */
export function keywordAt(s: string, i: number): boolean {
  const e = matchLexicon(s, i);
  return e !== undefined && (e.kind === 'kw' || e.kind === 'zero');
}

/** Ticket-like objects that let a weak receiving verb count (收到工单 yes, 收到感谢信 no). */
export const TICKET_OBJECT = /工单|诉求|述求|来电|投诉|举报|咨询|求助|热线|件|问题|派单|交办|类|12345|单/;

/** Rate names, matched on the text just before 率 (the "core" is what the match covers). */
export const RATE_CORES: ReadonlyArray<{ re: RegExp; field: RateField | null }> = [
  { re: /不满意$/, field: null },
  { re: /(?:按时|按期|及时|准时|如期)(?:办结|办理|完成|办毕|处置|结办|办)$/, field: 'onTimeRate' },
  { re: /办结及时$/, field: 'onTimeRate' },
  { re: /^(?:按时|按期|及时|准时)$/, field: 'onTimeRate' },
  {
    re: /(?:回访|群众|诉求|述求|市民|综合|总体|整体|服务|工单|热线|基本|非常|来电|办理|办件)*满意$/,
    field: 'satisfactionRate',
  },
];
