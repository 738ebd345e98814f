/** Repeat warnings (issue 18 §1, 及早发现、提前预警): what the bot says about a cluster of tickets (zh-CN). */
import { packLines } from '../message-parts.js';

export interface ClusterWarning {
  code: string;
  place: string;
  unitName: string;
  /** Ticket numbers told in earlier warnings (none when the cluster has just formed). */
  earlier: readonly string[];
  /** Ticket numbers new in this warning (all of them when the cluster has just formed). */
  added: readonly string[];
  /** 11月10日: the day of its first ticket and of its last. */
  firstDay: string;
  lastDay: string;
  windowDays: number;
  /** Dismissed (忽略) before this warning: it has grown by `regrow` since. */
  dismissed: boolean;
  /** Of all its tickets, how many the responsible unit handles. */
  unitTickets: number;
  /** Tickets that repeat one citizen's request: [earlier, later]. */
  mergePairs: readonly (readonly [string, string])[];
}

/** Earlier numbers listed at most: the rest are counted. */
const EARLIER_LISTED = 20;

const span = (w: ClusterWarning) => (w.firstDay === w.lastDay ? w.firstDay : `${w.firstDay}至${w.lastDay}`);

/** 阳光花园近30日内同类诉求3件（…） on forming; 阳光花园同类诉求新增1件，累计4件（…） on growing. */
function headline(w: ClusterWarning): string {
  const total = w.earlier.length + w.added.length;
  if (w.earlier.length === 0) return `${w.place}近${w.windowDays}日内同类诉求${total}件（${span(w)}）`;
  const after = w.dismissed ? '忽略后又新增' : '新增';
  return `${w.place}同类诉求${after}${w.added.length}件，累计${total}件（${span(w)}）`;
}

function numbers(w: ClusterWarning): string {
  if (w.earlier.length === 0) return `工单：${w.added.join('、')}。`;
  const shown = w.earlier.slice(0, EARLIER_LISTED).join('、');
  const more = w.earlier.length > EARLIER_LISTED ? `等${w.earlier.length}件` : '';
  return `新增工单：${w.added.join('、')}。\n此前工单：${shown}${more}。`;
}

function merge(w: ClusterWarning): string {
  if (w.mergePairs.length === 0) return '';
  const pairs = w.mergePairs.map(([a, b]) => `${b}与${a}`).join('、');
  return `\n其中${pairs}诉求内容基本相同，疑为同一群众重复来电，建议核实后按规定并单。`;
}

/** To the responsible unit's head, point-to-point. */
export function clusterUnitText(w: ClusterWarning): string {
  const total = w.earlier.length + w.added.length;
  const whose = w.unitTickets >= total ? '均由贵单位承办' : `其中贵单位承办${w.unitTickets}件`;
  return (
    `【重复诉求预警 ${w.code}】${headline(w)}，${whose}。\n${numbers(w)}${merge(w)}\n` +
    '请贵单位举一反三、统筹研判，从源头解决，避免群众再次投诉。'
  );
}

/** To the head of the street (属地镇街) where the tickets are, when it is not the responsible unit. */
export function clusterStreetText(w: ClusterWarning, street: string): string {
  return (
    `【重复诉求预警 ${w.code}】${headline(w)}，承办单位：${w.unitName}。\n${numbers(w)}\n` +
    `请${street}作为属地配合排查，协助从源头解决。`
  );
}

/** To the supervision team, in the group. */
export function clusterGroupText(w: ClusterWarning): string {
  return (
    `【重复诉求预警 ${w.code}】${headline(w)}，承办单位：${w.unitName}。\n${numbers(w)}${merge(w)}\n` +
    `请督导专班关注跟进。经核实无需跟进的，请回复“忽略 ${w.code}”。`
  );
}

export function clusterDismissedText(code: string, regrow: number): string {
  return `已忽略预警 ${code}。此后如再新增${regrow}件同类诉求，将重新提示。`;
}

export function clusterUnknownText(code: string): string {
  return `未找到预警 ${code}，请核对编号。`;
}

export function clusterAlreadyDismissedText(code: string): string {
  return `预警 ${code} 此前已忽略，无需重复操作。`;
}

/** To someone not of the supervision team; `code` when the message named one. */
export function clusterDismissRefusedText(code?: string): string {
  return `抱歉，忽略预警${code ? ` ${code} ` : ''}需由督导专班确认。如认为无需跟进，请联系督导专班。`;
}

/** Open warnings listed at most when a dismissal names several. */
const NAMED_LISTED = 8;

/**
 * A supervisor dismissed a warning in words, without its code (烧烤店那个预警忽略吧): the one it names is asked about,
 * several are listed, none is said; never dismissed on a guess.
 */
export function clusterDismissAskText(
  words: string,
  named: readonly { code: string; place: string; size: number }[],
): string {
  const label = (w: { code: string; place: string; size: number }) => `${w.code}（${w.place}，${w.size}件）`;
  const [one] = named;
  if (named.length === 1 && one) return `是否忽略 ${label(one)}？请回复“忽略 ${one.code}”。`;
  if (one) {
    const shown = named.slice(0, NAMED_LISTED);
    const more = named.length > shown.length ? `\n另有${named.length - shown.length}处未列出。` : '';
    const what = words ? `与“${words}”相关的` : '目前待跟进的';
    return (
      `${what}重复诉求预警有${named.length}处，请确认忽略哪一处，回复“忽略”加编号，如“忽略 ${one.code}”：\n` +
      `${shown.map(label).join('\n')}${more}`
    );
  }
  return words
    ? `未找到与“${words}”相关的待跟进重复诉求预警，请核对后回复“忽略”加编号，如“忽略 C1”。`
    : '目前没有待跟进的重复诉求预警。';
}

// ---- one import, many warnings: one message per recipient (a backlog's first import) -------------------------

/** Ticket numbers a digest line shows at most; the rest are counted (等). */
const DIGEST_NUMBERS = 3;

const firstNumbers = (ns: readonly string[]) =>
  `${ns.slice(0, DIGEST_NUMBERS).join('、')}${ns.length > DIGEST_NUMBERS ? '等' : ''}`;

/** C12 阳光花园同类诉求5件（11月10日至11月14日）, or …新增2件，累计6件（…）: a digest line's start. */
function lineHead(w: ClusterWarning): string {
  const total = w.earlier.length + w.added.length;
  if (w.earlier.length === 0) return `${w.code} ${w.place}同类诉求${total}件（${span(w)}）`;
  const after = w.dismissed ? '忽略后又新增' : '新增';
  return `${w.code} ${w.place}同类诉求${after}${w.added.length}件，累计${total}件（${span(w)}）`;
}

/** The numbers a digest line shows: the first three of a new cluster, the first three new ones of a grown one. */
function lineNumbers(w: ClusterWarning): string {
  return w.earlier.length === 0 ? `工单${firstNumbers(w.added)}` : `新增工单${firstNumbers(w.added)}`;
}

/** For the unit responsible: how many are its own when not all. */
function ownLine(w: ClusterWarning): string {
  const total = w.earlier.length + w.added.length;
  const mine = w.unitTickets >= total ? '' : `，其中贵单位承办${w.unitTickets}件`;
  return `${lineHead(w)}${mine}，${lineNumbers(w)}`;
}

/** For the group and a street: who handles it. */
function otherLine(w: ClusterWarning): string {
  return `${lineHead(w)}，${w.unitName}承办，${lineNumbers(w)}`;
}

const numbered = (lines: readonly string[]) => lines.map((l, i) => `${i + 1}. ${l}`);

const DIGEST_CONTINUED = '【重复诉求预警】（续上条）';

/** How to see one of them whole: with a code from the list. */
const seeOne = (code: string) => `如需查看某处的全部工单，请回复“查看”加编号，如“查看 ${code}”。`;

/** What was told in the group besides the list. */
export interface DigestGroupFacts {
  /** All clusters of the import to warn about, largest first; the group lists the first `listed`. */
  all: readonly ClusterWarning[];
  listed: number;
  /** Every cluster's responsible unit had someone told (its head, else its liaison). */
  unitsTold: boolean;
  /** Some street (属地镇街) was told too. */
  streetsTold: boolean;
}

/** To the supervision team in the group: one message (or a few when long) for the whole import. */
export function clusterDigestGroupText(f: DigestGroupFacts): string[] {
  const shown = f.all.slice(0, f.listed);
  const rest = f.all.length - shown.length;
  const opening = `【重复诉求预警】本次导入的工单中，新发现或扩大的重复诉求共${f.all.length}处`;
  const head = rest > 0 ? `${opening}，以下列出件数最多的${shown.length}处：` : `${opening}，按件数排列如下：`;
  const after: string[] = [];
  const told = f.streetsTold ? '各承办单位、属地镇街' : '各承办单位';
  if (rest > 0) after.push(`另有${rest}处未列出。${f.unitsTold ? `${told}均已分别收到各自涉及的预警。` : ''}`);
  else if (f.unitsTold) after.push(`${told}均已分别收到各自涉及的预警。`);
  const pairs = f.all.reduce((n, w) => n + w.mergePairs.length, 0);
  if (pairs > 0)
    after.push(
      `经比对，有${pairs}组工单诉求内容基本相同，疑为同一群众重复来电，` +
        `${f.unitsTold ? '已提示承办单位核实后按规定并单' : '建议核实后按规定并单'}。`,
    );
  const code = shown[0]?.code ?? 'C1';
  after.push(
    `请督导专班关注跟进。如需查看某处的全部工单，请回复“查看”加编号，如“查看 ${code}”；` +
      '经核实无需跟进的，请回复“忽略”加编号。',
  );
  return packLines([head, ...numbered(shown.map(otherLine)), ...after], DIGEST_CONTINUED);
}

/**
 * To a unit's head: the clusters it is responsible for (`own`), and, for a street (属地镇街), those in its area
 * another unit handles (`local`); with the 并单 pairs of its own, one line each.
 */
export function clusterDigestUnitText(
  own: readonly ClusterWarning[],
  local: readonly ClusterWarning[],
  street: string,
): string[] {
  const total = own.length + local.length;
  const lines: string[] = [];
  const keep = new Set<number>();
  const opening = '【重复诉求预警】本次导入的工单中，新发现或扩大的重复诉求';
  const heading = (text: string) => {
    keep.add(lines.length);
    lines.push(text);
  };
  if (local.length === 0) lines.push(`${opening}涉及贵单位${total}处，按件数排列如下：`);
  else if (own.length === 0) lines.push(`${opening}在${street}辖区内有${total}处，按件数排列如下：`);
  else {
    lines.push(`${opening}涉及贵单位${total}处。`);
    heading(`一、由贵单位承办的${own.length}处：`);
  }
  lines.push(...numbered(own.map(ownLine)));
  if (own.length > 0 && local.length > 0) heading(`二、辖区内由其他单位承办的${local.length}处：`);
  lines.push(...numbered(local.map(otherLine)));
  const pairs = own.flatMap((w) => w.mergePairs.map(([a, b]) => `${b}与${a}（${w.code}）`));
  if (pairs.length > 0) {
    heading('以下工单诉求内容基本相同，疑为同一群众重复来电，建议核实后按规定并单：');
    lines.push(...pairs);
  }
  const code = (own[0] ?? local[0])?.code ?? 'C1';
  if (local.length === 0) lines.push(`请贵单位举一反三、统筹研判，逐处从源头解决，避免群众再次投诉。${seeOne(code)}`);
  else if (own.length === 0) lines.push(`请${street}作为属地配合排查，协助从源头解决。${seeOne(code)}`);
  else
    lines.push(
      '请贵单位举一反三、统筹研判，从源头解决，避免群众再次投诉；辖区内由其他单位承办的，请作为属地配合排查。' +
        seeOne(code),
    );
  return packLines(lines, DIGEST_CONTINUED, undefined, (i) => keep.has(i));
}

// ---- one cluster on request (查看 C12) ------------------------------------------------------------------------

export interface ClusterDetail {
  code: string;
  place: string;
  total: number;
  firstDay: string;
  lastDay: string;
  /** Units handling its tickets, most first: [name, count]. */
  units: readonly (readonly [string, number])[];
  /** Streets (属地镇街) its tickets name. */
  streets: readonly string[];
  /** Its tickets, oldest first: number, day (11月10日), title. */
  tickets: readonly { number: string; day: string; title: string }[];
  mergePairs: readonly (readonly [string, string])[];
  /** The size it had when the supervision team dismissed it (忽略), if it did. */
  dismissedAt: number | null;
}

/** Tickets a detail lists at most (the latest); titles cut to this many characters. */
const DETAIL_LISTED = 30;
const TITLE_CHARS = 24;

const cutTitle = (s: string) => ([...s].length > TITLE_CHARS ? `${[...s].slice(0, TITLE_CHARS).join('')}…` : s);

/** The answer to 查看 C12: the cluster as it stands, every ticket (the latest 30) with its day and title. */
export function clusterDetailText(d: ClusterDetail): string[] {
  const when = d.firstDay === d.lastDay ? d.firstDay : `${d.firstDay}至${d.lastDay}`;
  const [only] = d.units;
  const who =
    d.units.length === 1 && only
      ? `均由${only[0]}承办`
      : `承办单位：${d.units.map(([name, n]) => `${name}${n}件`).join('、')}`;
  const where = d.streets.length > 0 ? `；属地：${d.streets.join('、')}` : '';
  const lines = [`【重复诉求预警 ${d.code}】${d.place}同类诉求${d.total}件（${when}），${who}${where}。`];
  const shown = d.tickets.slice(-DETAIL_LISTED);
  lines.push(shown.length < d.tickets.length ? `以下为最近${shown.length}件：` : '工单如下：');
  lines.push(...numbered(shown.map((t) => `${t.number}（${t.day}）${cutTitle(t.title)}`)));
  if (d.mergePairs.length > 0) {
    const pairs = d.mergePairs.map(([a, b]) => `${b}与${a}`).join('、');
    lines.push(`其中${pairs}诉求内容基本相同，疑为同一群众重复来电，建议核实后按规定并单。`);
  }
  if (d.dismissedAt !== null) lines.push(`督导专班曾于累计${d.dismissedAt}件时忽略该预警。`);
  return packLines(lines, `【重复诉求预警 ${d.code}】（续上条）`, undefined, (i) => i === 1);
}
