/** Repeat warnings (issue 18 §1, 及早发现、提前预警): what the bot says about a cluster of tickets (zh-CN). */

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

export function clusterDismissRefusedText(code: string): string {
  return `抱歉，忽略预警 ${code} 需由督导专班确认。如认为无需跟进，请联系督导专班。`;
}
