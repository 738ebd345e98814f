/** The words of the formal notices (issue 18 §4): 《催办通知书》 (书面督办) and 《督办函》 (提请督办). */
import type { NoticeData, NoticeHistoryEntry, NoticeTicket } from '../tickets/notice.js';
import { formatAt, formatDeadline, inZone, WEEKDAY_NAMES } from '../time.js';

/** 督〔2026〕1号 */
export function noticeNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}

export const NOTICE_TITLE = { written: '催办通知书', referral: '督办函' } as const;

/** The file's name as the chat shows it: 催办通知书-督〔2026〕1号.docx */
export function noticeFileName(kind: NoticeData['kind'], number: string): string {
  return `${NOTICE_TITLE[kind]}-${number}.docx`;
}

/** A notice sent with a step's message: its number, and (a 催办通知书) the day the written answer is due. */
export interface AttachedNotice {
  number: string;
  /** YYYY-MM-DD */
  answerBy: string;
}

/** 12月3日（星期四） for a YYYY-MM-DD day. */
export function dayWithWeekday(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${m}月${d}日（星期${WEEKDAY_NAMES[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}）`;
}

/** In the step's message: （督〔2026〕2号《催办通知书》附后） */
export const attachedNotice = (kind: NoticeData['kind'], n: AttachedNotice): string =>
  `（${n.number}《${NOTICE_TITLE[kind]}》附后）`;

/** The evidence pack's sheet of the formal notices that named a ticket. */
export const NOTICES_SHEET = {
  name: '督办文书',
  number: '文号',
  kind: '文书',
  about: '事项',
  at: '印发时间',
  file: '文件',
} as const;

/** What a notice was about, for the evidence: 工单超期督办, or the 双派单 rounds it named (双派单 SP1、SP3). */
export function noticeAbout(codes: readonly string[]): string {
  return codes.length > 0 ? `双派单 ${codes.join('、')}` : '工单超期督办';
}

/** A notice in the evidence's timeline: 《催办通知书》督〔2026〕2号. */
export const noticeEvidenceWhat = (kind: NoticeData['kind'], number: string): string =>
  `《${NOTICE_TITLE[kind]}》${number}`;

/** A notice as blocks for the renderer: each block one paragraph (or the facts table) of the document. */
export type NoticeBlock =
  | {
      kind: 'office' | 'title' | 'number' | 'addressee' | 'heading' | 'para' | 'signature' | 'date' | 'cc';
      text: string;
    }
  | { kind: 'facts'; rows: Array<[string, string]> };

const STEP_NAME: Record<NoticeHistoryEntry['step'], string> = {
  immediate: '即时督办',
  written: '书面督办',
  onsite: '现场督办',
  referral: '提请督办',
  blue: '蓝色提醒',
  yellow: '黄色预警',
  'dual-delivered': '双派单派发',
  'dual-acked': '单位签收',
  'ack-reminder': '签收提醒',
};

function historyLine(h: NoticeHistoryEntry, tz: string): string {
  const signed =
    h.ackedAt === undefined ? '' : h.ackedAt === null ? '，单位未签收' : `，单位于${formatAt(h.ackedAt, tz)}签收`;
  return `${formatAt(h.at, tz)} ${STEP_NAME[h.step]}${signed}`;
}

/**
 * The history as the notice lists it: unsigned 即时督办 in a row are one line (11月30日09:00至12月1日15:00
 * 即时督办4次，单位均未签收), not a line each repeating 单位未签收.
 */
function historyLines(history: readonly NoticeHistoryEntry[], tz: string): string[] {
  const unsigned = (h: NoticeHistoryEntry | undefined) => h?.step === 'immediate' && h.ackedAt === null;
  const out: string[] = [];
  for (let i = 0; i < history.length; ) {
    const h = history[i] as NoticeHistoryEntry;
    let j = i;
    while (unsigned(h) && unsigned(history[j + 1])) j++;
    const last = history[j] as NoticeHistoryEntry;
    out.push(
      j > i
        ? `${formatAt(h.at, tz)}至${formatAt(last.at, tz)} ${STEP_NAME.immediate}${j - i + 1}次，单位均未签收`
        : historyLine(h, tz),
    );
    i = j + 1;
  }
  return out;
}

const DIGITS = '〇一二三四五六七八九';

/** 一 … 九十九 for the headings of the tickets (一、二、…), digits beyond. */
function ordinal(k: number): string {
  if (k < 10) return DIGITS[k] ?? String(k);
  if (k >= 100) return String(k);
  const tens = Math.floor(k / 10);
  const ones = k % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

function chineseDate(at: Date, tz: string): string {
  const d = inZone(at, tz);
  return `${d.year()}年${d.month() + 1}月${d.date()}日`;
}

function ticketBlocks(t: NoticeTicket, k: number, tz: string, withUnit: boolean): NoticeBlock[] {
  const rows: Array<[string, string]> = [
    ['工单编号', t.number],
    ['标题', t.title],
    ['诉求内容', t.content || '（无）'],
  ];
  if (t.round) {
    rows.push(['双派单', `${t.round.code}（第${t.round.seq}轮）`]);
    if (withUnit) rows.push(['承担单位', `${t.unitName}（${t.round.sideLabel}）`]);
  } else if (withUnit) rows.push(['承办单位', t.unitName]);
  rows.push(
    [t.round ? '答复时限' : '办理时限', formatDeadline(t.dueAt, tz)],
    ['超期', `${Math.max(t.daysOverdue, 0)}个工作日`],
  );
  const lines = historyLines(t.history, tz);
  const history = lines.length > 0 ? lines.join('；') : '无';
  rows.push(['督办记录', history]);
  return [
    { kind: 'heading', text: `${ordinal(k)}、工单${t.number}${t.round && withUnit ? `（${t.unitName}）` : ''}` },
    { kind: 'facts', rows },
  ];
}

/** The whole document, top to bottom, in the form of a government office's letter. */
export function noticeBlocks(d: NoticeData): NoticeBlock[] {
  const tz = d.tz;
  const [, mm, dd] = d.answerBy.split('-');
  const answerBy = `${Number(mm)}月${Number(dd)}日`;
  const dual = d.subject === 'dual';
  // A 双派单 with both sides late is one matter and two units.
  const matters = new Set(d.tickets.map((t) => t.round?.code ?? t.number)).size;
  const n = `${matters}件`;
  const units = matters === d.tickets.length ? '' : `（涉及${d.tickets.length}个单位）`;
  const intro =
    d.kind === 'written'
      ? dual
        ? `经查，你单位承担的以下${n}12345热线工单双派单事项已超过答复时限，经即时督办仍未答复。` +
          '根据双派单、双倒查、双问责工作有关规定，现予书面督办。'
        : `经查，你单位承办的以下${n}12345热线工单已超过办理时限，经即时督办仍未办结。` +
          '根据热线工单督办工作有关规定，现予书面督办。'
      : dual
        ? `以下${n}12345热线工单双派单事项${units}经即时督办、书面督办、现场督办，相关单位仍未答复，` +
          '现将有关情况报告如下，提请领导督办。'
        : `以下${n}12345热线工单经即时督办、书面督办、现场督办，承办单位仍未办结，` +
          '现将有关情况报告如下，提请领导督办。';
  const codes = [...new Set(d.tickets.flatMap((t) => (t.round ? [t.round.code] : [])))].join('、');
  const ask =
    d.kind === 'written'
      ? dual
        ? `请你单位主要负责同志亲自过问，接此通知后立即组织办理，于${answerBy}前将办理情况书面反馈${d.office}，` +
          `并回复“${codes} 办理情况”。逾期仍未答复的，将按程序提请督办，并移送纪检、督办联合问责。`
        : `请你单位接此通知后立即组织办理，于${answerBy}前办结并将办理情况书面反馈${d.office}；` +
          '确有困难不能按期办结的，请书面说明原因及办理计划。逾期未反馈的，将按程序提请督办。'
      : dual
        ? `建议责成相关单位于${answerBy}前答复并书面反馈；逾期仍未答复的，按规定移送纪检、督办联合问责` +
          '（双问责）。妥否，请批示。'
        : `建议责成承办单位于${answerBy}前办结并书面反馈；逾期仍未办结的，按规定启动问责程序。妥否，请批示。`;
  return [
    { kind: 'office', text: d.office },
    { kind: 'title', text: NOTICE_TITLE[d.kind] },
    { kind: 'number', text: d.number },
    { kind: 'addressee', text: `${d.addressee}：` },
    { kind: 'para', text: intro },
    ...d.tickets.flatMap((t, i) => ticketBlocks(t, i + 1, tz, d.kind === 'referral')),
    { kind: 'para', text: ask },
    { kind: 'signature', text: d.office },
    { kind: 'date', text: chineseDate(d.issuedAt, tz) },
    { kind: 'cc', text: `抄送：${d.cc.length > 0 ? d.cc.join('、') : '无'}。` },
  ];
}

/** Addressed to the leaders in a 督办函. */
export function leadersAddressee(names: readonly string[]): string {
  return names.length > 0 ? names.join('、') : '区领导';
}
