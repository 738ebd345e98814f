/**
 * Worst-case inputs for the text parsers (issue 14 item 4) and the parsers they are fed to,
 * shared by `scripts/abuse/parser-time.ts` (prints the figures and checks linear scaling) and
 * `test/parser-time.test.ts` (every parser on every input, no timing). Inputs are built to hit
 * backtracking: long runs of spaces, digits, punctuation, CJK, repeated keywords, unclosed
 * brackets, @-runs, mixed scripts.
 */
import { loadDistrictFile } from '../../src/config/load.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { campaignItems, itemsLedBy } from '../../src/domain/campaign/items.js';
import { readCampaign } from '../../src/domain/campaign/read.js';
import { parseDispatch } from '../../src/domain/dispatch/parse.js';
import { clipTitle } from '../../src/domain/language/clip.js';
import { dropCjkSpaces, stripDecorations } from '../../src/domain/language/decorations.js';
import {
  ackTail,
  courtesyOf,
  hasSubstance,
  intentOf,
  isPlanOnly,
  isQuestion,
  onlyFiller,
} from '../../src/domain/language/intent.js';
import { splitQuote } from '../../src/domain/language/quote.js';
import { bareDecisionOf, progressQueryOf } from '../../src/domain/leader/questions.js';
import { isMyItemsRequest } from '../../src/domain/my-items/request.js';
import { isAdoptReply } from '../../src/domain/report/adopt.js';
import { explainReport } from '../../src/domain/report/parse.js';
import { Roster } from '../../src/domain/roster.js';
import { parseTicketCommand } from '../../src/domain/tickets/commands.js';
import { ticketTitle } from '../../src/domain/tickets/title.js';

const SENT = '2026-11-20T17:40:00+08:00';

/** Repeats `unit` until the text is `n` characters long (cut at n). */
function fill(unit: string, n: number, head = '', tail = ''): string {
  const body = Math.max(0, n - head.length - tail.length);
  return head + unit.repeat(Math.ceil(body / unit.length)).slice(0, body) + tail;
}

const REPORT_LINE =
  '城东街道：今日受理工单12件，办结10件，在办2件，无超期、重办工单；' +
  '本月累计受理120件；满意率98.5%。会同城管局清理杂物17处。\n';

export interface WorstInput {
  name: string;
  make: (n: number) => string;
}

export const WORST_INPUTS: readonly WorstInput[] = [
  { name: '受理 + spaces + 12件', make: (n) => fill(' ', n, '受理', '12件') },
  { name: 'spaces then ？', make: (n) => fill(' ', n, '受理12件', '吗') },
  { name: 'trailing brackets and emoji', make: (n) => fill('】）~！😀', n, '城东街道受理12件', 'x') },
  { name: 'tabs and full-width spaces', make: (n) => fill('\t\u3000 ', n, '受理', '12件') },
  { name: 'digits', make: (n) => fill('1234567890', n, '受理') },
  { name: 'digits and dots', make: (n) => fill('1.', n, '满意率') },
  { name: 'digits and colons', make: (n) => fill('1:', n, '办结') },
  { name: 'punctuation', make: (n) => fill('，。；：、！？', n, '受理12件') },
  { name: 'repeated keyword', make: (n) => fill('受理', n) },
  { name: 'repeated figure', make: (n) => fill('受理12件，', n) },
  { name: 'repeated rate', make: (n) => fill('满意率', n) },
  { name: 'chinese numerals', make: (n) => fill('一二三四五六七八九十', n, '受理') },
  { name: '百分之 run', make: (n) => fill('百分之九十九点', n, '满意率') },
  { name: 'CJK run, no punctuation', make: (n) => fill('城东街道今日工单情况', n) },
  { name: 'CJK separated by spaces', make: (n) => fill('受 ', n) },
  { name: '@ mentions', make: (n) => fill('@张局长', n, '', '请明天上午10点前报我') },
  { name: '@ without end', make: (n) => fill('@', n) },
  { name: 'unit names', make: (n) => fill('城东街道、', n, '', '：请明天上午报我') },
  { name: 'brackets unclosed', make: (n) => fill('（累计', n) },
  { name: 'table pipes', make: (n) => fill('| ', n, '受理 | 办结\n', '\n12 | 10') },
  { name: 'table lines', make: (n) => fill('受理 办结\n', n) },
  { name: 'newlines', make: (n) => fill('\n', n, '受理', '12件') },
  { name: 'WeChat emoticon brackets', make: (n) => fill('[强', n) },
  { name: 'emoji', make: (n) => fill('👍🏻', n, '受理', '12件') },
  { name: 'dashes', make: (n) => fill('-—', n, '城东街道', '受理') },
  { name: 'quote lines', make: (n) => fill('「', n, '', '」\n- - - - - - - - - - - - - - -\n收到') },
  { name: 'time words', make: (n) => fill('明天上午', n, '@张局长 ', '前报我') },
  { name: 'traditional', make: (n) => fill('辦結無超期區衛生健康局鎮', n) },
  { name: '转发 markers', make: (n) => fill('【转发】', n) },
  { name: 'names with titles', make: (n) => fill('张局长：', n) },
  { name: '@a + spaces + b', make: (n) => fill(' ', n, '@张局长', '收到') },
  { name: 'quote + spaces', make: (n) => fill(' ', n, '「张局长：', 'x」\n- - - - - -\n收到') },
  { name: 'quote + blank lines', make: (n) => fill('\n', n, '「张局长：x」', '- - - - - -\n收到') },
  { name: 'digits and spaces', make: (n) => fill('1 ', n, '受理') },
  { name: 'colons', make: (n) => fill('：', n, '受理', '12') },
  { name: 'ellipsis and stops', make: (n) => fill('…。！', n, '路灯不亮', 'x') },
  { name: 'ticket number + spaces', make: (n) => fill(' ', n, 'GD20261120001', '申请退回') },
  { name: 'ticket number + commas', make: (n) => fill('，', n, '退办 GD20261120001', '理由') },
  { name: 'lead-in words', make: (n) => fill('市民来电反映', n) },
  // The day's received phrase (day-received.ts): hotline words and day words with no number after them.
  { name: 'day + hotline words', make: (n) => fill('今日12345热线', n, '', '工单5件') },
  { name: 'hotline + day words', make: (n) => fill('12345工单今日共接', n) },
  { name: 'day + blanks and colons', make: (n) => fill(' ：', n, '今日12345工单') },
  // From the fuzz tests (their timing moved here): repeated report lines, keywords and dispatch phrases.
  { name: 'report lines', make: (n) => fill(REPORT_LINE, n) },
  ...[
    '率',
    '无',
    '、',
    '.',
    '年月日',
    '十',
    '会同',
    '12345',
    '零',
    '城东街道很好',
    '城东街道受理1件',
    '住建局、',
    '1月1日',
    '城东街道攻坚进展1',
  ].map((u): WorstInput => ({ name: `repeated ${u}`, make: (n) => fill(u, n) })),
  { name: 'dispatch to two units', make: (n) => fill('城管局、湖滨街道：请明天下午3点前反馈，', n) },
  { name: 'CJK numeral 一', make: (n) => fill('一', n) },
  { name: 'unit and comma', make: (n) => fill('城管局，', n) },
  { name: '请 … 城管局 … ：', make: (n) => `${'请'.repeat(Math.floor(n / 2))}城管局${'：'.repeat(Math.floor(n / 2))}` },
  { name: 'repeated time', make: (n) => fill('下午3点', n) },
  // 百日攻坚 (the campaign reader): items named over and over, figures, 累计, fractions, points, table rows.
  { name: 'campaign items', make: (n) => fill('老旧小区改造加装电梯', n, '百日攻坚：') },
  { name: 'campaign figures', make: (n) => fill('老旧小区改造今日完成1个，累计9个；', n, '百日攻坚：') },
  { name: 'campaign one clause', make: (n) => fill('1个小区2部', n, '百日攻坚：老旧小区改造') },
  { name: 'campaign 累计', make: (n) => fill('累计', n, '百日攻坚：加装电梯', '21部') },
  { name: 'campaign fractions', make: (n) => fill('1/', n, '攻坚：老旧小区改造') },
  { name: 'campaign points', make: (n) => fill('一是加装电梯', n, '攻坚：') },
  { name: 'campaign table', make: (n) => fill('老旧小区改造\t2\t11\n', n, '项目\t今日\t累计\n') },
  { name: 'campaign lines', make: (n) => fill('加装电梯\n', n, '百日攻坚\n') },
];

export interface ParserTarget {
  name: string;
  run: (text: string) => unknown;
}

/** The shared samples' roster (the test suite passes its own copy, test/fixtures/roster.json). */
export const SHARED_ROSTER = new URL('../../../shared/fixtures/roster.json', import.meta.url).pathname;

/** The example district, whose 区住建局 leads two campaign items (老旧小区改造, 加装电梯). */
const EXAMPLE_DISTRICT = new URL('../../config/district.example.yaml', import.meta.url).pathname;

export function parserTargets(rosterPath = SHARED_ROSTER): ParserTarget[] {
  const config = loadDistrictFile(rosterPath);
  const example = loadDistrictFile(EXAMPLE_DISTRICT);
  const items = itemsLedBy(campaignItems(example.campaign, example.units), 'zhujian');
  const roster = Roster.fromConfig(config);
  const calendar = new WorkCalendar(config.calendar);
  return [
    { name: 'report', run: (text) => explainReport({ text, sentAt: SENT, from: 'wxid_zhujian_zhang' }, roster) },
    {
      name: 'dispatch',
      run: (text) => parseDispatch({ text, sentAt: SENT, from: 'wxid_leader_li' }, roster, calendar),
    },
    {
      name: 'intent',
      run: (text) => [
        intentOf(text),
        isPlanOnly(text),
        hasSubstance(text),
        isQuestion(text),
        courtesyOf(text),
        ackTail(text),
        onlyFiller(text),
        splitQuote(text),
      ],
    },
    { name: 'campaign', run: (text) => readCampaign(text, items) },
    { name: 'decorations', run: (text) => [stripDecorations(text), dropCjkSpaces(text)] },
    { name: 'ticket title', run: (text) => [ticketTitle('', text), ticketTitle(text, ''), clipTitle(text)] },
    {
      name: 'commands',
      run: (text) => [
        parseTicketCommand(text),
        isMyItemsRequest(text),
        progressQueryOf(text),
        bareDecisionOf(text),
        isAdoptReply(text),
      ],
    },
  ];
}

/** Best of `reps` runs, in ms. */
export function timeMs(run: () => unknown, reps = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    run();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}
