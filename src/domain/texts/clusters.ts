/** Repeat warnings (issue 18 §1, 及早发现、提前预警): what the bot says about a cluster of tickets (zh-CN). */

export interface ClusterWarning {
  code: string;
  place: string;
  unitName: string;
  numbers: readonly string[];
  windowDays: number;
  /** Tickets of this cluster that repeat one citizen's request: [earlier, later]. */
  mergePairs: readonly (readonly [string, string])[];
  /** First warning, or the cluster grew since the last one. */
  grown: boolean;
}

function listOf(w: ClusterWarning): string {
  const merge =
    w.mergePairs.length === 0
      ? ''
      : `\n建议并单：${w.mergePairs.map(([a, b]) => `${b}与${a}`).join('；')}` +
        '（诉求内容基本相同，疑为同一群众重复来电）。';
  return `工单：${w.numbers.join('、')}。${merge}`;
}

/** To the responsible unit's head, point-to-point. */
export function clusterUnitText(w: ClusterWarning): string {
  const head = w.grown
    ? `【重复诉求预警 ${w.code}】${w.place}同类诉求近${w.windowDays}日内又有新增，已达${w.numbers.length}件。`
    : `【重复诉求预警 ${w.code}】${w.place}近${w.windowDays}日内出现同类诉求${w.numbers.length}件。`;
  return `${head}\n${listOf(w)}\n请${w.unitName}举一反三、统筹研判，从源头解决，避免再次投诉。`;
}

/** To the supervision team, in the group. */
export function clusterGroupText(w: ClusterWarning): string {
  const what = w.grown ? `增至${w.numbers.length}件` : `${w.numbers.length}件`;
  return (
    `【重复诉求预警 ${w.code}】${w.place}近${w.windowDays}日同类诉求${what}，承办单位：${w.unitName}。\n` +
    `${listOf(w)}\n请督导专班关注。如无需跟进，可回复“忽略 ${w.code}”。`
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

/** To the head of the street (属地镇街) where the tickets are, when it is not the responsible unit. */
export function clusterStreetText(w: ClusterWarning, street: string): string {
  return (
    `【重复诉求预警 ${w.code}】${w.place}近${w.windowDays}日内同类诉求${w.numbers.length}件，` +
    `承办单位：${w.unitName}。\n` +
    `${listOf(w)}\n请${street}作为属地配合排查，协助从源头解决。`
  );
}
