/**
 * What the importer knows of the platforms' exports, as data: the column names per field, the
 * status words and the rating words. Names and words are compared after `normalizeLabel`
 * (full/half width, blanks, 繁體 → 简体, a trailing note in brackets such as （单位） or （必填）),
 * so each is listed once, in simplified characters.
 *
 * Sources: 12345 exports as districts receive them — Beijing 接诉即办 (工单编号, 主要内容,
 * 主办单位, 被反映街乡镇, 是否满意, 是否重启流程工单), the county 办件 / 工单接收 systems
 * (市派单时间, 区派单时间, 处理时限, 处理科室, 处理社区/居委会, 回访结果), Shanghai-style 诉求
 * lists (诉求编号, 登记时间, 事件状态, 街道名称, 部门办理截止时间, 评价满意度), 民心网-style
 * 诉求请示单 (受理编号, 投诉标题, 责任部门, 投诉时间, 拟办时间), 城运 / 网格 case systems
 * (案件编号, 任务号, 上报时间, 派遣时间, 处置部门, 处置时限, 案件状态), Jinan-style lists
 * (工单号, 承办单位, 办理时限, 办理状态, 回访满意度).
 *
 * A district adds its own column names under `tickets.columns` in its district file: they are
 * tried before these. Order matters within a field: an exact name earlier in the list wins over
 * a later one; a column serves one field only.
 */
import type { TicketField } from '../../config/schema.js';

export const COLUMN_NAMES: Readonly<Record<TicketField, readonly string[]>> = {
  number: [
    '工单编号',
    '工单号',
    '受理编号',
    '诉求编号',
    '办件编号',
    '案件编号',
    '案卷编号',
    '市级工单编号',
    '区级工单编号',
    '工单流水号',
    '流水号',
    '受理号',
    '诉求号',
    '件号',
    '办件号',
    '案件号',
    '任务号',
    '任务编号',
    '事件编号',
    '交办单号',
    '来电编号',
    '业务编号',
    '单号',
    '编号',
  ],
  title: [
    '标题',
    '工单标题',
    '诉求标题',
    '投诉标题',
    '办件标题',
    '案件标题',
    '事件标题',
    '事项标题',
    '问题标题',
    '诉求主题',
    '主题',
    '诉求摘要',
    '摘要',
  ],
  content: [
    '诉求内容',
    '主要内容',
    '工单内容',
    '问题描述',
    '诉求描述',
    '工单描述',
    '来电内容',
    '投诉内容',
    '反映内容',
    '事件描述',
    '案件描述',
    '案情描述',
    '问题内容',
    '诉求详情',
    '具体内容',
    '内容',
  ],
  unit: [
    '承办单位',
    '主办单位',
    '责任单位',
    '办理单位',
    '主责部门',
    '责任部门',
    '主责单位',
    '处置单位',
    '处置部门',
    '承办部门',
    '办理部门',
    '处理单位',
    '处理部门',
    '处理科室',
    '当前处理单位',
    '主办单位简名',
    '主办单位简称',
    '二级承办单位简称',
    '承办单位简称',
    '一级承办单位',
    '二级承办单位',
    '责任科室',
    '所有办理部门',
    '批转单位',
    '派遣单位',
    '交办单位',
    '接收单位',
    '执行单位',
    '主办部门',
  ],
  street: [
    '属地镇街',
    '镇街',
    '所属镇街',
    '街道',
    '街道名',
    '街道名称',
    '所属街道',
    '被反映街乡镇',
    '街乡镇',
    '所属街乡镇',
    '乡镇街道',
    '街镇',
    '所属街镇',
    '乡镇',
    '所属乡镇',
    '镇街名称',
    '属地',
    '属地街道',
    '反映管区',
    '管区',
    '涉及街道',
    '事发街道',
  ],
  grid: [
    '网格',
    '所属网格',
    '网格名称',
    '责任网格',
    '村/社区',
    '所在村社区',
    '村社区',
    '社区',
    '所属社区',
    '村居',
    '反映社区',
    '处理社区/居委会',
    '居委会',
  ],
  assignedAt: [
    '派单时间',
    '交办时间',
    '派发时间',
    '区派单时间',
    '转派时间',
    '派遣时间',
    '下派时间',
    '分派时间',
    '签派时间',
    '市派单时间',
    '受理时间',
    '来电时间',
    '投诉时间',
    '登记时间',
    '上报时间',
    '接报时间',
    '立案时间',
    '发现时间',
    '诉求时间',
    '创建时间',
  ],
  deadline: [
    '办理时限',
    '办结时限',
    '处置时限',
    '处理时限',
    '办理期限',
    '处理期限',
    '承诺完成时间',
    '承诺办结时间',
    '要求办结时间',
    '要求完成时间',
    '规定完成时间',
    '应办结时间',
    '截止时间',
    '办理截止时间',
    '处理截止时间',
    '处置截止时间',
    '部门办理截止时间',
    '区截止时间',
    '市截止时间',
    '办结期限',
    '到期时间',
    '拟办时间',
    '时限',
  ],
  status: [
    '状态',
    '工单状态',
    '办理状态',
    '处理状态',
    '处置状态',
    '事件状态',
    '案件状态',
    '办件状态',
    '诉求状态',
    '当前状态',
    '流程状态',
    '当前环节',
    '处理环节',
    '办理环节',
    '办结状态',
    '是否办结',
  ],
  rating: [
    '满意度',
    '回访满意度',
    '回访结果',
    '是否满意',
    '群众评价',
    '回访总体满意度',
    '总体满意度',
    '评价满意度',
    '满意度评价',
    '群众满意度',
    '市民评价',
    '回访评价',
    '评价结果',
    '评价',
    '测评结果',
  ],
  reopenCount: [
    '重办次数',
    '重办',
    '重启次数',
    '是否重启流程工单',
    '是否重启',
    '是否重办',
    '重新办理次数',
    '退回重办次数',
    '重派次数',
  ],
};

/**
 * Column names that are never a field although they contain one of its names: 网格编号 is no
 * 工单编号, 办结时间 no 办理时限, 回复内容 no 诉求内容. Checked in the "contains" pass only.
 */
export const NOT_THE_FIELD: Readonly<Partial<Record<TicketField, RegExp>>> = {
  number: /网格|社区|电话|手机|身份证|证件|信用代码|父|关联|原工单|合并|批次|序号|企业/,
  title: /副标题/,
  content: /回复|答复|办理|处理|处置|评价|结果|意见|情况|回访|退回|说明/,
  unit: /协办|配合|联系|电话|人$|受理单位/,
  street: /网格|社区|村|地址|点位|电话|门牌/,
  grid: /员|长|电话|编码/,
  assignedAt: /办结|完成|回访|截止|审核|签收|反馈|回复|导入|修改|更新|结案|时限|期限|天数|时长/,
  deadline: /签收|受理时限|响应|超期|剩余|是否|延期|天数|时长/,
  status: /回访|签收|评价|满意|超期|督办|是否按期|审核|响应|接收|解决/,
  rating: /满意率|说明|内容|时间|人|方式|电话|原因/,
  reopenCount: /原因|时间|说明/,
};

/** The fields whose column the answer names when it is missing (with the names looked for). */
export const REPORTED_WHEN_MISSING: readonly TicketField[] = ['unit', 'deadline'];

/** The states a ticket's status text maps to. */
export type TicketState = 'open' | 'unsigned' | 'returned' | 'extension' | 'suspended' | 'done';

/**
 * Status words, tried in this order (substring of the normalised status): the first rule with
 * a word the status contains gives the state. "Still being handled" and "reopened" come first so
 * that 未办结 or 退回重办 never read as 办结 or 退单. The district's `tickets.doneStatuses` are
 * added to the done words.
 *
 * - open: in hand (nagged when overdue).
 * - unsigned: 待签收 / 代签收 — not yet signed by the unit; open, nagged like any open ticket.
 * - returned: 退单 — sent back to the dispatch centre; waits for the platform, not nagged.
 * - extension: 延时申请 — an extension asked for; waits for the platform's decision, not nagged.
 * - suspended: 挂起 — the clock is stopped on the platform; not nagged.
 * - done: finished for the unit (办结, 已反馈, 待回访 …); never nagged.
 */
export const STATUS_RULES: ReadonlyArray<{ state: TicketState; words: readonly string[] }> = [
  {
    state: 'open',
    words: [
      '未办结',
      '未完成',
      '未处置',
      '未处理',
      '未反馈',
      '未答复',
      '未回复',
      '未结案',
      '未完结',
      '未办理',
      '待办结',
      '待处置',
      '待处理',
      '待办理',
      '待反馈',
      '待答复',
      '待回复',
      '办理中',
      '处理中',
      '处置中',
      '在办',
      '重办',
      '重新办理',
      '重启',
      '二次办理',
      '返工',
      '退回重办',
      '已签收',
      '已接收',
      '已受理',
      '已派发',
      '已派遣',
      '已转派',
      '已交办',
    ],
  },
  {
    state: 'unsigned',
    words: ['待签收', '代签收', '未签收', '待接收', '未接收', '待接单', '未接单', '待受理', '未受理'],
  },
  { state: 'returned', words: ['退单', '退件', '退回', '申请退办', '回退'] },
  {
    state: 'extension',
    words: ['延时申请', '申请延时', '延期申请', '申请延期', '延期审核', '延时审核', '延期中', '延时中', '延时'],
  },
  { state: 'suspended', words: ['挂起', '暂停', '中止', '暂缓', '缓办', '冻结'] },
  {
    state: 'done',
    words: [
      '办结',
      '完结',
      '结案',
      '归档',
      '已完成',
      '完成',
      '已关闭',
      '关闭',
      '已回访',
      '回访完成',
      '待回访',
      '已评价',
      '待评价',
      '已处置',
      '处置完成',
      '已反馈',
      '反馈完成',
      '已答复',
      '答复完成',
      '已回复',
      '回复完成',
      '已解决',
      '办理完毕',
      '处理完毕',
      '已办理',
      '已处理',
      '审核通过',
      '已退办',
      '已撤销',
      '撤单',
      '作废',
      '已终止',
    ],
  },
];

/** A status cell that is only a yes/no (a 是否办结 column). */
export const YES = ['是', '已', 'y', 'yes', 'true', '1', '√', '✓'];
export const NO = ['否', '未', 'n', 'no', 'false', '0', '×', '✗'];

/**
 * Rating words to the three ratings the bot counts (满意 / 基本满意 / 不满意), tried in order;
 * null: no rating (not reached, not yet asked, refused). 理解 (the caller accepts the answer)
 * counts as 基本满意: it opens no 双派单. Unknown words are kept as written.
 */
export const RATING_RULES: ReadonlyArray<{ rating: string | null; words: readonly string[] }> = [
  {
    rating: null,
    words: [
      '未评价',
      '未回访',
      '待回访',
      '待评价',
      '联系不上',
      '无法联系',
      '未联系上',
      '未接通',
      '无人接听',
      '拒绝评价',
      '拒评',
      '拒访',
      '空号',
      '停机',
      '关机',
      '不需回访',
      '无需回访',
      '不回访',
      '未打通',
      '号码错误',
      '/',
      '-',
      '—',
      '无',
    ],
  },
  { rating: '不满意', words: ['不满意', '非常不满意', '很不满意', '不太满意', '较不满意', '差评', '否'] },
  { rating: '基本满意', words: ['基本满意', '比较满意', '较满意', '一般', '理解', '认可'] },
  { rating: '满意', words: ['非常满意', '很满意', '满意', '好评', '是'] },
];

/**
 * Rows that are no tickets although they sit among them: totals and notes under the list, a
 * title or export line above it. A row whose 工单编号 cell is empty (or is one of these words)
 * and that has one of these in a cell is passed over without a word.
 */
export const TOTAL_WORDS = ['合计', '总计', '小计', '共计', '总数', '汇总'];
export const NOTE_PREFIXES = [
  '制表人',
  '制表',
  '制表单位',
  '制表时间',
  '填表人',
  '填报人',
  '填报单位',
  '审核人',
  '负责人',
  '统计人',
  '说明',
  '备注',
  '注',
  '导出时间',
  '导出人',
  '打印时间',
  '打印人',
  '统计时间',
  '统计时段',
  '统计日期',
  '数据来源',
  '数据截止',
  '截止日期',
  '查询条件',
  '查询时间',
];
